{#
    The valid rows of a validated base model, without its quarantine column and the
    working columns of standardize_person (parsed and normalized intermediate values).
    Staging models are `{{ scv.select_valid_rows(ref('base_x__y')) }}`; the rows whose
    `quarantine_reason` is set go to the source's quarantine model instead.
#}
{% macro select_valid_rows(relation) -%}
    {%- set excluded = [
        'quarantine_reason', 'first_name_parsed', 'last_name_parsed', 'country_key',
        'phone_normalized', 'caller_phone_normalized'
    ] -%}
    {%- set columns = adapter.get_columns_in_relation(relation) if execute else [] -%}
    {%- set kept = [] -%}
    {%- for column in columns if column.name | lower not in excluded -%}
        {%- do kept.append(adapter.quote(column.name)) -%}
    {%- endfor %}
    select
        {{ kept | join(',\n        ') if kept else '*' }}
    from {{ relation }}
    where quarantine_reason is null
{%- endmacro %}
