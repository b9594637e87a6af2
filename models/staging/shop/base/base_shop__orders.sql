with

source as (
    select * from {{ source('shop', 'orders') }}
),

renamed as (
    select
        -- ids
        cast(id as {{ dbt.type_string() }}) as shop_order_id,
        cast(customer_id as {{ dbt.type_string() }}) as shop_customer_id,

        -- strings
        {{ scv.normalize_email('email') }} as email,
        upper(currency) as currency_code,
        lower(financial_status) as financial_status,
        nullif(trim(billing_name), '') as billing_name,
        nullif(trim(billing_address1), '') as billing_address_line1,
        {{ scv.normalize_street('billing_address1') }} as billing_street_key,
        nullif(trim(billing_city), '') as billing_city,
        {{ scv.normalize_postal_code('billing_zip', 'upper(billing_country_code)') }}
            as billing_postal_code,
        upper(nullif(trim(billing_country_code), '')) as billing_country_code,
        nullif(trim(shipping_name), '') as shipping_name,
        nullif(trim(shipping_address1), '') as shipping_address_line1,
        {{ scv.normalize_street('shipping_address1') }} as shipping_street_key,
        nullif(trim(shipping_city), '') as shipping_city,
        {{ scv.normalize_postal_code('shipping_zip', 'upper(shipping_country_code)') }}
            as shipping_postal_code,
        upper(nullif(trim(shipping_country_code), '')) as shipping_country_code,

        -- numerics
        cast(subtotal_price as {{ dbt.type_numeric() }}) as subtotal_amount,
        cast(total_tax as {{ dbt.type_numeric() }}) as tax_amount,
        cast(total_price as {{ dbt.type_numeric() }}) as total_amount,

        -- booleans
        lower(financial_status) in ('refunded', 'voided') as is_refunded,

        -- timestamps
        {{ scv.to_utc_timestamp('created_at') }} as ordered_at,

        -- lineage
        _scv_source_file as source_file,
        _scv_loaded_at as loaded_at
    from source
),

validated as (
    select
        *,
        {{ scv.quarantine_reasons({
            'missing_record_id': 'shop_order_id is null',
            'duplicate_record_id': scv.is_older_duplicate('shop_order_id', 'ordered_at'),
            'missing_customer': 'shop_customer_id is null and email is null',
            'invalid_ordered_at': 'ordered_at is null',
            'invalid_amount': 'total_amount is null or total_amount < 0',
        }) }} as quarantine_reason
    from renamed
)

select * from validated
