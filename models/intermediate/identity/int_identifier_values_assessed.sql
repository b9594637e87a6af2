{#
    Every identifier value with how many records and (estimated) people hold it, and
    whether deterministic matching may use it: not when it is on the exclusion list
    (seed identifier_exclusions) or shared by more people than its type's cap
    (var scv__identifier_rules). People are estimated as the distinct canonical forms of
    the known given names (seed given_names) on the records holding the value, so a
    typo ('jmaes') does not count as a second person; an email whose local part names a
    household (var scv__household_email_patterns: 'smithfamily12@') counts as two people
    at least.
#}
{%- set rules = scv.identifier_rules() -%}


with

identifiers as (
    select
        *,
        identifier_type = 'email'
        and {{ scv.email_is_household('identifier_value') }} as is_household_mailbox
    from {{ ref('int_identifiers_unioned') }}
),

person_records as (
    select
        person_records.person_record_id,
        -- a name read from a user name is a guess ('martin.heather8': Martin or Heather?),
        -- not a further person
        case
            when
                given_names.first_name_key is not null
                and person_records.first_name_key_source = 'record'
                then person_records.canonical_first_name
        end as known_canonical_first_name
    from {{ ref('int_person_records_unioned') }} as person_records
    left join {{ ref('given_names') }} as given_names
        on person_records.first_name_key = given_names.first_name_key
),

exclusions as (
    select * from {{ ref('identifier_exclusions') }}
),

value_names as (
    -- each value with each known name on its records (two plain aggregates: a count
    -- distinct beside a count is planned as three aggregates and a join)
    select
        identifiers.identifier_type,
        identifiers.identifier_value,
        person_records.known_canonical_first_name,
        count(*) as record_count,
        max(case when identifiers.is_household_mailbox then 2 else 1 end) as mailbox_people
    from identifiers
    inner join person_records
        on identifiers.person_record_id = person_records.person_record_id
    group by 1, 2, 3
),

value_counts as (
    select
        identifier_type,
        identifier_value,
        cast(sum(record_count) as {{ dbt.type_bigint() }}) as record_count,
        greatest(count(known_canonical_first_name), max(mailbox_people)) as estimated_people
    from value_names
    group by 1, 2
),

assessed as (
    select
        value_counts.identifier_type,
        value_counts.identifier_value,
        value_counts.record_count,
        value_counts.estimated_people,
        case value_counts.identifier_type
            {%- for identifier_type, rule in rules.items() %}
            when '{{ identifier_type }}' then {{ rule.max_people }}  -- noqa: LT02
            {%- endfor %}
            else 1
        end as max_people,
        exclusions.reason as exclusion_reason
    from value_counts
    left join exclusions
        on
            value_counts.identifier_type = exclusions.identifier_type
            and value_counts.identifier_value = exclusions.identifier_value
),

final as (
    select
        *,
        case
            when exclusion_reason is not null then concat('excluded:', exclusion_reason)
            when estimated_people > max_people then 'over_cap'
        end as unusable_reason
    from assessed
)

select
    *,
    unusable_reason is null as is_usable
from final
