{#
    Borderline pairs for a data steward: match probability between
    var scv__review_probability_floor and the link threshold, or a strong score vetoed
    by a first-name or birth-date conflict, where the records ended in different customers,
    and the borderline pairs that put a lone record in its one likely cluster
    (int_identity_lone_records_attached), where they ended in one customer. Each row
    explains the score: the weight every comparison added. Decide by adding the pair to
    seed identity_force_links or identity_force_unlinks. One row per pair.
#}
{%- set comparisons = scv.comparison_names() -%}
{%- set floor = scv.identity_setting('scv__review_probability_floor') -%}
{%- set threshold = scv.identity_setting('scv__match_probability_threshold') -%}

with

scored as (
    select * from {{ ref('int_identity_pairs_scored') }}
),

assigned as (
    select
        person_record_id,
        customer_id
    from {{ ref('int_customer_ids_assigned') }}
    where is_current
),

person_records as (
    select * from {{ ref('int_person_records_unioned') }}
),

lone_records_attached as (
    select person_record_id
    from {{ ref('int_identity_lone_records_attached') }}
    where is_lone_record_attached
),

decided as (
    select
        least(record_id_a, record_id_b) as record_id_a,
        greatest(record_id_a, record_id_b) as record_id_b
    from {{ ref('identity_force_links') }}
    union
    select
        least(record_id_a, record_id_b) as record_id_a,
        greatest(record_id_a, record_id_b) as record_id_b
    from {{ ref('identity_force_unlinks') }}
),

borderline as (
    select scored.*
    from scored
    left join decided
        on
            scored.record_id_a = decided.record_id_a
            and scored.record_id_b = decided.record_id_b
    where
        decided.record_id_a is null
        and scored.deterministic_match_on is null
        and (
            (
                not scored.has_identity_conflict
                and scored.match_probability >= {{ floor }}
                and scored.match_probability < {{ threshold }}
            )
            or (
                scored.has_identity_conflict
                and scored.match_probability >= {{ threshold }}
            )
        )
)

select
    borderline.record_id_a,
    borderline.record_id_b,
    assigned_a.customer_id as customer_id_a,
    assigned_b.customer_id as customer_id_b,
    borderline.match_probability,
    borderline.match_weight,
    case
        when borderline.has_identity_conflict
            then 'strong score, but first names or birth dates conflict'
        when assigned_a.customer_id = assigned_b.customer_id
            then 'below the link threshold, but a lone record joined its one likely cluster'
        else 'probability below the link threshold'
    end as review_reason,
    borderline.prior_weight,
    {%- for comparison in comparisons %}
    borderline.gamma_{{ comparison }},  -- noqa: LT02
    borderline.weight_{{ comparison }},  -- noqa: LT02
    {%- endfor %}
    record_a.full_name as full_name_a,
    record_b.full_name as full_name_b,
    record_a.email as email_a,
    record_b.email as email_b,
    record_a.phone_e164 as phone_a,
    record_b.phone_e164 as phone_b,
    record_a.postal_code as postal_code_a,
    record_b.postal_code as postal_code_b,
    record_a.birth_date as birth_date_a,
    record_b.birth_date as birth_date_b
from borderline
inner join assigned as assigned_a on borderline.record_id_a = assigned_a.person_record_id
inner join assigned as assigned_b on borderline.record_id_b = assigned_b.person_record_id
inner join person_records as record_a on borderline.record_id_a = record_a.person_record_id
inner join person_records as record_b on borderline.record_id_b = record_b.person_record_id
left join lone_records_attached as attached_a
    on borderline.record_id_a = attached_a.person_record_id
left join lone_records_attached as attached_b
    on borderline.record_id_b = attached_b.person_record_id
where
    assigned_a.customer_id != assigned_b.customer_id
    or (
        not borderline.has_identity_conflict
        and (attached_a.person_record_id is not null or attached_b.person_record_id is not null)
    )
