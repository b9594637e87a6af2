{#
    Golden-record history in business time (SCD type 2): for each customer and attribute,
    the values its source records held over time, from when a value was first seen until
    another value replaced it. A marriage shows as a last-name change, a move as an
    address change, a new phone as a phone change, and a death as is_deceased turning
    'true' (seen on the record that reports it). Query a date with
    valid_from <= d and (valid_to > d or valid_to is null). Run-time history of the whole
    golden row is the snapshot customers_snapshot. One row per customer, attribute and
    period.
#}
{%- set tracked = "'first_name', 'last_name', 'email', 'phone', 'address'" -%}

with

candidates as (
    select
        customer_id,
        attribute_name,
        value_key,
        display_value,
        observed_at
    from {{ ref('int_customer_attribute_candidates') }}
    where
        attribute_name in ({{ tracked }})
        and observed_at is not null
        -- what records held, not what survivorship read from an email address
        and not is_from_email
),

deaths as (
    select
        customer_id,
        'is_deceased' as attribute_name,
        'true' as value_key,
        'true' as display_value,
        observed_at
    from {{ ref('int_person_record_details') }}
    where is_deceased and observed_at is not null
),

observations as (
    select * from candidates
    union all
    select * from deaths
),

-- one observation per customer, attribute and instant (the lowest value on a tie)
per_instant as (
    select
        customer_id,
        attribute_name,
        observed_at,
        min(value_key) as value_key,
        min(display_value) as display_value
    from observations
    group by 1, 2, 3
),

changes as (
    select
        *,
        case
            when
                lag(value_key) over (
                    partition by customer_id, attribute_name order by observed_at asc
                ) = value_key
                then 0
            else 1
        end as is_change
    from per_instant
),

periods as (
    select
        *,
        sum(is_change) over (
            partition by customer_id, attribute_name
            order by observed_at asc
            rows between unbounded preceding and current row
        ) as period_number
    from changes
),

collapsed as (
    select
        customer_id,
        attribute_name,
        period_number,
        min(value_key) as value_key,
        min(display_value) as attribute_value,
        min(observed_at) as valid_from,
        count(*) as observation_count
    from periods
    group by 1, 2, 3
)

select
    {{ scv.sha256(
        "concat(customer_id, '|', attribute_name, '|', cast(period_number as "
        ~ dbt.type_string() ~ "))"
    ) }} as customer_attribute_history_id,
    customer_id,
    attribute_name,
    attribute_value,
    valid_from,
    lead(valid_from) over (partition by customer_id, attribute_name order by period_number asc)
        as valid_to,
    lead(valid_from) over (partition by customer_id, attribute_name order by period_number asc)
    is null as is_latest,
    observation_count
from collapsed
