{{ scv.quarantine_union('web', [
    {'table': 'events', 'model': 'base_web__events', 'id': 'web_event_id'},
]) }}
