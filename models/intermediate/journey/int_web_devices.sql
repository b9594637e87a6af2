{#
    Every web or app device (cookie or app install) with the customers who signed in on
    it. A device on which exactly one customer ever signed in belongs to that customer,
    before and after the sign-in (anonymous browsing is stitched to them retroactively).
    A device on which several customers signed in is shared: it belongs to nobody as a
    whole, and journey_touchpoints only gives a shared device's session to the customer
    who signed in during that session. One row per device.
#}

with

web_events as (
    select
        anonymous_id,
        platform,
        person_record_id,
        occurred_at
    from {{ ref('int_web_events_sessionized') }}
),

customer_ids as (
    select
        person_record_id,
        customer_id
    from {{ ref('int_person_record_details') }}
),

devices as (
    select
        anonymous_id,
        min(platform) as platform,
        min(occurred_at) as first_seen_at,
        max(occurred_at) as last_seen_at,
        count(*) as event_count
    from web_events
    group by 1
),

sign_ins as (
    select
        web_events.anonymous_id,
        customer_ids.customer_id,
        web_events.person_record_id,
        web_events.occurred_at
    from web_events
    inner join customer_ids
        on web_events.person_record_id = customer_ids.person_record_id
),

device_customers as (
    select
        anonymous_id,
        count(distinct customer_id) as signed_in_customer_count,
        min(customer_id) as first_customer_id,
        min(person_record_id) as first_person_record_id,
        min(occurred_at) as first_signed_in_at
    from sign_ins
    group by 1
)

select
    devices.anonymous_id,
    devices.platform,
    devices.first_seen_at,
    devices.last_seen_at,
    devices.event_count,
    coalesce(device_customers.signed_in_customer_count, 0) as signed_in_customer_count,
    device_customers.first_signed_in_at,
    case
        when device_customers.signed_in_customer_count = 1
            then device_customers.first_customer_id
    end as owner_customer_id,
    case
        when device_customers.signed_in_customer_count = 1
            then device_customers.first_person_record_id
    end as owner_person_record_id,
    coalesce(device_customers.signed_in_customer_count, 0) > 1 as is_shared_device
from devices
left join device_customers
    on devices.anonymous_id = device_customers.anonymous_id
