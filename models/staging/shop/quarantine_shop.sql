{{ scv.quarantine_union('shop', [
    {'table': 'customers', 'model': 'base_shop__customers', 'id': 'shop_customer_id'},
    {'table': 'orders', 'model': 'base_shop__orders', 'id': 'shop_order_id'},
    {'table': 'order_lines', 'model': 'base_shop__order_lines', 'id': 'shop_order_line_id'},
    {'table': 'products', 'model': 'base_shop__products', 'id': 'shop_product_id'},
]) }}
