{#
    Every interaction a customer had with us that survivorship and lifecycle need: web
    shop orders, store purchases, support tickets and calls, CRM activities, email
    campaign events, signed-in web and app events, social posts. Each is tied to the
    person record its system keeps and, through it, to the customer. `is_purchase`
    follows var scv__lifecycle; `contact_by` names who on our side reached out (a sales
    owner, a support agent, an email campaign). One row per interaction.
#}
{%- set lifecycle = var('scv__lifecycle') -%}
{%- set purchase_statuses = "'" ~ lifecycle.purchase_order_statuses | join("', '") ~ "'" -%}
{%- set purchase_interactions = "'" ~ lifecycle.purchase_interactions | join("', '") ~ "'" -%}

with

customer_ids as (
    select
        person_record_id,
        customer_id
    from {{ ref('int_person_record_details') }}
),

loyalty_members as (
    select
        pos_member_id,
        loyalty_card_number
    from {{ ref('stg_pos__loyalty_members') }}
),

online_orders as (
    select
        concat('shop:orders:', shop_order_id) as interaction_id,
        concat('shop:customers:', shop_customer_id) as person_record_id,
        'shop' as source_system,
        'online_order' as interaction_type,
        'web_shop' as channel,
        ordered_at as occurred_at,
        financial_status in ({{ purchase_statuses }}) as is_qualifying_order,
        total_amount as amount,
        cast(null as {{ dbt.type_string() }}) as contact_by
    from {{ ref('stg_shop__orders') }}
    where shop_customer_id is not null
),

store_purchases as (
    select
        concat('pos:transactions:', pos_transactions.pos_transaction_id) as interaction_id,
        concat('pos:loyalty_members:', loyalty_members.pos_member_id) as person_record_id,
        'pos' as source_system,
        'store_purchase' as interaction_type,
        'store' as channel,
        pos_transactions.purchased_at as occurred_at,
        true as is_qualifying_order,
        pos_transactions.total_amount as amount,
        cast(null as {{ dbt.type_string() }}) as contact_by
    from {{ ref('stg_pos__transactions') }} as pos_transactions
    inner join loyalty_members
        on pos_transactions.loyalty_card_number = loyalty_members.loyalty_card_number
),

support_tickets as (
    select
        concat('support:tickets:', support_ticket_id) as interaction_id,
        concat('support:users:', support_user_id) as person_record_id,
        'support' as source_system,
        'support_ticket' as interaction_type,
        channel,
        opened_at as occurred_at,
        false as is_qualifying_order,
        cast(null as decimal(18, 2)) as amount,
        cast(null as {{ dbt.type_string() }}) as contact_by
    from {{ ref('stg_support__tickets') }}
),

support_calls as (
    select
        concat('support:calls:', support_call_id) as interaction_id,
        concat('support:users:', support_user_id) as person_record_id,
        'support' as source_system,
        'support_call' as interaction_type,
        'phone' as channel,
        started_at as occurred_at,
        false as is_qualifying_order,
        cast(null as decimal(18, 2)) as amount,
        agent_name as contact_by
    from {{ ref('stg_support__calls') }}
    where support_user_id is not null
),

crm_activities as (
    select
        concat('crm:activities:', crm_activity_id) as interaction_id,
        concat('crm:contacts:', crm_contact_id) as person_record_id,
        'crm' as source_system,
        'crm_activity' as interaction_type,
        activity_type as channel,
        activity_date as occurred_at,
        false as is_qualifying_order,
        cast(null as decimal(18, 2)) as amount,
        owner_name as contact_by
    from {{ ref('stg_crm__activities') }}
),

email_events as (
    select
        concat('email:campaign_events:', email_event_id) as interaction_id,
        concat('email:subscribers:', email_subscriber_id) as person_record_id,
        'email' as source_system,
        concat('email_', event_type) as interaction_type,
        'email' as channel,
        occurred_at,
        false as is_qualifying_order,
        cast(null as decimal(18, 2)) as amount,
        case
            when event_type = 'sent' then concat('email campaign ', email_campaign_id)
        end as contact_by
    from {{ ref('stg_email__campaign_events') }}
    where email_subscriber_id is not null
),

web_events as (
    select
        concat('web:events:', web_event_id) as interaction_id,
        concat('shop:customers:', shop_customer_id) as person_record_id,
        'web' as source_system,
        concat('web_', event_type) as interaction_type,
        platform as channel,
        occurred_at,
        false as is_qualifying_order,
        cast(null as decimal(18, 2)) as amount,
        cast(null as {{ dbt.type_string() }}) as contact_by
    from {{ ref('stg_web__events') }}
    where shop_customer_id is not null and not is_bot
),

social_posts as (
    select
        concat('social:posts:', social_post_id) as interaction_id,
        concat('social:profiles:', social_profile_id) as person_record_id,
        'social' as source_system,
        'social_post' as interaction_type,
        platform as channel,
        posted_at as occurred_at,
        false as is_qualifying_order,
        cast(null as decimal(18, 2)) as amount,
        cast(null as {{ dbt.type_string() }}) as contact_by
    from {{ ref('stg_social__posts') }}
),

interactions as (
    select * from online_orders
    union all
    select * from store_purchases
    union all
    select * from support_tickets
    union all
    select * from support_calls
    union all
    select * from crm_activities
    union all
    select * from email_events
    union all
    select * from web_events
    union all
    select * from social_posts
)

select
    interactions.interaction_id,
    customer_ids.customer_id,
    interactions.person_record_id,
    interactions.source_system,
    interactions.interaction_type,
    interactions.channel,
    interactions.occurred_at,
    interactions.amount,
    interactions.is_qualifying_order
    and interactions.interaction_type in ({{ purchase_interactions }}) as is_purchase,
    interactions.contact_by,
    interactions.contact_by is not null as is_contact_by_us
from interactions
inner join customer_ids
    on interactions.person_record_id = customer_ids.person_record_id
