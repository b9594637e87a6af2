{#
    Who is in each declarative segment (var scv__segments) as of the latest data: each
    definition's condition compiled to SQL (macro segment_condition) and applied to
    int_customer_segment_features. A bad definition stops the build with a message
    naming the segment. One row per segment and member customer.
#}
{%- set features_relation = ref('int_customer_segment_features') -%}
{%- set columns = scv.segment_columns(features_relation) -%}
{%- set selects = [] -%}
{%- for segment in scv.segments() -%}
    {%- do selects.append(
        "select '" ~ segment.name ~ "' as segment_name, features.customer_id, features.as_of_date"
        ~ " from features where " ~ scv.segment_condition(segment.name, segment.where, columns)
    ) -%}
{%- endfor -%}
{%- if not selects -%}
    {%- do selects.append(
        "select cast(null as " ~ dbt.type_string() ~ ") as segment_name, features.customer_id,"
        ~ " features.as_of_date from features where 1 = 0"
    ) -%}
{%- endif -%}

with

features as (
    select * from {{ features_relation }}
),

members as (
    {{ selects | join('\n    union all\n    ') }}
)

select
    segment_name,
    customer_id,
    as_of_date
from members
