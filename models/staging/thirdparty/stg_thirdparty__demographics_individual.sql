{{ scv.select_valid_rows(ref('base_thirdparty__demographics_individual')) }}
