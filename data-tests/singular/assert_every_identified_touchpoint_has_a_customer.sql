{#
    Every touchpoint whose person is known has a customer_id: interactions a source ties
    to a person record, web and app events of a signed-in visitor, and every event on a
    device only one customer ever signed in on (before and after the sign-in). (A web
    visitor's account id that matches no person record is not a known person.) Returns
    the touchpoints that break it.
#}

with

touchpoints as (
    select * from {{ ref('journey_touchpoints') }}
),

web_events as (
    select * from {{ ref('int_web_events_sessionized') }}
),

known_records as (
    select person_record_id from {{ ref('int_person_record_details') }}
),

owned_devices as (
    select anonymous_id from {{ ref('int_web_devices') }}
    where owner_customer_id is not null
)

select touchpoints.touchpoint_id, touchpoints.stitch_method
from touchpoints
left join web_events
    on touchpoints.touchpoint_id = concat('web:events:', web_events.web_event_id)
left join known_records
    on web_events.person_record_id = known_records.person_record_id
left join owned_devices
    on touchpoints.device_id = owned_devices.anonymous_id
where
    touchpoints.customer_id is null
    and (
        touchpoints.source_system <> 'web'
        or known_records.person_record_id is not null
        or owned_devices.anonymous_id is not null
    )
