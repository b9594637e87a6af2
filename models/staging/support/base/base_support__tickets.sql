with

source as (
    select * from {{ source('support', 'tickets') }}
),

renamed as (
    select
        -- ids
        nullif(trim(id), '') as support_ticket_id,
        nullif(trim(requester_id), '') as support_user_id,

        -- strings
        lower(nullif(trim(channel), '')) as channel,
        nullif(trim(subject), '') as subject,
        nullif(trim(description), '') as description,
        lower(nullif(trim(status), '')) as ticket_status,
        lower(nullif(trim(priority), '')) as priority,
        lower(nullif(trim(satisfaction), '')) as satisfaction_rating,
        -- the social account a ticket from the social channel came from
        lower(nullif(trim(via_social_account), '')) as social_profile_id,

        -- booleans
        lower(status) in ('solved', 'closed') as is_solved,

        -- timestamps
        {{ scv.parse_timestamp('created_at', 'iso8601') }} as opened_at,
        {{ scv.parse_timestamp('solved_at', 'iso8601') }} as solved_at,
        solved_at as solved_at_raw,

        -- lineage
        _scv_source_file as source_file,
        _scv_loaded_at as loaded_at
    from source
),

validated as (
    select
        *,
        {{ scv.quarantine_reasons({
            'missing_record_id': 'support_ticket_id is null',
            'duplicate_record_id': scv.is_older_duplicate('support_ticket_id', 'opened_at'),
            'missing_requester': 'support_user_id is null',
            'invalid_opened_at': 'opened_at is null',
            'invalid_solved_at': 'solved_at is null and solved_at_raw is not null',
            'unknown_channel': "channel not in ('email', 'web', 'phone', 'chat', 'social')",
        }) }} as quarantine_reason
    from renamed
)

select * from validated
