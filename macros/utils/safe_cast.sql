{#
    Cast that yields null instead of failing on bad input: '12.5x' -> null.
    Staging uses it so that one bad value quarantines a row instead of failing the run.
#}
{% macro safe_cast(expression, data_type) -%}
    {{ return(adapter.dispatch('safe_cast', 'scv')(expression, data_type)) }}
{%- endmacro %}

{% macro default__safe_cast(expression, data_type) -%}
    try_cast({{ expression }} as {{ data_type }})
{%- endmacro %}

{% macro postgres__safe_cast(expression, data_type) -%}
    {#- Postgres has no try_cast: only numeric strings are cast -#}
    case when {{ expression }} ~ '^\s*-?[0-9]+(\.[0-9]+)?\s*$'
        then cast({{ expression }} as {{ data_type }}) end
{%- endmacro %}
