{#
    When a customer moves from one channel to another: consecutive customer-initiated
    touchpoints in different channels, such as a social post followed by a call to the
    call center. Purchases (refunded or not) are left out: they are outcomes, not
    channels; so is our own outreach (email sends, sales activities). Incremental by
    customer, like journey_stages. One row per switch.
#}
{{
    config(
        materialized='incremental',
        unique_key='customer_id',
        incremental_strategy=scv.event_incremental_strategy(),
        on_schema_change='fail',
        pre_hook="{{ scv.journey_delete_customers_to_rebuild(ref('journey_touchpoints')) }}",
        post_hook="{{ scv.journey_delete_customers_without_touchpoints(ref('journey_touchpoints')) }}",
    )
}}
{%- set purchase_types = "'" ~ var('scv__lifecycle').purchase_interactions | join("', '") ~ "'" -%}

with

touchpoints as (
    select
        touchpoint_id,
        customer_id,
        occurred_at,
        interaction_type,
        channel,
        stitched_at
    from {{ ref('journey_touchpoints') }}
    where
        customer_id is not null
        {% if scv.is_incremental_run() %}
            and customer_id in (
                {{ scv.journey_customers_to_rebuild(ref('journey_touchpoints')) }}
            )
        {% endif %}
        and initiated_by = 'customer'
        and interaction_type not in ({{ purchase_types }})
),

touchpoints_with_previous as (
    select
        *,
        lag(touchpoint_id) over (
            partition by customer_id
            order by occurred_at asc, touchpoint_id asc
        ) as previous_touchpoint_id,
        lag(channel) over (
            partition by customer_id
            order by occurred_at asc, touchpoint_id asc
        ) as previous_channel,
        lag(interaction_type) over (
            partition by customer_id
            order by occurred_at asc, touchpoint_id asc
        ) as previous_interaction_type,
        lag(occurred_at) over (
            partition by customer_id
            order by occurred_at asc, touchpoint_id asc
        ) as previous_occurred_at
    from touchpoints
)

select
    touchpoint_id as channel_switch_id,
    customer_id,
    previous_channel as from_channel,
    channel as to_channel,
    previous_interaction_type as from_interaction_type,
    interaction_type as to_interaction_type,
    previous_touchpoint_id as from_touchpoint_id,
    touchpoint_id as to_touchpoint_id,
    previous_occurred_at as from_occurred_at,
    occurred_at as switched_at,
    cast({{ scv.seconds_between('previous_occurred_at', 'occurred_at') }} as bigint)
        as seconds_between,
    stitched_at
from touchpoints_with_previous
where previous_channel is not null and previous_channel <> channel
