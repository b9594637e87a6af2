{#
    The words of each record's email local part, as the survivorship rules read names
    from them ('cheryl.edwards42@' -> ' cheryl edwards '), and the words a first name is
    read from: the same with the customer's longest last name that the email holds cut
    out, so a first name never borrows its letters ('jon.johnson354' -> ' jon ': 'John'
    is not spelt out by 'johnson'; 'paularmstrong507' -> ' paul ': 'Paul', not 'Paula').
    Only personal emails count: valid, and not a household mailbox (var
    scv__household_email_patterns). One row per person record with such an email.
#}

with

emails as (
    select
        customer_id,
        person_record_id,
        source_system,
        observed_at,
        concat(
            ' ',
            trim({{ scv.regex_replace_all(
                scv.fold_accents("lower(split_part(email, '@', 1))"), '[^a-z]+', ' ') }}),
            ' '
        ) as email_words
    from {{ ref('int_person_record_details') }}
    where
        email is not null
        and is_email_valid
        and not {{ scv.email_is_household('email') }}
),

last_name_values as (
    select distinct
        customer_id,
        value_key
    from {{ ref('int_person_record_attribute_values') }}
    where attribute_name = 'last_name'
),

last_names as (
    -- the customer's last names as letters only, how emails spell them
    -- ('De Oliveira' -> 'deoliveira'), computed once per distinct value
    select distinct
        customer_id,
        {{ scv.name_key('value_key') }} as name_letters
    from last_name_values
),

last_name_cut as (
    select
        emails.customer_id,
        emails.person_record_id,
        emails.source_system,
        emails.observed_at,
        emails.email_words,
        case
            when last_names.name_letters is null then emails.email_words
            else replace(emails.email_words, last_names.name_letters, ' ')
        end as first_name_email_words,
        row_number() over (
            partition by emails.person_record_id
            order by length(last_names.name_letters) desc, last_names.name_letters asc
        ) as cut_rank
    from emails
    left join last_names
        on
            emails.customer_id = last_names.customer_id
            and length(last_names.name_letters) >= 3
            and emails.email_words like concat('%', last_names.name_letters, '%')
)

select
    customer_id,
    person_record_id,
    source_system,
    observed_at,
    email_words,
    first_name_email_words
from last_name_cut
where cut_rank = 1
