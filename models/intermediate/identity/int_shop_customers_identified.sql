{#
    Shop customers with the identity their orders reveal: a guest checkout's customer
    row holds only an email, but its orders carry the billing name and address. Names
    and address come from the account when it has them, else from the latest order's
    billing details, standardized like any person record. One row per shop customer.
#}

with

customers as (
    select * from {{ ref('stg_shop__customers') }}
),

orders as (
    select * from {{ ref('stg_shop__orders') }}
),

latest_billing as (
    select
        shop_customer_id,
        billing_name,
        billing_address_line1,
        billing_city,
        billing_postal_code,
        billing_country_code,
        row_number() over (
            partition by shop_customer_id order by ordered_at desc, shop_order_id desc
        ) as recency_rank
    from orders
    where shop_customer_id is not null
),

combined as (
    select
        customers.shop_customer_id,
        customers.account_state,
        customers.is_guest,
        customers.accepts_marketing,
        customers.social_login_profile_id,
        customers.created_at,
        customers.updated_at,
        customers.source_file,
        customers.loaded_at,
        customers.first_name_raw,
        customers.last_name_raw,
        case
            when customers.first_name_raw is null and customers.last_name_raw is null
                then latest_billing.billing_name
        end as full_name_raw,
        customers.email_raw,
        customers.phone_raw,
        coalesce(customers.address_line1_raw, latest_billing.billing_address_line1)
            as address_line1_raw,
        customers.address_line2_raw,
        coalesce(customers.city_raw, latest_billing.billing_city) as city_raw,
        customers.region_raw,
        coalesce(customers.postal_code_raw, latest_billing.billing_postal_code) as postal_code_raw,
        coalesce(customers.country_raw, latest_billing.billing_country_code) as country_raw,
        customers.first_name_raw is null and latest_billing.billing_name is not null
            as is_identified_by_billing
    from customers
    left join latest_billing
        on
            customers.shop_customer_id = latest_billing.shop_customer_id
            and latest_billing.recency_rank = 1
),

{{ scv.standardize_person('combined') }}

select * from person_standardized
