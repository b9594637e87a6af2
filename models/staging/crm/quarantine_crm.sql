{{ scv.quarantine_union('crm', [
    {'table': 'contacts', 'model': 'base_crm__contacts', 'id': 'crm_contact_id'},
    {'table': 'accounts', 'model': 'base_crm__accounts', 'id': 'crm_account_id'},
    {'table': 'activities', 'model': 'base_crm__activities', 'id': 'crm_activity_id'},
]) }}
