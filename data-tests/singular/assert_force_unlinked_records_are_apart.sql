-- Steward force-unlinks hold: the two records of an unlink pair never share a customer.
select
    unlinks.record_id_a,
    unlinks.record_id_b,
    assigned_a.customer_id
from {{ ref('identity_force_unlinks') }} as unlinks
inner join {{ ref('int_customer_ids_assigned') }} as assigned_a
    on unlinks.record_id_a = assigned_a.person_record_id and assigned_a.is_current
inner join {{ ref('int_customer_ids_assigned') }} as assigned_b
    on unlinks.record_id_b = assigned_b.person_record_id and assigned_b.is_current
where assigned_a.customer_id = assigned_b.customer_id
