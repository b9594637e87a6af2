{#
    The attributes survivorship chooses, over columns of int_person_record_details:
      present       the record has a value for the attribute
      value_key     what makes two values the same (case and spacing folded): most_frequent
                    counts records per value_key
      display       the value as text, for provenance and history
      corrected     (optional) the value is a spelling correction (int_first_name_spellings)
      completeness  how complete the value is (most_complete): parts of an address filled,
                    letters of a name ('Kimberly' over 'Kim')
    First and last name are separate attributes with rules of their own: a marriage
    changes the last name only, and an email may spell out one of them and not the other.
    Rules per attribute are configuration (var scv__survivorship); these definitions are
    the data model and change only with it.
#}
{% macro survivorship_attributes() -%}
    {{ return({
        'first_name': {
            'present': "first_name is not null and length(first_name) > 1",
            'value_key': "lower(coalesce(corrected_first_name, first_name))",
            'completeness': "length(coalesce(corrected_first_name, first_name))",
            'display': "coalesce(corrected_first_name, first_name)",
            'corrected': "corrected_first_name is not null",
        },
        'last_name': {
            'present': "last_name is not null and last_name not like '_.' and length(last_name) > 1",
            'value_key': "lower(last_name)",
            'completeness': "length(last_name)",
            'display': "last_name",
        },
        'email': {
            'present': "email is not null and is_email_valid and not " ~ scv.is_work_email(),
            'value_key': "email",
            'completeness': "1",
            'display': "email",
        },
        'work_email': {
            'present': "email is not null and is_email_valid and " ~ scv.is_work_email(),
            'value_key': "email",
            'completeness': "1",
            'display': "email",
        },
        'phone': {
            'present': "phone_e164 is not null",
            'value_key': "phone_e164",
            'completeness': "1",
            'display': "phone_e164",
        },
        'address': {
            'present': "address_line1 is not null and postal_code is not null",
            'value_key': "concat(coalesce(street_key, ''), '|', upper(postal_code))",
            'completeness': "case when address_line2 is not null then 1 else 0 end + case when city is not null then 1 else 0 end + case when region is not null then 1 else 0 end + case when country_code is not null then 1 else 0 end",
            'display': "concat(address_line1, ', ', postal_code, ' ', coalesce(city, ''))",
        },
        'birth_date': {
            'present': "birth_date is not null",
            'value_key': "cast(birth_date as " ~ dbt.type_string() ~ ")",
            'completeness': "1",
            'display': "cast(birth_date as " ~ dbt.type_string() ~ ")",
        },
        'job_title': {
            'present': "job_title is not null",
            'value_key': "lower(job_title)",
            'completeness': "1",
            'display': "job_title",
        },
        'company': {
            'present': "company_name is not null",
            'value_key': "lower(company_name)",
            'completeness': "case when company_domain is not null then 1 else 0 end",
            'display': "company_name",
        },
    }) }}
{%- endmacro %}


{#- The survivorship rules an attribute is chosen by (var scv__survivorship), checked. -#}
{% macro survivorship_rules(attribute) -%}
    {%- set known = ['verified', 'source_priority', 'most_recent', 'most_frequent', 'most_common', 'most_complete', 'formal_name', 'named_in_email'] -%}
    {%- set config = var('scv__survivorship') -%}
    {%- set attribute_config = config.attributes.get(attribute) -%}
    {%- if attribute_config is none or not attribute_config.rules -%}
        {{ exceptions.raise_compiler_error("scv__survivorship: attribute '" ~ attribute ~ "' needs a list of rules, one or more of " ~ known | join(', ')) }}
    {%- endif -%}
    {%- for rule in attribute_config.rules -%}
        {%- if rule not in known -%}
            {{ exceptions.raise_compiler_error("scv__survivorship: attribute '" ~ attribute ~ "' has unknown rule '" ~ rule ~ "'; rules are " ~ known | join(', ')) }}
        {%- endif -%}
    {%- endfor -%}
    {{ return(attribute_config.rules) }}
{%- endmacro %}


{#- A score per source for the source_priority rule: first listed scores highest. -#}
{% macro source_priority_score(attribute, column='source_system') -%}
    {%- set config = var('scv__survivorship') -%}
    {%- set priority = config.attributes.get(attribute, {}).get('source_priority') or config.source_priority -%}
    case {{ column }}
        {%- for source in priority %}
        when '{{ source }}' then {{ priority | length - loop.index0 }}
        {%- endfor %}
        else 0
    end
{%- endmacro %}


{#- An email at the domain of the company the record belongs to (a B2B contact's address). -#}
{% macro is_work_email() -%}
    coalesce(company_domain is not null and email like concat('%@', company_domain), false)
{%- endmacro %}


{#- The details column saying a source verified the attribute (false when none can). -#}
{% macro verified_flag(attribute) -%}
    {%- set flags = {
        'first_name': 'is_name_verified', 'last_name': 'is_name_verified',
        'email': 'is_email_verified', 'work_email': 'is_email_verified',
        'phone': 'is_phone_verified', 'address': 'is_address_verified',
        'birth_date': 'is_birth_date_verified',
    } -%}
    {{ flags.get(attribute, 'false') }}
{%- endmacro %}


{#- One part of the attribute definitions (present, value_key, display, completeness,
    corrected; or verified, the attribute's verified flag) as one expression, chosen by
    the attribute named in attribute_column: a select reads each record once for every
    attribute (an unpivot), where a union would read the records once per attribute.
    `default` where an attribute's definition has no such part. -#}
{% macro attribute_part(part, attribute_column, default='null') -%}
    case {{ attribute_column }}
        {%- for attribute, definition in scv.survivorship_attributes().items() %}
        when '{{ attribute }}' then {{ scv.verified_flag(attribute) if part == 'verified' else definition.get(part, default) }}
        {%- endfor %}
        else {{ default }}
    end
{%- endmacro %}
