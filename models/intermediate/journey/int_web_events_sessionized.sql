{#
    Web and app events cut into sessions: a device's events more than
    scv__journeys.session_gap_minutes apart start a new session. A session is named by its
    device and its first event, so it keeps its id while later events join it.
    Incremental: a run re-sessionizes only the devices whose events changed since this
    table last saw them (new or late events, events with another field or device, and
    gone events) and replaces all their rows, so a late event that falls between two
    sessions joins them, and a gone one splits them, exactly as a full rebuild would; a
    post-hook deletes the rows of gone events (a device whose events are all gone has no
    rows to replace them). sessionized_at tells journey_touchpoints which devices to
    stitch again. One row per web or app event.
#}
{{
    config(
        materialized='incremental',
        unique_key='anonymous_id',
        incremental_strategy=scv.event_incremental_strategy(),
        on_schema_change='fail',
        post_hook="{{ scv.delete_rows_gone_from(ref('stg_web__events'), 'web_event_id') }}",
    )
}}
{%- set event_columns = [
    'anonymous_id', 'platform', 'event_type', 'page_url', 'shop_product_id',
    'person_record_id', 'occurred_at',
] -%}
{%- set gap_seconds = var('scv__journeys').session_gap_minutes * 60 -%}

with

web_events as (
    select
        web_event_id,
        anonymous_id,
        platform,
        event_type,
        page_url,
        shop_product_id,
        occurred_at,
        case
            when shop_customer_id is not null
                then concat('shop:customers:', shop_customer_id)
        end as person_record_id
    from {{ ref('stg_web__events') }}
),

{% if scv.is_incremental_run() %}
event_changes as (
    -- events this table has not seen, has seen otherwise (a changed field, another
    -- device) or still holds though they are gone: the devices on both sides
    select
        web_events.anonymous_id as current_anonymous_id,
        existing.anonymous_id as stored_anonymous_id
    from web_events
    full outer join {{ this }} as existing
        on web_events.web_event_id = existing.web_event_id
    where
        web_events.web_event_id is null
        or existing.web_event_id is null
        -- one fingerprint a side: the join carries two values, not every column twice
        or {{ scv.fingerprint_hash('web_events.' ~ event_columns | join(', web_events.')) }}
        <> {{ scv.fingerprint_hash('existing.' ~ event_columns | join(', existing.')) }}
),

devices_to_resessionize as (
    select current_anonymous_id as anonymous_id
    from event_changes
    where current_anonymous_id is not null
    union
    select stored_anonymous_id as anonymous_id
    from event_changes
    where stored_anonymous_id is not null
),

events_to_sessionize as (
    select web_events.*
    from web_events
    inner join devices_to_resessionize
        on web_events.anonymous_id = devices_to_resessionize.anonymous_id
),
{% else %}
    events_to_sessionize as (
        select * from web_events
    ),
{% endif %}

events_with_previous as (
    select
        *,
        lag(occurred_at) over (
            partition by anonymous_id
            order by occurred_at asc, web_event_id asc
        ) as previous_occurred_at
    from events_to_sessionize
),

session_starts_flagged as (
    select
        *,
        case
            when previous_occurred_at is null then 1
            when
                {{ scv.seconds_between('previous_occurred_at', 'occurred_at') }}
                > {{ gap_seconds }}
                then 1
            else 0
        end as is_session_start
    from events_with_previous
),

sessions_numbered as (
    select
        *,
        sum(is_session_start) over (
            partition by anonymous_id
            order by occurred_at asc, web_event_id asc
            rows between unbounded preceding and current row
        ) as device_session_number
    from session_starts_flagged
),

first_events as (
    select
        *,
        first_value(web_event_id) over (
            partition by anonymous_id, device_session_number
            order by occurred_at asc, web_event_id asc
            rows between unbounded preceding and unbounded following
        ) as first_web_event_id
    from sessions_numbered
)

select
    web_event_id,
    anonymous_id,
    concat(anonymous_id, ':', first_web_event_id) as session_id,
    device_session_number,
    is_session_start = 1 as is_session_start,
    platform,
    event_type,
    page_url,
    shop_product_id,
    person_record_id,
    occurred_at,
    {{ scv.run_started_timestamp() }} as sessionized_at
from first_events
