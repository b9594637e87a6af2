with

source as (
    select * from {{ source('pos', 'loyalty_members') }}
),

renamed as (
    select
        -- ids
        nullif(trim(member_no), '') as pos_member_id,
        nullif(trim(card_no), '') as loyalty_card_number,
        nullif(trim(store_id), '') as pos_store_id,

        -- person attributes, raw: one NAME field, usually 'LAST, FIRST'
        cast(null as {{ dbt.type_string() }}) as first_name_raw,
        cast(null as {{ dbt.type_string() }}) as last_name_raw,
        name as full_name_raw,
        email as email_raw,
        phone as phone_raw,
        cast(null as {{ dbt.type_string() }}) as address_line1_raw,
        cast(null as {{ dbt.type_string() }}) as address_line2_raw,
        cast(null as {{ dbt.type_string() }}) as city_raw,
        cast(null as {{ dbt.type_string() }}) as region_raw,
        zip as postal_code_raw,
        country as country_raw,

        -- dates
        {{ scv.parse_date('birthday', 'mdy') }} as birth_date,
        {{ scv.parse_date('enroll_date', 'mdy') }} as enrolled_on,

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
            'missing_record_id': 'pos_member_id is null',
            'duplicate_record_id': scv.is_older_duplicate('pos_member_id', 'enrolled_on'),
            'test_record': "is_test_record or loyalty_card_number = '0000000000'",
            'invalid_enrolled_on': 'enrolled_on is null',
            'no_identifier': scv.has_no_identifier(),
        }) }} as quarantine_reason
    from person_standardized
)

select * from validated
