{#
    The comparison levels of a record pair, one integer per attribute: higher is a
    closer agreement, 0 is disagreement, -1 means a value is missing on either side.
    Records are aliased `record_a` and `record_b`, and `first_name_equivalence` is a
    left join of int_first_name_equivalences on their first_name_key. Levels:
      first_name  4 same key (or, when one side's names were read from its user name,
                  first and last name the other way round: 'martin.heather8' and
                  Heather Martin; the same for last_name), 3 nickname of one another (or same canonical form),
                  2 JW >= 0.94, one letter apart (three letters at least: 'vxrginie',
                  'virginie', which JW scores 0.84) or one name starts the other
                  ('jose', 'joseantonio'),
                  1 JW >= 0.88; two different known given names (seed
                  given_names) that are not nicknames of one another are a conflict (0)
                  however similar: 'austin' and 'justin' are siblings, 'mray' is a typo
      last_name   5 same key (or the other way round, as for first_name), 4 JW >= 0.94,
                  3 one side is an abbreviation of 3+ letters that starts the other,
                  2 JW >= 0.88, 1 one side is only an initial ('h' from a display name
                  'Brittany H.') or a shorter abbreviation and it starts the other;
                  abbreviations are what a user name holds of a last name
                  ('randyhal7178': 'hal'; spine is_last_name_abbreviated). An
                  abbreviation is its own level, not a typo's: social profiles carry
                  them, so how often matches show one differs from how often they
                  show a slip
      birth_date  3 same date, 2 day and month swapped, 1 same year
      address     4 same street and postal code, 3 same postal code, 2 same city when
                  one side has no postal code (a city is all a social profile's
                  location holds: agreeing on it is all the agreement there can be),
                  1 same city or same first three characters of the postal code while
                  both have postal codes that differ (one comparison: the parts of an
                  address are not independent evidence); a city on one side and only
                  a postal code on the other (a social profile against a loyalty
                  card) agree at 2 when the city is the postal area's (spine
                  postal_area_city, learned from the records that hold both), else
                  they are missing (-1): a learned area city is no proof of a move
      email       4 same address held by one person, 3 same address shared by several
                  (a family mailbox), 2 same local part with a number in it ('jsmith72'
                  at two providers; 'john.smith' at two companies is two John Smiths as
                  often as one, and the name comparison already counts it), 1 a work
                  address (at the record's company domain, spine is_work_email) against
                  a private one, 0 two other different addresses; two
                  different addresses of which one is a household mailbox
                  ('smithfamily12@') are missing (-1), not a disagreement: a person
                  with the family's mailbox in one system often has an own address in
                  another; the address is the spine's match
                  key (formatting slips repaired, role mailboxes dropped)
      phone       3 same number held by one person, 2 same number shared by several
                  (a home phone), 1 same last 7 digits
      username    only when one side has a handle (a social account): 2 same letters and
                  digits as the other's handle or email local part, 1 same trailing number of
                  3+ digits and the same first letter, or of 4+ digits ('annawil2474',
                  'anna.wilson2474@...', 'wilson.anna2474@...')
    Sharing comes from int_identifier_values_assessed (joined as email_value and
    phone_value by join_first_name_equivalence).
#}
{% macro comparison_names() -%}
    {{ return(['first_name', 'last_name', 'birth_date', 'address', 'email', 'phone', 'username']) }}
{%- endmacro %}

{% macro comparison_levels() -%}
    {{ return({'first_name': [0, 1, 2, 3, 4], 'last_name': [0, 1, 2, 3, 4, 5], 'birth_date': [0, 1, 2, 3],
               'address': [0, 1, 2, 3, 4], 'email': [0, 1, 2, 3, 4], 'phone': [0, 1, 2, 3],
               'username': [0, 1, 2]}) }}
{%- endmacro %}

{#- The join that comparison_vector expects, after record_a and record_b are joined.
    with_identifier_values=false leaves out email_value and phone_value, for a caller
    that reads only the names (an unused left join still costs its whole join). -#}
{% macro join_first_name_equivalence(with_identifier_values=true) -%}
    left join {{ ref('int_first_name_equivalences') }} as first_name_equivalence
        on
            record_a.first_name_key = first_name_equivalence.name_a
            and record_b.first_name_key = first_name_equivalence.name_b
    left join {{ ref('given_names') }} as known_name_a
        on record_a.first_name_key = known_name_a.first_name_key
    left join {{ ref('given_names') }} as known_name_b
        on record_b.first_name_key = known_name_b.first_name_key
    {%- if with_identifier_values %}
    left join {{ ref('int_identifier_values_assessed') }} as email_value
        on
            email_value.identifier_type = 'email'
            and record_a.email = email_value.identifier_value
    left join {{ ref('int_identifier_values_assessed') }} as phone_value
        on
            phone_value.identifier_type = 'phone'
            and record_a.phone_e164 = phone_value.identifier_value
    {%- endif %}
{%- endmacro %}


{#
    A conflict vetoes a probabilistic link, unless the records share an email or phone
    that only one person holds: two known given names that are not nicknames of one
    another (first_name 0), or two birth dates in different years that are not a
    day/month swap (birth_date 0): a father and son of one name at one address.
#}
{% macro first_names_one_edit_apart(a, b) -%}
    {#- a typo of one letter in a name of three letters or more ('eurl', 'earl'): Jaro-Winkler
        scores a slip in a short name, or one that lets a letter match out of place, low.
        Plain Levenshtein, not macro edit_distance: two neighbours swapped ('mray', 'mary')
        are what Jaro-Winkler scores well, and stay at its level -#}
    (least(length({{ a }}), length({{ b }})) >= 3 and levenshtein({{ a }}, {{ b }}) = 1)
{%- endmacro %}

{#- A scored pair the model rules out of one cluster: its match probability is below var
    scv__cannot_link_probability (null: none is). int_identity_clusters_resolved splits a
    cluster holding one; int_identity_lone_records_attached never joins a record to it. -#}
{% macro is_ruled_out_pair(pairs) -%}
    {%- set floor = scv.identity_setting('scv__cannot_link_probability') -%}
    {%- if floor is none -%}
        false
    {%- else -%}
        {{ pairs }}.match_probability < {{ floor }}
    {%- endif -%}
{%- endmacro %}

{% macro has_identity_conflict() -%}
    ((gamma_first_name = 0 or gamma_birth_date = 0) and gamma_email < 4 and gamma_phone < 3)
{%- endmacro %}

{% macro comparison_vector() -%}
    {#- names read from a user name may be in either order ('martin.heather8'): first
        and last name the other way round agree -#}
    {%- set names_swapped -%}
        (
            (record_a.first_name_key_source = 'username' or record_b.first_name_key_source = 'username')
            and record_a.first_name_key = record_b.last_name_key
            and record_a.last_name_key = record_b.first_name_key
        )
    {%- endset -%}
    case
        when record_a.first_name_key is null or record_b.first_name_key is null then -1
        when record_a.first_name_key = record_b.first_name_key then 4
        when {{ names_swapped }} then 4
        when
            record_a.canonical_first_name = record_b.canonical_first_name
            or first_name_equivalence.name_a is not null
            then 3
        when
            length(record_a.first_name_key) >= 3 and length(record_b.first_name_key) >= 3
            and (
                record_a.first_name_key like concat(record_b.first_name_key, '%')
                or record_b.first_name_key like concat(record_a.first_name_key, '%')
            )
            then 2
        when known_name_a.first_name_key is not null and known_name_b.first_name_key is not null
            then 0
        when {{ scv.jaro_winkler('record_a.first_name_key', 'record_b.first_name_key') }} >= 0.94 then 2
        when {{ scv.first_names_one_edit_apart('record_a.first_name_key', 'record_b.first_name_key') }}
            then 2
        when {{ scv.jaro_winkler('record_a.first_name_key', 'record_b.first_name_key') }} >= 0.88 then 1
        else 0
    end as gamma_first_name,
    case
        when record_a.last_name_key is null or record_b.last_name_key is null then -1
        when record_a.last_name_key = record_b.last_name_key then 5
        when {{ names_swapped }} then 5
        when
            length(record_a.last_name_key) = 1 or length(record_b.last_name_key) = 1
            or coalesce(record_a.is_last_name_abbreviated, false)
            or coalesce(record_b.is_last_name_abbreviated, false)
            then case
                when
                    record_a.last_name_key like concat(record_b.last_name_key, '%')
                    or record_b.last_name_key like concat(record_a.last_name_key, '%')
                    then case
                        when least(length(record_a.last_name_key), length(record_b.last_name_key)) >= 3
                            then 3
                        else 1
                    end
                else 0
            end
        when {{ scv.jaro_winkler('record_a.last_name_key', 'record_b.last_name_key') }} >= 0.94 then 4
        when {{ scv.jaro_winkler('record_a.last_name_key', 'record_b.last_name_key') }} >= 0.88 then 2
        else 0
    end as gamma_last_name,
    case
        when record_a.birth_date is null or record_b.birth_date is null then -1
        when record_a.birth_date = record_b.birth_date then 3
        when
            year(record_a.birth_date) = year(record_b.birth_date)
            and month(record_a.birth_date) = day(record_b.birth_date)
            and day(record_a.birth_date) = month(record_b.birth_date)
            then 2
        when year(record_a.birth_date) = year(record_b.birth_date) then 1
        else 0
    end as gamma_birth_date,
    case
        when
            (record_a.postal_code is null and record_a.city is null)
            or (record_b.postal_code is null and record_b.city is null)
            then -1
        when
            record_a.street_key = record_b.street_key
            and record_a.postal_code = record_b.postal_code
            then 4
        when record_a.postal_code = record_b.postal_code then 3
        when
            lower(record_a.city) = lower(record_b.city)
            and (record_a.postal_code is null or record_b.postal_code is null)
            then 2
        when
            record_a.city is null and record_b.postal_code is null
            and record_a.postal_area_city = lower(record_b.city)
            then 2
        when
            record_b.city is null and record_a.postal_code is null
            and record_b.postal_area_city = lower(record_a.city)
            then 2
        when
            (record_a.postal_code is null or record_b.postal_code is null)
            and (record_a.city is null or record_b.city is null)
            then -1
        when
            lower(record_a.city) = lower(record_b.city)
            or substr(record_a.postal_code, 1, 3) = substr(record_b.postal_code, 1, 3)
            then 1
        else 0
    end as gamma_address,
    case
        when not record_a.is_email_usable or not record_b.is_email_usable then -1
        -- a household mailbox beside a record without any name: some member of the
        -- household, no telling which, so no evidence for this pair
        when
            record_a.email = record_b.email
            and record_a.is_household_email
            and (
                (record_a.first_name_key is null and record_a.last_name_key is null)
                or (record_b.first_name_key is null and record_b.last_name_key is null)
            )
            then -1
        when record_a.email = record_b.email and email_value.estimated_people = 1 then 4
        when record_a.email = record_b.email then 3
        when
            record_a.email_local_part = record_b.email_local_part
            and {{ scv.regex_matches('record_a.email_local_part', '[0-9]') }}
            then 2
        when record_a.is_household_email or record_b.is_household_email then -1
        -- a work address against another address: a person keeps one of each, so they
        -- differ far more often for one person than two private addresses do
        when record_a.is_work_email <> record_b.is_work_email then 1
        else 0
    end as gamma_email,
    case
        when record_a.phone_e164 is null or record_b.phone_e164 is null then -1
        when record_a.phone_e164 = record_b.phone_e164 and phone_value.estimated_people = 1 then 3
        when record_a.phone_e164 = record_b.phone_e164 then 2
        when right(record_a.phone_e164, 7) = right(record_b.phone_e164, 7) then 1
        else 0
    end as gamma_phone,
    case
        when record_a.handle is null and record_b.handle is null then -1
        when record_a.username_key is null or record_b.username_key is null then -1
        when record_a.username_key = record_b.username_key then 2
        when
            record_a.username_digits = record_b.username_digits
            and (
                substr(record_a.username_key, 1, 1) = substr(record_b.username_key, 1, 1)
                or length(record_a.username_digits) >= 4
            )
            then 1
        else 0
    end as gamma_username
{%- endmacro %}
