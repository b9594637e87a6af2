{#
    Person records grouped into clusters (one cluster = one real person) as connected
    components of int_identity_edges, with a guard against chaining: a cluster larger
    than var scv__max_cluster_size, or one holding two records a steward force-unlinked,
    is split at its weakest links; so is one holding two records whose own scored pair
    has a match probability below var scv__cannot_link_probability (null: off), down to
    the deterministic-links stage at most (the model's evidence never cuts those). Each
    further stage keeps only the links at least as strong as its threshold inside such
    clusters: probability 0.99, 0.999, 0.99999, then deterministic links only, then
    steward links only; it recomputes components among the records of the flagged
    clusters only. One row per person record.
#}
{%- set prefix = this.identifier ~ '__cc' -%}
{%- set stages = [none, 0.99, 0.999, 0.99999, 1.01, 1.6] -%}
{#- one statement per hook: Spark runs a single statement at a time -#}
{%- set drop_helpers = [] -%}
{%- for i in range(stages | length) -%}
    {%- for table in scv.component_tables(this.identifier ~ '__cc' ~ i) -%}
        {%- do drop_helpers.append('drop table if exists ' ~ scv.helper_schema() ~ '.' ~ table) -%}
    {%- endfor -%}
{%- endfor -%}
{%- set ruled_out_relation = scv.helper_schema() ~ '.' ~ this.identifier ~ '__ruled_out' -%}
{%- do drop_helpers.append('drop table if exists ' ~ ruled_out_relation) -%}
{{ config(post_hook=drop_helpers) }}

{%- set all_nodes_sql -%}
    select person_record_id as node from {{ ref('int_person_records_unioned') }}
{%- endset -%}
{%- set edges_relation = ref('int_identity_edges') -%}
{%- set unlinks_relation = ref('identity_force_unlinks') -%}
{%- set pairs_relation = ref('int_identity_pairs_scored') -%}
{%- set cannot_link = scv.identity_setting('scv__cannot_link_probability') is not none -%}

{#- Each stage's labels cover only the records it split (the first stage: every record);
    a record's cluster is its label in the last stage that holds it. A cluster a stage
    leaves alone is never flagged again (its size, unlinks and ruled-out pairs do not
    change), so each stage looks only at the clusters the one before split. -#}
{%- set state = namespace(done=false) -%}
{%- set stage_labels = [] -%}
{%- for threshold in stages if not state.done -%}
    {%- if threshold is none -%}
        {%- set nodes_sql = all_nodes_sql -%}
        {%- set edges_sql = 'select record_id_a as node_a, record_id_b as node_b from ' ~ edges_relation -%}
    {%- else -%}
        {#- a later stage splits only the flagged clusters: their records, with the links
            among them at least as strong as the stage's threshold -#}
        {%- set nodes_sql -%}
            select labels.node
            from {{ stage_labels[-1] }} as labels
            inner join {{ stage_labels[-1] }}__flagged as flagged on labels.component = flagged.component
        {%- endset -%}
        {%- set edges_sql -%}
            select edges.record_id_a as node_a, edges.record_id_b as node_b
            from {{ edges_relation }} as edges
            inner join ({{ nodes_sql }}) as flagged_nodes on edges.record_id_a = flagged_nodes.node
            where edges.edge_strength >= {{ threshold }}
        {%- endset -%}
    {%- endif -%}
    {%- set labels = scv.connected_components(nodes_sql, edges_sql, prefix ~ loop.index0) -%}
    {%- if execute and cannot_link and threshold is none -%}
        {#- the pairs the model rules out inside the first clusters, once: splitting only
            ever separates records, so no other pair can come to share a cluster -#}
        {%- do scv.replace_helper_table(
            ruled_out_relation, 'select pairs.record_id_a, pairs.record_id_b'
            ~ ' from ' ~ pairs_relation ~ ' as pairs'
            ~ ' inner join ' ~ labels ~ ' as labels_a on pairs.record_id_a = labels_a.node'
            ~ ' inner join ' ~ labels ~ ' as labels_b on pairs.record_id_b = labels_b.node'
            ~ ' where labels_a.component = labels_b.component'
            ~ ' and ' ~ scv.is_ruled_out_pair('pairs')
        ) -%}
    {%- endif -%}
    {%- if execute -%}
        {%- do scv.replace_helper_table(
            labels ~ '__flagged',
            'select component from ' ~ labels ~ ' group by component having count(*) > '
            ~ scv.identity_setting('scv__max_cluster_size')
            ~ ' union select labels_a.component from ' ~ unlinks_relation ~ ' as unlinks'
            ~ ' inner join ' ~ labels ~ ' as labels_a on unlinks.record_id_a = labels_a.node'
            ~ ' inner join ' ~ labels ~ ' as labels_b on unlinks.record_id_b = labels_b.node'
            ~ ' where labels_a.component = labels_b.component'
            ~ (
                ' union select labels_a.component from ' ~ ruled_out_relation ~ ' as pairs'
                ~ ' inner join ' ~ labels ~ ' as labels_a on pairs.record_id_a = labels_a.node'
                ~ ' inner join ' ~ labels ~ ' as labels_b on pairs.record_id_b = labels_b.node'
                ~ ' where labels_a.component = labels_b.component'
                if cannot_link and loop.index0 < (stages | length) - 2 else ''
            )
        ) -%}
        {%- set flagged = run_query('select count(*) from ' ~ labels ~ '__flagged').columns[0].values()[0] -%}
        {%- if flagged == 0 -%}
            {%- set state.done = true -%}
        {%- endif -%}
    {%- endif -%}
    {%- do stage_labels.append(labels) -%}
{%- endfor %}

with

first_labels as (
    select * from {{ stage_labels[0] }}
),

{% for labels in stage_labels[1:] -%}
stage_{{ loop.index }}_labels as (
    select * from {{ labels }}
),

{% endfor -%}
-- a record's cluster: its label in the last stage that split its cluster
final_labels as (
    select
        first_labels.node,
        first_labels.component as first_component,
        coalesce(
            {%- for labels in stage_labels[1:] | reverse %}
            stage_{{ stage_labels | length - loop.index }}_labels.component,
            {%- endfor %}
            first_labels.component
        ) as component
    from first_labels
    {%- for labels in stage_labels[1:] %}
    left join stage_{{ loop.index }}_labels
        on first_labels.node = stage_{{ loop.index }}_labels.node
    {%- endfor %}
),

sized as (
    select
        node as person_record_id,
        component as cluster_id,
        count(*) over (partition by component) as cluster_size,
        count(*) over (partition by first_component) as unsplit_cluster_size
    from final_labels
)

select
    person_record_id,
    cluster_id,
    cluster_size,
    cluster_size < unsplit_cluster_size as was_split,
    {{ stage_labels | length - 1 }} as resolution_stages
from sized
