{#
    The acquired company's customer export. Its own idea of a customer: `Status` is
    Aktiv (active), Inaktiv (lapsed), Interessent (prospect) or Verstorben (deceased).
#}
with

source as (
    select * from {{ source('acquired', 'customers') }}
),

renamed as (
    select
        -- ids
        nullif(trim(kundennummer), '') as acquired_customer_id,

        -- person attributes, raw
        vorname as first_name_raw,
        nachname as last_name_raw,
        cast(null as {{ dbt.type_string() }}) as full_name_raw,
        e_mail as email_raw,
        telefon as phone_raw,
        strasse as address_line1_raw,
        cast(null as {{ dbt.type_string() }}) as address_line2_raw,
        ort as city_raw,
        cast(null as {{ dbt.type_string() }}) as region_raw,
        plz as postal_code_raw,
        land as country_raw,

        -- strings
        case lower(trim(anrede))
            when 'frau' then 'female'
            when 'herr' then 'male'
        end as salutation_gender,
        case lower(trim(status))
            when 'aktiv' then 'active'
            when 'inaktiv' then 'inactive'
            when 'interessent' then 'prospect'
            when 'verstorben' then 'deceased'
        end as acquired_status,
        status as acquired_status_raw,

        -- booleans
        coalesce(lower(trim(status)) = 'verstorben', false) as is_deceased,

        -- dates
        {{ scv.parse_date('geburtsdatum', 'dmy') }} as birth_date,
        {{ scv.parse_date('kunde_seit', 'dmy') }} as customer_since,

        -- lineage
        _scv_source_file as source_file,
        _scv_loaded_at as loaded_at
    from source
),

{{ scv.standardize_person('renamed', default_country='DE') }},

validated as (
    select
        *,
        {{ scv.quarantine_reasons({
            'missing_record_id': 'acquired_customer_id is null',
            'duplicate_record_id': scv.is_older_duplicate('acquired_customer_id', 'customer_since'),
            'test_record': 'is_test_record',
            'unknown_status': 'acquired_status is null',
            'invalid_customer_since': 'customer_since is null',
            'no_identifier': scv.has_no_identifier(),
        }) }} as quarantine_reason
    from person_standardized
)

select * from validated
