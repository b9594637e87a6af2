{#
    Fast 64-bit fingerprints, as text, for telling whether a row changed since the last
    run (not for security: sha256 is the macro for that). fingerprint_hash(expression)
    hashes one value; fingerprint_hash_of_set(expression) aggregates the values of a
    group into one fingerprint that does not depend on their order (the sum of their
    hashes), which is much cheaper than sorting them into a string first.
#}
{% macro fingerprint_hash(expression) -%}
    {{ return(adapter.dispatch('fingerprint_hash', 'scv')(expression)) }}
{%- endmacro %}

{% macro default__fingerprint_hash(expression) -%}
    cast(hash({{ expression }}) as {{ dbt.type_string() }})
{%- endmacro %}

{% macro spark__fingerprint_hash(expression) -%}
    cast(xxhash64({{ expression }}) as string)
{%- endmacro %}

{% macro fingerprint_hash_of_set(expression) -%}
    {{ return(adapter.dispatch('fingerprint_hash_of_set', 'scv')(expression)) }}
{%- endmacro %}

{% macro default__fingerprint_hash_of_set(expression) -%}
    cast(sum(cast(hash({{ expression }}) as hugeint)) as {{ dbt.type_string() }})
{%- endmacro %}

{% macro spark__fingerprint_hash_of_set(expression) -%}
    cast(sum(cast(xxhash64({{ expression }}) as decimal(38, 0))) as string)
{%- endmacro %}
