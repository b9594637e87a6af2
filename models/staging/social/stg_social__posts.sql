{{ scv.select_valid_rows(ref('base_social__posts')) }}
