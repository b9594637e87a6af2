-- Every current person record has exactly one customer_id, and every cluster one id.
select spine.person_record_id, count(assigned.customer_id) as customer_ids
from {{ ref('int_person_records_unioned') }} as spine
left join {{ ref('int_customer_ids_assigned') }} as assigned
    on spine.person_record_id = assigned.person_record_id and assigned.is_current
group by 1
having count(assigned.customer_id) != 1
union all
select cluster_id as person_record_id, count(distinct customer_id) as customer_ids
from {{ ref('int_customer_ids_assigned') }}
where is_current
group by 1
having count(distinct customer_id) != 1
