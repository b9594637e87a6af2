{#
    The surviving value of each golden-record attribute per customer: candidates ranked by
    the attribute's rules (var scv__survivorship), each rule breaking the ties of the one
    before, the record id last so a re-run picks the same record. `deciding_rule` is the
    first rule on which the winner beat the best candidate with a different value
    ('single_value' when every record agrees). One row per customer and attribute.
#}
{%- set attributes = scv.survivorship_attributes() -%}
{%- set sort_keys = {
    'verified': 'case when is_verified then 1 else 0 end',
    'most_recent': 'observed_at',
    'most_frequent': 'agreeing_records',
    'most_common': 'records_with_value',
    'most_complete': 'completeness',
    'formal_name': 'case when is_diminutive then 0 else 1 end',
    'named_in_email': 'email_name_letters',
} -%}

with

candidates as (
    select * from {{ ref('int_customer_attribute_candidates') }}
),

{% for attribute in attributes %}
{%- set rules = scv.survivorship_rules(attribute) %}
keyed_{{ attribute }} as (
    select
        customer_id,
        attribute_name,
        person_record_id,
        source_system,
        value_key,
        display_value,
        is_spelling_corrected,
        is_from_email,
        {%- for rule in rules %}
        {% if rule == 'source_priority' -%}
        {{ scv.source_priority_score(attribute) }}
        {%- else -%}
        {{ sort_keys[rule] }}
        {%- endif %} as rule_key_{{ loop.index }}{{ ',' if not loop.last }}
        {%- endfor %}
    from candidates
    where attribute_name = '{{ attribute }}'
),

ranked_{{ attribute }} as (
    select
        *,
        row_number() over (
            partition by customer_id
            order by
                {%- for rule in rules %}
                rule_key_{{ loop.index }} desc nulls last,
                {%- endfor %}
                person_record_id
        ) as candidate_rank
    from keyed_{{ attribute }}
),

decided_{{ attribute }} as (
    select
        winner.customer_id,
        winner.attribute_name,
        winner.person_record_id,
        winner.source_system,
        winner.value_key,
        winner.display_value,
        winner.is_spelling_corrected,
        winner.is_from_email,
        case
            when runner_up.person_record_id is null then 'single_value'
            {%- for rule in rules %}
            when
                winner.rule_key_{{ loop.index }} != runner_up.rule_key_{{ loop.index }}
                or (winner.rule_key_{{ loop.index }} is null) != (runner_up.rule_key_{{ loop.index }} is null)
                then '{{ rule }}'
            {%- endfor %}
            else 'record_id'
        end as deciding_rule
    from ranked_{{ attribute }} as winner
    left join (
        select
            ranked.*,
            row_number() over (partition by ranked.customer_id order by ranked.candidate_rank)
                as runner_up_rank
        from ranked_{{ attribute }} as ranked
        inner join ranked_{{ attribute }} as best
            on
                ranked.customer_id = best.customer_id
                and best.candidate_rank = 1
                and ranked.value_key != best.value_key
    ) as runner_up
        on
            winner.customer_id = runner_up.customer_id
            and runner_up.runner_up_rank = 1
    where winner.candidate_rank = 1
),
{% endfor %}

candidate_counts as (
    select
        customer_id,
        attribute_name,
        count(case when is_from_email then null else 1 end) as candidate_records,
        count(distinct case when is_from_email then null else value_key end) as distinct_values
    from candidates
    group by customer_id, attribute_name
),

decided as (
    {%- for attribute in attributes %}
    select * from decided_{{ attribute }}
    {% if not loop.last %}union all{% endif %}
    {%- endfor %}
)

select
    decided.customer_id,
    decided.attribute_name,
    decided.person_record_id as winning_record_id,
    decided.source_system as winning_source_system,
    decided.value_key,
    decided.display_value,
    decided.is_spelling_corrected,
    decided.is_from_email,
    decided.deciding_rule,
    candidate_counts.candidate_records,
    candidate_counts.distinct_values
from decided
inner join candidate_counts
    on
        decided.customer_id = candidate_counts.customer_id
        and decided.attribute_name = candidate_counts.attribute_name
