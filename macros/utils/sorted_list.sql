{#
    The values of a column in a group as one sorted, delimited string:
    sorted_list('source_system') -> 'crm, email, shop'. dbt's listagg ignores the order
    on Spark (collect_list keeps no order), so Spark sorts the collected array.
#}
{% macro sorted_list(column, delimiter=', ', distinct=false) -%}
    {{ return(adapter.dispatch('sorted_list', 'scv')(column, delimiter, distinct)) }}
{%- endmacro %}

{% macro default__sorted_list(column, delimiter, distinct) -%}
    {{ dbt.listagg(('distinct ' if distinct else '') ~ column, "'" ~ delimiter ~ "'", 'order by ' ~ column) }}
{%- endmacro %}

{% macro spark__sorted_list(column, delimiter, distinct) -%}
    array_join(array_sort({{ 'collect_set' if distinct else 'collect_list' }}({{ column }})), '{{ delimiter }}')
{%- endmacro %}
