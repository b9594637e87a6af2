{#
    Every cluster a lone record could join: the records of int_identity_clusters_resolved
    that no link reached (lone records), each with every cluster its scored pairs reach,
    scored against that cluster as a whole. Per comparison, the best weight over the
    cluster's records that hold a value to compare (the name from one record, the city
    from another), so evidence against the cluster counts too: a record that shares only
    a name with a cluster's email subscriber but has another phone, postal code and
    birth date than the cluster's shop customer is weighed on all of it, not on its best
    pair alone. Pairs with a conflict reach no cluster; clusters holding a record a
    steward unlinked from the lone record, or one whose scored pair with it is below var
    scv__cannot_link_probability (int_identity_clusters_resolved splits such clusters),
    are no candidates. int_identity_lone_records_attached chooses among them. One row per
    lone record and candidate cluster.
#}
{%- set comparisons = scv.comparison_names() -%}

with

clustered as (
    select
        person_record_id,
        cluster_id as component,
        cluster_size as component_size
    from {{ ref('int_identity_clusters_resolved') }}
),

lone_records as (
    select person_record_id
    from clustered
    where component_size = 1
),

-- every scored pair of a lone record, from the lone record's side (as record a or as
-- record b), with whether the model sees a conflict in it and whether it rules its
-- records out of one cluster (each side reads the scored pairs itself: a CTE read twice
-- is materialized, a copy of every scored pair); sqlfluff misreads the indent of a
-- loop of CTEs
-- noqa: disable=LT02
{% for side, other_side in [('a', 'b'), ('b', 'a')] %}
pairs_of_lone_record_{{ side }} as (
    select
        pairs.record_id_{{ side }} as record_id,
        pairs.record_id_{{ other_side }} as other_record_id,
        {%- for comparison in comparisons %}
        pairs.gamma_{{ comparison }},
        pairs.weight_{{ comparison }},
        {%- endfor %}
        pairs.prior_weight,
        pairs.has_identity_conflict,
        {{ scv.is_ruled_out_pair('pairs') }} as is_ruled_out
    from {{ ref('int_identity_pairs_scored') }} as pairs
    inner join lone_records
        on pairs.record_id_{{ side }} = lone_records.person_record_id
),
{% endfor %}
-- noqa: enable=LT02

pairs_both_ways as (
    select * from pairs_of_lone_record_a
    union all
    select * from pairs_of_lone_record_b
),

scored_pairs as (
    -- the pairs unless the model sees a conflict in them, with each comparison's weight
    -- where both records hold a value to compare (null where one holds none)
    select
        record_id,
        other_record_id,
        {%- for comparison in comparisons %}
        case when gamma_{{ comparison }} >= 0 then weight_{{ comparison }} end  -- noqa: LT02
            as held_weight_{{ comparison }},  -- noqa: LT02
        {%- endfor %}
        prior_weight
    from pairs_both_ways
    where not has_identity_conflict
),

force_unlinks as (
    select
        record_id_a as record_id,
        record_id_b as other_record_id
    from {{ ref('identity_force_unlinks') }}
    union all
    select
        record_id_b as record_id,
        record_id_a as other_record_id
    from {{ ref('identity_force_unlinks') }}
),

lone_record_candidates as (
    -- each record no link reached, with every cluster its scored pairs reach, scored
    -- against the cluster as a whole: per comparison, the best weight over the
    -- cluster's records that hold a value to compare
    select
        lone.person_record_id,
        lone.component as own_component,
        other.component,
        other.component_size,
        max(scored_pairs.prior_weight)
        {%- for comparison in comparisons %}
        + coalesce(max(scored_pairs.held_weight_{{ comparison }}), 0)  -- noqa: LT02
        {%- endfor %}
        as match_weight  -- noqa: LT02
    from clustered as lone
    inner join scored_pairs
        on lone.person_record_id = scored_pairs.record_id
    inner join clustered as other
        on scored_pairs.other_record_id = other.person_record_id
    where lone.component_size = 1
    group by 1, 2, 3, 4
),

unlinked_components as (
    -- clusters holding a record a steward unlinked from the lone record, or one whose
    -- scored pair with it the model rules out
    select distinct
        excluded.record_id as person_record_id,
        clustered.component
    from (
        select * from force_unlinks
        union all
        select
            record_id,
            other_record_id
        from pairs_both_ways
        where is_ruled_out
    ) as excluded
    inner join clustered as lone
        on excluded.record_id = lone.person_record_id
    inner join clustered
        on excluded.other_record_id = clustered.person_record_id
    where lone.component_size = 1
),

eligible_candidates as (
    -- the candidates that are no cluster a steward or the model ruled out
    select candidates.*
    from lone_record_candidates as candidates
    left join unlinked_components
        on
            candidates.person_record_id = unlinked_components.person_record_id
            and candidates.component = unlinked_components.component
    where unlinked_components.person_record_id is null
)

select
    candidates.person_record_id,
    records.source_system,
    records.source_table,
    candidates.own_component as lone_cluster_id,
    candidates.component as candidate_cluster_id,
    candidates.component_size as candidate_cluster_size,
    candidates.match_weight
from eligible_candidates as candidates
inner join {{ ref('int_person_records_unioned') }} as records
    on candidates.person_record_id = records.person_record_id
