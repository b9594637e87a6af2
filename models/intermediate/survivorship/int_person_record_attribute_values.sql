{#
    The values each source record holds for the golden-record attributes (macro
    survivorship_attributes), with what the survivorship rules rank by: source,
    verification, recency, completeness, and whether a first name is a spelling
    correction (a misspelt first name counts as the name it stands for,
    int_first_name_spellings). One pass over the records for all attributes: an unpivot
    by a cross join with the attribute names (macro attribute_part), not a union of a
    select per attribute. One row per person record and attribute it holds.
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
)

select
    details.customer_id,
    attribute_names.attribute_name,
    details.person_record_id,
    details.source_system,
    {{ scv.attribute_part('value_key', 'attribute_names.attribute_name') }} as value_key,
    {{ scv.attribute_part('display', 'attribute_names.attribute_name') }} as display_value,
    {{ scv.attribute_part('corrected', 'attribute_names.attribute_name', 'false') }}
        as is_spelling_corrected,
    {{ scv.attribute_part('verified', 'attribute_names.attribute_name') }} as is_verified,
    details.observed_at,
    {{ scv.attribute_part('completeness', 'attribute_names.attribute_name') }} as completeness
from details
cross join (
    values
    {%- for attribute in attributes %}
        ('{{ attribute }}'){{ ',' if not loop.last }}
    {%- endfor %}
) as attribute_names (attribute_name)
where {{ scv.attribute_part('present', 'attribute_names.attribute_name', 'false') }}
