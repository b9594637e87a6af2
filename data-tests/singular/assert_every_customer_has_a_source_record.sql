-- Every customer of the customers mart has at least one source record in the
-- cross-reference (and the count in customers agrees with it).
with

record_counts as (
    select customer_id, count(*) as records
    from {{ ref('customer_source_records') }}
    group by customer_id
)

select customers.customer_id
from {{ ref('customers') }} as customers
left join record_counts
    on customers.customer_id = record_counts.customer_id
where
    record_counts.customer_id is null
    or record_counts.records != customers.source_record_count
