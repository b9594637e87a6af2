{#
    Every strong identifier of every person record: its email and phone, the ids its own
    system gives it (scv__identity_sources.identifiers), and ids other systems carry for
    it (scv__identity_links). One row per record, identifier type and value.
#}
{%- set sources = scv.identity_sources() -%}
{%- set links = scv.identity_links() -%}

with

person_records as (
    select * from {{ ref('int_person_records_unioned') }}
),

own_identifiers as (
    select person_record_id, 'email' as identifier_type, email as identifier_value
    from person_records
    where is_email_usable
    union all
    select person_record_id, 'phone' as identifier_type, phone_e164 as identifier_value
    from person_records
    where phone_e164 is not null
    {%- for s in sources %}
    {%- for identifier_type, column in (s.identifiers or {}).items() %}
    union all
    select
        concat(
            '{{ s.source_system }}:{{ s.source_table }}:',
            cast({{ s.record_id }} as {{ dbt.type_string() }})
        ) as person_record_id,
        '{{ identifier_type }}' as identifier_type,
        cast({{ column }} as {{ dbt.type_string() }}) as identifier_value
    from {{ ref(s.model) }}
    where {{ column }} is not null
    {%- endfor %}
    {%- endfor %}
),

linked_identifiers as (
    {%- if not links %}
    -- no links configured: no rows, same columns
    select
        cast(null as {{ dbt.type_string() }}) as person_record_id,
        cast(null as {{ dbt.type_string() }}) as identifier_type,
        cast(null as {{ dbt.type_string() }}) as identifier_value
    where 1 = 0
    {%- endif %}
    {%- for link in links %}
    select distinct
        concat(
            '{{ link.record_source | replace("/", ":") }}:',
            cast({{ link.record_id }} as {{ dbt.type_string() }})
        ) as person_record_id,
        '{{ link.identifier_type }}' as identifier_type,
        cast({{ link.identifier_value }} as {{ dbt.type_string() }}) as identifier_value
    from {{ ref(link.model) }}
    where
        {{ link.record_id }} is not null
        and {{ link.identifier_value }} is not null
        {%- if link.where %}
        and ({{ link.where }})
        {%- endif %}
    {% if not loop.last %}union all{% endif %}
    {%- endfor %}
),

all_identifiers as (
    select * from own_identifiers
    union all
    -- links only count for records that passed validation
    select linked_identifiers.*
    from linked_identifiers
    inner join person_records
        on linked_identifiers.person_record_id = person_records.person_record_id
)

select distinct
    person_record_id,
    identifier_type,
    identifier_value
from all_identifiers
