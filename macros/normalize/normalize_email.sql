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


{#
    True when the address names a household rather than a person ('smithfamily12@'),
    from the scv__household_email_patterns var (regular expressions on the local part).
#}
{% macro email_is_household(email) -%}
    {%- set conditions = ['false'] -%}
    {%- for pattern in var('scv__household_email_patterns', []) -%}
        {%- do conditions.append(scv.regex_matches(scv.email_local_part(email), pattern)) -%}
    {%- endfor -%}
    coalesce({{ conditions | join(' or ') }}, false)
{%- endmacro %}


{#
    The email as identity matching uses it: a normalized email with formatting slips
    repaired (spaces removed, a comma for a dot, a doubled '@'), kept only when the result
    has valid syntax and is not a role mailbox; otherwise null. The address a customer
    typed stays as it was for contact use: this key only decides who is who.
    'ja cqueline@x.com' -> 'jacqueline@x.com', 'sallen@gmail,com' -> 'sallen@gmail.com',
    'b@@x.com' -> 'b@x.com', 'info@acme.com' -> null, 'bx.com' -> null.
#}
{% macro email_match_key(email) -%}
    {%- set repaired -%}
        replace(replace({{ scv.regex_replace_all(email, '\\s+', '') }}, ',', '.'), '@@', '@')
    {%- endset -%}
    case
        when {{ scv.email_is_valid(repaired) }} and not {{ scv.email_is_role(repaired) }}
            then {{ repaired }}
    end
{%- endmacro %}


{#
    The letters and digits of a user name or an email's local part, lower case, for
    comparing a social handle with an email: 'J.Smith_1987' -> 'jsmith1987'.
#}
{% macro username_key(expression) -%}
    nullif({{ scv.regex_replace_all('lower(' ~ expression ~ ')', '[^a-z0-9]', '') }}, '')
{%- endmacro %}
