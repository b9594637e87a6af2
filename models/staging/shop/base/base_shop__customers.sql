with

source as (
    select * from {{ source('shop', 'customers') }}
),

renamed as (
    select
        -- ids
        cast(id as {{ dbt.type_string() }}) as shop_customer_id,

        -- person attributes, raw
        first_name as first_name_raw,
        last_name as last_name_raw,
        cast(null as {{ dbt.type_string() }}) as full_name_raw,
        email as email_raw,
        phone as phone_raw,
        default_address1 as address_line1_raw,
        default_address2 as address_line2_raw,
        default_city as city_raw,
        default_province as region_raw,
        default_zip as postal_code_raw,
        default_country_code as country_raw,

        -- strings
        lower(state) as account_state,
        -- the social account used to sign in, as social_profile_id ('facebook:handle')
        lower(nullif(trim(social_login), '')) as social_login_profile_id,

        -- booleans
        lower(state) = 'guest' as is_guest,
        coalesce(accepts_marketing, false) as accepts_marketing,

        -- timestamps
        {{ scv.to_utc_timestamp('created_at') }} as created_at,
        {{ scv.to_utc_timestamp('updated_at') }} as updated_at,

        -- lineage
        _scv_source_file as source_file,
        _scv_loaded_at as loaded_at
    from source
),

{{ scv.standardize_person('renamed') }},

validated as (
    select
        *,
        {{ scv.quarantine_reasons({
            'missing_record_id': 'shop_customer_id is null',
            'duplicate_record_id': scv.is_older_duplicate('shop_customer_id', 'updated_at'),
            'test_record': 'is_test_record',
            'invalid_created_at': 'created_at is null',
            'unknown_account_state': "account_state not in ('enabled', 'disabled', 'invited', 'guest')",
            'no_identifier': scv.has_no_identifier(),
        }) }} as quarantine_reason
    from person_standardized
)

select * from validated
