{#
    Every value a customer's source records offer for each golden-record attribute, with
    what the survivorship rules rank by: verification, source, recency, how many of the
    customer's records agree on the value, how many records of all customers hold it (a
    typo or a nickname is rarer than the name it stands for), completeness, and whether a
    first name is a diminutive of another first name the customer's records hold ('Bob'
    beside 'Robert', seed nicknames). A misspelt first name counts as the name it stands
    for (int_first_name_spellings). Attributes are defined in macro
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
),

nicknames as (
    select * from {{ ref('nicknames') }}
),

diminutives as (
    -- first names that are a nickname of another first name of the same customer
    select distinct
        nickname_candidates.customer_id,
        nickname_candidates.value_key
    from candidates as nickname_candidates
    inner join nicknames
        on nickname_candidates.value_key = nicknames.nickname
    inner join candidates as formal_candidates
        on
            nickname_candidates.customer_id = formal_candidates.customer_id
            and formal_candidates.attribute_name = 'first_name'
            and formal_candidates.value_key = nicknames.formal_name
    where nickname_candidates.attribute_name = 'first_name'
)

select
    candidates.*,
    diminutives.value_key is not null as is_diminutive,
    count(*) over (
        partition by candidates.customer_id, candidates.attribute_name, candidates.value_key
    ) as agreeing_records,
    count(*) over (partition by candidates.attribute_name, candidates.value_key)
        as records_with_value
from candidates
left join diminutives
    on
        candidates.attribute_name = 'first_name'
        and candidates.customer_id = diminutives.customer_id
        and candidates.value_key = diminutives.value_key
