{#
    The person records whose pairs this run recomputes (incremental pair models): new,
    changed (any spine column, or its identifiers or how many people share them) and gone
    records since the last run (int_identity_records_fingerprinted against
    int_identity_records_paired, the last run's copy, read by name), and the records of a
    block that crossed its rule's max_block_size (its pairs appear or vanish). Pairs between
    two records that are not touched keep their blocking and comparison levels, so the
    pair tables end up as a full rebuild would make them. A change of blocking rules,
    block size cap, name seeds or pair SQL touches every record. Without a last run, and
    in a --full-refresh (the pair models rebuild every pair), every record is new. One
    row per touched record.
#}
{%- set rules = scv.blocking_rules() -%}
{%- set state_columns = scv.blocking_state_columns() -%}
{%- set needed_columns = state_columns
    + ['person_record_id', 'record_fingerprint', 'configuration_fingerprint'] -%}
{%- set last_run = scv.records_paired_last_run() -%}
{%- set last_run_columns = [] -%}
{%- if last_run -%}
    {%- for column in adapter.get_columns_in_relation(last_run) -%}
        {%- do last_run_columns.append(column.name | lower) -%}
    {%- endfor -%}
{%- endif -%}
{#- a last run with other blocking columns had other rules: every record is touched -#}
{%- set last_run_usable = last_run
    and not flags.FULL_REFRESH
    and needed_columns | reject('in', last_run_columns) | list | length == 0 -%}
-- depends_on: {{ ref('int_identity_records_fingerprinted') }}

{% if not last_run_usable -%}
-- no usable last run (a first run, a --full-refresh, or other blocking rules): every
-- record is new, and comparing fingerprints and blocks would only cost time
select
    person_record_id,
    'new' as touch_reason
from {{ ref('int_person_records_unioned') }}
{%- else -%}
with

current_records as (
    select * from {{ ref('int_identity_records_fingerprinted') }}
),

-- the blocking columns of every record, now and as the last run saw it
blocking_states as (
    select
        {% for column in state_columns -%}
        {{ column }},
        {% endfor -%}
        person_record_id,
        true as is_current
    from {{ ref('int_person_records_unioned') }}
    union all
    select
        {% for column in state_columns -%}
        {{ column }},
        {% endfor -%}
        person_record_id,
        false as is_current
    from {{ last_run }}
),

last_run_records as (
    select
        person_record_id,
        record_fingerprint,
        configuration_fingerprint
    from {{ last_run }}
),

changed_records as (
    select
        coalesce(current_records.person_record_id, last_run_records.person_record_id)
            as person_record_id,
        case
            when last_run_records.person_record_id is null then 'new'
            when current_records.person_record_id is null then 'gone'
            when
                current_records.configuration_fingerprint
                != last_run_records.configuration_fingerprint
                then 'configuration_changed'
            else 'changed'
        end as touch_reason
    from current_records
    full outer join last_run_records
        on current_records.person_record_id = last_run_records.person_record_id
    where
        current_records.person_record_id is null
        or last_run_records.person_record_id is null
        or current_records.record_fingerprint != last_run_records.record_fingerprint
        or current_records.configuration_fingerprint
        != last_run_records.configuration_fingerprint
),

-- the blocking columns of the new, gone and changed records, as they are now and as
-- they were: a block can only change size if such a record enters or leaves it (a
-- record with its last fingerprint has its last blocking columns), so only their
-- blocks are counted below
changed_blocking_states as (
    select blocking_states.*
    from blocking_states
    inner join changed_records
        on blocking_states.person_record_id = changed_records.person_record_id
),

{% for rule in rules %}
{%- set columns = scv.blocking_rule_columns(rule) %}
{%- set rule_index = loop.index %}
{%- set max_block_size = scv.blocking_rule_max_block_size(rule) %}
{%- set has_key -%}
    {% for column in columns %}{{ column }} is not null{{ ' and ' if not loop.last }}{% endfor %}
{%- endset %}
changed_keys_{{ rule_index }} as (
    select distinct {{ columns | join(', ') }}
    from changed_blocking_states
    where {{ has_key }}
),

-- those blocks that were on one side of the rule's max_block_size last run and are on
-- the other now
resized_blocks_{{ rule_index }} as (
    select
        {%- for column in columns %}
        blocking_states.{{ column }}{{ ',' if not loop.last }}
        {%- endfor %}
    from blocking_states
    inner join changed_keys_{{ rule_index }}
        on
            {% for column in columns -%}
            blocking_states.{{ column }}
            = changed_keys_{{ rule_index }}.{{ column }}{{ ' and' if not loop.last }}
            {% endfor %}
    group by {% for column in columns %}blocking_states.{{ column }}{{ ', ' if not loop.last }}{% endfor %}
    having
        (sum(case when blocking_states.is_current then 1 else 0 end) <= {{ max_block_size }})
        != (sum(case when blocking_states.is_current then 0 else 1 end) <= {{ max_block_size }})
),

resized_block_records_{{ rule_index }} as (
    select
        blocking_states.person_record_id,
        'block_resized' as touch_reason
    from blocking_states
    inner join resized_blocks_{{ rule_index }}
        on
            {% for column in columns -%}
            blocking_states.{{ column }}
            = resized_blocks_{{ rule_index }}.{{ column }}{{ ' and' if not loop.last }}
            {% endfor %}
    where blocking_states.is_current
),
{% endfor %}

touched as (
    select * from changed_records
    {% for rule in rules %}
    union all
    select * from resized_block_records_{{ loop.index }}
    {% endfor %}
),

reason_ranks as (
    -- a record's own change names it before a block it sits in
    select
        person_record_id,
        case touch_reason
            when 'new' then 1
            when 'gone' then 2
            when 'configuration_changed' then 3
            when 'changed' then 4
            else 5
        end as reason_rank
    from touched
)

select
    person_record_id,
    case min(reason_rank)
        when 1 then 'new'
        when 2 then 'gone'
        when 3 then 'configuration_changed'
        when 4 then 'changed'
        else 'block_resized'
    end as touch_reason
from reason_ranks
group by person_record_id
{%- endif %}
