with

source as (
    select * from {{ source('shop', 'order_lines') }}
),

renamed as (
    select
        -- ids
        cast(id as {{ dbt.type_string() }}) as shop_order_line_id,
        cast(order_id as {{ dbt.type_string() }}) as shop_order_id,
        cast(product_id as {{ dbt.type_string() }}) as shop_product_id,

        -- numerics
        cast(quantity as integer) as quantity,
        cast(price as {{ dbt.type_numeric() }}) as unit_price,
        cast(quantity * price as {{ dbt.type_numeric() }}) as line_amount,

        -- lineage
        _scv_source_file as source_file,
        _scv_loaded_at as loaded_at
    from source
),

validated as (
    select
        *,
        {{ scv.quarantine_reasons({
            'missing_record_id': 'shop_order_line_id is null',
            'duplicate_record_id': scv.is_older_duplicate('shop_order_line_id', 'shop_order_id'),
            'missing_order': 'shop_order_id is null',
            'invalid_quantity': 'quantity is null or quantity <= 0',
            'invalid_amount': 'unit_price is null or unit_price < 0',
        }) }} as quarantine_reason
    from renamed
)

select * from validated
