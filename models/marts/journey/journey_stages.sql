{#
    Each customer's journey through the stages (awareness, consideration, purchase,
    retention, advocacy) over time: consecutive touchpoints in the same stage (rules in
    var scv__journeys.stages) form one stage spell, which ends when the next begins.
    Incremental: a run rebuilds the customers whose touchpoints were (re)stitched since
    (macro journey_customers_to_rebuild). One row per customer and stage spell.
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

with

identified_touchpoints as (
    select
        touchpoint_id,
        customer_id,
        occurred_at,
        interaction_type,
        channel,
        is_purchase,
        stitched_at
    from {{ ref('journey_touchpoints') }}
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

purchases_counted as (
    select
        *,
        coalesce(
            sum(case when is_purchase then 1 else 0 end) over (
                partition by customer_id
                order by occurred_at asc, touchpoint_id asc
                rows between unbounded preceding and 1 preceding
            ),
            0
        ) as purchases_before
    from touchpoints
),

staged as (
    select
        touchpoint_id,
        customer_id,
        occurred_at,
        channel,
        stitched_at,
        {{ scv.journey_stage('interaction_type', 'purchases_before') }} as journey_stage
    from purchases_counted
),

stage_changes_flagged as (
    select
        *,
        case
            when journey_stage = lag(journey_stage) over (
                partition by customer_id
                order by occurred_at asc, touchpoint_id asc
            ) then 0
            else 1
        end as is_stage_change
    from staged
    where journey_stage is not null
),

spells_numbered as (
    select
        *,
        sum(is_stage_change) over (
            partition by customer_id
            order by occurred_at asc, touchpoint_id asc
            rows between unbounded preceding and current row
        ) as stage_sequence
    from stage_changes_flagged
),

spell_entries as (
    select
        customer_id,
        stage_sequence,
        touchpoint_id as entered_via_touchpoint_id,
        channel as entered_via_channel
    from spells_numbered
    where is_stage_change = 1
),

spells as (
    select
        customer_id,
        stage_sequence,
        min(journey_stage) as journey_stage,
        min(occurred_at) as entered_at,
        max(occurred_at) as last_touch_at,
        count(*) as touchpoint_count,
        max(stitched_at) as stitched_at
    from spells_numbered
    group by 1, 2
)

select
    concat(spells.customer_id, ':', cast(spells.stage_sequence as {{ dbt.type_string() }}))
        as customer_stage_id,
    spells.customer_id,
    cast(spells.stage_sequence as bigint) as stage_sequence,
    spells.journey_stage,
    spells.entered_at,
    lead(spells.entered_at) over (
        partition by spells.customer_id
        order by spells.stage_sequence asc
    ) as exited_at,
    spells.last_touch_at,
    cast(spells.touchpoint_count as bigint) as touchpoint_count,
    spell_entries.entered_via_touchpoint_id,
    spell_entries.entered_via_channel,
    lead(spells.journey_stage) over (
        partition by spells.customer_id
        order by spells.stage_sequence asc
    ) is null as is_current_stage,
    spells.stitched_at
from spells
inner join spell_entries
    on
        spells.customer_id = spell_entries.customer_id
        and spells.stage_sequence = spell_entries.stage_sequence
