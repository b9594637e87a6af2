{#
    Names as email addresses spell them, for the survivorship rule named_in_email.

    name_letters('value_key')  the name's letters only, accents folded, lower case:
                               'De Oliveira' -> 'deoliveira', 'Élodie' -> 'elodie'
    spelt_out_in_email(letters, words)
                               true when the letters begin or end a word of the email's
                               local part, written as words between spaces
                               (' cheryl edwards '): three letters at least, or the whole
                               word ('li' in ' li wei ', never 'al' in ' alice ')
#}
{% macro name_letters(expression) -%}
    {{ scv.regex_replace_all(scv.fold_accents('lower(' ~ expression ~ ')'), '[^a-z]', '') }}
{%- endmacro %}


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
