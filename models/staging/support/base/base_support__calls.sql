with

source as (
    select * from {{ source('support', 'calls') }}
),

renamed as (
    select
        -- ids
        nullif(trim(call_id), '') as support_call_id,
        nullif(trim(user_id), '') as support_user_id,

        -- strings
        caller_number as caller_phone_raw,
        {{ scv.normalize_phone(
            'caller_number',
            "'" ~ scv.default_calling_code(var('scv__default_country')) ~ "'"
        ) }} as caller_phone_normalized,
        nullif(trim(agent), '') as agent_name,
        lower(nullif(trim(disposition), '')) as disposition,

        -- numerics
        {{ scv.safe_cast('duration_seconds', 'integer') }} as duration_seconds,

        -- timestamps
        {{ scv.parse_timestamp('started_at', 'iso8601') }} as started_at,

        -- lineage
        _scv_source_file as source_file,
        _scv_loaded_at as loaded_at
    from source
),

with_phone as (
    select
        *,
        case
            when {{ scv.phone_is_valid('caller_phone_normalized') }} then caller_phone_normalized
        end as caller_phone_e164
    from renamed
),

validated as (
    select
        *,
        {{ scv.quarantine_reasons({
            'missing_record_id': 'support_call_id is null',
            'duplicate_record_id': scv.is_older_duplicate('support_call_id', 'started_at'),
            'invalid_started_at': 'started_at is null',
            'invalid_duration': 'duration_seconds is null or duration_seconds < 0',
        }) }} as quarantine_reason
    from with_phone
)

select * from validated
