{{ scv.quarantine_union('acquired', [
    {'table': 'customers', 'model': 'base_acquired__customers', 'id': 'acquired_customer_id'},
]) }}
