{#
    Every value a customer's source records offer for each golden-record attribute, with
    what the survivorship rules rank by: verification, source, recency, how many of the
    customer's records agree on the value, how many records of all customers hold it (a
    typo or a nickname is rarer than the name it stands for), completeness, whether a
    first name is a diminutive of another first name the customer's records hold ('Bob'
    beside 'Robert', seed nicknames), and how much of a name the customer's own email
    addresses spell out. The values are those the records hold
    (int_person_record_attribute_values) and the names the customer's emails offer
    (int_customer_names_from_email, is_from_email). A name from an email holds no vote of
    its own (agreeing_records and records_with_value count what records hold) and is left
    out of the attribute history. One row per customer, attribute, source record and
    value.
#}

with

names_from_email as (
    select * from {{ ref('int_customer_names_from_email') }}
),

nicknames as (
    select * from {{ ref('nicknames') }}
),

candidates as (
    select
        customer_id,
        attribute_name,
        person_record_id,
        source_system,
        value_key,
        display_value,
        is_spelling_corrected,
        false as is_from_email,
        is_verified,
        observed_at,
        completeness
    from {{ ref('int_person_record_attribute_values') }}
    union all
    select
        customer_id,
        attribute_name,
        person_record_id,
        source_system,
        value_key,
        display_value,
        is_spelling_corrected,
        true as is_from_email,
        false as is_verified,
        observed_at,
        completeness
    from names_from_email
),

candidate_values as (
    select distinct
        customer_id,
        attribute_name,
        value_key
    from candidates
    where attribute_name in ('first_name', 'last_name')
),

candidate_names as (
    -- each name value of a customer as letters only, how emails spell them; from the
    -- distinct values, which on DuckDB also spares the regular expression the slow path
    -- of strings read straight from a table
    select
        *,
        {{ scv.name_key('value_key') }} as name_letters
    from candidate_values
),

name_email_words as (
    -- each name value beside each email of the customer: the words it is read from
    -- (a first name from the words with the last name cut out)
    select
        candidate_names.customer_id,
        candidate_names.attribute_name,
        candidate_names.value_key,
        candidate_names.name_letters,
        case candidate_names.attribute_name
            when 'first_name' then email_words.first_name_email_words
            else email_words.email_words
        end as email_words
    from candidate_names
    inner join {{ ref('int_person_record_email_words') }} as email_words
        on candidate_names.customer_id = email_words.customer_id
),

spelt_out as (
    -- how many letters of each name value the customer's emails spell out (0: none)
    select
        customer_id,
        attribute_name,
        value_key,
        max(
            case
                when {{ scv.spelt_out_in_email('name_letters', 'email_words') }}
                    then length(name_letters)
                else 0
            end
        ) as email_name_letters
    from name_email_words
    group by 1, 2, 3
),

initial_spelt_out as (
    -- a first name offered by an email's initial spells out that one letter
    select
        customer_id,
        value_key
    from names_from_email
    where attribute_name = 'first_name' and is_by_initial
),

diminutives as (
    -- first names that are a nickname of another first name of the same customer, by
    -- their letters ('Ricky' beside 'Éric')
    select distinct
        nickname_candidates.customer_id,
        nickname_candidates.value_key
    from candidate_names as nickname_candidates
    inner join nicknames
        on nickname_candidates.name_letters = nicknames.nickname
    inner join candidate_names as formal_candidates
        on
            nickname_candidates.customer_id = formal_candidates.customer_id
            and formal_candidates.attribute_name = 'first_name'
            and nicknames.formal_name = formal_candidates.name_letters
    where nickname_candidates.attribute_name = 'first_name'
)

select
    candidates.*,
    diminutives.value_key is not null as is_diminutive,
    greatest(
        coalesce(spelt_out.email_name_letters, 0),
        case when initial_spelt_out.value_key is not null then 1 else 0 end
    ) as email_name_letters,
    count(case when candidates.is_from_email then null else 1 end) over (
        partition by candidates.customer_id, candidates.attribute_name, candidates.value_key
    ) as agreeing_records,
    count(case when candidates.is_from_email then null else 1 end) over (
        partition by candidates.attribute_name, candidates.value_key
    ) as records_with_value
from candidates
left join diminutives
    on
        candidates.attribute_name = 'first_name'
        and candidates.customer_id = diminutives.customer_id
        and candidates.value_key = diminutives.value_key
left join spelt_out
    on
        candidates.customer_id = spelt_out.customer_id
        and candidates.attribute_name = spelt_out.attribute_name
        and candidates.value_key = spelt_out.value_key
left join initial_spelt_out
    on
        candidates.attribute_name = 'first_name'
        and candidates.customer_id = initial_spelt_out.customer_id
        and candidates.value_key = initial_spelt_out.value_key
