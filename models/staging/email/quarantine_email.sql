{{ scv.quarantine_union('email', [
    {'table': 'subscribers', 'model': 'base_email__subscribers', 'id': 'email_subscriber_id'},
    {'table': 'campaign_events', 'model': 'base_email__campaign_events', 'id': 'email_event_id'},
]) }}
