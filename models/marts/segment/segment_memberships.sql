{#
    Segment membership with history: when each customer entered each segment and when
    they left it (dates are the data's as-of date, so a re-run on the same data changes
    nothing). Incremental and never rebuilt from scratch in normal runs: a run opens a
    membership for every new member and closes the open memberships of customers who no
    longer qualify, whose customer_id was merged away, or whose segment was removed from
    var scv__segments. A full refresh starts the history again. (On Spark without Delta
    or Iceberg every run is a full refresh: history needs a table format with deletes.)
    One row per membership spell.
#}
{{
    config(
        materialized='incremental',
        unique_key='membership_id',
        incremental_strategy=scv.event_incremental_strategy(),
        on_schema_change='fail',
    )
}}
{%- set segment_names = [] -%}
{%- for segment in scv.segments() -%}
    {%- do segment_names.append("'" ~ segment.name ~ "'") -%}
{%- endfor %}
-- depends_on: {{ ref('customers') }}

with

members as (
    select
        segment_name,
        customer_id
    from {{ ref('int_segment_members_current') }}
),

as_of as (
    select max(as_of_date) as as_of_date
    from {{ ref('int_customer_segment_features') }}
),

{% if scv.is_incremental_run() %}
customers as (
    select customer_id from {{ ref('customers') }}
),

open_memberships as (
    select * from {{ this }}
    where left_on is null
),

entries as (
    select
        members.segment_name,
        members.customer_id
    from members
    left join open_memberships
        on
            members.segment_name = open_memberships.segment_name
            and members.customer_id = open_memberships.customer_id
    where open_memberships.membership_id is null
),

exits as (
    select
        open_memberships.membership_id,
        open_memberships.segment_name,
        open_memberships.customer_id,
        open_memberships.entered_on,
        as_of.as_of_date as left_on,
        case
            when open_memberships.segment_name not in ({{ segment_names | join(', ') or "''" }})
                then 'segment_removed'
            when customers.customer_id is null then 'customer_merged'
            else 'no_longer_qualifies'
        end as left_reason
    from open_memberships
    cross join as_of
    left join members
        on
            open_memberships.segment_name = members.segment_name
            and open_memberships.customer_id = members.customer_id
    left join customers
        on open_memberships.customer_id = customers.customer_id
    where members.customer_id is null
),
{% else %}
    entries as (
        select
            segment_name,
            customer_id
        from members
    ),

    exits as (
        select
            cast(null as {{ dbt.type_string() }}) as membership_id,
            cast(null as {{ dbt.type_string() }}) as segment_name,
            cast(null as {{ dbt.type_string() }}) as customer_id,
            cast(null as date) as entered_on,
            cast(null as date) as left_on,
            cast(null as {{ dbt.type_string() }}) as left_reason
        from as_of
        where 1 = 0
    ),
{% endif %}

memberships as (
    select
        concat(
            entries.segment_name, '|', entries.customer_id, '|',
            cast(as_of.as_of_date as {{ dbt.type_string() }})
        ) as membership_id,
        entries.segment_name,
        entries.customer_id,
        as_of.as_of_date as entered_on,
        cast(null as date) as left_on,
        cast(null as {{ dbt.type_string() }}) as left_reason
    from entries
    cross join as_of
    union all
    select * from exits
)

select
    membership_id,
    segment_name,
    customer_id,
    cast(entered_on as date) as entered_on,
    cast(left_on as date) as left_on,
    left_reason,
    left_on is null as is_current
from memberships
