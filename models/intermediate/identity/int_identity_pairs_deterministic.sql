{{ config(
    materialized=scv.pair_materialization(),
    incremental_strategy='append',
    pre_hook="{{ scv.delete_touched_pairs() }}",
) }}
{#
    Record pairs that share a usable strong identifier (email, phone, device, own ids)
    and whose given names and birth years do not contradict each other: a shared
    household phone links Bob to Bob, never Bob to Mary (a first name read from a user
    name is no contradiction for a value one person holds, nor is a name that is no known
    given name on such an email: 'juhie' beside Julia is a typo; names one letter apart,
    'eurl' and 'earl', agree on any value). A value that several people
    share links only records that both name a compatible person (a nameless record on a
    family address could be anyone in the family). Incremental: a run deletes the pairs
    of touched records (int_identity_records_touched) and pairs them again. One row per
    pair.
#}

with

-- read by the incremental branch only
touched_records as (  -- noqa: ST03
    select person_record_id from {{ ref('int_identity_records_touched') }}
),

identifiers as (
    select * from {{ ref('int_identifiers_unioned') }}
),

identifier_values as (
    select * from {{ ref('int_identifier_values_assessed') }}
),

person_records as (
    select * from {{ ref('int_person_records_unioned') }}
),

usable_identifiers as (
    select
        identifiers.*,
        identifier_values.estimated_people
    from identifiers
    inner join identifier_values
        on
            identifiers.identifier_type = identifier_values.identifier_type
            and identifiers.identifier_value = identifier_values.identifier_value
    where identifier_values.is_usable
),

shared_identifiers as (
    -- incremental: pairs of touched records only, with every record they share a value with
    select
        {{ scv.self_join_pair_ids('left_side.person_record_id', 'right_side.person_record_id') }},
        left_side.identifier_type,
        left_side.estimated_people
    from usable_identifiers as left_side
    inner join usable_identifiers as right_side
        on
            left_side.identifier_type = right_side.identifier_type
            and left_side.identifier_value = right_side.identifier_value
            and {{ scv.self_join_pair_condition(
                'left_side.person_record_id', 'right_side.person_record_id'
            ) }}
    {%- if is_incremental() %}
    where left_side.person_record_id in (
        select touched.person_record_id from touched_records as touched
    )
    {%- endif %}
),

compatible as (
    select
        shared_identifiers.record_id_a,
        shared_identifiers.record_id_b,
        shared_identifiers.identifier_type
    from shared_identifiers
    inner join person_records as record_a
        on shared_identifiers.record_id_a = record_a.person_record_id
    inner join person_records as record_b
        on shared_identifiers.record_id_b = record_b.person_record_id
    {{ scv.join_first_name_equivalence(with_identifier_values=false) }}
    where
        (
            (
                -- a first name read from a user name or email local part is no evidence
                -- against the record that shares the value: 'derickson331@' read as
                -- Derick does not contradict Diana Erickson holding the same address
                shared_identifiers.estimated_people = 1
                and (
                    record_a.first_name_key is null
                    or record_b.first_name_key is null
                    or record_a.first_name_key_source = 'username'
                    or record_b.first_name_key_source = 'username'
                    -- nor, on a personal email address, is a name that is no known given
                    -- name (a typo: 'juhie' beside Julia); a family's shared phone or
                    -- device links only names that agree
                    or (
                        shared_identifiers.identifier_type = 'email'
                        and (
                            known_name_a.first_name_key is null
                            or known_name_b.first_name_key is null
                        )
                    )
                )
            )
            or record_a.canonical_first_name = record_b.canonical_first_name
            or first_name_equivalence.name_a is not null
            or (
                (
                    {{ scv.jaro_winkler(
                        'record_a.first_name_key', 'record_b.first_name_key'
                    ) }} >= 0.88
                    or {{ scv.first_names_one_edit_apart(
                        'record_a.first_name_key', 'record_b.first_name_key'
                    ) }}
                )
                and (known_name_a.first_name_key is null or known_name_b.first_name_key is null)
            )
        )
        and not coalesce(
            abs(year(record_a.birth_date) - year(record_b.birth_date)) > 1, false
        )
),

compatible_types as (
    -- each identifier type a pair shares once (a pair may share two emails): two plain
    -- aggregates, where a count distinct beside a min is planned as three and a join
    select
        record_id_a,
        record_id_b,
        identifier_type
    from compatible
    group by 1, 2, 3
)

select
    record_id_a,
    record_id_b,
    min(identifier_type) as matched_on,
    count(*) as shared_identifier_types
from compatible_types
group by 1, 2
