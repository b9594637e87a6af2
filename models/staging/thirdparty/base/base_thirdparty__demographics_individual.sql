with

source as (
    select * from {{ source('thirdparty', 'demographics_individual') }}
),

renamed as (
    select
        -- ids: SHA-256 of the lower-case email, as the vendor keys it
        lower(trim(email_sha256)) as email_sha256,

        -- strings
        nullif(trim(age_range), '') as age_range,
        nullif(trim(income_band), '') as income_band,
        case upper(trim(homeowner)) when 'Y' then 'owner' when 'N' then 'renter' end
            as home_ownership,
        nullif(trim(interests), '') as interests,

        -- numerics
        {{ scv.safe_cast('household_size', 'integer') }} as household_size,

        -- lineage
        _scv_source_file as source_file,
        _scv_loaded_at as loaded_at
    from source
),

validated as (
    select
        *,
        {{ scv.quarantine_reasons({
            'missing_record_id': 'email_sha256 is null',
            'invalid_record_id': 'not ' ~ scv.regex_matches('email_sha256', '^[0-9a-f]{64}$'),
            'duplicate_record_id': scv.is_older_duplicate('email_sha256', 'loaded_at'),
        }) }} as quarantine_reason
    from renamed
)

select * from validated
