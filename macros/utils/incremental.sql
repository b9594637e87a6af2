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
