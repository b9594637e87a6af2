{{ scv.select_valid_rows(ref('base_shop__orders')) }}
