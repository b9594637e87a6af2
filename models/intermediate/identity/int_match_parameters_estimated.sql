{#
    Fellegi-Sunter parameters learned from the data without labels:
    - u (probability of a level among non-matches) from random record pairs;
    - m (probability of a level among matches) and the match rate of blocked pairs by
      expectation-maximisation over the comparison patterns of the blocked pairs, var
      scv__em_iterations rounds. Each pair is trained under the first blocking rule that
      found it, with that rule's own match rate, and the comparisons the rule constrains
      are left out of its expectation step and of their m: a rule on first and last name
      makes every pair agree on them, so that agreement says nothing about whether the
      pair is a match (counting it would explain same-name strangers as matches and teach
      EM that matches mostly disagree on email, phone and address).
    Pairs whose first names or birth dates conflict are left out of training: they are never
    linked probabilistically (macro has_identity_conflict), and they are mostly
    members of one household, who agree on everything else and would teach EM that a
    household is a person. Counts are smoothed (add one) so no level is impossible.
    One row per comparison and level, plus one row ('prior', 0) for the match rate.
#}
{%- set comparisons = scv.comparison_levels() -%}
{%- set iterations = var('scv__em_iterations') -%}
{%- set floor_probability = 0.000001 -%}

with

compared as (
    select * from {{ ref('int_identity_pairs_compared') }}
    where blocking_rule is not null and not {{ scv.has_identity_conflict() }}
),

random_compared as (
    select * from {{ ref('int_identity_random_pairs_compared') }}
),

all_levels as (
    {%- for comparison, levels in comparisons.items() %}
    {%- set outer = loop %}
    {%- for level in levels %}
    select
        '{{ comparison }}' as comparison,
        {{ level }} as level,
        {{ 0.85 if level == levels | max else (0.15 * (level + 1) / ((levels | max) * ((levels | max) + 1) / 2)) | round(6) }}
            as initial_m
    {% if not (outer.last and loop.last) %}union all{% endif %}
    {%- endfor %}
    {%- endfor %}
),

{%- set rule_count = var('scv__blocking_rules') | length %}
patterns as (
    select
        blocking_rule,
        {%- for comparison in comparisons %}
        gamma_{{ comparison }},
        {%- endfor %}
        count(*) as pair_count
    from compared
    group by {% for i in range(comparisons | length + 1) %}{{ i + 1 }}{{ ', ' if not loop.last }}{% endfor %}
),

random_level_counts as (
    {%- for comparison in comparisons %}
    select
        '{{ comparison }}' as comparison,
        gamma_{{ comparison }} as level,
        count(*) as pair_count
    from random_compared
    where gamma_{{ comparison }} >= 0
    group by 1, 2
    {% if not loop.last %}union all{% endif %}
    {%- endfor %}
),

u_probabilities as (
    select
        all_levels.comparison,
        all_levels.level,
        (coalesce(random_level_counts.pair_count, 0) + 1)
        / sum(coalesce(random_level_counts.pair_count, 0) + 1)
            over (partition by all_levels.comparison)
            as u_probability
    from all_levels
    left join random_level_counts
        on
            all_levels.comparison = random_level_counts.comparison
            and all_levels.level = random_level_counts.level
),

m_probabilities_0 as (
    select comparison, level, initial_m as m_probability from all_levels
),

prior_0 as (
    {%- for rule in range(1, rule_count + 1) %}
    select {{ rule }} as blocking_rule, cast(0.1 as double) as match_rate
    {% if not loop.last %}union all{% endif %}
    {%- endfor %}
),

{% for i in range(iterations) %}
expected_{{ i }} as (
    -- comparisons the pair's blocking rule constrains count for nothing (factor 1)
    select
        patterns.*,
        patterns.pair_count * (
            prior.match_rate
            {%- for comparison in comparisons %} * coalesce(m_{{ comparison }}.m_probability, 1){% endfor %}
        ) / (
            prior.match_rate
            {%- for comparison in comparisons %} * coalesce(m_{{ comparison }}.m_probability, 1){% endfor %}
            + (1 - prior.match_rate)
            {%- for comparison in comparisons %} * coalesce(u_{{ comparison }}.u_probability, 1){% endfor %}
        ) as expected_matches
    from patterns
    inner join prior_{{ i }} as prior
        on patterns.blocking_rule = prior.blocking_rule
    {%- for comparison in comparisons %}
    {%- set free_rules = scv.rules_free_of(comparison) %}
    left join m_probabilities_{{ i }} as m_{{ comparison }}
        on
            m_{{ comparison }}.comparison = '{{ comparison }}'
            and patterns.gamma_{{ comparison }} = m_{{ comparison }}.level
            and patterns.blocking_rule in ({{ (free_rules or [0]) | join(', ') }})
    left join u_probabilities as u_{{ comparison }}
        on
            u_{{ comparison }}.comparison = '{{ comparison }}'
            and patterns.gamma_{{ comparison }} = u_{{ comparison }}.level
            and patterns.blocking_rule in ({{ (free_rules or [0]) | join(', ') }})
    {%- endfor %}
),

level_matches_{{ i }} as (
    {%- for comparison in comparisons %}
    {%- set free_rules = scv.rules_free_of(comparison) %}
    select
        '{{ comparison }}' as comparison,
        gamma_{{ comparison }} as level,
        sum(expected_matches) as expected_matches
    from expected_{{ i }}
    where
        gamma_{{ comparison }} >= 0
        and blocking_rule in ({{ (free_rules or [0]) | join(', ') }})
    group by 1, 2
    {% if not loop.last %}union all{% endif %}
    {%- endfor %}
),

m_probabilities_{{ i + 1 }} as (
    select
        all_levels.comparison,
        all_levels.level,
        greatest(
            coalesce(
                level_matches_{{ i }}.expected_matches
                / nullif(sum(level_matches_{{ i }}.expected_matches)
                    over (partition by all_levels.comparison), 0),
                all_levels.initial_m
            ),
            {{ floor_probability }}
        ) as m_probability
    from all_levels
    left join level_matches_{{ i }}
        on
            all_levels.comparison = level_matches_{{ i }}.comparison
            and all_levels.level = level_matches_{{ i }}.level
),

prior_{{ i + 1 }} as (
    select
        blocking_rule,
        least(greatest(sum(expected_matches) / sum(pair_count), {{ floor_probability }}), 0.999)
            as match_rate
    from expected_{{ i }}
    group by blocking_rule
    {%- for rule in range(1, rule_count + 1) %}
    union all
    select {{ rule }} as blocking_rule, cast(0.1 as double) as match_rate
    from (select 1 as one) as no_pairs
    where not exists (select 1 from expected_{{ i }} where blocking_rule = {{ rule }})
    {%- endfor %}
),
{% endfor %}

final as (
    select
        m_probabilities_{{ iterations }}.comparison,
        m_probabilities_{{ iterations }}.level,
        m_probabilities_{{ iterations }}.m_probability,
        u_probabilities.u_probability
    from m_probabilities_{{ iterations }}
    inner join u_probabilities
        on
            m_probabilities_{{ iterations }}.comparison = u_probabilities.comparison
            and m_probabilities_{{ iterations }}.level = u_probabilities.level
    union all
    -- the prior used for scoring is the match rate among all record pairs (expected
    -- matches found by blocking over every possible pair), not among blocked pairs
    select
        'prior' as comparison,
        0 as level,
        least(
            greatest(
                (select sum(expected_matches) from expected_{{ iterations - 1 }})
                / (record_count * (record_count - 1) / 2.0),
                {{ floor_probability }}
            ),
            0.5
        ) as m_probability,
        cast(null as double) as u_probability
    from (select count(*) as record_count from {{ ref('int_person_records_unioned') }}) as records
)

select
    comparison,
    level,
    m_probability,
    u_probability,
    '{{ invocation_id }}' as estimated_in_invocation,
    {{ dbt.current_timestamp() }} as estimated_at
from final
