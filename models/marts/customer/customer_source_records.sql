{#
    The cross-reference apps use to find "their" record: every person record of every
    source system with the customer it belongs to. One row per source record.
#}

with

customer_ids as (
    select * from {{ ref('int_customer_ids_assigned') }}
    where is_current
),

details as (
    select * from {{ ref('int_person_record_details') }}
),

golden_sources as (
    select
        winning_record_id as person_record_id,
        {{ scv.sorted_list('attribute_name') }}
            as golden_attributes
    from {{ ref('int_customer_attributes_survived') }}
    group by 1
)

select
    customer_ids.person_record_id,
    customer_ids.customer_id,
    details.source_system,
    details.source_table,
    details.source_record_id,
    details.record_created_at,
    details.record_updated_at,
    customer_ids.assigned_at as customer_assigned_at,
    golden_sources.golden_attributes,
    golden_sources.person_record_id is not null as is_golden_source
from customer_ids
inner join details
    on customer_ids.person_record_id = details.person_record_id
left join golden_sources
    on customer_ids.person_record_id = golden_sources.person_record_id
