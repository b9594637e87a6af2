-- depends_on: {{ ref('int_identity_pairs_compared') }}
{#
    The person records as this run's pair models saw them: a copy of
    int_identity_records_fingerprinted made after the pairs (it depends on
    int_identity_pairs_compared), so the next run's int_identity_records_touched reads
    it as the last run's records. If a pair model fails, this model is skipped and the
    next run recomputes the same records again. One row per person record.
#}

-- noqa: disable=LT02
select
    person_record_id,
    {% for column in scv.blocking_state_columns() -%}
    {{ column }},
    {% endfor -%}
    record_fingerprint,
    configuration_fingerprint
from {{ ref('int_identity_records_fingerprinted') }}
