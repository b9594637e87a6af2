{#
    Edits between two strings: the Levenshtein distance, except that two neighbouring
    letters swapped ('atylor' for 'taylor', 'ihll' for 'hill') count as one edit, as
    typists make them, not two. Plain SQL over levenshtein, so DuckDB and Spark agree;
    swaps are looked for in the first `max_length` letters.
#}
{% macro edit_distance(a, b, max_length=20) -%}
    case
        when
            length({{ a }}) = length({{ b }})
            and levenshtein({{ a }}, {{ b }}) = 2
            and (
                {%- for i in range(1, max_length) %}
                concat(
                    substr({{ b }}, 1, {{ i - 1 }}),
                    substr({{ b }}, {{ i + 1 }}, 1),
                    substr({{ b }}, {{ i }}, 1),
                    substr({{ b }}, {{ i + 2 }})
                ) = {{ a }}
                {%- if not loop.last %} or{% endif %}
                {%- endfor %}
            )
            then 1
        else levenshtein({{ a }}, {{ b }})
    end
{%- endmacro %}
