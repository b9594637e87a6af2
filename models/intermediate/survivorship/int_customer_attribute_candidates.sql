{#
    Every value a customer's source records offer for each golden-record attribute, with
    what the survivorship rules rank by: verification, source, recency, how many of the
    customer's records agree on the value, how many records of all customers hold it (a
    typo or a nickname is rarer than the name it stands for), completeness, whether a
    first name is a diminutive of another first name the customer's records hold ('Bob'
    beside 'Robert', seed nicknames), and how much of a name the customer's own email
    addresses spell out. A misspelt first name counts as the name it stands for
    (int_first_name_spellings). Attributes are defined in macro survivorship_attributes.

    Email addresses are evidence for names ('cheryl.edwards42@', 'thomasriley@',
    'jsullivan@'): a name is spelt out when its letters begin or end a word of the local
    part (three letters at least, or the whole word); first names are read after the
    customer's last name is cut out of the words ('jon.johnson354' spells Jon, not John). Candidates come from
    the emails alone (is_from_email), each on the record holding the email:
      - the formal name or nickname (seed nicknames, either way) of a first name the
        customer's records hold, when an email spells it out: 'Cher' with
        'cheryl.edwards42@' offers 'Cheryl', 'Steve' with 'stevend746@' offers 'Steven';
      - the spelling of a last name in an email, when no last name of the customer is
        spelt out but one is within one edit (two beyond five letters; two neighbouring
        letters swapped are one) of a part of the email that is not the first name:
        'Littlle' with 'rlittle4179@' offers 'Little';
      - the one formal name or nickname of a held first name that starts with the
        initial an email puts beside a last name, when no held first name starts with
        it: 'Betty' with 'emacdonald287@' offers 'Elizabeth' (it spells out one letter).
      - the first and last name the identity spine read from the user name of an email
        on a record without them ('andrewdoyle1983@': Andrew Doyle), for a customer whose
        records hold no first (last) name at all, when some record writes that name and
        the customer ends up with both.
    They hold no vote of their own (agreeing_records and records_with_value count what
    records hold) and are left out of the attribute history. Household mailboxes
    (var scv__household_email_patterns) are no evidence. One row per customer, attribute,
    source record and value.
#}
{%- set attributes = scv.survivorship_attributes() -%}
{%- set name_attributes = ['first_name', 'last_name'] -%}

with

details as (
    select
        record_details.*,
        spellings.corrected_display_name as corrected_first_name
    from {{ ref('int_person_record_details') }} as record_details
    left join {{ ref('int_first_name_spellings') }} as spellings
        on record_details.first_name_key = spellings.misspelt_key
),

recorded as (
    -- one row per attribute a record holds, from one pass over the records: an unpivot
    -- (macro attribute_part), not a union of a select per attribute, which Spark plans
    -- as a copy of `details` per attribute wherever this CTE is read
    select
        details.customer_id,
        attribute_names.attribute_name,
        details.person_record_id,
        details.source_system,
        {{ scv.attribute_part('value_key', 'attribute_names.attribute_name') }} as value_key,
        {{ scv.attribute_part('display', 'attribute_names.attribute_name') }} as display_value,
        {{ scv.attribute_part('corrected', 'attribute_names.attribute_name', 'false') }} as is_spelling_corrected,
        false as is_from_email,
        {{ scv.attribute_part('verified', 'attribute_names.attribute_name') }} as is_verified,
        details.observed_at,
        {{ scv.attribute_part('completeness', 'attribute_names.attribute_name') }} as completeness
    from details
    cross join (
        values {% for attribute in attributes %}('{{ attribute }}'){{ ', ' if not loop.last }}{% endfor %}
    ) as attribute_names (attribute_name)
    where {{ scv.attribute_part('present', 'attribute_names.attribute_name', 'false') }}
),

recorded_names as (
    -- name values as letters only, how emails spell them ('De Oliveira' -> 'deoliveira')
    select
        customer_id,
        attribute_name,
        value_key,
        {{ scv.name_key('value_key') }} as name_letters
    from recorded
    where attribute_name in ('{{ name_attributes | join("', '") }}')
    group by customer_id, attribute_name, value_key
),

email_words as (
    -- the words of each customer's email local parts: 'cheryl.edwards42' -> ' cheryl edwards '
    select distinct
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
    from details
    where
        email is not null
        and is_email_valid
        and not {{ scv.email_is_household('email') }}
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
                order by count(*) desc, display_value asc
            ) as form_rank
        from (
            select
                attribute_name,
                {{ scv.name_key('value_key') }} as name_letters,
                display_value
            from recorded
            where attribute_name in ('{{ name_attributes | join("', '") }}')
        ) as written
        group by attribute_name, name_letters, display_value
    ) as forms
    where form_rank = 1
),

nicknames as (
    select * from {{ ref('nicknames') }}
),

first_name_email_words as (
    -- the email words a first name is read from: the customer's longest last name that
    -- an email holds is cut out first, so a first name never borrows its letters
    -- ('jon.johnson354' -> ' jon 354': 'John' is not spelt out by 'johnson';
    -- 'paularmstrong507' -> ' paul 507': 'Paul', not 'Paula')
    select
        customer_id,
        person_record_id,
        source_system,
        observed_at,
        email_words
    from (
        select
            email_words.customer_id,
            email_words.person_record_id,
            email_words.source_system,
            email_words.observed_at,
            case
                when last_names.name_letters is null then email_words.email_words
                else replace(email_words.email_words, last_names.name_letters, ' ')
            end as email_words,
            row_number() over (
                partition by email_words.customer_id, email_words.person_record_id, email_words.email_words
                order by length(last_names.name_letters) desc, last_names.name_letters asc
            ) as cut_rank
        from email_words
        left join recorded_names as last_names
            on
                email_words.customer_id = last_names.customer_id
                and last_names.attribute_name = 'last_name'
                and length(last_names.name_letters) >= 3
                and email_words.email_words like concat('%', last_names.name_letters, '%')
    ) as cut
    where cut_rank = 1
),

first_name_alternatives as (
    -- the formal names and nicknames of each first name a customer's records hold
    select distinct
        recorded_names.customer_id,
        alternatives.alternative_key,
        {{ scv.name_key('alternatives.alternative_key') }} as name_letters
    from recorded_names
    inner join (
        select nickname as name_key, formal_name as alternative_key from nicknames
        union all
        select formal_name as name_key, nickname as alternative_key from nicknames
    ) as alternatives
        -- by letters, accents folded: 'Éric' has the nicknames of 'eric'
        on recorded_names.name_letters = {{ scv.name_key('alternatives.name_key') }}
    where
        recorded_names.attribute_name = 'first_name'
        and not exists (
            select 1
            from recorded_names as held
            where
                held.customer_id = recorded_names.customer_id
                and held.attribute_name = 'first_name'
                and held.name_letters = {{ scv.name_key('alternatives.alternative_key') }}
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
                or words.email_word
                = concat(last_names.name_letters, substr(words.email_word, length(words.email_word), 1))
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
    inner join first_name_email_words as email_words
        on
            alternatives.customer_id = email_words.customer_id
            and {{ scv.spelt_out_in_email('alternatives.name_letters', 'email_words.email_words') }}
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
            select 1
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
        true as is_from_email,
        false as is_verified,
        evidence.observed_at,
        length(evidence.alternative_key) as completeness,
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
    select customer_id, name_letters
    from recorded_names
    where attribute_name = 'first_name' and length(name_letters) >= 3
    union
    select customer_id, {{ scv.name_key('value_key') }} as name_letters
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
        true as is_from_email,
        false as is_verified,
        spellings.observed_at,
        length(spellings.email_spelling) as completeness,
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
    group by customer_id
),

user_name_readings as (
    -- each nameless record's email user name as the identity spine read it, with the
    -- names' most common written forms ('andrewdoyle1983@': Andrew, Doyle); a reading
    -- is ambiguous when its first name is written as a last name and its last name as
    -- a first name ('martin.david200@')
    select
        details.customer_id,
        details.person_record_id,
        details.source_system,
        details.observed_at,
        coalesce(holding.holds_first_name, false) as holds_first_name,
        coalesce(holding.holds_last_name, false) as holds_last_name,
        first_forms.display_value as first_name,
        last_forms.display_value as last_name,
        first_as_last.name_letters is not null and last_as_first.name_letters is not null
            as is_ambiguous
    from details
    left join customers_holding_names as holding
        on details.customer_id = holding.customer_id
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
        details.email is not null
        and details.is_email_valid
        and not {{ scv.email_is_household('details.email') }}
        and (details.user_name_first_name_key is not null or details.user_name_last_name_key is not null)
),

names_from_user_names as (
    -- the names of a reading, for a customer none of whose records holds a name of that
    -- kind, when the customer ends up with both names written somewhere and the reading
    -- is not ambiguous ('erinr385@' gives no 'Erin' without a last name); one pass over
    -- the readings for both names (an unpivot, as in `recorded`)
    select
        customer_id,
        attribute_name,
        person_record_id,
        source_system,
        lower(read_name) as value_key,
        read_name as display_value,
        false as is_spelling_corrected,
        true as is_from_email,
        false as is_verified,
        observed_at,
        length(read_name) as completeness,
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
),

names_from_email as (
    -- the names the emails offer, each on the first record whose email offers it
    select * from first_names_from_email
    union all
    select * from last_names_from_email
    union all
    select * from names_from_user_names
),

candidates as (
    select * from recorded
    union all
    select
        customer_id, attribute_name, person_record_id, source_system, value_key, display_value,
        is_spelling_corrected, is_from_email, is_verified, observed_at, completeness
    from names_from_email
    where evidence_rank = 1
),

spelt_out as (
    -- how many letters of each name value the customer's emails spell out (0: none)
    select
        names.customer_id,
        names.attribute_name,
        names.value_key,
        max(
            case
                when {{ scv.spelt_out_in_email('names.name_letters', 'email_words.email_words') }}
                    then length(names.name_letters)
                else 0
            end
        ) as email_name_letters
    from (
        select distinct
            customer_id,
            attribute_name,
            value_key,
            {{ scv.name_key('value_key') }} as name_letters
        from candidates
        where attribute_name in ('{{ name_attributes | join("', '") }}')
    ) as names
    inner join (
        select customer_id, email_words, 'first_name' as attribute_name
        from first_name_email_words
        union all
        select customer_id, email_words, 'last_name' as attribute_name
        from email_words
    ) as email_words
        on
            names.customer_id = email_words.customer_id
            and names.attribute_name = email_words.attribute_name
    group by names.customer_id, names.attribute_name, names.value_key
),

initial_spelt_out as (
    -- a first name offered by an email's initial spells out that one letter
    select distinct
        customer_id,
        alternative_key as value_key
    from first_name_evidence
    where is_by_initial
),

diminutives as (
    -- first names that are a nickname of another first name of the same customer, by
    -- their letters ('Ricky' beside 'Éric')
    select distinct
        nickname_candidates.customer_id,
        nickname_candidates.value_key
    from candidates as nickname_candidates
    inner join nicknames
        on {{ scv.name_key('nickname_candidates.value_key') }} = nicknames.nickname
    inner join candidates as formal_candidates
        on
            nickname_candidates.customer_id = formal_candidates.customer_id
            and formal_candidates.attribute_name = 'first_name'
            and {{ scv.name_key('formal_candidates.value_key') }} = nicknames.formal_name
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
