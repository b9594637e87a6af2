{{ scv.select_valid_rows(ref('base_support__calls')) }}
