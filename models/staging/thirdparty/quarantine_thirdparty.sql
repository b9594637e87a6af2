{{ scv.quarantine_union('thirdparty', [
    {'table': 'demographics_postal', 'model': 'base_thirdparty__demographics_postal', 'id': 'postal_area_id'},
    {'table': 'demographics_individual', 'model': 'base_thirdparty__demographics_individual', 'id': 'email_sha256'},
    {'table': 'firmographics', 'model': 'base_thirdparty__firmographics', 'id': 'company_domain'},
]) }}
