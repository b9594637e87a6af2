{#
    Random record pairs (about var scv__u_sample_pairs of them) for estimating u
    probabilities: records are shuffled by md5 of their id (deterministic) and each of
    the first N is paired with 40 partners spread over the list. A table of its own so
    that the comparison joins it on record ids.
#}
{%- set partners = 40 -%}
{%- set sample_pairs = scv.identity_setting('scv__u_sample_pairs') -%}


with

person_records as (
    select * from {{ ref('int_person_records_unioned') }}
),

record_count as (
    select count(*) as records from person_records
),

-- the record id alone: the three joins below need nothing else
numbered as (
    select
        person_records.person_record_id,
        row_number() over (order by md5(person_records.person_record_id)) - 1 as shuffled_position
    from person_records
),

partner_steps as (
    {% for k in range(partners) %}
    select {{ k }} as partner_index  -- noqa: LT02
    {% if not loop.last %}union all{% endif %}  -- noqa: LT02
    {% endfor %}
),

-- pairs of positions only (integers), so both joins below are plain equi-joins
random_positions as (
    select
        positions.position_a,
        cast(mod(
            positions.position_a + 1
            + partner_steps.partner_index
            * cast(floor(record_count.records / {{ partners + 1 }}) as bigint),
            record_count.records
        ) as bigint) as position_b
    from (
        select shuffled_position as position_a
        from numbered
        where shuffled_position < {{ (sample_pairs / partners) | int }}
    ) as positions
    cross join partner_steps
    cross join record_count
)

select
    record_a.person_record_id as record_id_a,
    record_b.person_record_id as record_id_b
from random_positions
inner join numbered as record_a
    on random_positions.position_a = record_a.shuffled_position
inner join numbered as record_b
    on random_positions.position_b = record_b.shuffled_position
-- positions, not ids: a condition between the two record sides invites a join of all
-- records with all records
where random_positions.position_a != random_positions.position_b
