{#
    Every current person record with its fingerprints: what its pairs' blocking,
    deterministic links and comparison levels depend on (its blocking columns are read
    from the spine).
    int_identity_records_touched compares it with the last run's copy
    (int_identity_records_paired). One row per person record.
#}
{%- set identifier_state -%}
    concat_ws(
        ':',
        identifiers.identifier_type,
        identifiers.identifier_value,
        cast(identifier_values.is_usable as {{ dbt.type_string() }}),
        cast(identifier_values.estimated_people as {{ dbt.type_string() }})
    )
{%- endset %}

with

person_records as (
    select * from {{ ref('int_person_records_unioned') }}
),

identifiers as (
    select * from {{ ref('int_identifiers_unioned') }}
),

identifier_values as (
    select * from {{ ref('int_identifier_values_assessed') }}
),

-- a record's identifiers with their assessment, as one fingerprint (each identifier is
-- once per record: int_identifiers_unioned is unique on record, type and value)
record_identifiers as (
    select
        identifiers.person_record_id,
        {{ scv.fingerprint_hash_of_set(identifier_state) }} as identifier_state
    from identifiers
    inner join identifier_values
        on
            identifiers.identifier_type = identifier_values.identifier_type
            and identifiers.identifier_value = identifier_values.identifier_value
    group by identifiers.person_record_id  -- noqa: AM06
)

-- noqa: disable=LT02
select
    record.person_record_id,
    {{ scv.record_fingerprint() }} as record_fingerprint,
    {{ scv.pair_configuration_fingerprint() }} as configuration_fingerprint
from person_records as record
left join record_identifiers
    on record.person_record_id = record_identifiers.person_record_id
