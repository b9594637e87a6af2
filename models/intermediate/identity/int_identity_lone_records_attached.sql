{#
    Every person record in its final cluster: the clusters of int_identity_clusters_resolved,
    with each record that no link reached (a lone record) joined to the candidate cluster
    (int_identity_lone_record_candidates, scored against the cluster as a whole) that is
    its person with probability at least var scv__lone_record_match_threshold.

    A pair weighs only itself, so 'Tina' with the handle 'tinbauer9669' scores against
    the one Tina Bauer in the data as it would against one of ten; as the only
    candidate she is likely the one. So each candidate cluster's odds (2 to the power of
    its match weight) are weighed against the record's other candidates and against its
    person having no other record in the data:
    posterior = prior x odds / (prior x all candidates' odds + 1 - prior), where the
    prior is the chance that a lone record of its source has its person among its
    candidates: var scv__lone_record_match_prior (two in three by default; 0 turns the
    step off). Null learns it per source (source system and table) from the lone
    records' own odds by expectation maximisation, without labels: a source whose lone
    records mostly have strong candidates (social profiles) gets a high prior, one whose
    lone records are mostly alone (an acquired company's customers) a low one (add-one
    smoothed, 30 rounds from 0.5).

    The threshold (0.7 by default) is lower than the pair threshold
    (scv__match_probability_threshold) because a lone record's join is one decision
    about one record: it never joins two clusters and never starts a chain. Two lone
    records join only when each chose the other (no chains), and no cluster grows past
    var scv__max_cluster_size. One row per person record.
#}
{%- set prior = scv.identity_setting('scv__lone_record_match_prior') -%}
{%- set threshold = scv.identity_setting('scv__lone_record_match_threshold') -%}
{%- set em_rounds = 30 -%}

with

clustered as (
    select
        person_record_id,
        cluster_id as component,
        cluster_size as component_size,
        was_split,
        resolution_stages
    from {{ ref('int_identity_clusters_resolved') }}
),

candidates as (
    select
        person_record_id,
        source_system,
        source_table,
        lone_cluster_id as own_component,
        candidate_cluster_id as component,
        candidate_cluster_size as component_size,
        match_weight
    from {{ ref('int_identity_lone_record_candidates') }}
),

lone_record_odds as (
    -- each lone record with candidates: its source and its candidates' odds together
    select
        person_record_id,
        source_system,
        source_table,
        sum(power(2, match_weight)) as candidate_odds
    from candidates
    group by person_record_id, source_system, source_table
),

{% if prior is none -%}
prior_round_0 as (
    select distinct
        source_system,
        source_table,
        0.5 as match_prior
    from lone_record_odds
),

{% for round in range(1, em_rounds + 1) -%}
prior_round_{{ round }} as (
    -- expectation maximisation: the mean chance, under the last round's prior, that a
    -- lone record of the source has its person among its candidates (add-one smoothed)
    select
        odds.source_system,
        odds.source_table,
        (sum(
            last_round.match_prior * odds.candidate_odds
            / (last_round.match_prior * odds.candidate_odds + 1 - last_round.match_prior)
        ) + 1) / (count(*) + 2) as match_prior
    from lone_record_odds as odds
    inner join prior_round_{{ round - 1 }} as last_round
        on
            odds.source_system = last_round.source_system
            and odds.source_table = last_round.source_table
    group by odds.source_system, odds.source_table
),

{% endfor -%}
source_priors as (
    select * from prior_round_{{ em_rounds }}
),
{%- else -%}
source_priors as (
    select distinct
        source_system,
        source_table,
        {{ prior }} as match_prior
    from lone_record_odds
),
{%- endif %}

lone_record_posteriors as (
    -- the chance that each candidate cluster is the lone record's person: its odds
    -- against the odds of every other candidate and of no match in the data at all
    select
        candidates.*,
        source_priors.match_prior,
        source_priors.match_prior * power(2, candidates.match_weight) / (
            source_priors.match_prior * odds.candidate_odds + 1 - source_priors.match_prior
        ) as posterior,
        row_number() over (
            partition by candidates.person_record_id
            order by candidates.match_weight desc, candidates.component asc
        ) as candidate_rank
    from candidates
    inner join lone_record_odds as odds
        on candidates.person_record_id = odds.person_record_id
    inner join source_priors
        on
            odds.source_system = source_priors.source_system
            and odds.source_table = source_priors.source_table
),

lone_record_choices as (
    select
        person_record_id,
        own_component,
        component as chosen_component,
        component_size as chosen_size
    from lone_record_posteriors
    where
        candidate_rank = 1
        and posterior >= {{ threshold }}
),

lone_record_attachments as (
    -- a lone record joins the cluster it chose; two lone records that chose each other
    -- form a pair; one that chose a lone record that chose another stays alone (no chain)
    select
        choices.person_record_id,
        case
            when choices.chosen_size = 1
                then least(choices.own_component, choices.chosen_component)
            else choices.chosen_component
        end as component,
        choices.chosen_size
    from lone_record_choices as choices
    left join lone_record_choices as chosen_choices
        on choices.chosen_component = chosen_choices.own_component
    where
        choices.chosen_size > 1
        or chosen_choices.chosen_component = choices.own_component
),

attachments_within_size as (
    -- no attachment takes a cluster past the size the chain guard allows
    select
        person_record_id,
        component
    from (
        select
            *,
            count(*) over (partition by component) as attaching_records
        from lone_record_attachments
    ) as counted
    where chosen_size = 1 or chosen_size + attaching_records <= {{ scv.identity_setting('scv__max_cluster_size') }}
),

final as (
    select
        clustered.person_record_id,
        coalesce(attachments.component, clustered.component) as cluster_id,
        clustered.was_split,
        attachments.person_record_id is not null as is_lone_record_attached,
        clustered.resolution_stages
    from clustered
    left join attachments_within_size as attachments
        on clustered.person_record_id = attachments.person_record_id
)

select
    person_record_id,
    cluster_id,
    count(*) over (partition by cluster_id) as cluster_size,
    was_split,
    is_lone_record_attached,
    resolution_stages
from final
