{{ config(
    materialized='incremental',
    unique_key='person_record_id',
    incremental_strategy=scv.state_incremental_strategy(),
    on_schema_change='append_new_columns',
    full_refresh=false,
    pre_hook="{{ scv.keep_previous_state() }}",
    post_hook="{{ scv.drop_previous_state() }}",
) }}
{#
    The persistent customer_id of every person record. Rules (README, "Persistent
    customer ids"):
    - a new cluster (no record had an id before) gets a new id derived from its anchor
      record, the earliest by record_created_at then person_record_id:
      'cus_' + the first 16 hex digits of md5(anchor);
    - a cluster whose records held one id keeps it;
    - merge: a cluster whose records held several ids keeps the id of the part holding
      its earliest record (its anchor), so a merge keeps the id a rebuild from scratch
      would derive; the others are recorded as merged into it;
    - split: an id whose records are now in several clusters stays with the cluster
      holding the id's earliest record (the one a rebuild would derive it from); the
      other parts keep another id they held, or get a new one from their own anchor.
    One row per person record ever seen; previous_customer_id is the id before this run.
    A record that no longer arrives keeps its last id with is_current = false.
#}

with

clusters as (
    select * from {{ ref('int_identity_lone_records_attached') }}
),

person_records as (
    select
        person_record_id,
        record_created_at
    from {{ ref('int_person_records_unioned') }}
),

-- noqa: disable=LT02
previous as (
    {% if is_incremental() %}
    select person_record_id, customer_id, customer_created_at from {{ scv.previous_state() }}
    {% else %}
    select
        cast(null as {{ dbt.type_string() }}) as person_record_id,
        cast(null as {{ dbt.type_string() }}) as customer_id,
        cast(null as {{ dbt.type_timestamp() }}) as customer_created_at
    where 1 = 0
    {% endif %}
),
-- noqa: enable=LT02

records as (
    select
        clusters.person_record_id,
        clusters.cluster_id,
        person_records.record_created_at,
        previous.customer_id as previous_customer_id,
        previous.customer_created_at as previous_customer_created_at
    from clusters
    inner join person_records
        on clusters.person_record_id = person_records.person_record_id
    left join previous
        on clusters.person_record_id = previous.person_record_id
),

-- how many of an old id's records each cluster holds now
claims as (
    select
        cluster_id,
        previous_customer_id as customer_id,
        min(previous_customer_created_at) as customer_created_at,
        count(*) as records_held,
        min(concat(
            coalesce(cast(record_created_at as {{ dbt.type_string() }}), '9999'),
            '|',
            person_record_id
        )) as earliest_record
    from records
    where previous_customer_id is not null
    group by 1, 2
),

-- split rule: each old id stays with the cluster holding its earliest record
claims_won as (
    select
        *,
        row_number() over (
            partition by customer_id order by earliest_record asc, records_held desc, cluster_id asc
        ) = 1 as is_kept
    from claims
),

-- merge rule: of the ids a cluster keeps, the one holding its earliest record survives
survivors as (
    select
        cluster_id,
        customer_id,
        customer_created_at
    from (
        select
            *,
            row_number() over (
                partition by cluster_id order by earliest_record, customer_created_at, customer_id
            ) as survivor_rank
        from claims_won
        where is_kept
    ) as ranked
    where survivor_rank = 1
),

anchors as (
    select
        cluster_id,
        min(concat(
            coalesce(cast(record_created_at as {{ dbt.type_string() }}), '9999'),
            '|',
            person_record_id
        )) as anchor_key
    from records
    group by 1
),

new_ids as (
    select
        anchors.cluster_id,
        concat('cus_', substr(md5(split_part(anchors.anchor_key, '|', 2)), 1, 16)) as derived_id
    from anchors
    left join survivors
        on anchors.cluster_id = survivors.cluster_id
    where survivors.cluster_id is null
),

previous_ids as (
    select distinct customer_id from previous
),

-- a derived id must not reuse an id that lives on elsewhere (after a split)
new_ids_checked as (
    select
        new_ids.cluster_id,
        case
            when previous_ids.customer_id is not null
                then concat('cus_', substr(md5(concat(new_ids.derived_id, ':split')), 1, 16))
            else new_ids.derived_id
        end as customer_id
    from new_ids
    left join previous_ids
        on new_ids.derived_id = previous_ids.customer_id
),

cluster_ids as (
    select
        cluster_id,
        customer_id,
        customer_created_at
    from survivors
    union all
    select
        cluster_id,
        customer_id,
        {{ dbt.current_timestamp() }} as customer_created_at
    from new_ids_checked
),

current_assignments as (
    select
        records.person_record_id,
        cluster_ids.customer_id,
        cast(cluster_ids.customer_created_at as {{ dbt.type_timestamp() }}) as customer_created_at,
        records.previous_customer_id,
        records.cluster_id,
        true as is_current
    from records
    inner join cluster_ids
        on records.cluster_id = cluster_ids.cluster_id
),

gone as (
    select
        previous.person_record_id,
        previous.customer_id,
        previous.customer_created_at,
        previous.customer_id as previous_customer_id,
        cast(null as {{ dbt.type_string() }}) as cluster_id,
        false as is_current
    from previous
    left join records
        on previous.person_record_id = records.person_record_id
    where records.person_record_id is null
)

select
    *,
    '{{ invocation_id }}' as assigned_in_invocation,
    cast({{ dbt.current_timestamp() }} as {{ dbt.type_timestamp() }}) as assigned_at
from (
    select * from current_assignments
    union all
    select * from gone
) as assignments
