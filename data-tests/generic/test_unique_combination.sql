{#
    The combination of columns is unique: a composite key.
      data_tests:
        - scv.unique_combination:
            arguments:
              columns: [record_id_a, record_id_b]
#}
{% test unique_combination(model, columns) %}

select
    {{ columns | join(', ') }},
    count(*) as occurrences
from {{ model }}
group by {{ columns | join(', ') }}
having count(*) > 1

{% endtest %}
