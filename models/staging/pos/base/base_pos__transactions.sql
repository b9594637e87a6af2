with

source as (
    select * from {{ source('pos', 'transactions') }}
),

renamed as (
    select
        -- ids
        nullif(trim(txn_id), '') as pos_transaction_id,
        nullif(trim(store_id), '') as pos_store_id,
        nullif(trim(card_no), '') as loyalty_card_number,

        -- strings
        lower(nullif(trim(payment), '')) as payment_method,

        -- numerics
        {{ scv.safe_cast('amount', dbt.type_numeric()) }} as total_amount,
        {{ scv.safe_cast('items', 'integer') }} as item_count,

        -- timestamps: the till's local time with its UTC offset
        {{ scv.parse_timestamp('txn_ts', 'mdy_hms_offset') }} as purchased_at,

        -- lineage
        _scv_source_file as source_file,
        _scv_loaded_at as loaded_at
    from source
),

validated as (
    select
        *,
        {{ scv.quarantine_reasons({
            'missing_record_id': 'pos_transaction_id is null',
            'duplicate_record_id': scv.is_older_duplicate('pos_transaction_id', 'purchased_at'),
            'invalid_purchased_at': 'purchased_at is null',
            'invalid_amount': 'total_amount is null',
        }) }} as quarantine_reason
    from renamed
)

select * from validated
