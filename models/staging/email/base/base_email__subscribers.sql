with

source as (
    select * from {{ source('email', 'subscribers') }}
),

renamed as (
    select
        -- ids
        nullif(trim(leid), '') as email_subscriber_id,

        -- person attributes, raw
        first_name as first_name_raw,
        last_name as last_name_raw,
        cast(null as {{ dbt.type_string() }}) as full_name_raw,
        email_address as email_raw,
        cast(null as {{ dbt.type_string() }}) as phone_raw,
        cast(null as {{ dbt.type_string() }}) as address_line1_raw,
        cast(null as {{ dbt.type_string() }}) as address_line2_raw,
        cast(null as {{ dbt.type_string() }}) as city_raw,
        cast(null as {{ dbt.type_string() }}) as region_raw,
        zip as postal_code_raw,
        cast(null as {{ dbt.type_string() }}) as country_raw,

        -- strings
        lower(nullif(trim(status), '')) as subscription_status,

        -- numerics
        {{ scv.safe_cast('member_rating', 'integer') }} as member_rating,

        -- booleans
        lower(status) = 'subscribed' as is_subscribed,
        nullif(trim(confirm_time), '') is not null as is_double_opt_in,

        -- timestamps (the platform exports UTC)
        {{ scv.parse_timestamp('optin_time', 'ymd_hms_utc') }} as opted_in_at,
        {{ scv.parse_timestamp('confirm_time', 'ymd_hms_utc') }} as confirmed_at,
        {{ scv.parse_timestamp('last_changed', 'ymd_hms_utc') }} as updated_at,

        -- lineage
        _scv_source_file as source_file,
        _scv_loaded_at as loaded_at
    from source
),

{{ scv.standardize_person('renamed', assume_country=false) }},

validated as (
    select
        *,
        {{ scv.quarantine_reasons({
            'missing_record_id': 'email_subscriber_id is null',
            'duplicate_record_id': scv.is_older_duplicate('email_subscriber_id', 'updated_at'),
            'test_record': 'is_test_record',
            'missing_email': 'email is null',
            'invalid_opted_in_at': 'opted_in_at is null',
            'unknown_subscription_status':
                "subscription_status not in ('subscribed', 'unsubscribed', 'cleaned', 'pending')",
        }) }} as quarantine_reason
    from person_standardized
)

select * from validated
