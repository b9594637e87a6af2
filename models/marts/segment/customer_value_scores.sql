{#
    RFM scores, value tier and churn-risk band per customer (var scv__value_scores).
    Recency, frequency and monetary value come from the purchases of the last
    rfm_window_days before the lifecycle date; each is scored 1-5 by quintile among the
    customers who bought: 1 + floor(5 x percent rank), so 5 = the most recent, most
    frequent, highest spend, and ties share a score (all one-time buyers score 1 on
    frequency). The RFM segment names the usual grid of recency and frequency scores. The
    value tier ranks the 365-day lifetime value the enrichment predicts; the churn-risk
    band cuts the enrichment's churn probability. One row per customer.
#}
{%- set scores = var('scv__value_scores') -%}
{%- set tier_whens = [] -%}
{%- for tier in scores.value_tiers -%}
    {%- if tier.top_share is not number or tier.top_share <= 0 or tier.top_share > 1 -%}
        {{ exceptions.raise_compiler_error(
            "scv__value_scores.value_tiers: tier '" ~ tier.tier ~ "' needs top_share in (0, 1], got "
            ~ tier.top_share) }}
    {%- endif -%}
    {%- do tier_whens.append(
        "when value_rank_share <= " ~ tier.top_share ~ " then '" ~ tier.tier ~ "'"
    ) -%}
{%- endfor -%}
{%- set bands = scores.churn_risk_bands -%}

with

customers as (
    select
        customer_id,
        lifecycle_as_of_date
    from {{ ref('customers') }}
),

purchases as (
    select
        interactions.customer_id,
        interactions.occurred_at,
        interactions.amount
    from {{ ref('int_customer_interactions') }} as interactions
    inner join customers
        on interactions.customer_id = customers.customer_id
    where
        interactions.is_purchase
        and cast(interactions.occurred_at as date)
        > {{ dbt.dateadd('day', -scores.rfm_window_days, 'customers.lifecycle_as_of_date') }}
),

purchase_totals as (
    select
        customer_id,
        max(occurred_at) as last_purchase_at,
        count(*) as purchase_count,
        sum(coalesce(amount, 0)) as purchase_amount
    from purchases
    group by 1
),

buyers as (
    select
        purchase_totals.*,
        {{ scv.days_between('purchase_totals.last_purchase_at', 'customers.lifecycle_as_of_date') }}
            as recency_days
    from purchase_totals
    inner join customers
        on purchase_totals.customer_id = customers.customer_id
),

buyers_scored as (
    select
        *,
        cast(least(5, 1 + floor(5 * percent_rank() over (order by recency_days desc))) as integer)
            as recency_score,
        cast(least(5, 1 + floor(5 * percent_rank() over (order by purchase_count asc))) as integer)
            as frequency_score,
        cast(least(5, 1 + floor(5 * percent_rank() over (order by purchase_amount asc))) as integer)
            as monetary_score
    from buyers
),

enrichment as (
    select
        customer_id,
        clv_365d,
        churn_probability
    from {{ ref('customer_enrichment') }}
),

values_ranked as (
    select
        customer_id,
        clv_365d,
        churn_probability,
        case
            when clv_365d is not null
                then cume_dist() over (
                    partition by case when clv_365d is null then 0 else 1 end
                    order by clv_365d desc
                )
        end as value_rank_share
    from enrichment
)

select
    customers.customer_id,
    customers.lifecycle_as_of_date as scored_as_of_date,
    cast(buyers_scored.recency_days as integer) as recency_days,
    cast(coalesce(buyers_scored.purchase_count, 0) as bigint) as purchase_count,
    cast(coalesce(buyers_scored.purchase_amount, 0) as decimal(18, 2)) as purchase_amount,
    buyers_scored.recency_score,
    buyers_scored.frequency_score,
    buyers_scored.monetary_score,
    case
        when buyers_scored.customer_id is not null
            then concat(
                cast(buyers_scored.recency_score as {{ dbt.type_string() }}),
                cast(buyers_scored.frequency_score as {{ dbt.type_string() }}),
                cast(buyers_scored.monetary_score as {{ dbt.type_string() }})
            )
    end as rfm_score,
    case
        when buyers_scored.customer_id is null then 'no_recent_purchase'
        when
            buyers_scored.recency_score >= 4 and buyers_scored.frequency_score >= 4
            then 'champions'
        when
            buyers_scored.recency_score = 1 and buyers_scored.frequency_score >= 4
            then 'cannot_lose'
        when buyers_scored.recency_score <= 2 and buyers_scored.frequency_score >= 3 then 'at_risk'
        when buyers_scored.recency_score >= 3 and buyers_scored.frequency_score >= 3 then 'loyal'
        when
            buyers_scored.recency_score >= 4 and buyers_scored.frequency_score = 1
            then 'new_customers'
        when buyers_scored.recency_score >= 4 then 'potential_loyalists'
        when buyers_scored.recency_score = 3 then 'needs_attention'
        when buyers_scored.recency_score = 2 then 'hibernating'
        else 'lost'
    end as rfm_segment,
    cast(values_ranked.clv_365d as decimal(18, 2)) as clv_365d,
    case
        when values_ranked.clv_365d is null then 'none'
        {{ tier_whens | join('\n        ') }}
        else '{{ scores.value_tier_otherwise }}'
    end as value_tier,
    values_ranked.churn_probability,
    case
        when values_ranked.churn_probability is null then 'none'
        when values_ranked.churn_probability >= {{ bands.high }} then 'high'
        when values_ranked.churn_probability >= {{ bands.medium }} then 'medium'
        else 'low'
    end as churn_risk_band
from customers
left join buyers_scored
    on customers.customer_id = buyers_scored.customer_id
left join values_ranked
    on customers.customer_id = values_ranked.customer_id
