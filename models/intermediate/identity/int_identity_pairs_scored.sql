{#
    Fellegi-Sunter score of every compared pair, with the weight each comparison added
    (the explanation of the score). Exact name agreement is weighted by how common the
    name is (term-frequency adjustment): two records agreeing on 'smith' count for less
    than two agreeing on 'okonkwo'. When the first name agrees too, the last name is
    weighed by its frequency in the records' country: names cluster by origin, so two
    strangers share a full name more often than the two frequencies multiplied say (at
    1,000,000 people that made most false links). An agreeing abbreviation of a last
    name ('bauer' from the handle 'tinbauer9669' against 'Bauer', 'W.' against 'Wolfe')
    is weighed by the share of written-out last names it starts: 'bauer' starts few,
    'w' a great many (an abbreviation starting the level's average share keeps the
    level's weight). A first-name or birth-date conflict vetoes a probabilistic link
    unless an email or phone held by one person agrees (macro has_identity_conflict).
    One row per pair.
#}
{%- set comparisons = scv.comparison_names() -%}
{#- abbreviations are user names' first letters of a last name ('tinbauer9669': 'bauer') -#}
{%- set max_abbreviation_length = 8 -%}

with

pairs as (
    select * from {{ ref('int_identity_pairs_compared') }}
),

parameters as (
    select * from {{ ref('int_match_parameters') }}
),

person_records as (
    select * from {{ ref('int_person_records_unioned') }}
),

record_count as (
    select count(*) as records from person_records
),

first_name_frequencies as (
    select
        first_name_key,
        count(*) / sum(count(*)) over () as frequency
    from person_records
    where first_name_key is not null
    group by 1
),

last_name_frequencies as (
    select
        last_name_key,
        count(*) / sum(count(*)) over () as frequency
    from person_records
    where last_name_key is not null
    group by 1
),

last_name_frequencies_by_country as (
    -- names cluster by origin: among records of one country a last name is as common
    -- as it is there, not as it is across all countries
    select
        country_code,
        last_name_key,
        count(*) / sum(count(*)) over (partition by country_code) as frequency
    from person_records
    where last_name_key is not null and country_code is not null
    group by 1, 2
),

written_out_last_names as (
    -- last names as records hold them in full: what an abbreviation may stand for
    select last_name_key, count(*) as records
    from person_records
    where
        length(last_name_key) > 1
        and not coalesce(is_last_name_abbreviated, false)
    group by 1
),

last_name_prefix_frequencies as (
    -- the share of written-out last names that start with each prefix of up to
    -- {{ max_abbreviation_length }} letters
    select
        substr(written_out_last_names.last_name_key, 1, prefix_lengths.prefix_length) as prefix,
        sum(written_out_last_names.records) as prefix_records,
        sum(written_out_last_names.records)
        / (select sum(records) from written_out_last_names) as frequency
    from written_out_last_names
    cross join (
        values {% for length in range(1, max_abbreviation_length + 1) %}({{ length }}){{ ', ' if not loop.last }}{% endfor %}
    ) as prefix_lengths (prefix_length)
    where length(written_out_last_names.last_name_key) > prefix_lengths.prefix_length
    group by 1
),

abbreviation_frequencies as (
    -- each record's abbreviated last name with the share of written-out names it
    -- starts, and the level an agreement on it falls in (1 below three letters, else 3)
    select
        person_records.last_name_key as prefix,
        case when length(person_records.last_name_key) >= 3 then 3 else 1 end as level,
        last_name_prefix_frequencies.prefix_records,
        last_name_prefix_frequencies.frequency
    from person_records
    inner join last_name_prefix_frequencies
        on person_records.last_name_key = last_name_prefix_frequencies.prefix
    where
        length(person_records.last_name_key) = 1
        or coalesce(person_records.is_last_name_abbreviated, false)
),

abbreviation_levels as (
    -- the share the abbreviations of a level start on average: an agreement on an
    -- abbreviation that starts fewer names than that weighs more than the level, one
    -- that starts more weighs less (the mean from integer sums: a sum of fractions
    -- depends on the order parallel threads add them, and the weights of a re-run would
    -- differ in their last digits)
    select
        level,
        sum(prefix_records)
        / (count(*) * (select sum(records) from written_out_last_names)) as average_frequency
    from abbreviation_frequencies
    group by 1
),

abbreviations as (
    select distinct prefix, level, frequency from abbreviation_frequencies
),

prior as (
    select log(2, m_probability / (1 - m_probability)) as prior_weight
    from parameters
    where comparison = 'prior'
),

weighted as (
    -- the pair and its levels; not the compared pairs' flag per blocking rule, which
    -- only expectation maximisation reads (a column per rule, copied for every pair)
    select
        pairs.record_id_a,
        pairs.record_id_b,
        pairs.blocking_rule,
        pairs.deterministic_match_on,
        {%- for comparison in comparisons %}
        pairs.gamma_{{ comparison }},
        {%- endfor %}
        prior.prior_weight,
        {%- for comparison in comparisons %}
        case
            when pairs.gamma_{{ comparison }} < 0 then 0
            {%- if comparison == 'last_name' %}
            -- with the first name agreeing too, the last name is weighed by its frequency in
            -- the records' country: p(first and last) is p(first) x p(last | country), not
            -- p(first) x p(last), when both names come from one origin
            when
                pairs.gamma_last_name = {{ scv.comparison_levels()['last_name'] | max }}
                and pairs.gamma_first_name = {{ scv.comparison_levels()['first_name'] | max }}
                -- (greatest skips a null: no country frequency leaves the overall one)
                then log(2, p_last_name.m_probability / greatest(
                    tf_last_name_in_country.frequency,
                    tf_last_name.frequency,
                    1.0 / record_count.records
                ))
            {%- endif %}
            {%- if comparison == 'last_name' %}
            -- an agreeing abbreviation, weighed by the share of last names it starts
            when pairs.gamma_last_name in (1, 3) and abbreviation.frequency is not null
                then log(2, p_last_name.m_probability / p_last_name.u_probability)
                + log(2, abbreviation_level.average_frequency / greatest(
                    abbreviation.frequency, 1.0 / record_count.records
                ))
            {%- endif %}
            {%- if comparison in ('first_name', 'last_name') %}
            when pairs.gamma_{{ comparison }} = {{ scv.comparison_levels()[comparison] | max }}
                then log(2, p_{{ comparison }}.m_probability / greatest(
                    tf_{{ comparison }}.frequency, 1.0 / record_count.records
                ))
            {%- endif %}
            else log(2, p_{{ comparison }}.m_probability / p_{{ comparison }}.u_probability)
        end as weight_{{ comparison }}{{ ',' if not loop.last }}
        {%- endfor %}
    from pairs
    cross join prior
    cross join record_count
    {%- for comparison in comparisons %}
    left join parameters as p_{{ comparison }}
        on
            p_{{ comparison }}.comparison = '{{ comparison }}'
            and pairs.gamma_{{ comparison }} = p_{{ comparison }}.level
    {%- endfor %}
    left join person_records as record_a
        on pairs.record_id_a = record_a.person_record_id
    left join first_name_frequencies as tf_first_name
        on record_a.first_name_key = tf_first_name.first_name_key
    left join last_name_frequencies as tf_last_name
        on record_a.last_name_key = tf_last_name.last_name_key
    left join person_records as record_b
        on pairs.record_id_b = record_b.person_record_id
    left join last_name_frequencies_by_country as tf_last_name_in_country
        on
            record_a.last_name_key = tf_last_name_in_country.last_name_key
            and coalesce(record_a.country_code, record_b.country_code)
            = tf_last_name_in_country.country_code
    left join abbreviations as abbreviation
        on
            pairs.gamma_last_name in (1, 3)
            and abbreviation.prefix = case
                when length(record_a.last_name_key) <= length(record_b.last_name_key)
                    then record_a.last_name_key
                else record_b.last_name_key
            end
    left join abbreviation_levels as abbreviation_level
        on abbreviation.level = abbreviation_level.level
),

scored as (
    select
        *,
        prior_weight
        {%- for comparison in comparisons %} + weight_{{ comparison }}{% endfor %}
            as match_weight
    from weighted
)

select
    *,
    1 / (1 + power(2, -match_weight)) as match_probability,
    {{ scv.has_identity_conflict() }} as has_identity_conflict,
    not {{ scv.has_identity_conflict() }}
    and 1 / (1 + power(2, -match_weight)) >= {{ scv.identity_setting('scv__match_probability_threshold') }}
        as is_probabilistic_match
from scored
