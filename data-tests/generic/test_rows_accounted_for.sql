{#
    Row accounting: every raw row of a source table is either staged or quarantined,
    never both and never lost. Fails with one row showing the three counts.

    data_tests:
      - scv.rows_accounted_for:
          arguments:
            staged: ref('stg_crm__contacts')
            quarantined: ref('quarantine_crm')
            source_table: contacts
#}
{% test rows_accounted_for(model, staged, quarantined, source_table) %}

with

raw_rows as (
    select count(*) as row_count from {{ model }}
),

staged_rows as (
    select count(*) as row_count from {{ staged }}
),

quarantined_rows as (
    select count(*) as row_count
    from {{ quarantined }}
    where source_table = '{{ source_table }}'
)

select
    raw_rows.row_count as raw_row_count,
    staged_rows.row_count as staged_row_count,
    quarantined_rows.row_count as quarantined_row_count
from raw_rows
cross join staged_rows
cross join quarantined_rows
where raw_rows.row_count != staged_rows.row_count + quarantined_rows.row_count

{% endtest %}
