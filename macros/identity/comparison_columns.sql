{#
    Which comparison each spine column feeds: a blocking rule on a column fixes that
    comparison's agreement, so EM must not learn the comparison's m from the rule's pairs.
#}
{% macro comparison_of_column(column) -%}
    {%- set mapping = {
        'first_name_key': 'first_name', 'canonical_first_name': 'first_name',
        'last_name_key': 'last_name', 'last_name_initial': 'last_name', 'last_name_prefix': 'last_name',
        'last_name_start': 'last_name', 'last_name_end': 'last_name',
        'birth_date': 'birth_date', 'postal_code': 'address', 'street_key': 'address',
        'city': 'address', 'email': 'email', 'email_local_part': 'email', 'phone_e164': 'phone',
        'first_name_initial': 'first_name', 'username_key': 'username', 'username_digits': 'username',
        'username_prefix': 'username', 'username_number': 'username',
    } -%}
    {{ return(mapping.get(column)) }}
{%- endmacro %}


{#- Indexes (1-based) of the blocking rules that leave a comparison free. -#}
{% macro rules_free_of(comparison) -%}
    {%- set free = [] -%}
    {%- for rule in scv.blocking_rules() -%}
        {%- set touched = [] -%}
        {%- for column in scv.blocking_rule_columns(rule) -%}
            {%- do touched.append(scv.comparison_of_column(column)) -%}
        {%- endfor -%}
        {%- if comparison not in touched -%}
            {%- do free.append(loop.index) -%}
        {%- endif -%}
    {%- endfor -%}
    {{ return(free) }}
{%- endmacro %}


{#- The columns of a blocking rule: a list of columns, or
    {columns: [...], when_either: flag, max_block_size: n}. -#}
{% macro blocking_rule_columns(rule) -%}
    {{ return(rule['columns'] if rule is mapping else rule) }}
{%- endmacro %}

{#- The flag column of which one record of a pair must be true, or none. -#}
{% macro blocking_rule_condition(rule) -%}
    {{ return(rule.get('when_either') if rule is mapping else none) }}
{%- endmacro %}

{#- The largest block a rule pairs: its own max_block_size, else var scv__max_block_size. -#}
{% macro blocking_rule_max_block_size(rule) -%}
    {%- set own = rule.get('max_block_size') if rule is mapping else none -%}
    {{ return(own if own is not none else scv.identity_setting('scv__max_block_size')) }}
{%- endmacro %}
