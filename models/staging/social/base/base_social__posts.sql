with

source as (
    select * from {{ source('social', 'posts') }}
),

renamed as (
    select
        -- ids
        nullif(trim(post_id), '') as social_post_id,
        concat(lower(trim(platform)), ':', lower(trim(handle))) as social_profile_id,

        -- strings
        lower(trim(platform)) as platform,
        lower(trim(handle)) as handle,
        text as post_text,

        -- booleans
        coalesce(lower(is_mention) = 'true', false) as is_brand_mention,

        -- timestamps
        {{ scv.parse_timestamp('created_at', 'iso8601') }} as posted_at,

        -- lineage
        _scv_source_file as source_file,
        _scv_loaded_at as loaded_at
    from source
),

validated as (
    select
        *,
        {{ scv.quarantine_reasons({
            'missing_record_id': 'social_post_id is null',
            'duplicate_record_id': scv.is_older_duplicate('social_post_id', 'posted_at'),
            'missing_author': 'handle is null',
            'invalid_posted_at': 'posted_at is null',
            'empty_text': "nullif(trim(post_text), '') is null",
        }) }} as quarantine_reason
    from renamed
)

select * from validated
