{#
    Conversion attribution: for every conversion (a qualifying purchase, var
    scv__journeys.attribution), the customer's touchpoints in the lookback window before
    it and the credit each gets under five models: first touch, last touch, linear, time
    decay (weight halves every time_decay_half_life_days) and position based (first and
    last touch get their share, the middle touches split the rest). Web and app count
    once per session. Under every model a conversion's credits sum to 1; a conversion
    with no touchpoint in the window gets one row with no touchpoint (channel 'none')
    and all the credit. Incremental by customer, like journey_stages. One row per
    conversion and credited touchpoint.
#}
{{
    config(
        materialized='incremental',
        unique_key='customer_id',
        incremental_strategy=scv.event_incremental_strategy(),
        on_schema_change='fail',
        pre_hook="{{ scv.journey_delete_customers_to_rebuild(ref('journey_touchpoints')) }}",
        post_hook="{{ scv.journey_delete_customers_without_touchpoints(ref('journey_touchpoints')) }}",
    )
}}
{%- set attribution = var('scv__journeys').attribution -%}
{%- set lookback_days = attribution.lookback_days -%}
{%- set half_life_seconds = attribution.time_decay_half_life_days * 86400 -%}
{%- set first_share = attribution.position_based.first -%}
{%- set last_share = attribution.position_based.last -%}
{%- set middle_share = 1 - first_share - last_share -%}
{%- if first_share < 0 or last_share < 0 or middle_share < -0.000001 -%}
    {{ exceptions.raise_compiler_error(
        "scv__journeys.attribution.position_based: first and last must be >= 0 and sum to at most 1, got "
        ~ first_share ~ " and " ~ last_share) }}
{%- endif -%}
{%- set touch_types = attribution.touch_types | reject('equalto', 'web_session') | list -%}
{%- set conversion_types = "'" ~ attribution.conversion_types | join("', '") ~ "'" -%}
{%- set touch_type_list = "'" ~ touch_types | join("', '") ~ "'" -%}

with

identified_touchpoints as (
    select * from {{ ref('journey_touchpoints') }}
    where customer_id is not null
),

{% if scv.is_incremental_run() %}
customers_to_rebuild as (
    {{ scv.journey_customers_to_rebuild(ref('journey_touchpoints')) }}
),

touchpoints as (
    select identified_touchpoints.*
    from identified_touchpoints
    inner join customers_to_rebuild
        on identified_touchpoints.customer_id = customers_to_rebuild.customer_id
),
{% else %}
    touchpoints as (
        select * from identified_touchpoints
    ),
{% endif %}

conversions as (
    select
        touchpoint_id as conversion_id,
        customer_id,
        interaction_type as conversion_type,
        occurred_at as converted_at,
        amount as conversion_amount,
        stitched_at
    from touchpoints
    where
        interaction_type in ({{ conversion_types }})
        {%- if attribution.qualifying_only %}
            and is_purchase
        {%- endif %}
),

touches as (
    {% if 'web_session' in attribution.touch_types -%}
        select
            session_id as touch_id,
            customer_id,
            'web_session' as touch_type,
            channel,
            started_at as touched_at
        from {{ ref('journey_sessions') }}
        where customer_id is not null
        {%- if touch_types %}
            union all
        {%- endif %}
    {%- endif %}
    {%- if touch_types %}
        select
            touchpoint_id as touch_id,
            customer_id,
            interaction_type as touch_type,
            channel,
            occurred_at as touched_at
        from touchpoints
        where
            interaction_type in ({{ touch_type_list }})
    {%- endif %}
),

conversion_touches as (
    select
        conversions.conversion_id,
        conversions.customer_id,
        conversions.conversion_type,
        conversions.converted_at,
        conversions.conversion_amount,
        conversions.stitched_at,
        touches.touch_id,
        touches.touch_type,
        touches.channel,
        touches.touched_at,
        {{ scv.seconds_between('touches.touched_at', 'conversions.converted_at') }}
            as seconds_before_conversion
    from conversions
    left join touches
        on
            conversions.customer_id = touches.customer_id
            and conversions.converted_at > touches.touched_at
            and touches.touched_at
            >= {{ dbt.dateadd('day', -lookback_days, 'conversions.converted_at') }}
),

touches_ranked as (
    select
        *,
        count(touch_id) over (partition by conversion_id) as touch_count,
        row_number() over (
            partition by conversion_id
            order by touched_at asc, touch_id asc
        ) as touch_position,
        power(0.5, seconds_before_conversion / {{ half_life_seconds }}.0) as decay_weight
    from conversion_touches
),

touches_weighted as (
    select
        *,
        sum(decay_weight) over (partition by conversion_id) as decay_weight_total
    from touches_ranked
)

select
    concat(conversion_id, '|', coalesce(touch_id, 'none')) as attribution_id,
    conversion_id,
    customer_id,
    conversion_type,
    converted_at,
    conversion_amount,
    touch_id,
    touch_type,
    coalesce(channel, 'none') as channel,
    touched_at,
    cast(touch_position as bigint) as touch_position,
    cast(touch_count as bigint) as touch_count,
    cast(seconds_before_conversion as bigint) as seconds_before_conversion,
    cast(case
        when touch_count = 0 or touch_position = 1 then 1.0 else 0.0
    end as double) as first_touch_credit,
    cast(case
        when touch_count = 0 or touch_position = touch_count then 1.0 else 0.0
    end as double) as last_touch_credit,
    cast(case
        when touch_count = 0 then 1.0 else 1.0 / touch_count
    end as double) as linear_credit,
    cast(case
        when touch_count = 0 then 1.0 else decay_weight / decay_weight_total
    end as double) as time_decay_credit,
    cast(case
        when touch_count <= 1 then 1.0
        when touch_count = 2 then 0.5
        when touch_position = 1 then {{ first_share }}
        when touch_position = touch_count then {{ last_share }}
        else {{ middle_share }} / (touch_count - 2)
    end as double) as position_based_credit,
    stitched_at
from touches_weighted
