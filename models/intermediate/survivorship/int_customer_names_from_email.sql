{#
    The first and last names a customer's email addresses offer, as survivorship
    candidates beside the names the records hold (int_customer_attribute_candidates,
    is_from_email). An email spells out a name when the name's letters begin or end a
    word of its local part (three letters at least, or the whole word); first names are
    read from the words with the customer's last name cut out
    (int_person_record_email_words). A name is offered:
      - as the formal name or nickname (seed nicknames, either way) of a first name the
        customer's records hold, when an email spells it out: 'Cher' with
        'cheryl.edwards42@' offers 'Cheryl', 'Steve' with 'stevend746@' offers 'Steven';
      - as the spelling of a last name in an email, when no last name of the customer is
        spelt out but one is within one edit (two beyond five letters; two neighbouring
        letters swapped are one) of a part of the email that is not the first name:
        'Littlle' with 'rlittle4179@' offers 'Little';
      - as the one formal name or nickname of a held first name that starts with the
        initial an email puts beside a last name, when no held first name starts with
        it: 'Betty' with 'emacdonald287@' offers 'Elizabeth' (is_by_initial: it spells
        out one letter);
      - as the first and last name the identity spine read from the user name of an email
        on a record without them ('andrewdoyle1983@': Andrew Doyle), for a customer whose
        records hold no first (last) name at all, when some record writes that name and
        the customer ends up with both.
    Each name is offered once, on the first record whose email offers it. Household
    mailboxes (var scv__household_email_patterns) are no evidence. One row per customer,
    name attribute and value offered.
#}

with

name_values as (
    -- the names a customer's records hold, and how many of the records write each so
    select
        customer_id,
        attribute_name,
        value_key,
        display_value,
        count(*) as writing_records
    from {{ ref('int_person_record_attribute_values') }}
    where attribute_name in ('first_name', 'last_name')
    group by 1, 2, 3, 4
),

lettered_names as (
    -- the names as letters only, how emails spell them ('De Oliveira' -> 'deoliveira');
    -- from the grouped values, which on DuckDB also spares the regular expression the
    -- slow path of strings read straight from a table
    select
        *,
        {{ scv.name_key('value_key') }} as name_letters
    from name_values
),

recorded_names as (
    select distinct
        customer_id,
        attribute_name,
        value_key,
        name_letters
    from lettered_names
),

email_words as (
    select * from {{ ref('int_person_record_email_words') }}
),

written_forms as (
    -- each way records write a name, by its letters, and how many records write it so
    select
        attribute_name,
        name_letters,
        display_value,
        sum(writing_records) as writing_records
    from lettered_names
    group by 1, 2, 3
),

display_forms as (
    -- the most common way records write each name, by its letters
    select
        attribute_name,
        name_letters,
        display_value
    from (
        select
            attribute_name,
            name_letters,
            display_value,
            row_number() over (
                partition by attribute_name, name_letters
                order by writing_records desc, display_value asc
            ) as form_rank
        from written_forms
    ) as forms
    where form_rank = 1
),

nicknames as (
    select * from {{ ref('nicknames') }}
),

nickname_pairs as (
    -- each formal name and nickname with the other, either way, and both as letters
    -- (accents folded: 'Éric' has the nicknames of 'eric')
    select
        *,
        {{ scv.name_key('name_key') }} as name_letters,
        {{ scv.name_key('alternative_key') }} as alternative_letters
    from (
        select
            nickname as name_key,
            formal_name as alternative_key
        from nicknames
        union all
        select
            formal_name as name_key,
            nickname as alternative_key
        from nicknames
    ) as pairs
),

first_name_alternatives as (
    -- the formal names and nicknames of each first name a customer's records hold
    select distinct
        recorded_names.customer_id,
        alternatives.alternative_key,
        alternatives.alternative_letters as name_letters
    from recorded_names
    inner join nickname_pairs as alternatives
        on recorded_names.name_letters = alternatives.name_letters
    where
        recorded_names.attribute_name = 'first_name'
        and not exists (
            select held.customer_id
            from recorded_names as held
            where
                held.customer_id = recorded_names.customer_id
                and held.attribute_name = 'first_name'
                and held.name_letters = alternatives.alternative_letters
        )
),

email_word_list as (
    select
        email_words.customer_id,
        email_words.person_record_id,
        email_words.source_system,
        email_words.observed_at,
        split_part(trim(email_words.email_words), ' ', positions.word_position) as email_word
    from email_words
    cross join (values (1), (2), (3), (4)) as positions (word_position)
),

email_initials as (
    -- the initial an email gives the first name: a word that is one letter and a last
    -- name of the customer ('emacdonald287': 'e' beside Macdonald; 'macdonalde' too)
    select distinct
        words.customer_id,
        words.person_record_id,
        words.source_system,
        words.observed_at,
        case
            when words.email_word = concat(substr(words.email_word, 1, 1), last_names.name_letters)
                then substr(words.email_word, 1, 1)
            else substr(words.email_word, length(words.email_word), 1)
        end as initial_letter
    from email_word_list as words
    inner join recorded_names as last_names
        on
            words.customer_id = last_names.customer_id
            and last_names.attribute_name = 'last_name'
            and length(last_names.name_letters) >= 3
            and (
                words.email_word = concat(substr(words.email_word, 1, 1), last_names.name_letters)
                or words.email_word = concat(
                    last_names.name_letters, substr(words.email_word, length(words.email_word), 1)
                )
            )
),

first_name_evidence as (
    -- the emails that offer a formal name or nickname of a first name the records hold:
    -- by spelling it out ('Cher' with 'cheryl.edwards42@' offers 'Cheryl'), or by the
    -- initial beside a last name, when no held first name starts with it and only this
    -- alternative does ('Betty' with 'emacdonald287@' offers 'Elizabeth')
    select
        alternatives.customer_id,
        alternatives.alternative_key,
        alternatives.name_letters,
        email_words.person_record_id,
        email_words.source_system,
        email_words.observed_at,
        false as is_by_initial
    from first_name_alternatives as alternatives
    inner join email_words
        on
            alternatives.customer_id = email_words.customer_id
            and {{ scv.spelt_out_in_email(
                'alternatives.name_letters', 'email_words.first_name_email_words'
            ) }}
    union all
    select
        customer_id,
        alternative_key,
        name_letters,
        person_record_id,
        source_system,
        observed_at,
        true as is_by_initial
    from (
        select
            alternatives.customer_id,
            alternatives.alternative_key,
            alternatives.name_letters,
            initials.person_record_id,
            initials.source_system,
            initials.observed_at,
            count(*) over (partition by alternatives.customer_id, initials.person_record_id)
                as alternatives_with_initial
        from first_name_alternatives as alternatives
        inner join email_initials as initials
            on
                alternatives.customer_id = initials.customer_id
                and substr(alternatives.name_letters, 1, 1) = initials.initial_letter
        where not exists (
            select held.customer_id
            from recorded_names as held
            where
                held.customer_id = alternatives.customer_id
                and held.attribute_name = 'first_name'
                and substr(held.name_letters, 1, 1) = initials.initial_letter
        )
    ) as by_initial
    where alternatives_with_initial = 1
),

first_names_from_email as (
    select
        evidence.customer_id,
        'first_name' as attribute_name,
        evidence.person_record_id,
        evidence.source_system,
        evidence.alternative_key as value_key,
        coalesce(
            display_forms.display_value,
            {{ scv.proper_case('evidence.alternative_key') }}
        ) as display_value,
        false as is_spelling_corrected,
        evidence.observed_at,
        length(evidence.alternative_key) as completeness,
        evidence.is_by_initial,
        row_number() over (
            partition by evidence.customer_id, evidence.alternative_key
            order by evidence.is_by_initial, evidence.person_record_id
        ) as evidence_rank
    from first_name_evidence as evidence
    left join display_forms
        on
            display_forms.attribute_name = 'first_name'
            and evidence.name_letters = display_forms.name_letters
),

first_name_letters as (
    -- every first name of the customer, held or from an email, that could open or close
    -- an email word
    select
        customer_id,
        name_letters
    from recorded_names
    where attribute_name = 'first_name' and length(name_letters) >= 3
    union
    select
        customer_id,
        {{ scv.name_key('value_key') }} as name_letters
    from first_names_from_email
    where evidence_rank = 1
),

last_name_material as (
    -- each email word with the customer's longest first name cut from its start or end:
    -- 'rlittle' stays as it is, 'sandraa' (Sandra) leaves 'a'
    select
        words.customer_id,
        words.person_record_id,
        words.source_system,
        words.observed_at,
        case
            when first_names.name_letters is null then words.email_word
            when words.email_word like concat(first_names.name_letters, '%')
                then substr(words.email_word, length(first_names.name_letters) + 1)
            else substr(
                words.email_word, 1, length(words.email_word) - length(first_names.name_letters)
            )
        end as material,
        row_number() over (
            partition by words.customer_id, words.person_record_id, words.email_word
            order by length(first_names.name_letters) desc, first_names.name_letters asc
        ) as cut_rank
    from email_word_list as words
    left join first_name_letters as first_names
        on
            words.customer_id = first_names.customer_id
            and (
                words.email_word like concat(first_names.name_letters, '%')
                or words.email_word like concat('%', first_names.name_letters)
            )
    where length(words.email_word) >= 3
),

spelt_last_names as (
    select distinct last_names.customer_id
    from recorded_names as last_names
    inner join email_words
        on
            last_names.customer_id = email_words.customer_id
            and {{ scv.spelt_out_in_email('last_names.name_letters', 'email_words.email_words') }}
    where last_names.attribute_name = 'last_name'
),

unspelt_last_names as (
    -- last names of customers none of whose last names an email spells out
    select recorded_names.*
    from recorded_names
    left join spelt_last_names
        on recorded_names.customer_id = spelt_last_names.customer_id
    where
        recorded_names.attribute_name = 'last_name'
        and length(recorded_names.name_letters) >= 4
        and spelt_last_names.customer_id is null
),

last_name_cuts as (
    -- how long a part of the email to compare with each last name: as long as the name,
    -- or one letter shorter or longer, from the start or the end of a word
    select
        last_names.customer_id,
        material.person_record_id,
        material.source_system,
        material.observed_at,
        last_names.name_letters,
        material.material,
        cuts.from_end,
        length(last_names.name_letters) + cuts.length_change as spelling_length
    from unspelt_last_names as last_names
    inner join last_name_material as material
        on
            last_names.customer_id = material.customer_id
            and material.cut_rank = 1
    cross join (
        values (-1, false), (0, false), (1, false), (-1, true), (0, true), (1, true)
    ) as cuts (length_change, from_end)
    where length(material.material) >= length(last_names.name_letters) + cuts.length_change
),

last_name_spellings as (
    -- each such part of the email and how far it is from the last name
    select
        *,
        {{ scv.edit_distance('name_letters', 'email_spelling') }} as edit_distance
    from (
        select
            customer_id,
            person_record_id,
            source_system,
            observed_at,
            name_letters,
            case
                when from_end
                    then substr(material, length(material) - spelling_length + 1, spelling_length)
                else substr(material, 1, spelling_length)
            end as email_spelling
        from last_name_cuts
    ) as cut_parts
),

last_names_from_email as (
    select
        spellings.customer_id,
        'last_name' as attribute_name,
        spellings.person_record_id,
        spellings.source_system,
        lower(coalesce(display_forms.display_value, spellings.email_spelling)) as value_key,
        coalesce(
            display_forms.display_value,
            {{ scv.proper_case('spellings.email_spelling') }}
        ) as display_value,
        true as is_spelling_corrected,
        spellings.observed_at,
        length(spellings.email_spelling) as completeness,
        false as is_by_initial,
        row_number() over (
            partition by spellings.customer_id
            order by
                spellings.edit_distance asc,
                length(spellings.email_spelling) desc,
                spellings.email_spelling asc,
                spellings.person_record_id asc
        ) as evidence_rank
    from last_name_spellings as spellings
    left join display_forms
        on
            display_forms.attribute_name = 'last_name'
            and spellings.email_spelling = display_forms.name_letters
    where
        length(spellings.email_spelling) >= 3
        and spellings.edit_distance
        between 1 and case when length(spellings.name_letters) <= 5 then 1 else 2 end
),

customers_holding_names as (
    select
        customer_id,
        max(case when attribute_name = 'first_name' then 1 else 0 end) = 1 as holds_first_name,
        max(case when attribute_name = 'last_name' then 1 else 0 end) = 1 as holds_last_name
    from recorded_names
    group by 1
),

user_name_readings as (
    -- each nameless record's email user name as the identity spine read it, with the
    -- names' most common written forms ('andrewdoyle1983@': Andrew, Doyle); a reading
    -- is ambiguous when its first name is written as a last name and its last name as
    -- a first name ('martin.david200@')
    select
        email_words.customer_id,
        email_words.person_record_id,
        email_words.source_system,
        email_words.observed_at,
        coalesce(holding.holds_first_name, false) as holds_first_name,
        coalesce(holding.holds_last_name, false) as holds_last_name,
        first_forms.display_value as first_name,
        last_forms.display_value as last_name,
        first_as_last.name_letters is not null and last_as_first.name_letters is not null
            as is_ambiguous
    from email_words
    inner join {{ ref('int_person_record_details') }} as details
        on email_words.person_record_id = details.person_record_id
    left join customers_holding_names as holding
        on email_words.customer_id = holding.customer_id
    left join display_forms as first_forms
        on
            first_forms.attribute_name = 'first_name'
            and first_forms.name_letters = {{ scv.name_key('details.user_name_first_name_key') }}
    left join display_forms as last_forms
        on
            last_forms.attribute_name = 'last_name'
            and last_forms.name_letters = {{ scv.name_key('details.user_name_last_name_key') }}
    left join display_forms as first_as_last
        on
            first_as_last.attribute_name = 'last_name'
            and first_as_last.name_letters = {{ scv.name_key('details.user_name_first_name_key') }}
    left join display_forms as last_as_first
        on
            last_as_first.attribute_name = 'first_name'
            and last_as_first.name_letters = {{ scv.name_key('details.user_name_last_name_key') }}
    where
        details.user_name_first_name_key is not null
        or details.user_name_last_name_key is not null
),

names_from_user_names as (
    -- the names of a reading, for a customer none of whose records holds a name of that
    -- kind, when the customer ends up with both names written somewhere and the reading
    -- is not ambiguous ('erinr385@' gives no 'Erin' without a last name); one pass over
    -- the readings for both names (an unpivot, as in int_person_record_attribute_values)
    select
        customer_id,
        attribute_name,
        person_record_id,
        source_system,
        lower(read_name) as value_key,
        read_name as display_value,
        false as is_spelling_corrected,
        observed_at,
        length(read_name) as completeness,
        false as is_by_initial,
        row_number() over (
            partition by customer_id, attribute_name
            order by observed_at desc, person_record_id asc
        ) as evidence_rank
    from (
        select
            readings.*,
            name_kinds.attribute_name,
            case name_kinds.attribute_name
                when 'first_name' then readings.first_name else readings.last_name
            end as read_name,
            case name_kinds.attribute_name
                when 'first_name' then readings.holds_first_name else readings.holds_last_name
            end as holds_name
        from user_name_readings as readings
        cross join (values ('first_name'), ('last_name')) as name_kinds (attribute_name)
    ) as readings_per_name
    where
        not holds_name
        and read_name is not null
        and (holds_first_name or first_name is not null)
        and (holds_last_name or last_name is not null)
        and not is_ambiguous
)

select
    customer_id,
    attribute_name,
    person_record_id,
    source_system,
    value_key,
    display_value,
    is_spelling_corrected,
    observed_at,
    completeness,
    is_by_initial
from (
    select * from first_names_from_email
    union all
    select * from last_names_from_email
    union all
    select * from names_from_user_names
) as offered
where evidence_rank = 1
