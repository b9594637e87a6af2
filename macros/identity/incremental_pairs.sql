{#
    Incremental pair work (README, "Incremental runs"). Blocking and comparing cost most
    of an identity run and depend only on the two records of a pair, the blocks they
    share and how many people share their email and phone. So a run recomputes only the
    pairs of records that are new, changed or gone since the last run, or that sit in a
    block that crossed scv__max_block_size (int_identity_records_touched), against the
    records as the last run saw them (int_identity_records_paired).
#}

{#- The blocking columns of every rule, with their flags, each once. -#}
{% macro blocking_state_columns() -%}
    {%- set columns = [] -%}
    {%- for rule in scv.blocking_rules() -%}
        {%- for column in scv.blocking_rule_columns(rule) + ([scv.blocking_rule_condition(rule)] if scv.blocking_rule_condition(rule) else []) -%}
            {%- if column not in columns -%}
                {%- do columns.append(column) -%}
            {%- endif -%}
        {%- endfor -%}
    {%- endfor -%}
    {{ return(columns) }}
{%- endmacro %}


{#- A 64-bit hash (fingerprint_hash) of every spine column of a record (alias `record`)
    and of its identifiers with their assessment (alias `record_identifiers`, column
    identifier_state): what a pair's blocking, deterministic link and comparison levels
    can depend on. -#}
{% macro record_fingerprint() -%}
    {%- set parts = [] -%}
    {%- if execute -%}
        {%- for column in adapter.get_columns_in_relation(ref('int_person_records_unioned')) | sort(attribute='name') -%}
            {%- do parts.append("coalesce(cast(record." ~ adapter.quote(column.name) ~ " as " ~ dbt.type_string() ~ "), '<null>')") -%}
        {%- endfor -%}
    {%- endif -%}
    {%- do parts.append("coalesce(record_identifiers.identifier_state, '<none>')") -%}
    {{ scv.fingerprint_hash("concat_ws('|', " ~ parts | join(', ') ~ ")") }}
{%- endmacro %}


{#- md5 of what every pair depends on besides its records: the blocking rules, the block
    size cap and the seeds and models the comparison levels read. A change of any of them
    makes every record touched, so the pairs are all recomputed. -#}
{% macro pair_configuration_fingerprint() -%}
    {%- set parts = [tojson(scv.blocking_rules()), scv.identity_setting('scv__max_block_size') | string] -%}
    {%- if execute -%}
        {%- for node in graph.nodes.values() | sort(attribute='unique_id') -%}
            {%- if node.package_name == 'scv' and node.name in (
                'nicknames', 'given_names', 'first_name_canonical_forms', 'int_first_name_equivalences',
                'int_identity_pairs_blocked', 'int_identity_pairs_compared',
                'int_identity_pairs_deterministic') -%}
                {%- do parts.append(node.unique_id ~ ':' ~ node.checksum.checksum) -%}
            {%- endif -%}
        {%- endfor -%}
    {%- endif -%}
    {#- the comparison SQL as rendered (macros have no checksum in the graph) -#}
    {%- do parts.append(local_md5(scv.comparison_vector() ~ scv.join_first_name_equivalence()
                                  ~ scv.has_identity_conflict())) -%}
    '{{ local_md5(parts | join("|")) }}'
{%- endmacro %}


{#- The records as the last run saw them (int_identity_records_paired), if it ran: read
    by name, not ref, since that model is built after the pairs it describes. -#}
{% macro records_paired_last_run() -%}
    {%- if not execute -%}
        {{ return(none) }}
    {%- endif -%}
    {{ return(adapter.get_relation(
        database=this.database, schema=this.schema, identifier='int_identity_records_paired'
    )) }}
{%- endmacro %}


{#- Pre-hook of the incremental pair models: delete the pairs this run recomputes, those
    of touched records, and (`extra_condition`) any others the model names. No-op on a
    full build and on Spark (where the pair models are tables, pair_materialization). -#}
{% macro delete_touched_pairs(extra_condition=none) -%}
    {%- if execute and is_incremental() -%}
        {%- set touched = ref('int_identity_records_touched') -%}
        delete from {{ this }}
        where
            record_id_a in (select person_record_id from {{ touched }})
            or record_id_b in (select person_record_id from {{ touched }})
            {%- if extra_condition %}
            or {{ extra_condition }}
            {%- endif %}
    {%- endif -%}
{%- endmacro %}


{#- Pre-hook of int_identity_records_paired: delete the rows of touched records, which the
    model inserts again as they are now (a gone record's row is not inserted). -#}
{% macro delete_touched_records() -%}
    {%- if execute and is_incremental() -%}
        delete from {{ this }}
        where person_record_id in (
            select person_record_id from {{ ref('int_identity_records_touched') }}
        )
    {%- endif -%}
{%- endmacro %}


{#- Incremental pair models add their new rows (after delete_touched_pairs). Spark
    without Delta or Iceberg cannot delete rows: there they are tables, rebuilt. -#}
{% macro pair_materialization() -%}
    {{ return(adapter.dispatch('pair_materialization', 'scv')()) }}
{%- endmacro %}

{% macro default__pair_materialization() -%}
    {{ return('incremental') }}
{%- endmacro %}

{% macro spark__pair_materialization() -%}
    {{ return('table') }}
{%- endmacro %}


{#- The two record ids of a pair from a self-join of `left` with `right`. A full build
    joins left < right, so each pair comes once in order; an incremental build joins
    every touched record (left) with every other record (right), either way round, so
    the ids are put in order. -#}
{% macro self_join_pair_ids(left, right) -%}
    {%- if is_incremental() -%}
        least({{ left }}, {{ right }}) as record_id_a,
        greatest({{ left }}, {{ right }}) as record_id_b
    {%- else -%}
        {{ left }} as record_id_a,
        {{ right }} as record_id_b
    {%- endif -%}
{%- endmacro %}

{% macro self_join_pair_condition(left, right) -%}
    {{ left }} {{ '!=' if is_incremental() else '<' }} {{ right }}
{%- endmacro %}
