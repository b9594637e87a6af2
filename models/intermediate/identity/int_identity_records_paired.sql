-- depends_on: {{ ref('int_identity_pairs_compared') }}
-- depends_on: {{ ref('int_identity_records_touched') }}
{{ config(
    materialized=scv.pair_materialization(),
    incremental_strategy='append',
    on_schema_change='sync_all_columns',
    pre_hook="{{ scv.delete_touched_records() }}",
) }}
{#
    The person records as this run's pair models saw them (their blocking columns and
    fingerprints): int_identity_records_fingerprinted as of after the pairs (it depends on int_identity_pairs_compared), so the next run's
    int_identity_records_touched reads it as the last run's records. Incremental: only
    the touched records' rows are replaced (the others' fingerprints did not change); a
    gone record's row is deleted. If a pair model fails, this model is skipped and the
    next run recomputes the same records again. One row per person record.
#}

-- noqa: disable=LT02
select
    fingerprints.person_record_id,
    {% for column in scv.blocking_state_columns() -%}
    person_records.{{ column }},
    {% endfor -%}
    fingerprints.record_fingerprint,
    fingerprints.configuration_fingerprint
from {{ ref('int_identity_records_fingerprinted') }} as fingerprints
inner join {{ ref('int_person_records_unioned') }} as person_records
    on fingerprints.person_record_id = person_records.person_record_id
{%- if is_incremental() %}
where fingerprints.person_record_id in (
    select touched.person_record_id from {{ ref('int_identity_records_touched') }} as touched
)
{%- endif %}
