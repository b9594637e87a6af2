{#
    The identity spine: every valid person record of every source in one shape.
    Sources come from var scv__identity_sources; this SQL needs no edit to add one.
#}
{%- set sources = scv.identity_sources() -%}

with

{% for s in sources %}
{{ s.source_system }}__{{ s.source_table }} as (
    select
        concat(
            '{{ s.source_system }}:{{ s.source_table }}:',
            cast({{ s.record_id }} as {{ dbt.type_string() }})
        ) as person_record_id,
        '{{ s.source_system }}' as source_system,
        '{{ s.source_table }}' as source_table,
        cast({{ s.record_id }} as {{ dbt.type_string() }}) as source_record_id,
        first_name,
        last_name,
        full_name,
        first_name_key,
        last_name_key,
        canonical_first_name,
        email as email_as_recorded,
        phone_e164,
        street_key,
        postal_code,
        city,
        country_code,
        {{ s.birth_date if s.birth_date else 'cast(null as date)' }} as birth_date,
        cast({{ s.username if s.username else 'null' }} as {{ dbt.type_string() }}) as handle,
        cast(
            {{ s.get('attributes', {}).get('company_domain') or 'null' }} as {{ dbt.type_string() }}
        ) as company_domain,
        cast({{ s.created_at if s.created_at else 'null' }} as {{ dbt.type_timestamp() }})
            as record_created_at,
        cast({{ s.updated_at if s.updated_at else 'null' }} as {{ dbt.type_timestamp() }})
            as record_updated_at
    from {{ ref(s.model) }}
),
{% endfor %}

unioned as (
    {% for s in sources %}
    select * from {{ s.source_system }}__{{ s.source_table }}
    {% if not loop.last %}union all{% endif %}
    {% endfor %}
),

-- the two CTEs of keys are computed once (macro materialized_cte): DuckDB would inline
-- with_match_keys into each of its four readers, and runs the regular expressions of
-- both several times faster over a computed table than over strings read straight from
-- the staging tables (the spine at 100,000 people: 1.9 s -> 0.9 s)
with_email_key as {{ scv.materialized_cte() }} (
    select
        *,
        {{ scv.email_match_key('email_as_recorded') }} as email
    from unioned
),

{%- set user_name = "lower(coalesce(handle, split_part(email, '@', 1)))" %}
with_match_keys as {{ scv.materialized_cte() }} (
    select
        *,
        split_part(email, '@', 1) as email_local_part,
        email is not null as is_email_usable,
        {{ scv.username_key(user_name) }} as username_key,
        {{ scv.regex_replace_all(user_name, '[^a-z._-]', '') }} as username_text,
        {{ scv.regex_replace_all(user_name, '[^a-z]', '') }} as username_letters
    from with_email_key
),

given_names as (
    select first_name_key from {{ ref('given_names') }}
),

first_name_canonical_forms as (
    select * from {{ ref('first_name_canonical_forms') }}
),

prefix_lengths as (
    -- given names of 3 to 12 letters ('christopherf': 'christopher', not 'christophe')
    {% for length in range(3, 13) -%}
    select {{ length }} as prefix_length{{ ' union all' if not loop.last }}
    {% endfor %}
),

nameless_usernames as (
    -- records without a first name whose user name or email local part has letters,
    -- unless the mailbox names a household ('kingfamily558': not a Mr Family)
    select
        person_record_id,
        username_letters,
        nullif({{ scv.regex_extract('username_text', '^([a-z]+)[._-]([a-z]+)$', 1) }}, '')
            as username_token_1,
        nullif({{ scv.regex_extract('username_text', '^([a-z]+)[._-]([a-z]+)$', 2) }}, '')
            as username_token_2
    from with_match_keys
    where
        first_name_key is null
        and username_text is not null
        and (handle is not null or not {{ scv.email_is_household('email') }})
),

recorded_last_names as (
    -- the last names records hold, written out
    select distinct last_name_key
    from with_match_keys
    where length(last_name_key) >= 2
),

given_name_prefixes as (
    -- the known given name that starts an unseparated user name ('spencertucker'): the
    -- longest one whose rest is a last name some record holds ('erichernandez': eric,
    -- not erich), else the longest
    select
        nameless_usernames.person_record_id,
        nameless_usernames.username_letters,
        prefix_lengths.prefix_length,
        row_number() over (
            partition by nameless_usernames.person_record_id
            order by
                case when recorded_last_names.last_name_key is null then 1 else 0 end,
                prefix_lengths.prefix_length desc
        ) as prefix_rank
    from nameless_usernames
    cross join prefix_lengths
    inner join given_names
        on substr(nameless_usernames.username_letters, 1, prefix_lengths.prefix_length)
        = given_names.first_name_key
    left join recorded_last_names
        on substr(nameless_usernames.username_letters, prefix_lengths.prefix_length + 1)
        = recorded_last_names.last_name_key
    where
        nameless_usernames.username_token_1 is null
        and length(nameless_usernames.username_letters) > prefix_lengths.prefix_length
),

names_from_usernames as (
    -- 'jane.smith' and 'smith_jane' (a known given name tells which is which), 'janesmith'
    -- and 'janes' (a known given name, then the last name or its initial), 'j.smith'
    select
        nameless_usernames.person_record_id,
        case
            when given_name_1.first_name_key is not null and length(nameless_usernames.username_token_2) >= 2
                then nameless_usernames.username_token_1
            when given_name_2.first_name_key is not null and length(nameless_usernames.username_token_1) >= 2
                then nameless_usernames.username_token_2
            when given_name_prefixes.prefix_length is not null
                then substr(
                    given_name_prefixes.username_letters, 1, given_name_prefixes.prefix_length
                )
        end as first_name_key,
        case
            when given_name_1.first_name_key is not null and length(nameless_usernames.username_token_2) >= 2
                then nameless_usernames.username_token_2
            when given_name_2.first_name_key is not null and length(nameless_usernames.username_token_1) >= 2
                then nameless_usernames.username_token_1
            when length(nameless_usernames.username_token_1) = 1 and length(nameless_usernames.username_token_2) >= 3
                then nameless_usernames.username_token_2
            when given_name_prefixes.prefix_length is not null
                then substr(
                    given_name_prefixes.username_letters, given_name_prefixes.prefix_length + 1
                )
        end as last_name_key,
        case when length(nameless_usernames.username_token_1) = 1 then nameless_usernames.username_token_1 end as first_name_initial
    from nameless_usernames
    left join given_names as given_name_1
        on nameless_usernames.username_token_1 = given_name_1.first_name_key
    left join given_names as given_name_2
        on nameless_usernames.username_token_2 = given_name_2.first_name_key
    left join given_name_prefixes
        on
            nameless_usernames.person_record_id = given_name_prefixes.person_record_id
            and given_name_prefixes.prefix_rank = 1
),

records_with_first_name_only as (
    select * from with_match_keys
    where
        first_name_key is not null
        and (last_name_key is null or length(last_name_key) = 1)
        and username_text is not null
),

first_name_spellings as (
    -- the first name and the names it may stand for: a display name 'Dave' with the
    -- handle 'davidcru1104' starts the handle with 'david'
    select
        person_record_id,
        first_name_key as spelling
    from records_with_first_name_only
    union all
    select
        records_with_first_name_only.person_record_id,
        first_name_equivalences.name_b as spelling
    from records_with_first_name_only
    inner join {{ ref('int_first_name_equivalences') }} as first_name_equivalences
        on records_with_first_name_only.first_name_key = first_name_equivalences.name_a
),

handle_first_name_lengths as (
    -- how many letters of the user name are the first name: the longest start (3 to 8
    -- letters) it shares with any spelling of it
    select
        first_name_spellings.person_record_id,
        max(
            case
                {% for length in range(8, 2, -1) -%}
                when
                    length(first_name_spellings.spelling) >= {{ length }}
                    and substr(records.username_letters, 1, {{ length }})
                    = substr(first_name_spellings.spelling, 1, {{ length }})
                    then {{ length }}
                {% endfor -%}
            end
        ) as first_name_length
    from first_name_spellings
    inner join records_with_first_name_only as records
        on first_name_spellings.person_record_id = records.person_record_id
    group by first_name_spellings.person_record_id
),

last_names_from_handles as (
    -- records with a first name but no last name, or only its initial ('Heidi B.'): what
    -- follows the first name in the user name is the start of the last name
    -- ('randyhal7178': 'hal'), when it agrees with the initial
    select
        person_record_id,
        handle_rest as last_name_key
    from (
        select
            records.person_record_id,
            records.last_name_key as recorded_last_name_key,
            substr(records.username_letters, handle_first_name_lengths.first_name_length + 1)
                as handle_rest
        from records_with_first_name_only as records
        inner join handle_first_name_lengths
            on records.person_record_id = handle_first_name_lengths.person_record_id
    ) as handle_rests
    where
        length(handle_rest) >= 1
        and (recorded_last_name_key is null or substr(handle_rest, 1, 1) = recorded_last_name_key)
),

with_names_from_usernames as (
    -- match keys only: the record's own (display) names stay as recorded
    select
        with_match_keys.*,
        coalesce(with_match_keys.first_name_key, names_from_usernames.first_name_key)
            as match_first_name_key,
        coalesce(
            last_names_from_handles.last_name_key,
            with_match_keys.last_name_key,
            names_from_usernames.last_name_key
        ) as match_last_name_key,
        coalesce(
            substr(with_match_keys.first_name_key, 1, 1), names_from_usernames.first_name_initial
        ) as own_first_name_initial,
        case
            when with_match_keys.first_name_key is not null then 'record'
            when names_from_usernames.first_name_key is not null then 'username'
        end as first_name_key_source,
        case
            when last_names_from_handles.last_name_key is not null then 'username'
            when with_match_keys.last_name_key is not null then 'record'
            when names_from_usernames.last_name_key is not null then 'username'
        end as last_name_key_source,
        last_names_from_handles.last_name_key is not null
        or length(coalesce(
            with_match_keys.last_name_key, names_from_usernames.last_name_key
        )) = 1 as is_last_name_abbreviated
    from with_match_keys
    left join names_from_usernames
        on with_match_keys.person_record_id = names_from_usernames.person_record_id
    left join last_names_from_handles
        on with_match_keys.person_record_id = last_names_from_handles.person_record_id
),

with_match_names as (
    select
        records.person_record_id,
        records.source_system,
        records.source_table,
        records.source_record_id,
        records.first_name,
        records.last_name,
        records.full_name,
        records.match_first_name_key as first_name_key,
        records.match_last_name_key as last_name_key,
        coalesce(
            records.canonical_first_name,
            first_name_canonical_forms.canonical_first_name,
            records.match_first_name_key
        ) as canonical_first_name,
        records.first_name_key_source,
        records.last_name_key_source,
        records.email_as_recorded,
        records.phone_e164,
        records.street_key,
        records.postal_code,
        records.city,
        records.country_code,
        records.birth_date,
        records.handle,
        records.company_domain,
        records.record_created_at,
        records.record_updated_at,
        records.email,
        coalesce(records.own_first_name_initial, substr(records.match_first_name_key, 1, 1))
            as first_name_initial,
        substr(records.match_last_name_key, 1, 1) as last_name_initial,
        case
            when length(records.match_last_name_key) >= 2
                then substr(records.match_last_name_key, 1, 2)
        end as last_name_prefix,
        -- the first and the last three letters of a written-out last name of four letters
        -- or more: a typo leaves one of them whole ('johnstin', 'johnston'; 'opwell',
        -- 'powell'), so blocking on each with the first name finds the pair
        case
            when
                length(records.match_last_name_key) >= 4
                and not coalesce(records.is_last_name_abbreviated, false)
                then substr(records.match_last_name_key, 1, 3)
        end as last_name_start,
        case
            when
                length(records.match_last_name_key) >= 4
                and not coalesce(records.is_last_name_abbreviated, false)
                then {{ dbt.right('records.match_last_name_key', '3') }}
        end as last_name_end,
        records.is_last_name_abbreviated,
        records.email_local_part,
        records.is_email_usable,
        records.username_key
    from with_names_from_usernames as records
    left join first_name_canonical_forms
        on records.match_first_name_key = first_name_canonical_forms.first_name
),

-- how many records of a postal area (country and first three characters of the postal
-- code) name each city
postal_area_city_counts as (
    select
        country_code,
        substr(postal_code, 1, 3) as postal_area,
        lower(city) as city,
        count(*) as records
    from with_match_names
    where postal_code is not null and city is not null and country_code is not null
    group by country_code, substr(postal_code, 1, 3), lower(city)
),

-- the city of a postal area, when at least two records there name a city and nine in ten
-- of them name this one (a loyalty card holds a postal code and no city, a social
-- profile a city and no postal code: this is what lets the two be compared)
postal_area_cities as (
    select
        country_code,
        postal_area,
        city
    from (
        select
            *,
            sum(records) over (partition by country_code, postal_area) as area_records,
            row_number() over (
                partition by country_code, postal_area order by records desc, city
            ) as city_rank
        from postal_area_city_counts
    ) as ranked
    where city_rank = 1 and area_records >= 2 and records >= 0.9 * area_records
)

select
    with_match_names.*,
    postal_area_cities.city as postal_area_city,
    {{ scv.email_is_household('with_match_names.email') }} as is_household_email,
    -- an address at the domain of the record's company (a B2B contact's work address)
    {{ scv.is_work_email() }} as is_work_email,
    substr(username_key, 1, 3) as username_prefix,
    nullif({{ scv.regex_extract('username_key', '([0-9]{3,})$') }}, '') as username_digits,
    -- a trailing number of 4+ digits is personal (a birth year, a number the person
    -- reuses); one of 3 digits is shared by ~1 in 1,000 handles, too many to block on alone
    nullif({{ scv.regex_extract('username_key', '([0-9]{4,})$') }}, '') as username_number
from with_match_names
left join postal_area_cities
    on
        with_match_names.country_code = postal_area_cities.country_code
        and substr(with_match_names.postal_code, 1, 3) = postal_area_cities.postal_area
