{#
    Everything a declarative segment (var scv__segments) can test, per customer: golden
    attributes and lifecycle (customers), value and churn scores (customer_value_scores),
    and recent behaviour counted back from the lifecycle date (journey touchpoints and
    sessions, support tickets, social posts). Add a column here and segments can use it:
    the segment compiler reads this model's columns. One row per customer.
#}

with

customers as (
    select * from {{ ref('customers') }}
),

value_scores as (
    select * from {{ ref('customer_value_scores') }}
),

enrichment as (
    select
        customer_id,
        negative_social_posts,
        social_sentiment_average
    from {{ ref('customer_enrichment') }}
),

as_of as (
    select max(lifecycle_as_of_date) as as_of_date from customers
),

touchpoints as (
    select
        touchpoints.customer_id,
        touchpoints.interaction_type,
        touchpoints.source_record_id,
        {{ scv.days_between('touchpoints.occurred_at', 'as_of.as_of_date') }}
            as days_ago
    from {{ ref('journey_touchpoints') }} as touchpoints
    cross join as_of
    where touchpoints.customer_id is not null
),

brand_mentions as (
    select social_post_id
    from {{ ref('stg_social__posts') }}
    where is_brand_mention
),

open_tickets as (
    select support_ticket_id
    from {{ ref('stg_support__tickets') }}
    where not is_solved
),

touchpoint_counts as (
    select
        touchpoints.customer_id,
        sum(
            case
                when touchpoints.interaction_type = 'email_open' and touchpoints.days_ago <= 90
                    then 1
                else 0
            end
        ) as email_opens_90d,
        sum(
            case
                when touchpoints.interaction_type = 'email_click' and touchpoints.days_ago <= 90
                    then 1
                else 0
            end
        ) as email_clicks_90d,
        sum(
            case
                when brand_mentions.social_post_id is not null and touchpoints.days_ago <= 90
                    then 1
                else 0
            end
        ) as brand_mentions_90d,
        sum(
            case
                when
                    touchpoints.interaction_type in ('support_ticket', 'support_call')
                    and touchpoints.days_ago <= 90
                    then 1
                else 0
            end
        ) as support_contacts_90d,
        sum(case when open_tickets.support_ticket_id is not null then 1 else 0 end)
            as open_support_tickets
    from touchpoints
    left join brand_mentions
        on
            touchpoints.interaction_type = 'social_post'
            and touchpoints.source_record_id = brand_mentions.social_post_id
    left join open_tickets
        on
            touchpoints.interaction_type = 'support_ticket'
            and touchpoints.source_record_id = open_tickets.support_ticket_id
    group by 1
),

sessions as (
    select
        sessions.customer_id,
        sessions.started_at,
        sessions.has_add_to_cart,
        {{ scv.days_between('sessions.started_at', 'as_of.as_of_date') }}
            as days_ago
    from {{ ref('journey_sessions') }} as sessions
    cross join as_of
    where sessions.customer_id is not null
),

session_counts as (
    select
        customer_id,
        sum(case when days_ago <= 30 then 1 else 0 end) as web_sessions_30d,
        max(case when has_add_to_cart then started_at end) as last_cart_at,
        min(case when has_add_to_cart then days_ago end) as days_since_last_cart
    from sessions
    group by 1
)

select
    customers.customer_id,
    as_of.as_of_date,
    -- who they are
    customers.country_code,
    customers.region,
    customers.city,
    customers.postal_code,
    customers.email is not null as has_email,
    customers.phone is not null as has_phone,
    cast(
        floor({{ scv.days_between('customers.birth_date', 'as_of.as_of_date') }} / 365.25)
        as integer
    ) as age_years,
    customers.job_title,
    customers.company_name,
    customers.company_industry,
    customers.age_range,
    customers.income_band,
    customers.home_ownership,
    customers.source_system_count,
    -- lifecycle
    customers.lifecycle_status,
    customers.is_deceased,
    customers.is_activation_eligible,
    cast(
        {{ scv.days_between('customers.first_seen_at', 'as_of.as_of_date') }} as integer
    ) as days_since_first_seen,
    cast(
        {{ scv.days_between('customers.last_seen_at', 'as_of.as_of_date') }} as integer
    ) as days_since_last_seen,
    cast(
        {{ scv.days_between('customers.last_purchase_at', 'as_of.as_of_date') }} as integer
    ) as days_since_last_purchase,
    customers.purchase_count,
    -- value and risk
    value_scores.recency_score,
    value_scores.frequency_score,
    value_scores.monetary_score,
    value_scores.rfm_segment,
    value_scores.clv_365d,
    value_scores.value_tier,
    value_scores.churn_probability,
    value_scores.churn_risk_band,
    -- recent behaviour
    cast(coalesce(session_counts.web_sessions_30d, 0) as bigint) as web_sessions_30d,
    cast(session_counts.days_since_last_cart as integer) as days_since_last_cart,
    coalesce(
        session_counts.days_since_last_cart <= 7
        and (
            customers.last_purchase_at is null
            or customers.last_purchase_at < session_counts.last_cart_at
        ),
        false
    ) as is_cart_abandoner_7d,
    cast(coalesce(touchpoint_counts.email_opens_90d, 0) as bigint) as email_opens_90d,
    cast(coalesce(touchpoint_counts.email_clicks_90d, 0) as bigint) as email_clicks_90d,
    cast(coalesce(touchpoint_counts.brand_mentions_90d, 0) as bigint) as brand_mentions_90d,
    cast(coalesce(enrichment.negative_social_posts, 0) as bigint) as negative_social_posts,
    enrichment.social_sentiment_average,
    cast(coalesce(touchpoint_counts.support_contacts_90d, 0) as bigint) as support_contacts_90d,
    cast(coalesce(touchpoint_counts.open_support_tickets, 0) as bigint) as open_support_tickets
from customers
cross join as_of
left join value_scores
    on customers.customer_id = value_scores.customer_id
left join enrichment
    on customers.customer_id = enrichment.customer_id
left join touchpoint_counts
    on customers.customer_id = touchpoint_counts.customer_id
left join session_counts
    on customers.customer_id = session_counts.customer_id
