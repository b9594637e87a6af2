with

source as (
    select * from {{ source('support', 'users') }}
),

industry_taxonomy as (
    select * from {{ ref('industry_taxonomy') }}
    where source_vocabulary = 'support_company_type'
),

renamed as (
    select
        -- ids
        nullif(trim(user_id), '') as support_user_id,

        -- person attributes, raw: one name field, usually 'First Last'
        cast(null as {{ dbt.type_string() }}) as first_name_raw,
        cast(null as {{ dbt.type_string() }}) as last_name_raw,
        name as full_name_raw,
        email as email_raw,
        phone as phone_raw,
        cast(null as {{ dbt.type_string() }}) as address_line1_raw,
        cast(null as {{ dbt.type_string() }}) as address_line2_raw,
        cast(null as {{ dbt.type_string() }}) as city_raw,
        cast(null as {{ dbt.type_string() }}) as region_raw,
        cast(null as {{ dbt.type_string() }}) as postal_code_raw,
        cast(null as {{ dbt.type_string() }}) as country_raw,

        -- strings
        nullif(trim(organization), '') as organization_name,
        lower(trim(company_type)) as company_type_raw,

        -- timestamps
        {{ scv.parse_timestamp('created_at', 'epoch_seconds') }} as created_at,

        -- lineage
        _scv_source_file as source_file,
        _scv_loaded_at as loaded_at
    from source
),

with_industry as (
    select
        renamed.*,
        industry_taxonomy.industry
    from renamed
    left join industry_taxonomy
        on renamed.company_type_raw = industry_taxonomy.source_value
),

{{ scv.standardize_person('with_industry', assume_country=false) }},

validated as (
    select
        *,
        {{ scv.quarantine_reasons({
            'missing_record_id': 'support_user_id is null',
            'duplicate_record_id': scv.is_older_duplicate('support_user_id', 'created_at'),
            'test_record': 'is_test_record',
            'invalid_created_at': 'created_at is null',
            'no_identifier': scv.has_no_identifier(),
        }) }} as quarantine_reason
    from person_standardized
)

select * from validated
