{#
    Whole seconds and whole days between two timestamps (or dates), end minus start,
    in each engine's own function: short to read where dbt.datediff renders long.
      seconds_between('started_at', 'ended_at')
      days_between('first_seen_date', 'as_of_date')
#}
{% macro seconds_between(start, end) -%}
    {{ return(adapter.dispatch('seconds_between', 'scv')(start, end)) }}
{%- endmacro %}

{% macro default__seconds_between(start, end) -%}
    date_diff('second', {{ start }}, {{ end }})
{%- endmacro %}

{% macro spark__seconds_between(start, end) -%}
    (unix_timestamp({{ end }}) - unix_timestamp({{ start }}))
{%- endmacro %}

{% macro postgres__seconds_between(start, end) -%}
    cast(extract(epoch from ({{ end }} - {{ start }})) as bigint)
{%- endmacro %}


{% macro days_between(start, end) -%}
    {{ return(adapter.dispatch('days_between', 'scv')(start, end)) }}
{%- endmacro %}

{% macro default__days_between(start, end) -%}
    date_diff('day', cast({{ start }} as date), cast({{ end }} as date))
{%- endmacro %}

{% macro spark__days_between(start, end) -%}
    datediff(cast({{ end }} as date), cast({{ start }} as date))
{%- endmacro %}

{% macro postgres__days_between(start, end) -%}
    (cast({{ end }} as date) - cast({{ start }} as date))
{%- endmacro %}
