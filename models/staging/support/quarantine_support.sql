{{ scv.quarantine_union('support', [
    {'table': 'users', 'model': 'base_support__users', 'id': 'support_user_id'},
    {'table': 'tickets', 'model': 'base_support__tickets', 'id': 'support_ticket_id'},
    {'table': 'calls', 'model': 'base_support__calls', 'id': 'support_call_id'},
]) }}
