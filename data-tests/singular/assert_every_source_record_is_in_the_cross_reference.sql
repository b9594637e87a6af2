-- Every person record of the identity spine appears in the cross-reference exactly once
-- (person_record_id is unique there; this test catches records left out).
select spine.person_record_id
from {{ ref('int_person_records_unioned') }} as spine
left join {{ ref('customer_source_records') }} as source_records
    on spine.person_record_id = source_records.person_record_id
where source_records.person_record_id is null
