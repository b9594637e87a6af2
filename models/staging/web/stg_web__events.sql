{{ scv.select_valid_rows(ref('base_web__events')) }}
