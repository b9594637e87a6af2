{#
    Every steward decision (seeds identity_force_links and identity_force_unlinks) with
    whether this run applied it and, if not, why: a record it names is not in the
    identity spine (a mistyped id, a record quarantined or gone from its source), it
    names one record twice, or (a link) the same pair is also unlinked, and the unlink
    wins. A decision that is not applied stays in its seed and applies once its records
    are back; the warning test assert_every_steward_decision_applies lists it in every
    run, so no decision is dropped without a word. The same pair decided twice is one
    row, with the latest request. One row per decision type and pair of records.
#}

with

requests as (
    select
        'force_link' as decision_type,
        record_id_a as first_record_id,
        record_id_b as second_record_id,
        reason,
        requested_by,
        requested_at
    from {{ ref('identity_force_links') }}
    union all
    select
        'force_unlink' as decision_type,
        record_id_a as first_record_id,
        record_id_b as second_record_id,
        reason,
        requested_by,
        requested_at
    from {{ ref('identity_force_unlinks') }}
),

decisions as (
    -- the pair in order, a missing id kept missing (least and greatest skip nulls)
    select
        decision_type,
        case
            when second_record_id is null or first_record_id <= second_record_id
                then first_record_id
            else second_record_id
        end as record_id_a,
        case
            when second_record_id is null or first_record_id <= second_record_id
                then second_record_id
            else first_record_id
        end as record_id_b,
        reason,
        requested_by,
        requested_at
    from requests
),

latest_decisions as (
    select *
    from (
        select
            *,
            count(*) over (
                partition by decision_type, record_id_a, record_id_b
            ) as times_requested,
            row_number() over (
                partition by decision_type, record_id_a, record_id_b
                order by requested_at desc, requested_by desc, reason desc
            ) as request_rank
        from decisions
    ) as ranked
    where request_rank = 1
),

current_customers as (
    select
        person_record_id,
        customer_id
    from {{ ref('int_customer_ids_assigned') }}
    where is_current
),

unlinked_pairs as (
    select
        record_id_a,
        record_id_b
    from latest_decisions
    where decision_type = 'force_unlink'
),

assessed as (
    select
        latest_decisions.decision_type,
        latest_decisions.record_id_a,
        latest_decisions.record_id_b,
        latest_decisions.reason,
        latest_decisions.requested_by,
        latest_decisions.requested_at,
        latest_decisions.times_requested,
        customer_a.customer_id as customer_id_a,
        customer_b.customer_id as customer_id_b,
        case
            when
                latest_decisions.record_id_a is null
                or latest_decisions.record_id_b is null
                then 'record_id_missing'
            when latest_decisions.record_id_a = latest_decisions.record_id_b
                then 'same_record'
            when customer_a.person_record_id is null and customer_b.person_record_id is null
                then 'records_not_in_spine'
            when customer_a.person_record_id is null or customer_b.person_record_id is null
                then 'record_not_in_spine'
            when unlinked_pairs.record_id_a is not null
                then 'overridden_by_unlink'
        end as not_applied_reason
    from latest_decisions
    left join current_customers as customer_a
        on latest_decisions.record_id_a = customer_a.person_record_id
    left join current_customers as customer_b
        on latest_decisions.record_id_b = customer_b.person_record_id
    left join unlinked_pairs
        on
            latest_decisions.decision_type = 'force_link'
            and latest_decisions.record_id_a = unlinked_pairs.record_id_a
            and latest_decisions.record_id_b = unlinked_pairs.record_id_b
)

select
    *,
    not_applied_reason is null as is_applied
from assessed
