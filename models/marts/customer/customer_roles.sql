{#
    The roles a person has with us, each with the evidence behind it:
      buyer                 purchased online or in a store (var scv__lifecycle purchases)
      loyalty_member        holds a store loyalty card
      subscriber            subscribed to our emails (currently subscribed)
      b2b_contact           a CRM contact of a company account; role_detail = buying role
      support_requester     opened a support ticket or called support
      social_follower       a social media profile that talks to or about us
      acquired_customer     a customer record of the acquired company; role_detail = its
                            status there
    One row per customer and role.
#}

with

details as (
    select * from {{ ref('int_person_record_details') }}
),

interactions as (
    select * from {{ ref('int_customer_interactions') }}
),

evidence as (
    select
        customer_id,
        'buyer' as role_name,
        cast(null as {{ dbt.type_string() }}) as role_detail,
        source_system,
        occurred_at as evidence_at
    from interactions
    where is_purchase
    union all
    select
        customer_id,
        'support_requester' as role_name,
        cast(null as {{ dbt.type_string() }}) as role_detail,
        source_system,
        occurred_at as evidence_at
    from interactions
    where interaction_type in ('support_ticket', 'support_call')
    union all
    select
        details.customer_id,
        case details.source_system
            when 'pos' then 'loyalty_member'
            when 'social' then 'social_follower'
            when 'acquired' then 'acquired_customer'
            when 'crm' then 'b2b_contact'
            when 'email' then 'subscriber'
        end as role_name,
        case details.source_system
            when 'crm' then crm.buying_role
            when 'acquired' then acquired.acquired_status
        end as role_detail,
        details.source_system,
        coalesce(details.record_created_at, details.observed_at) as evidence_at
    from details
    left join {{ ref('stg_crm__contacts') }} as crm
        on details.person_record_id = concat('crm:contacts:', crm.crm_contact_id)
    left join {{ ref('stg_acquired__customers') }} as acquired
        on details.person_record_id = concat('acquired:customers:', acquired.acquired_customer_id)
    left join {{ ref('stg_email__subscribers') }} as subscribers
        on details.person_record_id = concat('email:subscribers:', subscribers.email_subscriber_id)
    where
        details.source_system in ('pos', 'social', 'acquired')
        or (details.source_system = 'crm' and details.company_name is not null)
        or (details.source_system = 'email' and subscribers.is_subscribed)
),

roles as (
    select
        customer_id,
        role_name,
        max(role_detail) as role_detail,
        {{ scv.sorted_list('source_system', distinct=true) }}
            as source_systems,
        count(*) as evidence_count,
        min(evidence_at) as role_since,
        max(evidence_at) as last_evidence_at
    from evidence
    group by 1, 2
)

select
    {{ scv.sha256("concat(customer_id, '|', role_name)") }} as customer_role_id,
    customer_id,
    role_name,
    role_detail,
    source_systems,
    evidence_count,
    role_since,
    last_evidence_at
from roles
