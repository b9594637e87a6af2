{{ config(
    materialized=scv.pair_materialization(),
    incremental_strategy='append',
    on_schema_change='sync_all_columns',
    pre_hook="{{ scv.delete_touched_pairs() }}",
) }}
{#
    The comparison levels (gamma) of every candidate pair: pairs found by blocking and
    pairs linked deterministically (so that every link can be explained).
    Incremental: a run deletes the pairs of touched records (int_identity_records_touched)
    and compares them again; a pair of two untouched records keeps its records, its
    blocks and its deterministic link, so its levels cannot have changed. One row per
    pair.
#}

{%- set only_touched -%}
    {%- if is_incremental() %}
    where
        record_id_a in (select person_record_id from touched_records)
        or record_id_b in (select person_record_id from touched_records)
    {%- endif %}
{%- endset %}

with

touched_records as (
    select person_record_id from {{ ref('int_identity_records_touched') }}
),

blocked_pairs as (
    select * from {{ ref('int_identity_pairs_blocked') }}{{ only_touched }}
),

deterministic_pairs as (
    select * from {{ ref('int_identity_pairs_deterministic') }}{{ only_touched }}
),

pairs as (
    select
        coalesce(blocked_pairs.record_id_a, deterministic_pairs.record_id_a) as record_id_a,
        coalesce(blocked_pairs.record_id_b, deterministic_pairs.record_id_b) as record_id_b,
        blocked_pairs.blocking_rule,
        {%- for rule in scv.blocking_rules() %}
        coalesce(blocked_pairs.is_blocked_by_rule_{{ loop.index }}, 0) as is_blocked_by_rule_{{ loop.index }},
        {%- endfor %}
        deterministic_pairs.matched_on as deterministic_match_on
    from blocked_pairs
    full outer join deterministic_pairs
        on
            blocked_pairs.record_id_a = deterministic_pairs.record_id_a
            and blocked_pairs.record_id_b = deterministic_pairs.record_id_b
),

person_records as (
    select * from {{ ref('int_person_records_unioned') }}
)

select
    pairs.record_id_a,
    pairs.record_id_b,
    pairs.blocking_rule,
    {%- for rule in scv.blocking_rules() %}
    pairs.is_blocked_by_rule_{{ loop.index }},
    {%- endfor %}
    pairs.deterministic_match_on,
    {{ scv.comparison_vector() }}
from pairs
inner join person_records as record_a
    on pairs.record_id_a = record_a.person_record_id
inner join person_records as record_b
    on pairs.record_id_b = record_b.person_record_id
{{ scv.join_first_name_equivalence() }}
