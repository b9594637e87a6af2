{{ config(
    materialized=scv.pair_materialization(),
    incremental_strategy='append',
    on_schema_change='sync_all_columns',
    pre_hook="{{ scv.delete_touched_pairs() }}",
) }}
{#
    Candidate pairs for probabilistic matching: records that agree on every column of at
    least one blocking rule (var scv__blocking_rules). Blocks larger than the rule's
    max_block_size (default var scv__max_block_size) are skipped. A rule with a
    `when_either` flag only pairs records of which at least one has the flag. One row
    per pair, with the first rule that found it and a flag per rule (EM learns each
    comparison from the rules that leave it free).
    Incremental: a run deletes the pairs of touched records (int_identity_records_touched)
    and pairs them again; the other pairs cannot have changed.
#}
{%- set rules = scv.blocking_rules() -%}

with

-- each rule reads the spine itself, not through one CTE: a CTE that thirty others
-- read is materialized, a copy of every record with every column (2 s at 1,000,000
-- people)
touched_records as (
    select person_record_id from {{ ref('int_identity_records_touched') }}
),

{% for rule in rules %}
{%- set columns = scv.blocking_rule_columns(rule) %}
{%- set condition = scv.blocking_rule_condition(rule) %}
{%- set rule_index = loop.index %}
{%- set has_key -%}
    {% for column in columns %}{{ column }} is not null{{ ' and ' if not loop.last }}{% endfor %}
{%- endset %}
-- the rule's blocks no larger than its max_block_size (an aggregate: far cheaper than
-- a window count over every record)
small_blocks_{{ rule_index }} as (
    select {{ columns | join(', ') }}
    from {{ ref('int_person_records_unioned') }}
    where {{ has_key }}
    group by {{ columns | join(', ') }}
    having count(*) <= {{ scv.blocking_rule_max_block_size(rule) }}
),

block_records_{{ rule_index }} as (
    select
        person_records.person_record_id,
        {%- for column in columns %}
        person_records.{{ column }},
        {%- endfor %}
        {%- if is_incremental() %}
        person_records.person_record_id in (
            select touched.person_record_id from touched_records as touched
        ) as is_touched,
        {%- endif %}
        {{ 'coalesce(' ~ condition ~ ', false)' if condition else 'true' }} as is_flagged
    from {{ ref('int_person_records_unioned') }} as person_records
    inner join small_blocks_{{ rule_index }}
        on
            {% for column in columns -%}
            person_records.{{ column }} = small_blocks_{{ rule_index }}.{{ column }}{{ ' and' if not loop.last }}
            {% endfor %}
),

rule_{{ rule_index }} as (
    -- incremental: pairs of touched records only, with every record they share a block with
    select
        {{ scv.self_join_pair_ids('left_side.person_record_id', 'right_side.person_record_id') }},
        {{ 2 ** (rule_index - 1) }} as rule_bit
    from block_records_{{ rule_index }} as left_side
    inner join block_records_{{ rule_index }} as right_side
        on
            {% for column in columns -%}
            left_side.{{ column }} = right_side.{{ column }} and
            {% endfor -%}
            {{ scv.self_join_pair_condition('left_side.person_record_id', 'right_side.person_record_id') }}
    where
        (left_side.is_flagged or right_side.is_flagged)
        {%- if is_incremental() %}
        and left_side.is_touched
        {%- endif %}
),
{% endfor %}

all_pairs as (
    {% for rule in rules %}
    select * from rule_{{ loop.index }}
    {% if not loop.last %}union all{% endif %}
    {% endfor %}
),

-- the rules that found each pair as the bits of one number: one cheap aggregate where a
-- flag per rule took one each (the group by is most of this model's time)
pair_rules as (
    select
        record_id_a,
        record_id_b,
        bit_or(rule_bit) as rule_bits
    from all_pairs
    group by 1, 2
)

select
    record_id_a,
    record_id_b,
    case
        {%- for rule in rules %}
        when (rule_bits & {{ 2 ** (loop.index - 1) }}) != 0 then {{ loop.index }}
        {%- endfor %}
    end as blocking_rule,
    {%- for rule in rules %}
    case when (rule_bits & {{ 2 ** (loop.index - 1) }}) != 0 then 1 else 0 end
        as is_blocked_by_rule_{{ loop.index }}{{ ',' if not loop.last }}
    {%- endfor %}
from pair_rules
