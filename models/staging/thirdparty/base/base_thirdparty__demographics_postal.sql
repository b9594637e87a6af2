with

source as (
    select * from {{ source('thirdparty', 'demographics_postal') }}
),

renamed as (
    select
        -- ids
        concat(
            upper(trim(country)),
            ':',
            {{ scv.normalize_postal_code('postal_code', 'upper(trim(country))') }}
        ) as postal_area_id,

        -- strings
        {{ scv.normalize_postal_code('postal_code', 'upper(trim(country))') }} as postal_code,
        upper(trim(country)) as country_code,
        lower(nullif(trim(urbanicity), '')) as urbanicity,

        -- numerics
        {{ scv.safe_cast('median_household_income', dbt.type_numeric()) }}
            as median_household_income,
        {{ scv.safe_cast('median_age', 'integer') }} as median_age,

        -- lineage
        _scv_source_file as source_file,
        _scv_loaded_at as loaded_at
    from source
),

validated as (
    select
        *,
        {{ scv.quarantine_reasons({
            'missing_record_id': 'postal_code is null or country_code is null',
            'duplicate_record_id': scv.is_older_duplicate('postal_area_id', 'loaded_at'),
        }) }} as quarantine_reason
    from renamed
)

select * from validated
