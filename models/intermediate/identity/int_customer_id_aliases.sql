{#
    Every customer_id ever issued and the current customer_id it resolves to: itself
    while it lives, its survivor once merged (following merges of merges). Apps that
    stored an old id look it up here. One row per customer_id ever issued.
#}
{%- set max_chain = 10 -%}

with

history as (
    select * from {{ ref('int_customer_id_history') }}
),

current_ids as (
    select distinct customer_id from {{ ref('int_customer_ids_assigned') }}
    where is_current
),

issued as (
    select customer_id from history
    union
    select customer_id from current_ids
),

-- the latest merge of each id (an id is merged at most once: it then stops existing)
merges as (
    select customer_id, related_customer_id as merged_into
    from (
        select
            *,
            row_number() over (partition by customer_id order by recorded_at desc) as recency
        from history
        where event_type = 'merged'
    ) as ranked
    where recency = 1
),

step_0 as (
    select issued.customer_id, coalesce(merges.merged_into, issued.customer_id) as resolves_to
    from issued
    left join merges on issued.customer_id = merges.customer_id
),
{% for i in range(1, max_chain + 1) %}
step_{{ i }} as (
    select
        step.customer_id,
        coalesce(merges.merged_into, step.resolves_to) as resolves_to
    from step_{{ i - 1 }} as step
    left join merges on step.resolves_to = merges.customer_id
),
{% endfor %}

final as (
    select * from step_{{ max_chain }}
)

select
    final.customer_id,
    final.resolves_to as current_customer_id,
    final.customer_id = final.resolves_to as is_current,
    current_ids.customer_id is not null as resolves_to_live_customer
from final
left join current_ids
    on final.resolves_to = current_ids.customer_id
