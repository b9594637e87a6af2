{#
    Fellegi-Sunter parameters learned from the data without labels:
    - u (probability of a level among non-matches) from random record pairs;
    - m (probability of a level among matches) and the match rate of blocked pairs by
      expectation-maximisation over the comparison patterns of the blocked pairs, until
      no probability moves by more than var scv__em_tolerance in a round (at most var
      scv__em_iterations rounds; the log says how many ran). Each blocking rule is a
      training session over every pair it found, with the rule's own match rate, and
      the comparisons the rule constrains are left out of its expectation step and of
      their m: a rule on first and last name makes every pair agree on them, so that
      agreement says nothing about whether the pair is a match (counting it would
      explain same-name strangers as matches and teach EM that matches mostly disagree
      on email, phone and address). A pair found by several rules trains in each of
      them: training a pair only under the first rule that found it would leave, for a
      later rule, only the pairs the earlier ones missed (the email rule would see only
      pairs that disagree on a name, and teach EM that matches rarely share a last name).
    Pairs whose first names or birth dates conflict are left out of training: they are never
    linked probabilistically (macro has_identity_conflict), and they are mostly
    members of one household, who agree on everything else and would teach EM that a
    household is a person. Counts are smoothed (add one) so no level is impossible.
    One row per comparison and level, plus one row ('prior', 0) for the match rate.

    Each round runs as its own statements (tables <model>__em_*, temporary on DuckDB,
    dropped after the build): unrolled into a single query, rounds of CTEs that each read the previous
    round many times are expanded by Spark's analyzer until it runs out of memory.
#}
{%- set comparisons = scv.comparison_levels() -%}
{%- set iterations = var('scv__em_iterations') -%}
{%- set floor_probability = 0.000001 -%}
{%- set rule_count = var('scv__blocking_rules') | length -%}
{#- working tables: temporary on DuckDB (macro helper_schema) -#}
{%- set helper = scv.helper_schema() ~ '.' ~ this.identifier ~ '__em_' -%}
{#- one statement per hook: Spark runs a single statement at a time -#}
{%- set drop_helpers = [] -%}
{%- for name in ['patterns', 'levels', 'u', 'm_0', 'm_1', 'prior_0', 'prior_1', 'expected'] -%}
    {%- do drop_helpers.append('drop table if exists ' ~ helper ~ name) -%}
{%- endfor -%}
{{ config(post_hook=drop_helpers) }}

{#- comparison patterns of the blocked pairs, with how many pairs show each, once per
    blocking rule that found the pair (is_first_rule marks the rule that counts it for
    the scoring prior) -#}
{%- set patterns_sql -%}
    {%- for rule in range(1, rule_count + 1) %}
    select
        {{ rule }} as blocking_rule,
        blocking_rule = {{ rule }} as is_first_rule,
        {%- for comparison in comparisons %}
        gamma_{{ comparison }},
        {%- endfor %}
        count(*) as pair_count
    from {{ ref('int_identity_pairs_compared') }}
    where is_blocked_by_rule_{{ rule }} = 1 and not {{ scv.has_identity_conflict() }}
    group by {% for i in range(comparisons | length + 2) %}{{ i + 1 }}{{ ', ' if not loop.last }}{% endfor %}
    {% if not loop.last %}union all{% endif %}
    {%- endfor %}
{%- endset -%}

{#- every level of every comparison, with the m the first round starts from -#}
{%- set levels_sql -%}
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
{%- endset -%}

{#- u: share of each level among random record pairs (add-one smoothed) -#}
{%- set u_sql -%}
    with random_level_counts as (
        {%- for comparison in comparisons %}
        select
            '{{ comparison }}' as comparison,
            gamma_{{ comparison }} as level,
            count(*) as pair_count
        from {{ ref('int_identity_random_pairs_compared') }}
        where gamma_{{ comparison }} >= 0
        group by 1, 2
        {% if not loop.last %}union all{% endif %}
        {%- endfor %}
    )
    select
        levels.comparison,
        levels.level,
        (coalesce(random_level_counts.pair_count, 0) + 1)
        / sum(coalesce(random_level_counts.pair_count, 0) + 1)
            over (partition by levels.comparison)
            as u_probability
    from {{ helper }}levels as levels
    left join random_level_counts
        on
            levels.comparison = random_level_counts.comparison
            and levels.level = random_level_counts.level
{%- endset -%}

{%- set prior_start_sql -%}
    {%- for rule in range(1, rule_count + 1) %}
    select {{ rule }} as blocking_rule, cast(0.1 as double) as match_rate
    {% if not loop.last %}union all{% endif %}
    {%- endfor %}
{%- endset -%}

{#- E-step of a round: expected matches among the pairs of each pattern; comparisons the
    pair's blocking rule constrains count for nothing (factor 1); reads the round's m
    and match rates from the tables named by the placeholders __m__ and __prior__ -#}
{%- set expected_sql -%}
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
    from {{ helper }}patterns as patterns
    inner join __prior__ as prior
        on patterns.blocking_rule = prior.blocking_rule
    {%- for comparison in comparisons %}
    {%- set free_rules = scv.rules_free_of(comparison) %}
    left join __m__ as m_{{ comparison }}
        on
            m_{{ comparison }}.comparison = '{{ comparison }}'
            and patterns.gamma_{{ comparison }} = m_{{ comparison }}.level
            and patterns.blocking_rule in ({{ (free_rules or [0]) | join(', ') }})
    left join {{ helper }}u as u_{{ comparison }}
        on
            u_{{ comparison }}.comparison = '{{ comparison }}'
            and patterns.gamma_{{ comparison }} = u_{{ comparison }}.level
            and patterns.blocking_rule in ({{ (free_rules or [0]) | join(', ') }})
    {%- endfor %}
{%- endset -%}

{#- M-step: m of each level from the expected matches showing it -#}
{%- set m_sql -%}
    with level_matches as (
        {%- for comparison in comparisons %}
        {%- set free_rules = scv.rules_free_of(comparison) %}
        select
            '{{ comparison }}' as comparison,
            gamma_{{ comparison }} as level,
            sum(expected_matches) as expected_matches
        from {{ helper }}expected
        where
            gamma_{{ comparison }} >= 0
            and blocking_rule in ({{ (free_rules or [0]) | join(', ') }})
        group by 1, 2
        {% if not loop.last %}union all{% endif %}
        {%- endfor %}
    )
    select
        levels.comparison,
        levels.level,
        greatest(
            coalesce(
                level_matches.expected_matches
                / nullif(sum(level_matches.expected_matches) over (partition by levels.comparison), 0),
                levels.initial_m
            ),
            {{ floor_probability }}
        ) as m_probability
    from {{ helper }}levels as levels
    left join level_matches
        on
            levels.comparison = level_matches.comparison
            and levels.level = level_matches.level
{%- endset -%}

{#- M-step: each blocking rule's match rate (0.1 for a rule that found no pair) -#}
{%- set prior_sql -%}
    select
        blocking_rule,
        least(greatest(sum(expected_matches) / sum(pair_count), {{ floor_probability }}), 0.999)
            as match_rate
    from {{ helper }}expected
    group by blocking_rule
    {%- for rule in range(1, rule_count + 1) %}
    union all
    select {{ rule }} as blocking_rule, cast(0.1 as double) as match_rate
    from (select 1 as one) as no_pairs
    where not exists (select 1 from {{ helper }}expected where blocking_rule = {{ rule }})
    {%- endfor %}
{%- endset -%}

{%- if execute -%}
    {%- for name, sql in [
        ('patterns', patterns_sql), ('levels', levels_sql), ('u', u_sql),
        ('m_0', 'select comparison, level, initial_m as m_probability from ' ~ helper ~ 'levels'),
        ('prior_0', prior_start_sql)
    ] -%}
        {%- do scv.replace_helper_table(helper ~ name, sql) -%}
    {%- endfor -%}
    {#- rounds until no m and no match rate moves by more than var scv__em_tolerance -#}
    {%- set state = namespace(rounds=0, done=false) -%}
    {%- for i in range(iterations) if not state.done -%}
        {%- set current = helper ~ 'm_' ~ (i % 2) -%}
        {%- set current_prior = helper ~ 'prior_' ~ (i % 2) -%}
        {%- set following = (i + 1) % 2 -%}
        {%- do scv.replace_helper_table(helper ~ 'expected', expected_sql.replace('__m__', current).replace('__prior__', current_prior)) -%}
        {%- do scv.replace_helper_table(helper ~ 'm_' ~ following, m_sql) -%}
        {%- do scv.replace_helper_table(helper ~ 'prior_' ~ following, prior_sql) -%}
        {%- set state.rounds = i + 1 -%}
        {%- set change -%}
            select max(change) from (
                select abs(new_m.m_probability - old_m.m_probability) as change
                from {{ helper }}m_{{ following }} as new_m
                inner join {{ current }} as old_m
                    on new_m.comparison = old_m.comparison and new_m.level = old_m.level
                union all
                select abs(new_prior.match_rate - old_prior.match_rate) as change
                from {{ helper }}prior_{{ following }} as new_prior
                inner join {{ current_prior }} as old_prior
                    on new_prior.blocking_rule = old_prior.blocking_rule
            ) as changes
        {%- endset -%}
        {%- if run_query(change).columns[0].values()[0] < var('scv__em_tolerance') -%}
            {%- set state.done = true -%}
        {%- endif -%}
    {%- endfor -%}
    {%- do log('int_match_parameters_estimated: EM ' ~ ('converged after ' if state.done else 'stopped at the cap of ') ~ state.rounds ~ ' rounds', info=true) -%}
{%- endif -%}
{%- set m_final = helper ~ 'm_' ~ (state.rounds % 2 if execute else 0) %}

with

final as (
    select
        m_probabilities.comparison,
        m_probabilities.level,
        m_probabilities.m_probability,
        u_probabilities.u_probability
    from {{ m_final }} as m_probabilities
    inner join {{ helper }}u as u_probabilities
        on
            m_probabilities.comparison = u_probabilities.comparison
            and m_probabilities.level = u_probabilities.level
    union all
    -- the prior used for scoring is the match rate among all record pairs (expected
    -- matches found by blocking over every possible pair), not among blocked pairs
    select
        'prior' as comparison,
        0 as level,
        least(
            greatest(
                (select sum(expected_matches) from {{ helper }}expected where is_first_rule)
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
