{#
    The m and u probabilities scoring uses: the ones estimated in this run, or, when var
    scv__pin_match_parameters is true, the ones in seed match_parameters_pinned (copy a
    row set from int_match_parameters_history to pin a run's parameters).
    One row per comparison and level, plus the prior.
#}

{% if scv.identity_setting('scv__pin_match_parameters') %}
select
    comparison,
    level,
    m_probability,
    u_probability,
    'pinned' as parameter_origin
from {{ ref('match_parameters_pinned') }}
{% else %}
select
    comparison,
    level,
    m_probability,
    u_probability,
    'estimated' as parameter_origin
from {{ ref('int_match_parameters_estimated') }}
{% endif %}
