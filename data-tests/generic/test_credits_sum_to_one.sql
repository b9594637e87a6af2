{#
    Per group (a conversion), each credit column sums to 1 (within 1e-9): returns the
    groups where one does not.
      data_tests:
        - scv.credits_sum_to_one:
            arguments:
              group_by: conversion_id
              credit_columns: [first_touch_credit, linear_credit]
#}
{% test credits_sum_to_one(model, group_by, credit_columns) %}

select
    {{ group_by }},
    {%- for column in credit_columns %}
    sum({{ column }}) as {{ column }}_total{{ ',' if not loop.last }}
    {%- endfor %}
from {{ model }}
group by {{ group_by }}
having
    {%- for column in credit_columns %}
    abs(sum({{ column }}) - 1) > 0.000000001{{ ' or' if not loop.last }}
    {%- endfor %}

{% endtest %}
