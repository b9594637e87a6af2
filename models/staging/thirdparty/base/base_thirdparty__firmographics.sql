with

source as (
    select * from {{ source('thirdparty', 'firmographics') }}
),

industry_taxonomy as (
    select * from {{ ref('industry_taxonomy') }}
    where source_vocabulary = 'firmographics_sector'
),

renamed as (
    select
        -- ids
        lower(trim(domain)) as company_domain,

        -- strings
        nullif(trim(company_name), '') as company_name,
        lower(trim(sector)) as sector_raw,
        nullif(trim(employee_range), '') as employee_range,
        nullif(trim(revenue_range), '') as revenue_range,
        upper(nullif(trim(hq_country), '')) as hq_country_code,

        -- lineage
        _scv_source_file as source_file,
        _scv_loaded_at as loaded_at
    from source
),

standardized as (
    select
        renamed.*,
        industry_taxonomy.industry
    from renamed
    left join industry_taxonomy
        on renamed.sector_raw = industry_taxonomy.source_value
),

validated as (
    select
        *,
        {{ scv.quarantine_reasons({
            'missing_record_id': 'company_domain is null',
            'duplicate_record_id': scv.is_older_duplicate('company_domain', 'loaded_at'),
        }) }} as quarantine_reason
    from standardized
)

select * from validated
