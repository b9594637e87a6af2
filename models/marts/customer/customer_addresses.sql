{#
    Every address of every customer, typed: home (a person record's own address), work
    (the address of a B2B contact, at their company), billing and shipping (web shop
    orders). Per customer and type the most recently seen address is current, the others
    previous; the golden address (survivorship) is primary, the rest secondary. One row
    per customer, address type and address.
#}

with

details as (
    select * from {{ ref('int_person_record_details') }}
),

golden_address as (
    select
        customer_id,
        value_key as address_key
    from {{ ref('int_customer_attributes_survived') }}
    where attribute_name = 'address'
),

orders as (
    select * from {{ ref('stg_shop__orders') }}
    where shop_customer_id is not null
),

record_addresses as (
    select
        details.customer_id,
        case when details.company_name is not null then 'work' else 'home' end as address_type,
        details.address_line1,
        details.address_line2,
        details.city,
        details.region,
        details.postal_code,
        details.country_code,
        details.street_key,
        details.source_system,
        details.person_record_id as source_reference,
        details.observed_at
    from details
    where details.address_line1 is not null and details.postal_code is not null
),

-- an order's billing and its shipping address, each an observation of its own
-- (sqlfluff misreads the indent of a loop of CTEs)
-- noqa: disable=LT02
{% for address_type in ['billing', 'shipping'] %}
{{ address_type }}_addresses as (
    select
        details.customer_id,
        '{{ address_type }}' as address_type,
        orders.{{ address_type }}_address_line1 as address_line1,
        cast(null as {{ dbt.type_string() }}) as address_line2,
        orders.{{ address_type }}_city as city,
        cast(null as {{ dbt.type_string() }}) as region,
        orders.{{ address_type }}_postal_code as postal_code,
        orders.{{ address_type }}_country_code as country_code,
        orders.{{ address_type }}_street_key as street_key,
        'shop' as source_system,
        concat('shop:orders:', orders.shop_order_id) as source_reference,
        orders.ordered_at as observed_at
    from orders
    inner join details
        on concat('shop:customers:', orders.shop_customer_id) = details.person_record_id
    where
        orders.{{ address_type }}_address_line1 is not null
        and orders.{{ address_type }}_postal_code is not null
),
{% endfor %}
-- noqa: enable=LT02

observations as (
    select
        *,
        concat(coalesce(street_key, ''), '|', upper(postal_code)) as address_key
    from (
        select * from record_addresses
        union all
        select * from billing_addresses
        union all
        select * from shipping_addresses
    ) as all_addresses
),

latest_observation as (
    select
        *,
        row_number() over (
            partition by customer_id, address_type, address_key
            order by observed_at desc nulls last, source_reference desc
        ) as observation_rank
    from observations
),

spans as (
    select
        customer_id,
        address_type,
        address_key,
        min(observed_at) as first_seen_at,
        max(observed_at) as last_seen_at,
        count(*) as observation_count
    from observations
    group by 1, 2, 3
),

addresses as (
    select
        latest.customer_id,
        latest.address_type,
        latest.address_key,
        latest.address_line1,
        latest.address_line2,
        latest.city,
        latest.region,
        latest.postal_code,
        latest.country_code,
        latest.source_system as latest_source_system,
        latest.source_reference as latest_source_reference,
        spans.first_seen_at,
        spans.last_seen_at,
        spans.observation_count
    from latest_observation as latest
    inner join spans
        on
            latest.customer_id = spans.customer_id
            and latest.address_type = spans.address_type
            and latest.address_key = spans.address_key
    where latest.observation_rank = 1
),

ranked as (
    select
        addresses.*,
        row_number() over (
            partition by addresses.customer_id, addresses.address_type
            order by addresses.last_seen_at desc nulls last, addresses.address_key asc
        ) as recency_rank
    from addresses
)

select
    {{ scv.sha256(
        "concat(ranked.customer_id, '|', ranked.address_type, '|', ranked.address_key)"
    ) }} as customer_address_id,
    ranked.customer_id,
    ranked.address_type,
    ranked.address_line1,
    ranked.address_line2,
    ranked.city,
    ranked.region,
    ranked.postal_code,
    ranked.country_code,
    ranked.recency_rank = 1 as is_current,
    coalesce(golden_address.address_key = ranked.address_key, false) as is_primary,
    ranked.first_seen_at,
    ranked.last_seen_at,
    ranked.observation_count,
    ranked.latest_source_system,
    ranked.latest_source_reference
from ranked
left join golden_address
    on ranked.customer_id = golden_address.customer_id
