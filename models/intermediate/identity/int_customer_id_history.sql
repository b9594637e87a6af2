{{ config(materialized='incremental', on_schema_change='append_new_columns', full_refresh=false) }}
{#
    Every creation, merge and split of a customer_id, with the run (dbt invocation) that
    made it. Appended on every run; a full refresh starts the history again.
      created  a new customer (none of its records had an id before)
      merged   customer_id was merged into related_customer_id (the survivor)
      split    customer_id was split off related_customer_id (which lives on)
    One row per event.
#}

with

assigned as (
    select * from {{ ref('int_customer_ids_assigned') }}
    where assigned_in_invocation = '{{ invocation_id }}' and is_current
),

current_ids as (
    select distinct customer_id from assigned
),

moves as (
    select distinct
        previous_customer_id,
        customer_id
    from assigned
    where previous_customer_id is not null and previous_customer_id != customer_id
),

merged as (
    select
        'merged' as event_type,
        moves.previous_customer_id as customer_id,
        moves.customer_id as related_customer_id
    from moves
    left join current_ids
        on moves.previous_customer_id = current_ids.customer_id
    where current_ids.customer_id is null
),

previous_ids as (
    select distinct previous_customer_id from assigned
),

new_customers as (
    select
        assigned.customer_id,
        max(case when assigned.previous_customer_id is not null then 1 else 0 end) as had_ids
    from assigned
    left join previous_ids
        on assigned.customer_id = previous_ids.previous_customer_id
    where previous_ids.previous_customer_id is null
    group by 1
),

created as (
    select
        'created' as event_type,
        customer_id,
        cast(null as {{ dbt.type_string() }}) as related_customer_id
    from new_customers
    where had_ids = 0
),

split as (
    select
        'split' as event_type,
        moves.customer_id,
        moves.previous_customer_id as related_customer_id
    from moves
    inner join new_customers
        on moves.customer_id = new_customers.customer_id
    inner join current_ids
        on moves.previous_customer_id = current_ids.customer_id
)

select
    event_type,
    customer_id,
    related_customer_id,
    '{{ invocation_id }}' as invocation_id,
    cast({{ dbt.current_timestamp() }} as {{ dbt.type_timestamp() }}) as recorded_at
from (
    select * from created
    union all
    select * from merged
    union all
    select * from split
) as events
