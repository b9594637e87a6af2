with

source as (
    select * from {{ source('email', 'campaign_events') }}
),

renamed as (
    select
        -- ids
        nullif(trim(event_id), '') as email_event_id,
        nullif(trim(leid), '') as email_subscriber_id,
        nullif(trim(campaign_id), '') as email_campaign_id,

        -- strings
        {{ scv.normalize_email('email') }} as email,
        lower(nullif(trim(event_type), '')) as event_type,
        nullif(trim(url), '') as clicked_url,

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
            'missing_record_id': 'email_event_id is null',
            'duplicate_record_id': scv.is_older_duplicate('email_event_id', 'occurred_at'),
            'missing_subscriber': 'email_subscriber_id is null and email is null',
            'invalid_occurred_at': 'occurred_at is null',
            'unknown_event_type':
                "event_type not in ('sent', 'open', 'click', 'bounce', 'unsubscribe')",
        }) }} as quarantine_reason
    from renamed
)

select * from validated
