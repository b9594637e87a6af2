{#
    The identity spine: every valid person record of every source in one shape.
    Sources come from var scv__identity_sources; this SQL needs no edit to add one.
#}
{%- set sources = var('scv__identity_sources') -%}

with

{% for s in sources %}
{{ s.source_system }}__{{ s.source_table }} as (
    select
        concat(
            '{{ s.source_system }}:{{ s.source_table }}:',
            cast({{ s.record_id }} as {{ dbt.type_string() }})
        ) as person_record_id,
        '{{ s.source_system }}' as source_system,
        '{{ s.source_table }}' as source_table,
        cast({{ s.record_id }} as {{ dbt.type_string() }}) as source_record_id,
        first_name,
        last_name,
        full_name,
        first_name_key,
        last_name_key,
        canonical_first_name,
        email as email_as_recorded,
        phone_e164,
        street_key,
        postal_code,
        city,
        country_code,
        {{ s.birth_date if s.birth_date else 'cast(null as date)' }} as birth_date,
        cast({{ s.username if s.username else 'null' }} as {{ dbt.type_string() }}) as handle,
        cast({{ s.created_at if s.created_at else 'null' }} as {{ dbt.type_timestamp() }})
            as record_created_at,
        cast({{ s.updated_at if s.updated_at else 'null' }} as {{ dbt.type_timestamp() }})
            as record_updated_at
    from {{ ref(s.model) }}
),
{% endfor %}

unioned as (
    {% for s in sources %}
    select * from {{ s.source_system }}__{{ s.source_table }}
    {% if not loop.last %}union all{% endif %}
    {% endfor %}
),

with_email_key as (
    select
        *,
        {{ scv.email_match_key('email_as_recorded') }} as email
    from unioned
),

with_match_keys as (
    select
        *,
        substr(first_name_key, 1, 1) as first_name_initial,
        substr(last_name_key, 1, 1) as last_name_initial,
        split_part(email, '@', 1) as email_local_part,
        email is not null as is_email_usable,
        {{ scv.username_key('coalesce(handle, split_part(email, \'@\', 1))') }} as username_key
    from with_email_key
)

select
    *,
    substr(username_key, 1, 3) as username_prefix,
    nullif({{ scv.regex_extract('username_key', '([0-9]{3,})$') }}, '') as username_digits
from with_match_keys
