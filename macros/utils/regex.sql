{#
    Regular expressions differ by engine in function names and in how string literals
    treat backslashes (Spark unescapes them, DuckDB and Postgres do not).
    Patterns are written once, RE2/Java compatible, and rendered per engine.

    regex_literal('\bST\b')        -> '\bST\b' (duckdb) | '\\bST\\b' (spark)
    regex_matches('email', '^a')   -> regexp_matches(email, '^a') | email rlike '^a'
    regex_replace_all(c, '[^0-9]', '') replaces every match
    regex_extract(c, '(\S+)$', 1)  -> first capture group, or '' when no match
#}
{% macro regex_literal(pattern) -%}
    {{ return(adapter.dispatch('regex_literal', 'scv')(pattern)) }}
{%- endmacro %}

{% macro default__regex_literal(pattern) -%}
    '{{ pattern | replace("'", "''") }}'
{%- endmacro %}

{% macro spark__regex_literal(pattern) -%}
    '{{ pattern | replace("\\", "\\\\") | replace("'", "\\'") }}'
{%- endmacro %}


{% macro regex_matches(expression, pattern) -%}
    {{ return(adapter.dispatch('regex_matches', 'scv')(expression, pattern)) }}
{%- endmacro %}

{% macro default__regex_matches(expression, pattern) -%}
    regexp_matches({{ expression }}, {{ scv.regex_literal(pattern) }})
{%- endmacro %}

{% macro spark__regex_matches(expression, pattern) -%}
    ({{ expression }} rlike {{ scv.regex_literal(pattern) }})
{%- endmacro %}

{% macro postgres__regex_matches(expression, pattern) -%}
    ({{ expression }} ~ {{ scv.regex_literal(pattern) }})
{%- endmacro %}


{% macro regex_replace_all(expression, pattern, replacement) -%}
    {{ return(adapter.dispatch('regex_replace_all', 'scv')(expression, pattern, replacement)) }}
{%- endmacro %}

{% macro default__regex_replace_all(expression, pattern, replacement) -%}
    regexp_replace({{ expression }}, {{ scv.regex_literal(pattern) }}, '{{ replacement }}', 'g')
{%- endmacro %}

{% macro spark__regex_replace_all(expression, pattern, replacement) -%}
    regexp_replace({{ expression }}, {{ scv.regex_literal(pattern) }}, '{{ replacement }}')
{%- endmacro %}


{% macro regex_extract(expression, pattern, group=1) -%}
    {{ return(adapter.dispatch('regex_extract', 'scv')(expression, pattern, group)) }}
{%- endmacro %}

{% macro default__regex_extract(expression, pattern, group=1) -%}
    regexp_extract({{ expression }}, {{ scv.regex_literal(pattern) }}, {{ group }})
{%- endmacro %}

{% macro postgres__regex_extract(expression, pattern, group=1) -%}
    coalesce((regexp_match({{ expression }}, {{ scv.regex_literal(pattern) }}))[{{ group }}], '')
{%- endmacro %}
