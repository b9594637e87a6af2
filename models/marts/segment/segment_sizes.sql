{#
    Segment sizes over time, from the membership history: for every date on which a
    segment's membership changed (and the latest data date), how many customers were
    in it and how many entered and left that day. One row per segment and date.
#}

with

memberships as (
    select * from {{ ref('segment_memberships') }}
),

as_of as (
    select max(as_of_date) as as_of_date
    from {{ ref('int_customer_segment_features') }}
),

segment_dates as (
    select
        segment_name,
        entered_on as size_date
    from memberships
    union
    select
        segment_name,
        left_on as size_date
    from memberships
    where left_on is not null
    union
    select
        definitions.segment_name,
        as_of.as_of_date as size_date
    from {{ ref('segment_definitions') }} as definitions
    cross join as_of
)

select
    concat(
        segment_dates.segment_name, '|', cast(segment_dates.size_date as {{ dbt.type_string() }})
    ) as segment_size_id,
    segment_dates.segment_name,
    cast(segment_dates.size_date as date) as size_date,
    cast(sum(case
        when
            memberships.entered_on <= segment_dates.size_date
            and (memberships.left_on is null or memberships.left_on > segment_dates.size_date)
            then 1
        else 0
    end) as bigint) as member_count,
    cast(
        sum(case when memberships.entered_on = segment_dates.size_date then 1 else 0 end)
        as bigint
    ) as entered_count,
    cast(
        sum(case when memberships.left_on = segment_dates.size_date then 1 else 0 end)
        as bigint
    ) as left_count
from segment_dates
left join memberships
    on segment_dates.segment_name = memberships.segment_name
group by 1, 2, 3
