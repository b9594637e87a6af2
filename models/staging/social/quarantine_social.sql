{{ scv.quarantine_union('social', [
    {'table': 'profiles', 'model': 'base_social__profiles', 'id': 'social_profile_id'},
    {'table': 'posts', 'model': 'base_social__posts', 'id': 'social_post_id'},
]) }}
