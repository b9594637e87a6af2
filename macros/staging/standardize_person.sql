{#
    The CTEs that standardize a person record, shared by every staging model of a
    system that holds people. `from_cte` must have these text columns (null when the
    system lacks them): first_name_raw, last_name_raw, full_name_raw, email_raw,
    phone_raw, address_line1_raw, address_line2_raw, city_raw, region_raw,
    postal_code_raw, country_raw.

    It emits CTEs ending in `person_standardized`, which adds:
      first_name, last_name, full_name      display forms ('SMITH, BOB' -> 'Bob', 'Smith')
      first_name_key, last_name_key         match keys (folded, lower, letters only)
      canonical_first_name                  nickname-canonical key ('bob' -> 'robert')
      email, email_domain, is_email_valid, is_email_role, is_email_disposable
      phone_e164 (null unless valid), is_phone_valid
      address_line1, address_line2, street_key, city, region, postal_code, country_code
      is_test_record                        fake/test rows (scv__test_* vars)

    country_code comes from country_raw through the country_aliases seed, and is null
    when a given country is not recognised. When the record gives no country,
    country_code is `default_country` if `assume_country` (a system that only serves one
    country), else null. Phones without a country code get the calling code of the
    record's country, or of `default_country`.
#}
{% macro standardize_person(from_cte, default_country=none, assume_country=true) -%}
{%- set default_country = default_country or var('scv__default_country') -%}
person_parsed as (
    select
        {{ from_cte }}.*,
        coalesce(
            nullif(trim(first_name_raw), ''),
            {{ scv.person_name_part('full_name_raw', 'first') }}
        ) as first_name_parsed,
        coalesce(
            nullif(trim(last_name_raw), ''),
            {{ scv.person_name_part('full_name_raw', 'last') }}
        ) as last_name_parsed,
        {{ scv.normalize_email('email_raw') }} as email,
        {{ scv.country_alias_key('country_raw') }} as country_key
    from {{ from_cte }}
),

person_cleaned as (
    select
        person_parsed.*,
        {{ scv.clean_name('first_name_parsed') }} as first_name,
        {{ scv.clean_name('last_name_parsed') }} as last_name,
        {{ scv.email_domain('email') }} as email_domain,
        {{ scv.email_is_valid('email') }} as is_email_valid,
        {{ scv.email_is_role('email') }} as is_email_role
    from person_parsed
),

country_aliases as (
    select * from {{ ref('country_aliases') }}
),

countries as (
    select * from {{ ref('countries') }}
),

first_name_canonical_forms as (
    select * from {{ ref('first_name_canonical_forms') }}
),

disposable_email_domains as (
    select * from {{ ref('disposable_email_domains') }}
),

person_keyed as (
    select
        person_cleaned.*,
        {{ scv.name_key('person_cleaned.first_name') }} as first_name_key,
        {{ scv.name_key('person_cleaned.last_name') }} as last_name_key,
        case
            {% if assume_country -%}
            when person_cleaned.country_key is null then '{{ default_country }}'
            {% endif -%}
            when person_cleaned.country_key is not null then country_aliases.country_code
        end as country_code,
        disposable_email_domains.email_domain is not null as is_email_disposable
    from person_cleaned
    left join country_aliases
        on person_cleaned.country_key = country_aliases.country_alias
    left join disposable_email_domains
        on person_cleaned.email_domain = disposable_email_domains.email_domain
),

person_normalized as (
    select
        person_keyed.*,
        coalesce(
            first_name_canonical_forms.canonical_first_name, person_keyed.first_name_key
        ) as canonical_first_name,
        {{ scv.normalize_phone(
            'person_keyed.phone_raw',
            "coalesce(countries.calling_code, '" ~ scv.default_calling_code(default_country) ~ "')"
        ) }} as phone_normalized,
        nullif(trim(person_keyed.address_line1_raw), '') as address_line1,
        nullif(trim(person_keyed.address_line2_raw), '') as address_line2,
        {{ scv.normalize_street(
            "concat_ws(' ', person_keyed.address_line1_raw, person_keyed.address_line2_raw)"
        ) }} as street_key,
        {{ scv.clean_name('person_keyed.city_raw') }} as city,
        nullif(trim(person_keyed.region_raw), '') as region,
        {{ scv.normalize_postal_code('person_keyed.postal_code_raw', 'person_keyed.country_code') }}
            as postal_code
    from person_keyed
    left join countries
        on person_keyed.country_code = countries.country_code
    left join first_name_canonical_forms
        on person_keyed.first_name_key = first_name_canonical_forms.first_name
),

person_standardized as (
    select
        person_normalized.*,
        nullif(concat_ws(' ', first_name, last_name), '') as full_name,
        {{ scv.phone_is_valid('phone_normalized') }} as is_phone_valid,
        case
            when {{ scv.phone_is_valid('phone_normalized') }} then phone_normalized
        end as phone_e164,
        {{ scv.is_test_record('first_name_key', 'last_name_key', 'email') }} as is_test_record
    from person_normalized
)
{%- endmacro %}


{#- Calling code of the default country, for numbers written without one. -#}
{% macro default_calling_code(country_code) -%}
    {%- set codes = {'US': '1', 'CA': '1', 'GB': '44', 'DE': '49', 'FR': '33', 'ES': '34',
                     'NL': '31', 'IT': '39', 'AU': '61', 'IE': '353', 'AT': '43', 'CH': '41'} -%}
    {%- if country_code not in codes -%}
        {{ exceptions.raise_compiler_error("default_calling_code: no calling code known for '" ~ country_code ~ "'; add it here or set scv__default_country") }}
    {%- endif -%}
    {{ codes[country_code] }}
{%- endmacro %}


{#
    True for fake and test rows: an email at a test domain (scv__test_email_domains,
    or any '.test' domain) or a name from scv__test_names.
    ('mickey', 'mouse', null) -> true; (null, null, 'a@example.com') -> true
#}
{% macro is_test_record(first_name_key, last_name_key, email) -%}
    coalesce(
        split_part({{ email }}, '@', 2) in (
            {%- for domain in var('scv__test_email_domains') -%}
                '{{ domain }}'{{ ", " if not loop.last }}
            {%- endfor -%}
        )
        or {{ email }} like '%.test'
        or concat_ws(' ', {{ first_name_key }}, {{ last_name_key }}) in (
            {%- for name in var('scv__test_names') -%}
                '{{ name }}'{{ ", " if not loop.last }}
            {%- endfor -%}
        ),
        false
    )
{%- endmacro %}


{#- Condition of a person record with nothing to identify anyone by. -#}
{% macro has_no_identifier() -%}
    (first_name_key is null and last_name_key is null and not is_email_valid and phone_e164 is null)
{%- endmacro %}
