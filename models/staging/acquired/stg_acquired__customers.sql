{{ scv.select_valid_rows(ref('base_acquired__customers')) }}
