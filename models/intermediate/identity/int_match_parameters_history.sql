{{ config(materialized='incremental', on_schema_change='append_new_columns', full_refresh=false) }}
{#
    Every run's estimated parameters, kept: one row per run (invocation), comparison and
    level. Incremental append; a full refresh starts the history again.
#}

select
    estimated_in_invocation,
    estimated_at,
    comparison,
    level,
    m_probability,
    u_probability
from {{ ref('int_match_parameters_estimated') }}
