{#
    Email as it is compared: trimmed, lower case, a 'mailto:' prefix removed; empty -> null.
    '  Bob.Smith@Example.COM ' -> 'bob.smith@example.com'
    Invalid addresses are kept (and flagged by email_is_valid), not repaired.
#}
{% macro normalize_email(expression) -%}
    nullif(lower(trim(replace({{ expression }}, 'mailto:', ''))), '')
{%- endmacro %}


{#
    True when a normalized email has valid syntax: one '@', a local part of allowed
    characters without '..', a domain with a dot and a top-level domain of 2+ letters.
    'a.b@x.com' -> true; 'a.bx.com', 'a@@x.com', 'a@x', 'a b@x.com', 'a..b@x.com' -> false.
    No network check: deliverability is for the enrichment step.
#}
{% macro email_is_valid(email) -%}
    coalesce(
        {{ scv.regex_matches(email, "^[a-z0-9!#$%&*+/=?^_`{|}~'-]+(\\.[a-z0-9!#$%&*+/=?^_`{|}~'-]+)*@[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*\\.[a-z]{2,}$") }},
        false
    )
{%- endmacro %}


{#- 'bob@example.com' -> 'example.com'; null when there is no '@'. -#}
{% macro email_domain(email) -%}
    case when {{ email }} like '%@%' then nullif(split_part({{ email }}, '@', 2), '') end
{%- endmacro %}


{#- 'bob@example.com' -> 'bob'. -#}
{% macro email_local_part(email) -%}
    case when {{ email }} like '%@%' then nullif(split_part({{ email }}, '@', 1), '') end
{%- endmacro %}


{#
    True when the address is a shared role mailbox (info@, sales@ ...), from the
    scv__role_email_local_parts var: 'info@acme.com' -> true, 'ann@acme.com' -> false.
#}
{% macro email_is_role(email) -%}
    coalesce({{ scv.email_local_part(email) }} in (
        {%- for part in var('scv__role_email_local_parts') -%}
            '{{ part }}'{{ ", " if not loop.last }}
        {%- endfor -%}
    ), false)
{%- endmacro %}
