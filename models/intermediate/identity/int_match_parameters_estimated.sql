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

    A round reads the row of the round before and yields the next row: a column per
    level's m (m__<comparison>__<level>), a column per rule's match rate
    (match_rate__<rule>), the expected matches its E-step counted for the scoring prior,
    and the most any of them moved (max_change). So a round is a scan of the patterns
    with that row, and one aggregate: no join per comparison, which Spark took about 7 s
    a round to plan and run. Macro em_rounds runs the rounds: on Spark one statement per
    round, into working tables (<model>__em_*, dropped after the build; unrolled into a
    single query, rounds that each read the previous round many times are expanded by
    Spark's analyzer until it runs out of memory); on DuckDB one recursive query.
#}
{%- set comparisons = scv.comparison_levels() -%}
{%- set iterations = scv.identity_setting('scv__em_iterations') -%}
{%- set floor_probability = 0.000001 -%}
{%- set rule_count = scv.blocking_rules() | length -%}
{#- working tables: temporary on DuckDB (macro helper_schema) -#}
{%- set helper = scv.helper_schema() ~ '.' ~ this.identifier ~ '__em_' -%}
{#- one statement per hook: Spark runs a single statement at a time -#}
{%- set drop_helpers = [] -%}
{%- for table in [helper ~ 'levels', helper ~ 'u', helper ~ 'patterns'] + scv.em_round_tables(helper) -%}
    {%- do drop_helpers.append('drop table if exists ' ~ table) -%}
{%- endfor -%}
{{ config(post_hook=drop_helpers) }}

{#- the parameters' columns in a round's row: the m of each level, with the value the
    first round starts from, and each rule's match rate -#}
{%- set m_columns = [] -%}
{%- for comparison, levels in comparisons.items() -%}
    {%- for level in levels -%}
        {%- do m_columns.append({
            'name': 'm__' ~ comparison ~ '__' ~ level, 'comparison': comparison, 'level': level,
            'initial': 0.85 if level == levels | max
                else (0.15 * (level + 1) / ((levels | max) * ((levels | max) + 1) / 2)) | round(6)
        }) -%}
    {%- endfor -%}
{%- endfor -%}
{%- set parameter_columns = [] -%}
{%- for column in m_columns -%}
    {%- do parameter_columns.append(column.name) -%}
{%- endfor -%}
{%- for rule in range(1, rule_count + 1) -%}
    {%- do parameter_columns.append('match_rate__' ~ rule) -%}
{%- endfor -%}

{#- every level of every comparison -#}
{%- set levels_sql -%}
    {%- for column in m_columns %}
    select '{{ column.comparison }}' as comparison, {{ column.level }} as level
    {% if not loop.last %}union all{% endif %}
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

{#- comparison patterns of the blocked pairs, with how many pairs show each, once per
    blocking rule that found the pair (is_first_rule marks the rule that counts it for
    the scoring prior), and the product of their u (which no round changes); the
    comparisons the pair's blocking rule constrains count for nothing (factor 1) -#}
{%- set patterns_sql -%}
    with rule_patterns as (
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
    )
    select
        rule_patterns.*,
        1
        {%- for comparison in comparisons %} * coalesce(u_{{ comparison }}.u_probability, 1){% endfor %}
            as u_product
    from rule_patterns
    {%- for comparison in comparisons %}
    {%- set free_rules = scv.rules_free_of(comparison) %}
    left join {{ helper }}u as u_{{ comparison }}
        on
            u_{{ comparison }}.comparison = '{{ comparison }}'
            and rule_patterns.gamma_{{ comparison }} = u_{{ comparison }}.level
            and rule_patterns.blocking_rule in ({{ (free_rules or [0]) | join(', ') }})
    {%- endfor %}
{%- endset -%}

{#- the first round's parameters: the initial m of every level, a match rate of 0.1 for
    every rule -#}
{%- set params_start_sql -%}
    select
        0 as em_round,
        {%- for column in m_columns %}
        cast({{ column.initial }} as double) as {{ column.name }},
        {%- endfor %}
        {%- for rule in range(1, rule_count + 1) %}
        cast(0.1 as double) as match_rate__{{ rule }},
        {%- endfor %}
        cast(null as double) as first_rule_matches,
        cast(null as double) as max_change
{%- endset -%}

{#- One round, from the parameters in the table named by the placeholder __params__:
    the E-step's expected matches among the pairs of each pattern, then the M-step's m of
    each level (its share of the expected matches of the rules that leave the comparison
    free) and match rate of each rule (0.1 for a rule that found no pair). -#}
{%- set round_sql -%}
    with

    pattern_probabilities as (
        select
            patterns.*,
            case patterns.blocking_rule
                {%- for rule in range(1, rule_count + 1) %}
                when {{ rule }} then params.match_rate__{{ rule }}
                {%- endfor %}
            end as match_rate,
            1
            {%- for comparison, levels in comparisons.items() %}
            {%- set free_rules = scv.rules_free_of(comparison) %}
            * case
                when patterns.blocking_rule in ({{ (free_rules or [0]) | join(', ') }}) then
                    case patterns.gamma_{{ comparison }}
                        {%- for level in levels %}
                        when {{ level }} then params.m__{{ comparison }}__{{ level }}
                        {%- endfor %}
                        else 1
                    end
                else 1
            end
            {%- endfor %}
                as m_product
        from {{ helper }}patterns as patterns
        cross join __params__ as params
    ),

    -- computed once: each of the aggregates below reads expected_matches
    expected as {{ scv.materialized_cte() }} (
        select
            *,
            pair_count * (match_rate * m_product)
            / (match_rate * m_product + (1 - match_rate) * u_product) as expected_matches
        from pattern_probabilities
    ),

    -- the M-step's sums: expected matches per level of each comparison (among the rules
    -- that leave it free) and per rule, with pairs per rule
    expected_sums as (
        select
            {%- for comparison, levels in comparisons.items() %}
            {%- set free = '(' ~ (scv.rules_free_of(comparison) or [0]) | join(', ') ~ ')' %}
            {%- for level in levels %}
            sum(case when blocking_rule in {{ free }} and gamma_{{ comparison }} = {{ level }} then expected_matches end)
                as matches__{{ comparison }}__{{ level }},
            {%- endfor %}
            {%- endfor %}
            {%- for rule in range(1, rule_count + 1) %}
            sum(case when blocking_rule = {{ rule }} then expected_matches end) as matches__rule_{{ rule }},
            sum(case when blocking_rule = {{ rule }} then pair_count end) as pairs__rule_{{ rule }},
            {%- endfor %}
            coalesce(sum(case when is_first_rule then expected_matches end), 0) as first_rule_matches
        from expected
    ),

    -- the M-step: each level's m and each rule's match rate
    new_params as (
        select
            {%- for comparison, levels in comparisons.items() %}
            {%- for column in m_columns if column.comparison == comparison %}
            greatest(
                coalesce(
                    matches__{{ comparison }}__{{ column.level }}
                    / nullif({% for level in levels %}coalesce(matches__{{ comparison }}__{{ level }}, 0){{ ' + ' if not loop.last }}{% endfor %}, 0),
                    {{ column.initial }}
                ),
                {{ floor_probability }}
            ) as {{ column.name }},
            {%- endfor %}
            {%- endfor %}
            {%- for rule in range(1, rule_count + 1) %}
            case
                when pairs__rule_{{ rule }} is null then cast(0.1 as double)
                else least(greatest(matches__rule_{{ rule }} / pairs__rule_{{ rule }}, {{ floor_probability }}), 0.999)
            end as match_rate__{{ rule }},
            {%- endfor %}
            first_rule_matches
        from expected_sums
    )

    -- the round's number and the most any parameter moved since the round before
    select
        params.em_round + 1 as em_round,
        {%- for column in parameter_columns %}
        new_params.{{ column }},
        {%- endfor %}
        new_params.first_rule_matches,
        greatest(
            {%- for column in parameter_columns %}
            abs(new_params.{{ column }} - params.{{ column }}){{ ',' if not loop.last }}
            {%- endfor %}
        ) as max_change
    from new_params
    cross join __params__ as params
{%- endset -%}

{%- if execute -%}
    {%- for name, sql in [('levels', levels_sql), ('u', u_sql), ('patterns', patterns_sql)] -%}
        {%- do scv.replace_helper_table(helper ~ name, sql) -%}
    {%- endfor -%}
    {#- rounds until no m and no match rate moves by more than var scv__em_tolerance -#}
    {%- set em = scv.em_rounds(helper, params_start_sql, round_sql, iterations, scv.identity_setting('scv__em_tolerance')) -%}
    {%- do log('int_match_parameters_estimated: EM ' ~ ('converged after ' if em.converged else 'stopped at the cap of ') ~ em.rounds ~ ' rounds', info=true) -%}
{%- endif -%}
{%- set params_final = em.final_params if execute else helper ~ 'params' %}

with

final_params as (
    select * from {{ params_final }}
),

-- the row of the last round as one row per comparison and level
m_probabilities as (
    {%- for column in m_columns %}
    select
        '{{ column.comparison }}' as comparison,
        {{ column.level }} as level,
        {{ column.name }} as m_probability
    from final_params
    {% if not loop.last %}union all{% endif %}
    {%- endfor %}
),

final as (
    select
        m_probabilities.comparison,
        m_probabilities.level,
        m_probabilities.m_probability,
        u_probabilities.u_probability
    from m_probabilities
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
                (select first_rule_matches from final_params)
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
