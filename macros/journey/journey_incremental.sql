{#
    Incremental journey marts rebuild whole customers: the customers of every touchpoint
    journey_touchpoints (re)computed since this model last ran (stitched_at after the
    model's own latest stitched_at), and the customers such touchpoints belonged to
    before they were re-stitched (previous_customer_id). Used as
      ... where customer_id in ({{ scv.journey_customers_to_rebuild(ref('journey_touchpoints')) }})
    inside {% if scv.is_incremental_run() %}; the model is delete+insert on customer_id.
    A customer left with no touchpoints at all (merged away) has nothing to insert, so a
    post-hook deletes its rows: journey_delete_customers_without_touchpoints.
#}
{% macro journey_customers_to_rebuild(touchpoints) -%}
    select customer_id
    from {{ touchpoints }}
    where
        customer_id is not null
        and stitched_at > (select max(stitched_at) from {{ this }})
    union
    select previous_customer_id as customer_id
    from {{ touchpoints }}
    where
        previous_customer_id is not null
        and stitched_at > (select max(stitched_at) from {{ this }})
{%- endmacro %}


{% macro journey_delete_customers_without_touchpoints(touchpoints) -%}
    {%- if scv.is_incremental_run() -%}
        delete from {{ this }}
        where customer_id not in (
            select customer_id from {{ touchpoints }} where customer_id is not null
        )
    {%- endif -%}
{%- endmacro %}
