{#
    Where every golden value comes from: the source system and record that won, the rule
    that decided it among the customer's other values, and the rules configured for the
    attribute (var scv__survivorship). One row per customer and attribute with a value.
#}

with

survived as (
    select * from {{ ref('int_customer_attributes_survived') }}
),

details as (
    select * from {{ ref('int_person_record_details') }}
),

configured_rules as (
    {%- for attribute in scv.survivorship_attributes() %}
    select
        '{{ attribute }}' as attribute_name,
        '{{ scv.survivorship_rules(attribute) | join(", ") }}' as configured_rules
    {% if not loop.last %}union all{% endif %}
    {%- endfor %}
)

select
    survived.customer_id,
    survived.attribute_name,
    survived.display_value as golden_value,
    survived.winning_record_id as source_person_record_id,
    details.source_system,
    details.source_table,
    details.source_record_id,
    details.observed_at as source_observed_at,
    survived.deciding_rule,
    survived.is_spelling_corrected,
    survived.is_from_email,
    configured_rules.configured_rules,
    survived.candidate_records,
    survived.distinct_values
from survived
inner join details
    on survived.winning_record_id = details.person_record_id
inner join configured_rules
    on survived.attribute_name = configured_rules.attribute_name
