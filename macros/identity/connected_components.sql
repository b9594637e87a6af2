{#
    Connected components by label propagation with pointer jumping, run as a loop of
    CREATE TABLE AS statements at execution time. It works on every engine (Spark's
    recursive CTEs cannot do it) and is the faster way on DuckDB too.

    nodes_sql: a select of one column `node`; edges_sql: a select of `node_a`, `node_b`.
    Returns the name of a table (node, component) where component is the smallest node
    of the component. Helper tables are named `<prefix>_*` in helper_schema (temporary
    tables on DuckDB) and dropped, but for the result, which the caller drops after use
    (component_tables names them).
#}
{% macro connected_components(nodes_sql, edges_sql, prefix, max_iterations=60) -%}
    {%- set schema = scv.helper_schema() -%}
    {%- set ids = schema ~ '.' ~ prefix ~ '_ids' -%}
    {%- set edges = schema ~ '.' ~ prefix ~ '_edges' -%}
    {%- set labels = [schema ~ '.' ~ prefix ~ '_labels_a', schema ~ '.' ~ prefix ~ '_labels_b'] -%}
    {%- set step = schema ~ '.' ~ prefix ~ '_step' -%}
    {%- set components = schema ~ '.' ~ prefix ~ '_components' -%}
    {%- if not execute -%}
        {{ return(components) }}
    {%- endif -%}
    {#- nodes as integers in the order of their keys: the loop joins integers, which is
        ~3x faster than joining text keys, and the smallest integer of a component is
        its smallest key -#}
    {%- do scv.replace_helper_table(ids, 'select node as node_key, row_number() over (order by node) as node_id from (' ~ nodes_sql ~ ') as nodes') -%}
    {%- do scv.replace_helper_table(step, 'select ids_a.node_id as node_a, ids_b.node_id as node_b from (' ~ edges_sql ~ ') as e inner join ' ~ ids ~ ' as ids_a on e.node_a = ids_a.node_key inner join ' ~ ids ~ ' as ids_b on e.node_b = ids_b.node_key') -%}
    {%- do scv.replace_helper_table(edges, 'select node_a as src, node_b as dst from ' ~ step ~ ' union all select node_b as src, node_a as dst from ' ~ step) -%}
    {#- only linked nodes take part; a node without links is a component of its own -#}
    {%- do scv.replace_helper_table(labels[0], 'select src as node, least(src, min(dst)) as component from ' ~ edges ~ ' group by src') -%}
    {%- set state = namespace(current=0, done=false) -%}
    {%- for iteration in range(max_iterations) if not state.done -%}
        {%- set source = labels[state.current] -%}
        {%- set target = labels[1 - state.current] -%}
        {#- every node takes the smallest label among itself and its neighbours -#}
        {%- do scv.replace_helper_table(step, 'select own.node, least(own.component, min(neighbour.component)) as component from ' ~ source ~ ' as own inner join ' ~ edges ~ ' as edges on own.node = edges.src inner join ' ~ source ~ ' as neighbour on edges.dst = neighbour.node group by own.node, own.component') -%}
        {#- pointer jumping: take the label of your label -#}
        {%- do scv.replace_helper_table(target, 'select step.node, least(step.component, jump.component) as component from ' ~ step ~ ' as step inner join ' ~ step ~ ' as jump on step.component = jump.node') -%}
        {%- set changed = run_query('select count(*) from ' ~ target ~ ' as new_labels inner join ' ~ source ~ ' as old_labels on new_labels.node = old_labels.node where new_labels.component != old_labels.component').columns[0].values()[0] -%}
        {%- set state.current = 1 - state.current -%}
        {%- if changed == 0 -%}
            {%- set state.done = true -%}
        {%- endif -%}
    {%- endfor -%}
    {%- if not state.done -%}
        {{ exceptions.raise_compiler_error('connected_components: no convergence after ' ~ max_iterations ~ ' iterations') }}
    {%- endif -%}
    {%- do scv.replace_helper_table(components, 'select ids.node_key as node, component_ids.node_key as component from ' ~ ids ~ ' as ids left join ' ~ labels[state.current] ~ ' as labels on ids.node_id = labels.node inner join ' ~ ids ~ ' as component_ids on coalesce(labels.component, ids.node_id) = component_ids.node_id') -%}
    {%- for table in [step, edges, ids] + labels -%}
        {%- do run_query('drop table if exists ' ~ table) -%}
    {%- endfor -%}
    {{ return(components) }}
{%- endmacro %}


{#- Names of the helper tables of connected_components (and of the flagged components a
    caller keeps beside them, int_identity_clusters_resolved), for the caller's post-hooks. -#}
{% macro component_tables(prefix) -%}
    {%- set tables = [] -%}
    {%- for suffix in ['ids', 'edges', 'labels_a', 'labels_b', 'step', 'components',
                       'components__flagged'] -%}
        {%- do tables.append(prefix ~ '_' ~ suffix) -%}
    {%- endfor -%}
    {{ return(tables) }}
{%- endmacro %}
