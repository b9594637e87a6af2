{#
    Jaro-Winkler similarity in [0, 1] of two strings; null when either is null.
    ('martha', 'marhta') -> 0.961
#}
{% macro jaro_winkler(a, b) -%}
    {{ return(adapter.dispatch('jaro_winkler', 'scv')(a, b)) }}
{%- endmacro %}

{% macro default__jaro_winkler(a, b) -%}
    jaro_winkler_similarity({{ a }}, {{ b }})
{%- endmacro %}
