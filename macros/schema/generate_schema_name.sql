{#
    Custom schemas are used as named, without the target schema as prefix:
    staging models go to `staging`, marts to `marts_customer`, seeds to `reference`.
    Models without a custom schema go to the target's schema.
#}
{% macro generate_schema_name(custom_schema_name, node) -%}
    {%- if custom_schema_name is none -%}
        {{ target.schema }}
    {%- else -%}
        {{ custom_schema_name | trim }}
    {%- endif -%}
{%- endmacro %}
