{#
    Street line as compared: accents folded, upper case, punctuation removed, whitespace
    collapsed and street words abbreviated (scv__street_abbreviations var).
    '12 Main Street, Apt. 4' -> '12 MAIN ST APT 4'; 'Hauptstraße 5' -> 'HAUPTSTR 5'
#}
{% macro normalize_street(expression) -%}
    {%- set ns = namespace(sql="upper(" ~ scv.fold_accents(expression) ~ ")") -%}
    {%- set ns.sql = scv.regex_replace_all(ns.sql, "[.,#;:/\\n\\r]", ' ') -%}
    {%- for word, short in var('scv__street_abbreviations').items() -%}
        {%- set ns.sql = scv.regex_replace_all(ns.sql, '\\b' ~ word ~ '\\b', short) -%}
    {%- endfor -%}
    {%- set ns.sql = scv.regex_replace_all(ns.sql, 'STRASSE\\b', 'STR') -%}
    nullif(trim({{ scv.regex_replace_all(ns.sql, '\\s+', ' ') }}), '')
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
