{#
    Name as displayed: trimmed, inner whitespace collapsed, and proper case when the
    source shouted or whispered it (all upper or all lower). Mixed case is kept as typed.
    '  SMITH ' -> 'Smith'; 'mary  ann' -> 'Mary Ann'; 'McDonald' -> 'McDonald'; '' -> null
#}
{% macro clean_name(expression) -%}
    {%- set squeezed = "nullif(trim(" ~ scv.regex_replace_all(expression, '\\s+', ' ') ~ "), '')" -%}
    case
        when {{ squeezed }} = upper({{ squeezed }}) or {{ squeezed }} = lower({{ squeezed }})
            then {{ scv.proper_case(squeezed) }}
        else {{ squeezed }}
    end
{%- endmacro %}


{#- 'mary-ann SMITH' -> 'Mary-Ann Smith': upper case at the start of each word and after a hyphen. -#}
{% macro proper_case(expression) -%}
    {{ return(adapter.dispatch('proper_case', 'scv')(expression)) }}
{%- endmacro %}

{% macro duckdb__proper_case(expression) -%}
    array_to_string(list_transform(
        string_split(lower({{ expression }}), ' '),
        lambda word: array_to_string(list_transform(
            string_split(word, '-'),
            lambda part: concat(upper(left(part, 1)), substr(part, 2))
        ), '-')
    ), ' ')
{%- endmacro %}

{% macro default__proper_case(expression) -%}
    initcap(lower({{ expression }}))
{%- endmacro %}


{#
    The key names are compared on: accents folded, lower case, letters only.
    'Zoë O''Brien-Smith' -> 'zoeobriensmith'
#}
{% macro name_key(expression) -%}
    nullif({{ scv.regex_replace_all('lower(' ~ scv.fold_accents(expression) ~ ')', '[^a-z]', '') }}, '')
{%- endmacro %}


{#
    One part of a full name held in a single field, in either order:
    'SMITH, BOB' and 'Bob Smith' -> first 'BOB'/'Bob', last 'SMITH'/'Smith'.
    With a comma the part before it is the family name; without one the first word is
    the given name and the last word the family name (middle names are dropped).
#}
{% macro person_name_part(full_name, part) -%}
    {%- set name = "trim(" ~ scv.regex_replace_all(full_name, '\\s+', ' ') ~ ")" -%}
    {%- if part == 'first' -%}
    case
        when {{ name }} like '%,%'
            then split_part(trim(split_part({{ name }}, ',', 2)), ' ', 1)
        else split_part({{ name }}, ' ', 1)
    end
    {%- elif part == 'last' -%}
    case
        when {{ name }} like '%,%' then trim(split_part({{ name }}, ',', 1))
        when {{ name }} like '% %' then {{ scv.regex_extract(name, '([^ ]+)$', 1) }}
    end
    {%- else -%}
        {{ exceptions.raise_compiler_error("person_name_part: part must be 'first' or 'last', got '" ~ part ~ "'") }}
    {%- endif -%}
{%- endmacro %}
