{#
    Comparison levels of random record pairs (about var scv__u_sample_pairs of them):
    almost all are non-matches, so the share of random pairs at each level estimates
    the u probability. Records are shuffled by md5 of their id (deterministic) and each
    of the first N is paired with 40 partners spread over the list.
#}
{%- set partners = 40 -%}

with

person_records as (
    select * from {{ ref('int_person_records_unioned') }}
),

numbered as (
    select
        *,
        row_number() over (order by md5(person_record_id)) - 1 as shuffled_position,
        count(*) over () as record_count
    from person_records
),

partner_steps as (
    {% for k in range(partners) %}
    select {{ k }} as partner_index  -- noqa: LT02
    {% if not loop.last %}union all{% endif %}  -- noqa: LT02
    {% endfor %}
),

random_pairs as (
    select
        numbered.person_record_id as record_id_a,
        cast(mod(
            numbered.shuffled_position + 1
            + partner_steps.partner_index
            * cast(floor(numbered.record_count / {{ partners + 1 }}) as bigint),
            numbered.record_count
        ) as bigint) as partner_position
    from numbered
    cross join partner_steps
    where numbered.shuffled_position < {{ (var('scv__u_sample_pairs') / partners) | int }}
)

select
    random_pairs.record_id_a,
    record_b.person_record_id as record_id_b,
    {{ scv.comparison_vector() }}
from random_pairs
inner join numbered as record_a
    on random_pairs.record_id_a = record_a.person_record_id
inner join numbered as record_b
    on random_pairs.partner_position = record_b.shuffled_position
{{ scv.join_first_name_equivalence() }}
where record_a.person_record_id != record_b.person_record_id
