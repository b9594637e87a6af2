with

source as (
    select * from {{ source('crm', 'contacts') }}
),

renamed as (
    select
        -- ids
        nullif(trim(id), '') as crm_contact_id,
        nullif(trim(account_id), '') as crm_account_id,

        -- person attributes, raw
        first_name as first_name_raw,
        last_name as last_name_raw,
        cast(null as {{ dbt.type_string() }}) as full_name_raw,
        email as email_raw,
        coalesce(nullif(trim(mobile_phone), ''), phone) as phone_raw,
        {{ scv.regex_extract('mailing_street', '^([^\\n]*)', 1) }} as address_line1_raw,
        nullif({{ scv.regex_extract('mailing_street', '\\n(.*)$', 1) }}, '') as address_line2_raw,
        mailing_city as city_raw,
        mailing_state as region_raw,
        mailing_postal_code as postal_code_raw,
        mailing_country as country_raw,

        -- strings
        nullif(trim(title), '') as job_title,
        nullif(trim(buying_role), '') as buying_role,
        nullif(trim(lead_source), '') as lead_source,

        -- booleans
        coalesce(lower(is_deceased_c) = 'true', false) as is_deceased,

        -- dates
        {{ scv.parse_date('birthdate', 'ymd') }} as birth_date,
        birthdate as birth_date_raw,

        -- timestamps
        {{ scv.parse_timestamp('created_date', 'iso8601') }} as created_at,
        {{ scv.parse_timestamp('last_modified_date', 'iso8601') }} as updated_at,
        created_date as created_at_raw,

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
            'missing_record_id': 'crm_contact_id is null',
            'duplicate_record_id': scv.is_older_duplicate('crm_contact_id', 'updated_at'),
            'test_record': 'is_test_record',
            'invalid_created_at': 'created_at is null',
            'no_identifier': scv.has_no_identifier(),
        }) }} as quarantine_reason
    from person_standardized
)

select * from validated
