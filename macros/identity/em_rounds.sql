{#
    Runs expectation maximisation's rounds for int_match_parameters_estimated and says
    where the last round's parameters are. `start_sql` selects round 0's row;
    `round_sql` selects the next round's row from the row of the round before, which it
    reads from the placeholder __params__. A row holds em_round, the parameters and
    max_change: the most any parameter moved in that round (null in round 0). Rounds go
    on while max_change is at least `tolerance`, `iterations` rounds at most.
    Returns a namespace: rounds (how many ran), converged (whether the last one moved
    less than `tolerance`) and final_params (a relation or subquery with the last row).
    Its working tables are named by em_round_tables, for the caller's post-hook to drop.
#}
{% macro em_rounds(helper, start_sql, round_sql, iterations, tolerance) -%}
    {{ return(adapter.dispatch('em_rounds', 'scv')(helper, start_sql, round_sql, iterations, tolerance)) }}
{%- endmacro %}

{#- A statement per round, each writing its row to a working table; a round's
    max_change decides whether another follows. -#}
{% macro default__em_rounds(helper, start_sql, round_sql, iterations, tolerance) -%}
    {%- set params = scv.em_round_tables(helper)[:2] -%}
    {%- do scv.replace_helper_table(params[0], start_sql) -%}
    {%- set state = namespace(rounds=0, converged=false) -%}
    {%- for i in range(iterations) if not state.converged -%}
        {%- set current = params[i % 2] -%}
        {%- set following = params[(i + 1) % 2] -%}
        {%- do scv.replace_helper_table(following, round_sql.replace('__params__', current)) -%}
        {%- set state.rounds = i + 1 -%}
        {%- set change = run_query('select max_change from ' ~ following).columns[0].values()[0] -%}
        {%- if change < tolerance -%}
            {%- set state.converged = true -%}
        {%- endif -%}
    {%- endfor -%}
    {{ return(namespace(
        rounds=state.rounds,
        converged=state.converged,
        final_params=params[state.rounds % 2]
    )) }}
{%- endmacro %}

{#- DuckDB: every round in one recursive query, planned once. A round's query takes
    DuckDB about 50 ms to plan and a few to run, and a statement costs dbt another 20
    ms, so a statement per round spent most of the model's time on overhead. The
    recursion reads only the row of the round before, and stops when that row says
    the rounds are over: then the round's query yields no row. -#}
{% macro duckdb__em_rounds(helper, start_sql, round_sql, iterations, tolerance) -%}
    {%- set rounds = scv.em_round_tables(helper)[2] -%}
    {%- set round_before -%}
        (
            select * from em_rounds
            where
                (em_round = 0 or max_change >= {{ tolerance }})
                and em_round < {{ iterations }}
        )
    {%- endset -%}
    {%- set rounds_sql -%}
        with recursive em_rounds as (
            {{ start_sql }}
            union all
            select * from (
                {{ round_sql.replace('__params__', round_before) }}
            )
        )
        select * from em_rounds
    {%- endset -%}
    {%- do scv.replace_helper_table(rounds, rounds_sql) -%}
    {%- set last = run_query(
        'select em_round, max_change from ' ~ rounds ~ ' order by em_round desc limit 1'
    ) -%}
    {%- set last_round = last.columns[0].values()[0] -%}
    {{ return(namespace(
        rounds=last_round,
        converged=last.columns[1].values()[0] is not none and last.columns[1].values()[0] < tolerance,
        final_params='(select * from ' ~ rounds ~ ' where em_round = ' ~ last_round ~ ')'
    )) }}
{%- endmacro %}


{#- Names of em_rounds' working tables for the prefix `helper` (every engine's: a post-hook
    drops what is there). -#}
{% macro em_round_tables(helper) -%}
    {{ return([helper ~ 'params_0', helper ~ 'params_1', helper ~ 'rounds']) }}
{%- endmacro %}
