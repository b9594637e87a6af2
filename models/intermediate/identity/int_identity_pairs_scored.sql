{#
    Fellegi-Sunter score of every compared pair, with the weight each comparison added
    (the explanation of the score). Exact name agreement is weighted by how common the
    name is (term-frequency adjustment): two records agreeing on 'smith' count for less
    than two agreeing on 'okonkwo'. When the first name agrees too, the last name is
    weighed by its frequency in the records' country: names cluster by origin, so two
    strangers share a full name more often than the two frequencies multiplied say (at
    1,000,000 people that made most false links). A first-name or birth-date conflict
    vetoes a probabilistic link unless an email or phone held by one person agrees
    (macro has_identity_conflict). One row per pair.
#}
{%- set comparisons = scv.comparison_names() -%}

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

prior as (
    select log(2, m_probability / (1 - m_probability)) as prior_weight
    from parameters
    where comparison = 'prior'
),

weighted as (
    select
        pairs.*,
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
    and 1 / (1 + power(2, -match_weight)) >= {{ var('scv__match_probability_threshold') }}
        as is_probabilistic_match
from scored
