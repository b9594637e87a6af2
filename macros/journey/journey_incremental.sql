{#
    Incremental journey marts rebuild whole customers: the customers of every touchpoint
    journey_touchpoints (re)computed since this model last ran (stitched_at after the
    model's own latest stitched_at), and the customers such touchpoints belonged to
    before they were re-stitched (previous_customer_id). Used as
      ... where customer_id in ({{ scv.journey_customers_to_rebuild(ref('journey_touchpoints')) }})
    inside {% if scv.is_incremental_run() %}; the model is delete+insert on customer_id.
    delete+insert only replaces the customers the new rows hold: a customer whose rebuilt
    rows are none (a split left it one channel, so no switch; merged away) would keep its
    old rows. So a pre-hook deletes the rows of every customer to rebuild first
    (journey_delete_customers_to_rebuild), and a post-hook the rows of customers left
    with no touchpoint at all, such as when their source records are gone
    (journey_delete_customers_without_touchpoints).
#}
{% macro journey_customers_to_rebuild(touchpoints) -%}
    select customer_id
    from {{ touchpoints }}
    where
        customer_id is not null
        and stitched_at > {{ scv.journey_last_stitched_at() }}
    union
    select previous_customer_id as customer_id
    from {{ touchpoints }}
    where
        previous_customer_id is not null
        and stitched_at > {{ scv.journey_last_stitched_at() }}
{%- endmacro %}


{#
    The latest stitched_at of the incremental model's own rows, or the earliest time
    when it has none: the pre-hook may have deleted every row (every touchpoint was
    re-stitched, as after a full refresh of journey_touchpoints alone), or the model
    first ran on no data. Then the model rebuilds everything, as a full build would;
    a max over no rows (null) would rebuild nothing and leave the mart empty.
#}
{% macro journey_last_stitched_at() -%}
    coalesce(
        (select max(stitched_at) from {{ this }}),
        cast('1900-01-01 00:00:00' as {{ dbt.type_timestamp() }})
    )
{%- endmacro %}


{#- One statement: the subquery reads the model's rows as they were before the delete. -#}
{% macro journey_delete_customers_to_rebuild(touchpoints) -%}
    {%- if scv.is_incremental_run() -%}
        delete from {{ this }}
        where customer_id in ({{ scv.journey_customers_to_rebuild(touchpoints) }})
    {%- endif -%}
{%- endmacro %}


{% macro journey_delete_customers_without_touchpoints(touchpoints) -%}
    {%- if scv.is_incremental_run() -%}
        delete from {{ this }}
        where customer_id not in (
            select customer_id from {{ touchpoints }} where customer_id is not null
        )
    {%- endif -%}
{%- endmacro %}


{#
    Post-hook of an incremental model keyed by a source's rows: delete its rows whose key
    the source no longer holds (a record deleted at the source, an event past its
    retention); `where` limits it to some of the model's rows (a condition on them).
    No-op on a full build, which reads only what is there, and on Spark.
#}
{% macro delete_rows_gone_from(source, key, source_key=none, where=none) -%}
    {%- if scv.is_incremental_run() -%}
        delete from {{ this }} as stored_rows
        where
            {% if where %}({{ where }}) and {% endif %}not exists (
                select 1
                from {{ source }} as current_rows
                where current_rows.{{ source_key or key }} = stored_rows.{{ key }}
            )
    {%- endif -%}
{%- endmacro %}
