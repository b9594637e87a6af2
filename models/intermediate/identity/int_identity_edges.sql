{#
    The links clustering uses: deterministic pairs, probabilistic matches, and steward
    force-links, minus steward force-unlinks. edge_strength orders links for splitting:
    probabilistic links by their match probability, deterministic ones 1.5, steward
    links 2 (never cut). One row per linked pair.
#}

with

scored_pairs as (
    select * from {{ ref('int_identity_pairs_scored') }}
),

force_links as (
    select * from {{ ref('identity_force_links') }}
),

force_unlinks as (
    select * from {{ ref('identity_force_unlinks') }}
),

person_records as (
    select person_record_id from {{ ref('int_person_records_unioned') }}
),

model_links as (
    select
        record_id_a,
        record_id_b,
        case
            when deterministic_match_on is not null then 1.5
            else match_probability
        end as edge_strength,
        case
            when deterministic_match_on is not null
                then concat('deterministic:', deterministic_match_on)
            else 'probabilistic'
        end as link_reason
    from scored_pairs
    where deterministic_match_on is not null or is_probabilistic_match
),

steward_links as (
    select
        least(force_links.record_id_a, force_links.record_id_b) as record_id_a,
        greatest(force_links.record_id_a, force_links.record_id_b) as record_id_b,
        2.0 as edge_strength,
        'steward_link' as link_reason
    from force_links
    -- a decision about a record that no longer exists is kept in the seed, not applied
    inner join person_records as record_a on force_links.record_id_a = record_a.person_record_id
    inner join person_records as record_b on force_links.record_id_b = record_b.person_record_id
),

unlinked_pairs as (
    select
        least(record_id_a, record_id_b) as record_id_a,
        greatest(record_id_a, record_id_b) as record_id_b
    from force_unlinks
),

all_links as (
    select * from model_links
    union all
    select * from steward_links
),

strongest as (
    select
        record_id_a,
        record_id_b,
        max(edge_strength) as edge_strength,
        max(link_reason) as link_reason
    from all_links
    group by 1, 2
)

select strongest.*
from strongest
left join unlinked_pairs
    on
        strongest.record_id_a = unlinked_pairs.record_id_a
        and strongest.record_id_b = unlinked_pairs.record_id_b
where unlinked_pairs.record_id_a is null
