{{ scv.select_valid_rows(ref('base_email__subscribers')) }}
