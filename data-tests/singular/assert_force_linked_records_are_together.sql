-- Steward force-links hold: the two records of a link pair share a customer (unless the
-- same pair is also force-unlinked, in which case the unlink wins).
select
    links.record_id_a,
    links.record_id_b,
    assigned_a.customer_id as customer_id_a,
    assigned_b.customer_id as customer_id_b
from {{ ref('identity_force_links') }} as links
inner join {{ ref('int_customer_ids_assigned') }} as assigned_a
    on links.record_id_a = assigned_a.person_record_id and assigned_a.is_current
inner join {{ ref('int_customer_ids_assigned') }} as assigned_b
    on links.record_id_b = assigned_b.person_record_id and assigned_b.is_current
left join {{ ref('identity_force_unlinks') }} as unlinks
    on
        least(links.record_id_a, links.record_id_b) = least(unlinks.record_id_a, unlinks.record_id_b)
        and greatest(links.record_id_a, links.record_id_b)
        = greatest(unlinks.record_id_a, unlinks.record_id_b)
where assigned_a.customer_id != assigned_b.customer_id and unlinks.record_id_a is null
