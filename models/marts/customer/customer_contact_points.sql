{#
    Every email address and phone number of every customer with its state: valid syntax,
    verified by a source, shared with other people (a family mailbox, a home phone),
    primary (the golden value), and per channel the marketing consent we hold: for email
    the email platform's subscription status or, failing that, the web shop's marketing
    opt-in. Phones carry no consent in any source here ('unknown'). One row per customer,
    channel and value.
#}

with

details as (
    select * from {{ ref('int_person_record_details') }}
),

golden as (
    select
        customer_id,
        attribute_name,
        value_key
    from {{ ref('int_customer_attributes_survived') }}
    where attribute_name in ('email', 'work_email', 'phone')
),

shared_values as (
    select
        identifier_type,
        identifier_value,
        estimated_people
    from {{ ref('int_identifier_values_assessed') }}
    where identifier_type in ('email', 'phone')
),

subscribers as (
    select
        concat('email:subscribers:', email_subscriber_id) as person_record_id,
        subscription_status,
        coalesce(updated_at, opted_in_at) as status_at
    from {{ ref('stg_email__subscribers') }}
),

shop_customers as (
    select
        concat('shop:customers:', shop_customer_id) as person_record_id,
        accepts_marketing,
        coalesce(updated_at, created_at) as status_at
    from {{ ref('stg_shop__customers') }}
),

observations as (
    select
        details.customer_id,
        'email' as channel,
        details.email as contact_value,
        details.is_email_valid as is_valid,
        details.is_email_verified as is_verified,
        details.person_record_id,
        details.source_system,
        details.observed_at
    from details
    where details.email is not null
    union all
    select
        details.customer_id,
        'phone' as channel,
        details.phone_e164 as contact_value,
        true as is_valid,
        details.is_phone_verified as is_verified,
        details.person_record_id,
        details.source_system,
        details.observed_at
    from details
    where details.phone_e164 is not null
),

email_consent as (
    -- latest consent signal per customer and address: email platform first, then shop
    select
        customer_id,
        contact_value,
        consent_status,
        consent_source,
        consent_updated_at
    from (
        select
            observations.customer_id,
            observations.contact_value,
            case
                when subscribers.subscription_status = 'subscribed' then 'granted'
                when subscribers.subscription_status = 'pending' then 'pending'
                when subscribers.subscription_status is not null then 'withdrawn'
                when shop_customers.accepts_marketing then 'granted'
                when not shop_customers.accepts_marketing then 'not_granted'
            end as consent_status,
            case
                when subscribers.subscription_status is not null
                    then concat('email platform: ', subscribers.subscription_status)
                when shop_customers.accepts_marketing is not null then 'web shop marketing opt-in'
            end as consent_source,
            coalesce(subscribers.status_at, shop_customers.status_at) as consent_updated_at,
            row_number() over (
                partition by observations.customer_id, observations.contact_value
                order by
                    case when subscribers.subscription_status is not null then 0 else 1 end asc,
                    coalesce(subscribers.status_at, shop_customers.status_at) desc nulls last,
                    observations.person_record_id asc
            ) as consent_rank
        from observations
        left join subscribers
            on observations.person_record_id = subscribers.person_record_id
        left join shop_customers
            on observations.person_record_id = shop_customers.person_record_id
        where
            observations.channel = 'email'
            and (
                subscribers.person_record_id is not null
                or shop_customers.accepts_marketing is not null
            )
    ) as ranked
    where consent_rank = 1
),

contact_points as (
    select
        customer_id,
        channel,
        contact_value,
        max(case when is_valid then 1 else 0 end) = 1 as is_valid,
        max(case when is_verified then 1 else 0 end) = 1 as is_verified,
        min(observed_at) as first_seen_at,
        max(observed_at) as last_seen_at,
        count(*) as source_record_count,
        {{ scv.sorted_list('source_system', distinct=true) }}
            as source_systems
    from observations
    group by 1, 2, 3
)

select
    {{ scv.sha256(
        "concat(contact_points.customer_id, '|', contact_points.channel, '|', "
        ~ "contact_points.contact_value)"
    ) }} as contact_point_id,
    contact_points.customer_id,
    contact_points.channel,
    contact_points.contact_value,
    contact_points.is_valid,
    contact_points.is_verified,
    coalesce(shared_values.estimated_people > 1, false) as is_shared,
    golden.attribute_name is not null as is_primary,
    golden.attribute_name as primary_for,
    case
        when contact_points.channel = 'email' then coalesce(email_consent.consent_status, 'unknown')
        else 'unknown'
    end as marketing_consent,
    email_consent.consent_source as marketing_consent_source,
    email_consent.consent_updated_at as marketing_consent_updated_at,
    contact_points.first_seen_at,
    contact_points.last_seen_at,
    contact_points.source_record_count,
    contact_points.source_systems
from contact_points
left join shared_values
    on
        contact_points.channel = shared_values.identifier_type
        and contact_points.contact_value = shared_values.identifier_value
left join golden
    on
        contact_points.customer_id = golden.customer_id
        and contact_points.contact_value = golden.value_key
        and (
            (contact_points.channel = 'email' and golden.attribute_name in ('email', 'work_email'))
            or (contact_points.channel = 'phone' and golden.attribute_name = 'phone')
        )
left join email_consent
    on
        contact_points.customer_id = email_consent.customer_id
        and contact_points.contact_value = email_consent.contact_value
