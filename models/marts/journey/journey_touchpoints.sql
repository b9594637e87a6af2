{#
    One cross-channel timeline: every interaction with a person, with the customer_id it
    belongs to (null while the person is unknown), its channel, device and source.
    Web and app events are stitched to a customer: signed in (the event carries the
    customer's account), device_owner (anonymous events on a device on which exactly one
    customer ever signed in, before or after the sign-in) or session_sign_in (anonymous
    events on a shared device, in a session in which exactly one customer signed in).
    Other events on shared devices stay unassigned (shared_device), as do devices on
    which nobody ever signed in (anonymous).
    Incremental: a run replaces the touchpoints that are new, late or changed, every
    event of a device whose events int_web_events_sessionized sessionized again (new,
    changed or gone events: its sessions and stitching may change), the touchpoints
    whose person record now belongs to another customer (identity merged or split it),
    with the events of the devices those records signed in on, and every touchpoint of
    a customer who lost one (its event or interaction is gone from the sources; a
    post-hook deletes those). It keeps the customer a re-stitched touchpoint belonged
    to before (previous_customer_id), so the journey marts downstream rebuild both
    customers. One row per touchpoint.
#}
{{
    config(
        materialized='incremental',
        unique_key='touchpoint_id',
        incremental_strategy=scv.event_incremental_strategy(),
        on_schema_change='fail',
        post_hook=[
            "{{ scv.delete_rows_gone_from(ref('int_web_events_sessionized'), 'source_record_id', 'web_event_id', where=\"source_system = 'web'\") }}",
            "{{ scv.delete_rows_gone_from(ref('int_customer_interactions'), 'touchpoint_id', 'interaction_id', where=\"source_system <> 'web'\") }}",
        ],
    )
}}

with

customer_ids as (
    select
        person_record_id,
        customer_id
    from {{ ref('int_person_record_details') }}
),

web_events as (
    select * from {{ ref('int_web_events_sessionized') }}
),

devices as (
    select * from {{ ref('int_web_devices') }}
),

interactions as (
    select * from {{ ref('int_customer_interactions') }}
    where source_system <> 'web'
),

{% if scv.is_incremental_run() %}
stored_assignments as (
    select distinct
        person_record_id,
        customer_id
    from {{ this }}
    where person_record_id is not null
),

reassigned_records as (
    select stored_assignments.person_record_id
    from stored_assignments
    left join customer_ids
        on stored_assignments.person_record_id = customer_ids.person_record_id
    where customer_ids.customer_id is null
        or customer_ids.customer_id <> stored_assignments.customer_id
),

customers_losing_touchpoints as (
    -- the customers of touchpoints whose web event or interaction is gone from the
    -- sources (the post-hook deletes them): their journeys change
    select existing.customer_id
    from {{ this }} as existing
    where
        existing.source_system = 'web'
        and existing.customer_id is not null
        and not exists (
            select 1
            from web_events
            where web_events.web_event_id = existing.source_record_id
        )
    union
    select existing.customer_id
    from {{ this }} as existing
    where
        existing.source_system <> 'web'
        and existing.customer_id is not null
        and not exists (
            select 1
            from interactions
            where interactions.interaction_id = existing.touchpoint_id
        )
),

devices_to_restitch as (
    -- devices sessionized again since this model last ran (new, late, changed or gone
    -- events)
    select anonymous_id
    from web_events
    where sessionized_at > {{ scv.journey_last_stitched_at() }}
    union
    select web_events.anonymous_id
    from web_events
    inner join reassigned_records
        on web_events.person_record_id = reassigned_records.person_record_id
    union
    -- every device of a customer who lost a touchpoint (a device that lost events but
    -- kept some was sessionized again, above; one that kept none has nothing to stitch)
    select existing.device_id as anonymous_id
    from {{ this }} as existing
    inner join customers_losing_touchpoints
        on existing.customer_id = customers_losing_touchpoints.customer_id
    where existing.source_system = 'web'
),

web_events_to_stitch as (
    select web_events.*
    from web_events
    inner join devices_to_restitch
        on web_events.anonymous_id = devices_to_restitch.anonymous_id
),

stored_interactions as (
    -- the interactions' touchpoints as stored, with one fingerprint of the fields they
    -- take from the interaction (the join below carries it, not every field twice)
    select
        touchpoint_id,
        customer_id,
        {{ scv.fingerprint_hash(
            'person_record_id, occurred_at, interaction_type, channel_detail, amount, is_purchase'
        ) }} as interaction_fingerprint
    from {{ this }}
    where source_system <> 'web'
),

interactions_to_add as (
    -- new, changed, moved to another customer, or of a customer who lost a touchpoint
    select interactions.*
    from interactions
    left join stored_interactions as existing
        on interactions.interaction_id = existing.touchpoint_id
    left join reassigned_records
        on interactions.person_record_id = reassigned_records.person_record_id
    left join customers_losing_touchpoints
        on existing.customer_id = customers_losing_touchpoints.customer_id
    where
        existing.touchpoint_id is null
        or reassigned_records.person_record_id is not null
        or customers_losing_touchpoints.customer_id is not null
        or existing.interaction_fingerprint <> {{ scv.fingerprint_hash(
            'interactions.person_record_id, interactions.occurred_at, '
            ~ 'interactions.interaction_type, interactions.channel, '
            ~ 'cast(interactions.amount as decimal(18, 2)), interactions.is_purchase'
        ) }}
),
{% else %}
    web_events_to_stitch as (
        select * from web_events
    ),

    interactions_to_add as (
        select * from interactions
    ),
{% endif %}

web_events_identified as (
    select
        web_events_to_stitch.*,
        customer_ids.customer_id as signed_in_customer_id,
        min(customer_ids.customer_id) over (partition by web_events_to_stitch.session_id)
            as session_first_customer_id,
        max(customer_ids.customer_id) over (partition by web_events_to_stitch.session_id)
            as session_last_customer_id,
        min(web_events_to_stitch.person_record_id) over (
            partition by web_events_to_stitch.session_id
        ) as session_person_record_id
    from web_events_to_stitch
    left join customer_ids
        on web_events_to_stitch.person_record_id = customer_ids.person_record_id
),

web_events_stitched as (
    select
        web_events_identified.*,
        devices.owner_customer_id,
        devices.owner_person_record_id,
        case
            when web_events_identified.signed_in_customer_id is not null then 'signed_in'
            when devices.owner_customer_id is not null then 'device_owner'
            when
                web_events_identified.session_first_customer_id
                = web_events_identified.session_last_customer_id
                then 'session_sign_in'
            when devices.is_shared_device then 'shared_device'
            else 'anonymous'
        end as stitch_method
    from web_events_identified
    inner join devices
        on web_events_identified.anonymous_id = devices.anonymous_id
),

web_touchpoints as (
    select
        concat('web:events:', web_event_id) as touchpoint_id,
        case stitch_method
            when 'signed_in' then signed_in_customer_id
            when 'device_owner' then owner_customer_id
            when 'session_sign_in' then session_first_customer_id
        end as customer_id,
        case stitch_method
            when 'signed_in' then person_record_id
            when 'device_owner' then owner_person_record_id
            when 'session_sign_in' then session_person_record_id
        end as person_record_id,
        stitch_method,
        occurred_at,
        concat('web_', event_type) as interaction_type,
        case when platform = 'web' then 'web' else 'app' end as channel,
        platform as channel_detail,
        'customer' as initiated_by,
        anonymous_id as device_id,
        session_id,
        'web' as source_system,
        'events' as source_table,
        web_event_id as source_record_id,
        cast(null as decimal(18, 2)) as amount,
        false as is_purchase
    from web_events_stitched
),

other_touchpoints as (
    select
        interaction_id as touchpoint_id,
        customer_id,
        person_record_id,
        'source_record' as stitch_method,
        occurred_at,
        interaction_type,
        case
            when interaction_type = 'online_order' then 'online_shop'
            when interaction_type = 'store_purchase' then 'store'
            when interaction_type = 'support_call' then 'call_center'
            when interaction_type = 'support_ticket' then 'support'
            when interaction_type = 'crm_activity' then 'sales'
            when interaction_type = 'social_post' then 'social'
            when source_system = 'email' then 'email'
            else source_system
        end as channel,
        channel as channel_detail,
        case
            when interaction_type in ('email_sent', 'email_bounce', 'crm_activity') then 'company'
            else 'customer'
        end as initiated_by,
        cast(null as {{ dbt.type_string() }}) as device_id,
        cast(null as {{ dbt.type_string() }}) as session_id,
        source_system,
        split_part(interaction_id, ':', 2) as source_table,
        split_part(interaction_id, ':', 3) as source_record_id,
        cast(amount as decimal(18, 2)) as amount,
        is_purchase
    from interactions_to_add
),

touchpoints as (
    select * from web_touchpoints
    union all
    select * from other_touchpoints
)

select
    touchpoints.*,
    {% if scv.is_incremental_run() %}
        case
            when existing.customer_id <> coalesce(touchpoints.customer_id, '')
                then existing.customer_id
            else existing.previous_customer_id
        end as previous_customer_id,
    {% else %}
        cast(null as {{ dbt.type_string() }}) as previous_customer_id,
    {% endif %}
    {{ scv.run_started_timestamp() }} as stitched_at
from touchpoints
{% if scv.is_incremental_run() %}
    left join {{ this }} as existing
        on touchpoints.touchpoint_id = existing.touchpoint_id
{% endif %}
