{#
    Lower-case hex SHA-256 of a string: how third parties key data by email.
    sha256('a@b.com') -> 'fb98d44a...'
#}
{% macro sha256(expression) -%}
    {{ return(adapter.dispatch('sha256', 'scv')(expression)) }}
{%- endmacro %}

{% macro default__sha256(expression) -%}
    sha256({{ expression }})
{%- endmacro %}

{% macro spark__sha256(expression) -%}
    sha2({{ expression }}, 256)
{%- endmacro %}

{% macro postgres__sha256(expression) -%}
    encode(sha256(convert_to({{ expression }}, 'UTF8')), 'hex')
{%- endmacro %}
