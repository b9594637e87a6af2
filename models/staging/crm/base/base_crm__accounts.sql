with

source as (
    select * from {{ source('crm', 'accounts') }}
),

industry_taxonomy as (
    select * from {{ ref('industry_taxonomy') }}
),

country_aliases as (
    select * from {{ ref('country_aliases') }}
),

renamed as (
    select
        -- ids
        nullif(trim(id), '') as crm_account_id,
        nullif(trim(parent_id), '') as parent_crm_account_id,

        -- strings
        nullif(trim(name), '') as account_name,
        nullif(
            {{ scv.regex_replace_all("lower(trim(website))", '^(https?://)?(www\\.)?|/.*$', '') }},
            ''
        ) as company_domain,
        -- the CRM kept industry in `Industry`, migrated accounts in the legacy `Sector__c`
        case
            when nullif(trim(industry), '') is not null then 'crm_industry'
            when nullif(trim(sector_c), '') is not null then 'firmographics_sector'
        end as industry_vocabulary,
        lower(trim(coalesce(nullif(trim(industry), ''), sector_c))) as industry_raw,
        {{ scv.country_alias_key('billing_country') }} as country_key,

        -- numerics
        {{ scv.safe_cast('number_of_employees', 'integer') }} as employee_count,

        -- timestamps
        {{ scv.parse_timestamp('created_date', 'iso8601') }} as created_at,

        -- lineage
        _scv_source_file as source_file,
        _scv_loaded_at as loaded_at
    from source
),

standardized as (
    select
        renamed.*,
        industry_taxonomy.industry,
        country_aliases.country_code
    from renamed
    left join industry_taxonomy
        on
            renamed.industry_vocabulary = industry_taxonomy.source_vocabulary
            and renamed.industry_raw = industry_taxonomy.source_value
    left join country_aliases
        on renamed.country_key = country_aliases.country_alias
),

validated as (
    select
        *,
        {{ scv.quarantine_reasons({
            'missing_record_id': 'crm_account_id is null',
            'duplicate_record_id': scv.is_older_duplicate('crm_account_id', 'created_at'),
            'missing_name': 'account_name is null',
            'invalid_created_at': 'created_at is null',
        }) }} as quarantine_reason
    from standardized
)

select * from validated
