{#
    Reason codes of a row that fails validation, from an ordered mapping
    {reason_code: condition}. Returns the codes of every failed check joined with ';'
    (first = most important), or null for a valid row.

    quarantine_reasons({'missing_record_id': 'id is null', 'test_record': 'is_test'})
      -> 'missing_record_id;test_record' | 'test_record' | null
#}
{% macro quarantine_reasons(checks) -%}
    nullif(concat_ws(';'
    {%- for code, condition in checks.items() %},
        case when {{ condition }} then '{{ code }}' end
    {%- endfor %}
    ), '')
{%- endmacro %}

{#- The first (most important) reason of a ';'-joined list. -#}
{% macro primary_reason(reasons) -%}
    split_part({{ reasons }}, ';', 1)
{%- endmacro %}


{#
    True for every copy of a record id except the most recent one (by `order_by`,
    descending), so an export that repeats a record keeps exactly one of its copies.
#}
{% macro is_older_duplicate(id_column, order_by) -%}
    ({{ id_column }} is not null and row_number() over (
        partition by {{ id_column }} order by {{ order_by }} desc nulls last, source_file
    ) > 1)
{%- endmacro %}
