{#
    Event-scale models are incremental: a run recomputes only the keys (devices,
    touchpoints) that new or late rows, or identity changes, touch, and replaces them
    (delete+insert, keyed on the model's unique_key). On Spark (no row-level deletes
    without Delta or Iceberg) the model rebuilds the whole table instead:
    is_incremental_run() is false there, so the full query runs and insert_overwrite
    replaces the table. Same result, more work.
#}
{% macro event_incremental_strategy() -%}
    {{ return(adapter.dispatch('event_incremental_strategy', 'scv')()) }}
{%- endmacro %}

{% macro default__event_incremental_strategy() -%}
    {{ return('delete+insert') }}
{%- endmacro %}

{% macro spark__event_incremental_strategy() -%}
    {{ return('insert_overwrite') }}
{%- endmacro %}


{% macro is_incremental_run() -%}
    {{ return(adapter.dispatch('is_incremental_run', 'scv')()) }}
{%- endmacro %}

{% macro default__is_incremental_run() -%}
    {{ return(is_incremental()) }}
{%- endmacro %}

{% macro spark__is_incremental_run() -%}
    {{ return(false) }}
{%- endmacro %}


{#
    Incremental models that read their own previous rows and return the whole new table
    (int_customer_ids_assigned). DuckDB merges the result into the table. Spark without
    Delta or Iceberg has no merge: the result replaces the table (insert_overwrite without
    partitions), and Spark refuses to overwrite a table the same query reads, so a
    pre-hook copies the previous rows aside (keep_previous_state) and the model reads the
    copy (previous_state); a post-hook drops it (drop_previous_state).
#}
{% macro state_incremental_strategy() -%}
    {{ return(adapter.dispatch('state_incremental_strategy', 'scv')()) }}
{%- endmacro %}

{% macro default__state_incremental_strategy() -%}
    {{ return('merge') }}
{%- endmacro %}

{% macro spark__state_incremental_strategy() -%}
    {{ return('insert_overwrite') }}
{%- endmacro %}


{% macro previous_state() -%}
    {{ return(adapter.dispatch('previous_state', 'scv')()) }}
{%- endmacro %}

{% macro default__previous_state() -%}
    {{ return(this) }}
{%- endmacro %}

{% macro spark__previous_state() -%}
    {#- a unit test stands its `this` fixture in for the table: read that -#}
    {%- if not this.schema -%}
        {{ return(this) }}
    {%- endif -%}
    {{ return(this.schema ~ '.' ~ this.identifier ~ '__previous') }}
{%- endmacro %}


{#- Hook bodies: no-ops but on Spark, where they run their statements themselves (one
    per call, as Spark needs) and return no SQL. -#}
{% macro keep_previous_state() -%}
    {{ return(adapter.dispatch('keep_previous_state', 'scv')()) }}
{%- endmacro %}

{% macro default__keep_previous_state() -%}
{%- endmacro %}

{% macro spark__keep_previous_state() -%}
    {%- if execute and this.schema and is_incremental() -%}
        {%- do run_query('drop table if exists ' ~ scv.previous_state()) -%}
        {%- do run_query('create table ' ~ scv.previous_state() ~ ' as select * from ' ~ this) -%}
    {%- endif -%}
{%- endmacro %}

{% macro drop_previous_state() -%}
    {{ return(adapter.dispatch('drop_previous_state', 'scv')()) }}
{%- endmacro %}

{% macro default__drop_previous_state() -%}
{%- endmacro %}

{% macro spark__drop_previous_state() -%}
    {%- if execute and this.schema -%}
        {%- do run_query('drop table if exists ' ~ scv.previous_state()) -%}
    {%- endif -%}
{%- endmacro %}


{#
    The start of this dbt invocation as a timestamp literal: the same value in every model
    of a run, so one model can tell which rows another wrote since it last ran
    (int_web_events_sessionized.sessionized_at against journey_touchpoints.stitched_at).
#}
{% macro run_started_timestamp() -%}
    cast('{{ run_started_at.strftime("%Y-%m-%d %H:%M:%S") }}' as {{ dbt.type_timestamp() }})
{%- endmacro %}
