{#
    Connected components by label propagation with pointer jumping, run as a loop of
    CREATE TABLE AS statements at execution time. It works on every engine (Spark's
    recursive CTEs cannot do it) and is the faster way on DuckDB too.

    nodes_sql: a select of one column `node`; edges_sql: a select of `node_a`, `node_b`.
    Returns the name of a table (node, component) where component is the smallest node
    of the component. Helper tables are named `<prefix>_*` in the model's schema and
    dropped, but for the result, which the caller drops after use (component_tables names them).
#}
{% macro connected_components(nodes_sql, edges_sql, prefix, max_iterations=60) -%}
    {%- set schema = this.schema -%}
    {%- set edges = schema ~ '.' ~ prefix ~ '_edges' -%}
    {%- set labels = [schema ~ '.' ~ prefix ~ '_labels_a', schema ~ '.' ~ prefix ~ '_labels_b'] -%}
    {%- set step = schema ~ '.' ~ prefix ~ '_step' -%}
    {%- if not execute -%}
        {{ return(labels[0]) }}
    {%- endif -%}
    {%- do run_query('drop table if exists ' ~ edges) -%}
    {%- do run_query('create table ' ~ edges ~ ' as select node_a as src, node_b as dst from (' ~ edges_sql ~ ') as e union all select node_b as src, node_a as dst from (' ~ edges_sql ~ ') as e') -%}
    {%- do run_query('drop table if exists ' ~ labels[0]) -%}
    {%- do run_query('create table ' ~ labels[0] ~ ' as select nodes.node, least(nodes.node, coalesce(min(edges.dst), nodes.node)) as component from (' ~ nodes_sql ~ ') as nodes left join ' ~ edges ~ ' as edges on nodes.node = edges.src group by nodes.node') -%}
    {%- set state = namespace(current=0, done=false) -%}
    {%- for iteration in range(max_iterations) if not state.done -%}
        {%- set source = labels[state.current] -%}
        {%- set target = labels[1 - state.current] -%}
        {%- do run_query('drop table if exists ' ~ step) -%}
        {#- every node takes the smallest label among itself and its neighbours -#}
        {%- do run_query('create table ' ~ step ~ ' as select own.node, least(own.component, coalesce(min(neighbour.component), own.component)) as component from ' ~ source ~ ' as own left join ' ~ edges ~ ' as edges on own.node = edges.src left join ' ~ source ~ ' as neighbour on edges.dst = neighbour.node group by own.node, own.component') -%}
        {#- pointer jumping: take the label of your label -#}
        {%- do run_query('drop table if exists ' ~ target) -%}
        {%- do run_query('create table ' ~ target ~ ' as select step.node, least(step.component, jump.component) as component from ' ~ step ~ ' as step inner join ' ~ step ~ ' as jump on step.component = jump.node') -%}
        {%- set changed = run_query('select count(*) from ' ~ target ~ ' as new_labels inner join ' ~ source ~ ' as old_labels on new_labels.node = old_labels.node where new_labels.component != old_labels.component').columns[0].values()[0] -%}
        {%- set state.current = 1 - state.current -%}
        {%- if changed == 0 -%}
            {%- set state.done = true -%}
        {%- endif -%}
    {%- endfor -%}
    {%- if not state.done -%}
        {{ exceptions.raise_compiler_error('connected_components: no convergence after ' ~ max_iterations ~ ' iterations') }}
    {%- endif -%}
    {%- do run_query('drop table if exists ' ~ step) -%}
    {%- do run_query('drop table if exists ' ~ edges) -%}
    {%- do run_query('drop table if exists ' ~ labels[1 - state.current]) -%}
    {{ return(labels[state.current]) }}
{%- endmacro %}


{#- Names of the helper tables of connected_components (and of a caller's merged labels,
    int_identity_clusters_resolved), for the caller's post-hooks. -#}
{% macro component_tables(prefix) -%}
    {%- set tables = [] -%}
    {%- for suffix in ['edges', 'labels_a', 'labels_b', 'step', 'labels_a__flagged', 'labels_b__flagged',
                       'merged', 'merged__flagged'] -%}
        {%- do tables.append(prefix ~ '_' ~ suffix) -%}
    {%- endfor -%}
    {{ return(tables) }}
{%- endmacro %}
