{{ scv.select_valid_rows(ref('base_crm__contacts')) }}
