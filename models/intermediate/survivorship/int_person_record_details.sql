{#
    Every person record with the attributes survivorship chooses from, as the source
    holds them (display values, not match keys; and the name keys the spine read from
    the user name of an email that holds no name), and per attribute whether the source
    verified it. Sources and their optional columns come from var scv__identity_sources
    (keys `attributes` and `verified`); a source without a column gives null. One row per
    person record of the identity spine, with the customer_id it currently belongs to.
#}
{%- set sources = scv.identity_sources() -%}
{%- set extra_attributes = scv.identity_source_keys().attributes -%}
{%- set verifiable = scv.identity_source_keys().verified -%}

with

spine as (
    select * from {{ ref('int_person_records_unioned') }}
),

customer_ids as (
    select person_record_id, customer_id
    from {{ ref('int_customer_ids_assigned') }}
    where is_current
),

{% for s in sources %}
{{ s.source_system }}__{{ s.source_table }} as (
    select
        concat(
            '{{ s.source_system }}:{{ s.source_table }}:',
            cast({{ s.record_id }} as {{ dbt.type_string() }})
        ) as person_record_id,
        first_name,
        last_name,
        full_name,
        email,
        coalesce(is_email_valid, false) as is_email_valid,
        phone_e164,
        address_line1,
        address_line2,
        city,
        region,
        postal_code,
        country_code,
        street_key,
        {%- for attribute in extra_attributes %}
        {%- set column = (s.attributes or {}).get(attribute) %}
        {%- if attribute == 'is_deceased' %}
        coalesce(cast({{ column or 'null' }} as boolean), false) as is_deceased,
        {%- else %}
        cast({{ column or 'null' }} as {{ dbt.type_string() }}) as {{ attribute }},
        {%- endif %}
        {%- endfor %}
        {%- for attribute in verifiable %}
        coalesce({{ (s.verified or {}).get(attribute) or 'false' }}, false)
            as is_{{ attribute }}_verified{{ ',' if not loop.last }}
        {%- endfor %}
    from {{ ref(s.model) }}
),
{% endfor %}

details as (
    {% for s in sources %}
    select * from {{ s.source_system }}__{{ s.source_table }}
    {% if not loop.last %}union all{% endif %}
    {% endfor %}
)

select
    spine.person_record_id,
    customer_ids.customer_id,
    spine.source_system,
    spine.source_table,
    spine.source_record_id,
    details.first_name,
    spine.first_name_key,
    details.last_name,
    -- the names the spine read from the user name of the record's email, when it holds
    -- no such name itself ('andrewdoyle1983@': andrew, doyle); not a handle's, not the
    -- start of a last name ('randyhal7178@': hal)
    case
        when spine.first_name_key_source = 'username' and spine.handle is null
            then spine.first_name_key
    end as user_name_first_name_key,
    case
        when
            spine.last_name_key_source = 'username'
            and spine.handle is null
            and not coalesce(spine.is_last_name_abbreviated, false)
            then spine.last_name_key
    end as user_name_last_name_key,
    details.full_name,
    details.email,
    details.is_email_valid,
    details.phone_e164,
    details.address_line1,
    details.address_line2,
    details.city,
    details.region,
    details.postal_code,
    details.country_code,
    details.street_key,
    spine.birth_date,
    {%- for attribute in extra_attributes %}
    details.{{ attribute }},
    {%- endfor %}
    {%- for attribute in verifiable %}
    details.is_{{ attribute }}_verified,
    {%- endfor %}
    spine.record_created_at,
    spine.record_updated_at,
    coalesce(spine.record_updated_at, spine.record_created_at) as observed_at
from spine
inner join details
    on spine.person_record_id = details.person_record_id
inner join customer_ids
    on spine.person_record_id = customer_ids.person_record_id
