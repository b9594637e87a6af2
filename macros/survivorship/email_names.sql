{#
    Whether an email address spells out a name, for the survivorship rule named_in_email:
    true when the name's letters (name_key: 'De Oliveira' -> 'deoliveira') begin or end a
    word of the email's local part, written as words between spaces
    (' cheryl edwards '): three letters at least, or the whole word ('li' in ' li wei ',
    never 'al' in ' alice ').
#}
{% macro spelt_out_in_email(letters, words) -%}
    (
        (length({{ letters }}) >= 2 and {{ words }} like concat('% ', {{ letters }}, ' %'))
        or (
            length({{ letters }}) >= 3
            and (
                {{ words }} like concat('% ', {{ letters }}, '%')
                or {{ words }} like concat('%', {{ letters }}, ' %')
            )
        )
    )
{%- endmacro %}
