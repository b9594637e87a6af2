{{ scv.quarantine_union('pos', [
    {'table': 'loyalty_members', 'model': 'base_pos__loyalty_members', 'id': 'pos_member_id'},
    {'table': 'transactions', 'model': 'base_pos__transactions', 'id': 'pos_transaction_id'},
]) }}
