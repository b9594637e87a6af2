{#
    Comparison levels of random record pairs (int_identity_random_pairs): almost all are
    non-matches, so the share of random pairs at each level estimates the u probability.
    One row per random pair.
#}

with

random_pairs as (
    select * from {{ ref('int_identity_random_pairs') }}
),

person_records as (
    select * from {{ ref('int_person_records_unioned') }}
)

select
    random_pairs.record_id_a,
    random_pairs.record_id_b,
    {{ scv.comparison_vector() }}
from random_pairs
inner join person_records as record_a
    on random_pairs.record_id_a = record_a.person_record_id
inner join person_records as record_b
    on random_pairs.record_id_b = record_b.person_record_id
{{ scv.join_first_name_equivalence() }}
