{#
    Web and app sessions: a device's events with no gap longer than
    scv__journeys.session_gap_minutes, with the customer the session belongs to (the
    customer its events are stitched to, when they agree; see journey_touchpoints).
    Incremental: a run rebuilds every session of the devices whose touchpoints it
    re-stitched; a post-hook deletes the sessions of devices left with no event at all.
    One row per session.
#}
{{
    config(
        materialized='incremental',
        unique_key='device_id',
        incremental_strategy=scv.event_incremental_strategy(),
        on_schema_change='fail',
        post_hook="{{ scv.delete_rows_gone_from(ref('int_web_events_sessionized'), 'device_id', 'anonymous_id') }}",
    )
}}

with

web_touchpoints as (
    select * from {{ ref('journey_touchpoints') }}
    where source_system = 'web'
),

{% if scv.is_incremental_run() %}
devices_to_rebuild as (
    select distinct device_id
    from web_touchpoints
    where stitched_at > {{ scv.journey_last_stitched_at() }}
),

touchpoints_to_sessionize as (
    select web_touchpoints.*
    from web_touchpoints
    inner join devices_to_rebuild
        on web_touchpoints.device_id = devices_to_rebuild.device_id
),
{% else %}
    touchpoints_to_sessionize as (
        select * from web_touchpoints
    ),
{% endif %}

sessions as (
    select
        session_id,
        device_id,
        min(channel) as channel,
        min(channel_detail) as platform,
        min(customer_id) as first_customer_id,
        max(customer_id) as last_customer_id,
        min(occurred_at) as started_at,
        max(occurred_at) as ended_at,
        count(*) as event_count,
        sum(case when interaction_type = 'web_page_view' then 1 else 0 end) as page_views,
        sum(case when interaction_type = 'web_product_view' then 1 else 0 end) as product_views,
        sum(case when interaction_type = 'web_add_to_cart' then 1 else 0 end) as add_to_cart_events,
        sum(case when interaction_type = 'web_checkout_started' then 1 else 0 end)
            as checkout_started_events,
        max(case when stitch_method = 'signed_in' then 1 else 0 end) as has_sign_in,
        max(stitched_at) as stitched_at
    from touchpoints_to_sessionize
    group by 1, 2
)

select
    session_id,
    device_id,
    case when first_customer_id = last_customer_id then first_customer_id end as customer_id,
    channel,
    platform,
    started_at,
    ended_at,
    cast({{ scv.seconds_between('started_at', 'ended_at') }} as bigint)
        as duration_seconds,
    cast(event_count as bigint) as event_count,
    cast(page_views as bigint) as page_views,
    cast(product_views as bigint) as product_views,
    cast(add_to_cart_events as bigint) as add_to_cart_events,
    cast(checkout_started_events as bigint) as checkout_started_events,
    has_sign_in = 1 as has_sign_in,
    add_to_cart_events > 0 as has_add_to_cart,
    stitched_at
from sessions
