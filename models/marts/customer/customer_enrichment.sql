{#
    What the Python enrichment learned about each customer, next to the golden record:
    lifetime value (BG/NBD + Gamma-Gamma), churn propensity, social media sentiment and
    Python-validated contact points. Built after the enrichment assets in the Dagster
    pipeline. One row per customer.
#}

with

customers as (
    select customer_id from {{ ref('customers') }}
),

lifetime_value as (
    select * from {{ source('enrichment', 'customer_lifetime_value') }}
),

churn as (
    select * from {{ source('enrichment', 'churn_scores') }}
),

sentiment as (
    select
        customer_id,
        count(*) as social_posts,
        avg(sentiment_score) as social_sentiment_average,
        sum(case when sentiment_label = 'negative' then 1 else 0 end) as negative_social_posts
    from {{ source('enrichment', 'social_sentiment') }}
    where customer_id is not null
    group by 1
),

contacts as (
    select
        customer_id,
        sum(case when channel = 'email' and is_valid then 1 else 0 end) as valid_emails,
        sum(case when channel = 'phone' and is_valid then 1 else 0 end) as valid_phones,
        max(case when phone_type in ('mobile', 'fixed_line_or_mobile') then 1 else 0 end)
            as has_mobile_phone
    from {{ source('enrichment', 'contact_validation') }}
    group by 1
)

select
    customers.customer_id,
    lifetime_value.p_alive,
    lifetime_value.expected_purchases_365d,
    cast(lifetime_value.expected_order_value as decimal(18, 2)) as expected_order_value,
    cast(lifetime_value.clv_365d as decimal(18, 2)) as clv_365d,
    churn.churn_probability,
    cast(coalesce(sentiment.social_posts, 0) as bigint) as social_posts,
    sentiment.social_sentiment_average,
    cast(coalesce(sentiment.negative_social_posts, 0) as bigint) as negative_social_posts,
    cast(coalesce(contacts.valid_emails, 0) as bigint) as valid_emails,
    cast(coalesce(contacts.valid_phones, 0) as bigint) as valid_phones,
    coalesce(contacts.has_mobile_phone, 0) = 1 as has_mobile_phone,
    lifetime_value.as_of_date as enrichment_as_of_date
from customers
left join lifetime_value
    on customers.customer_id = lifetime_value.customer_id
left join churn
    on customers.customer_id = churn.customer_id
left join sentiment
    on customers.customer_id = sentiment.customer_id
left join contacts
    on customers.customer_id = contacts.customer_id
