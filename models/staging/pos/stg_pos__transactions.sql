{{ scv.select_valid_rows(ref('base_pos__transactions')) }}
