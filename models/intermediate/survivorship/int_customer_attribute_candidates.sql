{#
    Every value a customer's source records offer for each golden-record attribute, with
    what the survivorship rules rank by: verification, source, recency, how many of the
    customer's records agree on the value, how many records of all customers hold it (a
    typo or a nickname is rarer than the name it stands for), completeness. A misspelt
    first name counts as the name it stands for (int_first_name_spellings). Attributes are defined in macro
    survivorship_attributes. One row per customer, attribute and source record.
#}
{%- set attributes = scv.survivorship_attributes() -%}

with

details as (
    select
        record_details.*,
        spellings.corrected_display_name as corrected_first_name
    from {{ ref('int_person_record_details') }} as record_details
    left join {{ ref('int_first_name_spellings') }} as spellings
        on record_details.first_name_key = spellings.misspelt_key
),

candidates as (
    {%- for attribute, definition in attributes.items() %}
    select
        details.customer_id,
        '{{ attribute }}' as attribute_name,
        details.person_record_id,
        details.source_system,
        {{ definition.value_key }} as value_key,
        {{ definition.display }} as display_value,
        {{ definition.get('corrected', 'false') }} as is_spelling_corrected,
        {{ scv.verified_flag(attribute) }}
            as is_verified,
        details.observed_at,
        {{ definition.completeness }} as completeness
    from details
    where {{ definition.present }}
    {% if not loop.last %}union all{% endif %}
    {%- endfor %}
)

select
    *,
    count(*) over (partition by customer_id, attribute_name, value_key) as agreeing_records,
    count(*) over (partition by attribute_name, value_key) as records_with_value
from candidates
