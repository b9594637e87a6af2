{#
    The declarative segments as configured (var scv__segments), with the SQL condition
    each compiles to and its current size. One row per segment.
#}
{%- set rows = [] -%}
{%- for segment in scv.segments() -%}
    {%- do rows.append(
        "select '" ~ segment.name ~ "' as segment_name, "
        ~ scv.segment_literal(segment.name, segment.description) ~ " as description, "
        ~ scv.segment_literal(segment.name, scv.segment_condition(segment.name, segment.where)) ~ " as condition_sql"
    ) -%}
{%- endfor -%}
{%- if not rows -%}
    {%- do rows.append(
        "select cast(null as " ~ dbt.type_string() ~ ") as segment_name, cast(null as "
        ~ dbt.type_string() ~ ") as description, cast(null as " ~ dbt.type_string()
        ~ ") as condition_sql from (select 1 as one) as nothing where 1 = 0"
    ) -%}
{%- endif -%}

with

definitions as (
    {{ rows | join('\n    union all\n    ') }}
),

member_counts as (
    select
        segment_name,
        count(*) as member_count
    from {{ ref('int_segment_members_current') }}
    group by 1
)

select
    definitions.segment_name,
    definitions.description,
    definitions.condition_sql,
    cast(coalesce(member_counts.member_count, 0) as bigint) as member_count
from definitions
left join member_counts
    on definitions.segment_name = member_counts.segment_name
