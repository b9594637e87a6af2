with

source as (
    select * from {{ source('social', 'profiles') }}
),

renamed as (
    select
        -- ids
        concat(lower(trim(platform)), ':', lower(trim(handle))) as social_profile_id,

        -- person attributes, raw: a free-form display name, emoji removed
        cast(null as {{ dbt.type_string() }}) as first_name_raw,
        cast(null as {{ dbt.type_string() }}) as last_name_raw,
        nullif(trim({{ scv.regex_replace_all('display_name', "[^\\p{L} .,'-]", '') }}), '')
            as full_name_raw,
        nullif(
            {{ scv.regex_extract('bio', '([A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,})', 1) }},
            ''
        ) as email_raw,
        cast(null as {{ dbt.type_string() }}) as phone_raw,
        cast(null as {{ dbt.type_string() }}) as address_line1_raw,
        cast(null as {{ dbt.type_string() }}) as address_line2_raw,
        nullif(trim(split_part(location, ',', 1)), '') as city_raw,
        nullif(trim(split_part(location, ',', 2)), '') as region_raw,
        cast(null as {{ dbt.type_string() }}) as postal_code_raw,
        cast(null as {{ dbt.type_string() }}) as country_raw,

        -- strings
        lower(trim(platform)) as platform,
        lower(trim(handle)) as handle,
        display_name,
        nullif(trim(bio), '') as bio,

        -- numerics
        {{ scv.safe_cast('followers', 'integer') }} as follower_count,

        -- timestamps
        {{ scv.parse_timestamp('created_at', 'iso8601') }} as created_at,

        -- lineage
        _scv_source_file as source_file,
        _scv_loaded_at as loaded_at
    from source
),

{{ scv.standardize_person('renamed', assume_country=false) }},

validated as (
    select
        *,
        {{ scv.quarantine_reasons({
            'missing_record_id': 'handle is null or platform is null',
            'duplicate_record_id': scv.is_older_duplicate('social_profile_id', 'created_at'),
            'test_record': 'is_test_record',
            'unknown_platform':
                "platform not in ('twitter', 'instagram', 'facebook', 'tiktok', 'linkedin')",
        }) }} as quarantine_reason
    from person_standardized
)

select * from validated
