with

source as (
    select * from {{ source('crm', 'activities') }}
),

renamed as (
    select
        -- ids
        nullif(trim(id), '') as crm_activity_id,
        nullif(trim(who_id), '') as crm_contact_id,

        -- strings
        nullif(trim(owner_name), '') as owner_name,
        lower(nullif(trim(type), '')) as activity_type,
        nullif(trim(subject), '') as subject,

        -- dates
        {{ scv.parse_date('activity_date', 'ymd') }} as activity_date,

        -- lineage
        _scv_source_file as source_file,
        _scv_loaded_at as loaded_at
    from source
),

validated as (
    select
        *,
        {{ scv.quarantine_reasons({
            'missing_record_id': 'crm_activity_id is null',
            'duplicate_record_id': scv.is_older_duplicate('crm_activity_id', 'activity_date'),
            'missing_contact': 'crm_contact_id is null',
            'invalid_activity_date': 'activity_date is null',
            'unknown_activity_type': "activity_type not in ('call', 'email', 'meeting')",
        }) }} as quarantine_reason
    from renamed
)

select * from validated
