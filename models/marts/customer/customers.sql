{#
    The single customer view: one row per customer with the golden attributes chosen by
    survivorship (int_customer_attributes_survived; provenance in
    customer_attribute_provenance), third-party demographics and firmographics where
    known, activity dates, the last contact by our team, lifecycle status and record
    counts.
#}

with

customer_ids as (
    select * from {{ ref('int_customer_ids_assigned') }}
    where is_current
),

survived as (
    select * from {{ ref('int_customer_attributes_survived') }}
),

details as (
    select * from {{ ref('int_person_record_details') }}
),

lifecycle as (
    select * from {{ ref('int_customer_lifecycle') }}
),

interactions as (
    select * from {{ ref('int_customer_interactions') }}
),

customers as (
    select
        customer_id,
        min(customer_created_at) as customer_created_at,
        count(*) as source_record_count
    from customer_ids
    group by 1
),

record_facts as (
    select
        customer_id,
        count(distinct source_system) as source_system_count,
        max(case when is_deceased then 1 else 0 end) as is_deceased,
        max(observed_at) as last_record_update_at
    from details
    group by 1
),

source_systems as (
    select
        customer_id,
        {{ scv.sorted_list('source_system') }}
            as source_systems
    from (
        select distinct
            customer_id,
            source_system
        from details
    ) as distinct_systems
    group by 1
),

winners as (
    -- the winning record of each attribute (macro survivorship_attributes)
    select
        customer_id,
        max(case when attribute_name = 'first_name' then display_value end) as first_name_value,
        max(case when attribute_name = 'first_name' then winning_record_id end)
            as first_name_record_id,
        max(case when attribute_name = 'last_name' then display_value end) as last_name_value,
        max(case when attribute_name = 'email' then winning_record_id end)
            as email_record_id,
        max(case when attribute_name = 'work_email' then winning_record_id end)
            as work_email_record_id,
        max(case when attribute_name = 'phone' then winning_record_id end)
            as phone_record_id,
        max(case when attribute_name = 'address' then winning_record_id end)
            as address_record_id,
        max(case when attribute_name = 'birth_date' then winning_record_id end)
            as birth_date_record_id,
        max(case when attribute_name = 'job_title' then winning_record_id end)
            as job_title_record_id,
        max(case when attribute_name = 'company' then winning_record_id end)
            as company_record_id
    from survived
    group by 1
),

activity as (
    select
        customer_id,
        max(occurred_at) as last_interaction_at
    from interactions
    group by 1
),

last_contact as (
    select
        customer_id,
        occurred_at as last_contact_at,
        contact_by as last_contact_by,
        channel as last_contact_channel
    from (
        select
            *,
            row_number() over (
                partition by customer_id order by occurred_at desc, interaction_id desc
            ) as contact_rank
        from interactions
        where is_contact_by_us
    ) as ranked
    where contact_rank = 1
),

customer_emails as (
    select distinct
        customer_id,
        email
    from details
    where is_email_valid
),

individual_demographics as (
    select
        customer_emails.customer_id,
        max(demographics.age_range) as age_range,
        max(demographics.income_band) as income_band,
        max(demographics.home_ownership) as home_ownership,
        max(demographics.household_size) as household_size
    from customer_emails
    inner join {{ ref('stg_thirdparty__demographics_individual') }} as demographics
        on {{ scv.sha256('customer_emails.email') }} = demographics.email_sha256
    group by 1
)

select
    customers.customer_id,
    winners.first_name_value as first_name,
    winners.last_name_value as last_name,
    nullif(
        trim(concat(
            coalesce(winners.first_name_value, ''), ' ', coalesce(winners.last_name_value, '')
        )),
        ''
    ) as full_name,
    email.email,
    work_email.email as work_email,
    phone.phone_e164 as phone,
    birth_date.birth_date,
    job_title.job_title,
    company.company_name,
    coalesce(company.company_domain, work_email.company_domain) as company_domain,
    firmographics.industry as company_industry,
    firmographics.employee_range as company_employee_range,
    firmographics.revenue_range as company_revenue_range,
    address.address_line1,
    address.address_line2,
    address.city,
    address.region,
    address.postal_code,
    address.country_code,
    individual_demographics.age_range,
    individual_demographics.income_band,
    individual_demographics.home_ownership,
    individual_demographics.household_size,
    postal_demographics.urbanicity as postal_area_urbanicity,
    cast(postal_demographics.median_household_income as decimal(18, 2))
        as postal_area_median_household_income,
    lifecycle.lifecycle_status,
    lifecycle.lifecycle_status_basis,
    lifecycle.lifecycle_as_of_date,
    lifecycle.first_purchase_at,
    lifecycle.last_purchase_at,
    lifecycle.purchase_count,
    lifecycle.first_seen_at,
    greatest(
        coalesce(activity.last_interaction_at, record_facts.last_record_update_at),
        coalesce(record_facts.last_record_update_at, activity.last_interaction_at)
    ) as last_seen_at,
    last_contact.last_contact_at,
    last_contact.last_contact_by,
    last_contact.last_contact_channel,
    record_facts.is_deceased = 1 as is_deceased,
    record_facts.is_deceased = 0
    and (email.email is not null or phone.phone_e164 is not null) as is_activation_eligible,
    customers.source_record_count,
    record_facts.source_system_count,
    source_systems.source_systems,
    customers.customer_created_at
from customers
inner join record_facts
    on customers.customer_id = record_facts.customer_id
inner join source_systems
    on customers.customer_id = source_systems.customer_id
inner join lifecycle
    on customers.customer_id = lifecycle.customer_id
left join winners
    on customers.customer_id = winners.customer_id
left join details as email
    on winners.email_record_id = email.person_record_id
left join details as work_email
    on winners.work_email_record_id = work_email.person_record_id
left join details as phone
    on winners.phone_record_id = phone.person_record_id
left join details as birth_date
    on winners.birth_date_record_id = birth_date.person_record_id
left join details as job_title
    on winners.job_title_record_id = job_title.person_record_id
left join details as company
    on winners.company_record_id = company.person_record_id
left join details as address
    on winners.address_record_id = address.person_record_id
left join {{ ref('stg_thirdparty__firmographics') }} as firmographics
    on coalesce(company.company_domain, work_email.company_domain) = firmographics.company_domain
left join {{ ref('stg_thirdparty__demographics_postal') }} as postal_demographics
    on
        address.postal_code = postal_demographics.postal_code
        and address.country_code = postal_demographics.country_code
left join individual_demographics
    on customers.customer_id = individual_demographics.customer_id
left join activity
    on customers.customer_id = activity.customer_id
left join last_contact
    on customers.customer_id = last_contact.customer_id
