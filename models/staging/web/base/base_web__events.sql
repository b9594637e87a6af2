with

source as (
    select * from {{ source('web', 'events') }}
),

renamed as (
    select
        -- ids
        nullif(trim(event_id), '') as web_event_id,
        lower(nullif(trim(anonymous_id), '')) as anonymous_id,
        -- the shop customer id of a logged-in visitor (web and app share the shop login)
        nullif(trim(user_id), '') as shop_customer_id,
        nullif(trim(product_id), '') as shop_product_id,

        -- strings
        lower(nullif(trim(event_type), '')) as event_type,
        lower(nullif(trim(platform), '')) as platform,
        nullif(trim(page_url), '') as page_url,
        nullif(trim(user_agent), '') as user_agent,

        -- numerics
        {{ scv.safe_cast('time_on_page_seconds', 'integer') }} as time_on_page_seconds,

        -- booleans
        coalesce({{ scv.regex_matches('lower(user_agent)', 'bot|crawler|spider') }}, false)
            as is_bot,

        -- timestamps
        {{ scv.parse_timestamp('occurred_at', 'iso8601') }} as occurred_at,

        -- lineage
        _scv_source_file as source_file,
        _scv_loaded_at as loaded_at
    from source
),

validated as (
    select
        *,
        {{ scv.quarantine_reasons({
            'missing_record_id': 'web_event_id is null',
            'duplicate_record_id': scv.is_older_duplicate('web_event_id', 'occurred_at'),
            'missing_device': 'anonymous_id is null',
            'invalid_occurred_at': 'occurred_at is null',
            'bot_traffic': 'is_bot',
            'unknown_event_type':
                "event_type not in ('page_view', 'product_view', 'add_to_cart',"
                ~ " 'checkout_started', 'login', 'logout')",
        }) }} as quarantine_reason
    from renamed
)

select * from validated
