-- A warning, not an error: the steward decisions this run could not apply, with why
-- (int_identity_steward_decisions). They stay in their seeds and apply once their
-- records are back; fix or remove a mistyped one.
{{ config(severity='warn') }}

select
    decision_type,
    record_id_a,
    record_id_b,
    not_applied_reason
from {{ ref('int_identity_steward_decisions') }}
where not is_applied
