{#
    Remove diacritics so that names and streets compare across systems that do and do
    not keep accents: 'Müller' -> 'Muller', 'Élodie' -> 'Elodie', 'Straße' -> 'Strasse'.
    DuckDB has strip_accents; other engines translate the common Latin-1/Latin-A letters.
#}
{% macro fold_accents(expression) -%}
    {{ return(adapter.dispatch('fold_accents', 'scv')(expression)) }}
{%- endmacro %}

{% macro duckdb__fold_accents(expression) -%}
    strip_accents(replace({{ expression }}, 'ß', 'ss'))
{%- endmacro %}

{% macro default__fold_accents(expression) -%}
    translate(
        replace({{ expression }}, 'ß', 'ss'),
        'ÀÁÂÃÄÅàáâãäåÇçÈÉÊËèéêëÌÍÎÏìíîïÑñÒÓÔÕÖØòóôõöøÙÚÛÜùúûüÝýÿŠšŽžŁłŃńŚśŹźŻżČčŘřĆć',
        'AAAAAAaaaaaaCcEEEEeeeeIIIIiiiiNnOOOOOOooooooUUUUuuuuYyySsZzLlNnSsZzZzCcRrCc'
    )
{%- endmacro %}
