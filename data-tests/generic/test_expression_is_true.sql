{#
    Every row satisfies a SQL condition; failing rows are returned.
      data_tests:
        - scv.expression_is_true:
            arguments:
              expression: "record_id_a < record_id_b"
#}
{% test expression_is_true(model, expression) %}

select *
from {{ model }}
where not coalesce({{ expression }}, false)

{% endtest %}
