with

source as (
    select * from {{ source('shop', 'products') }}
),

renamed as (
    select
        -- ids
        cast(id as {{ dbt.type_string() }}) as shop_product_id,

        -- strings
        nullif(trim(title), '') as product_name,
        lower(nullif(trim(product_type), '')) as product_category,
        nullif(trim(vendor), '') as vendor,

        -- numerics
        cast(price as {{ dbt.type_numeric() }}) as list_price,

        -- timestamps
        {{ scv.to_utc_timestamp('created_at') }} as created_at,

        -- lineage
        _scv_source_file as source_file,
        _scv_loaded_at as loaded_at
    from source
),

validated as (
    select
        *,
        {{ scv.quarantine_reasons({
            'missing_record_id': 'shop_product_id is null',
            'duplicate_record_id': scv.is_older_duplicate('shop_product_id', 'created_at'),
            'missing_name': 'product_name is null',
            'invalid_amount': 'list_price is null or list_price < 0',
        }) }} as quarantine_reason
    from renamed
)

select * from validated
