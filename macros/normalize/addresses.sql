{#
    Street line as compared: accents folded, upper case, punctuation removed, whitespace
    collapsed and street words abbreviated (scv__street_abbreviations var).
    '12 Main Street, Apt. 4' -> '12 MAIN ST APT 4'; 'Hauptstraße 5' -> 'HAUPTSTR 5'
#}
{% macro normalize_street(expression) -%}
    {%- set upper_folded = "upper(" ~ scv.fold_accents(expression) ~ ")" -%}
    {%- set no_punctuation = scv.regex_replace_all(upper_folded, "[.,#;:/\\n\\r]", ' ') -%}
    {%- set german_suffix = scv.regex_replace_all(no_punctuation, 'STRASSE\\b', 'STR') -%}
    {%- set squeezed = "trim(" ~ scv.regex_replace_all(german_suffix, '\\s+', ' ') ~ ")" -%}
    nullif({{ scv.replace_words(squeezed, var('scv__street_abbreviations')) }}, '')
{%- endmacro %}


{#
    Replace whole words (split on single spaces) using a {word: replacement} mapping:
    replace_words("'12 MAIN STREET'", {'STREET': 'ST'}) -> '12 MAIN ST'.
    DuckDB and Spark map each word through one CASE (no nesting, however long the
    mapping); other engines chain one regexp_replace per word.
#}
{% macro replace_words(expression, mapping) -%}
    {{ return(adapter.dispatch('replace_words', 'scv')(expression, mapping)) }}
{%- endmacro %}

{% macro _word_case(word, mapping) -%}
    case {{ word }}
        {%- for from_word, to_word in mapping.items() %}
        when '{{ from_word }}' then '{{ to_word }}'
        {%- endfor %}
        else {{ word }}
    end
{%- endmacro %}

{% macro duckdb__replace_words(expression, mapping) -%}
    array_to_string(list_transform(
        string_split({{ expression }}, ' '),
        lambda word: {{ scv._word_case('word', mapping) }}
    ), ' ')
{%- endmacro %}

{% macro spark__replace_words(expression, mapping) -%}
    array_join(transform(
        split({{ expression }}, ' '),
        word -> {{ scv._word_case('word', mapping) }}
    ), ' ')
{%- endmacro %}

{% macro default__replace_words(expression, mapping) -%}
    {%- set ns = namespace(sql=expression) -%}
    {%- for from_word, to_word in mapping.items() -%}
        {%- set ns.sql = scv.regex_replace_all(ns.sql, '\\m' ~ from_word ~ '\\M', to_word) -%}
    {%- endfor -%}
    {{ ns.sql }}
{%- endmacro %}


{#
    Postal code as compared: upper case, single spaces; US ZIP codes as 5 digits, with a
    leading zero restored when a spreadsheet dropped it and ZIP+4 cut to 5.
    ('2134', 'US') -> '02134'; ('02134-1234', 'US') -> '02134'; (' sw1a  1aa', 'GB') -> 'SW1A 1AA'
#}
{% macro normalize_postal_code(expression, country_code) -%}
    {%- set cleaned = "nullif(upper(trim(" ~ scv.regex_replace_all(expression, '\\s+', ' ') ~ ")), '')" -%}
    case
        when {{ country_code }} = 'US' and {{ scv.regex_matches(cleaned, '^[0-9]{3,5}(-[0-9]{4})?$') }}
            then lpad(split_part({{ cleaned }}, '-', 1), 5, '0')
        else {{ cleaned }}
    end
{%- endmacro %}


{#
    The key a free-text country is looked up by in the country_aliases seed:
    accents folded, upper case, '.', '-', '_' and '/' as spaces, other punctuation removed.
    'U.S.A.' -> 'U S A'; 'España' -> 'ESPANA'; 'Vereinigte Staaten' -> 'VEREINIGTE STAATEN'
#}
{% macro country_alias_key(expression) -%}
    {%- set spaced = scv.regex_replace_all("upper(" ~ scv.fold_accents(expression) ~ ")", '[._/-]', ' ') -%}
    {%- set letters = scv.regex_replace_all(spaced, '[^A-Z0-9 ]', '') -%}
    nullif(trim({{ scv.regex_replace_all(letters, '\\s+', ' ') }}), '')
{%- endmacro %}
