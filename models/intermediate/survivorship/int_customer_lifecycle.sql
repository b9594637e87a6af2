{#
    Lifecycle status of every customer as of the lifecycle date (var scv__lifecycle):
      customer        a purchase within customer_window_days
      ex_customer     purchased before, not within the window
      new_prospect    never purchased, first seen within new_prospect_window_days
      known_prospect  never purchased, seen earlier, and reachable (a valid email or phone)
      unknown         never purchased and not reachable (e.g. only a social profile)
    The acquired company's own status (acquired_status_map) is evidence too: the stronger
    of the two statuses wins. One row per customer.
#}
{%- set lifecycle = var('scv__lifecycle') -%}
{%- set ranks = {
    'customer': 5, 'ex_customer': 4, 'known_prospect': 3, 'new_prospect': 2, 'unknown': 1
} -%}
{%- for status in lifecycle.acquired_status_map.values() -%}
    {%- if status not in ranks -%}
        {{ exceptions.raise_compiler_error(
            "scv__lifecycle.acquired_status_map: '" ~ status ~ "' is not a lifecycle status ("
            ~ ranks.keys() | join(', ') ~ ")"
        ) }}
    {%- endif -%}
{%- endfor %}
{%- set acquired_whens = [] -%}
{%- for source_status, status in lifecycle.acquired_status_map.items() -%}
    {%- do acquired_whens.append("when '" ~ source_status ~ "' then " ~ ranks[status]) -%}
{%- endfor -%}
{%- set status_whens = [] -%}
{%- for status, rank in ranks.items() -%}
    {%- do status_whens.append("when " ~ rank ~ " then '" ~ status ~ "'") -%}
{%- endfor -%}
{%- set customer_since = dbt.dateadd('day', -lifecycle.customer_window_days, 'as_of.as_of_date') -%}
{%- set new_since = dbt.dateadd('day', -lifecycle.new_prospect_window_days, 'as_of.as_of_date') -%}
{%- set as_of_sql = (
    "select cast('" ~ lifecycle.as_of ~ "' as date) as as_of_date"
    if lifecycle.as_of
    else "select cast(max(occurred_at) as date) as as_of_date from interactions"
) %}

with

details as (
    select * from {{ ref('int_person_record_details') }}
),

interactions as (
    select * from {{ ref('int_customer_interactions') }}
),

acquired as (
    select
        acquired_customer_id,
        acquired_status
    from {{ ref('stg_acquired__customers') }}
),

as_of as (
    {{ as_of_sql }}
),

records as (
    select
        customer_id,
        min(record_created_at) as first_record_created_at,
        max(case when is_email_valid or phone_e164 is not null then 1 else 0 end)
            as is_reachable
    from details
    group by 1
),

activity as (
    select
        customer_id,
        min(occurred_at) as first_interaction_at,
        max(case when is_purchase then occurred_at end) as last_purchase_at,
        min(case when is_purchase then occurred_at end) as first_purchase_at,
        cast(sum(case when is_purchase then 1 else 0 end) as bigint) as purchase_count
    from interactions
    group by 1
),

acquired_status as (
    select
        details.customer_id,
        max(case acquired.acquired_status {{ acquired_whens | join(' ') }} end)
            as acquired_status_rank
    from details
    inner join acquired
        on
            details.source_system = 'acquired'
            and details.source_record_id = acquired.acquired_customer_id
    group by 1
),

sightings as (
    select
        records.customer_id,
        records.is_reachable,
        activity.first_purchase_at,
        activity.last_purchase_at,
        coalesce(activity.purchase_count, 0) as purchase_count,
        least(
            coalesce(records.first_record_created_at, activity.first_interaction_at),
            coalesce(activity.first_interaction_at, records.first_record_created_at)
        ) as first_seen_at
    from records
    left join activity
        on records.customer_id = activity.customer_id
),

own_status as (
    select
        sightings.customer_id,
        as_of.as_of_date,
        sightings.first_purchase_at,
        sightings.last_purchase_at,
        sightings.purchase_count,
        sightings.first_seen_at,
        case
            when sightings.last_purchase_at >= {{ customer_since }} then {{ ranks.customer }}
            when sightings.last_purchase_at is not null then {{ ranks.ex_customer }}
            when sightings.first_seen_at >= {{ new_since }} then {{ ranks.new_prospect }}
            when sightings.is_reachable = 1 then {{ ranks.known_prospect }}
            else {{ ranks.unknown }}
        end as own_status_rank
    from sightings
    cross join as_of
),

combined as (
    select
        own_status.*,
        acquired_status.acquired_status_rank,
        greatest(
            own_status.own_status_rank, coalesce(acquired_status.acquired_status_rank, 0)
        ) as status_rank
    from own_status
    left join acquired_status
        on own_status.customer_id = acquired_status.customer_id
)

select
    customer_id,
    as_of_date as lifecycle_as_of_date,
    case status_rank {{ status_whens | join(' ') }} end as lifecycle_status,
    case
        when coalesce(acquired_status_rank, 0) > own_status_rank then 'acquired_company_status'
        else 'own_activity'
    end as lifecycle_status_basis,
    first_purchase_at,
    last_purchase_at,
    purchase_count,
    first_seen_at
from combined
