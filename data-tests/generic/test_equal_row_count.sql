{#
    The model has as many rows as another: a model that only adds columns to each row
    of its input (left joins to lookups) neither drops nor repeats one. With the input's
    own key test this is the model's key test too, at the cost of two counts instead of
    a group by over every row. Fails with one row showing both counts.

    data_tests:
      - scv.equal_row_count:
          arguments:
            compare_model: ref('int_identity_pairs_compared')
#}
{% test equal_row_count(model, compare_model) %}

with

model_rows as (
    select count(*) as row_count from {{ model }}
),

compared_rows as (
    select count(*) as row_count from {{ compare_model }}
)

select
    model_rows.row_count as model_row_count,
    compared_rows.row_count as compare_model_row_count
from model_rows
cross join compared_rows
where model_rows.row_count != compared_rows.row_count

{% endtest %}
