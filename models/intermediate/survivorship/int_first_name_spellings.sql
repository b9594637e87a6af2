{#
    Misspelt first names and the name they most likely stand for: a first name that is
    not a known given name (seed given_names) is corrected to a known one seen more often
    in the data, with the same first letter (or the first two letters swapped) and
    within one edit (two for names longer than five letters; two neighbouring letters
    swapped are one edit, macro edit_distance), when one such name stands out
    ('babara' -> 'barbara', 'jefrey' -> 'jeffrey', 'lsia' -> 'lisa'). Survivorship then counts the corrected spelling as a vote
    for the name; the source records keep what they hold. One row per misspelt name key.
#}

with

spine as (
    select
        first_name_key,
        first_name
    from {{ ref('int_person_records_unioned') }}
    where first_name is not null and length(first_name_key) >= 3
),

observed as (
    select
        first_name_key,
        count(*) as records
    from spine
    group by 1
),

display_forms as (
    -- the most common way the name is written
    select
        first_name_key,
        first_name as display_name
    from (
        select
            first_name_key,
            first_name,
            row_number() over (
                partition by first_name_key order by count(*) desc, first_name asc
            ) as form_rank
        from spine
        group by 1, 2
    ) as forms
    where form_rank = 1
),

known as (
    select
        observed.first_name_key,
        observed.records
    from observed
    inner join {{ ref('given_names') }} as given_names
        on observed.first_name_key = given_names.first_name_key
),

unknown as (
    select
        observed.first_name_key,
        observed.records
    from observed
    left join {{ ref('given_names') }} as given_names
        on observed.first_name_key = given_names.first_name_key
    where given_names.first_name_key is null
),

candidates as (
    select
        unknown.first_name_key as misspelt_key,
        known.first_name_key as corrected_key,
        known.records as corrected_records,
        {{ scv.edit_distance('unknown.first_name_key', 'known.first_name_key') }} as edit_distance
    from unknown
    inner join known
        on
            (
                substr(unknown.first_name_key, 1, 1) = substr(known.first_name_key, 1, 1)
                -- or the first two letters swapped ('ojhn')
                or (
                    substr(unknown.first_name_key, 1, 1) = substr(known.first_name_key, 2, 1)
                    and substr(unknown.first_name_key, 2, 1) = substr(known.first_name_key, 1, 1)
                )
            )
            and abs(length(unknown.first_name_key) - length(known.first_name_key)) <= 2
            and unknown.records < known.records
),

close_enough as (
    select *
    from candidates
    where edit_distance <= case when length(misspelt_key) <= 5 then 1 else 2 end
),

ranked as (
    select
        *,
        row_number() over (
            partition by misspelt_key
            order by edit_distance asc, corrected_records desc, corrected_key asc
        ) as candidate_rank,
        lead(corrected_records) over (
            partition by misspelt_key
            order by edit_distance asc, corrected_records desc, corrected_key asc
        ) as runner_up_records,
        lead(edit_distance) over (
            partition by misspelt_key
            order by edit_distance asc, corrected_records desc, corrected_key asc
        ) as runner_up_distance
    from close_enough
)

select
    ranked.misspelt_key,
    ranked.corrected_key,
    display_forms.display_name as corrected_display_name,
    ranked.edit_distance
from ranked
inner join display_forms
    on ranked.corrected_key = display_forms.first_name_key
where
    ranked.candidate_rank = 1
    -- one name stands out: no other at the same distance, or seen three times as often
    and (
        ranked.runner_up_distance is null
        or ranked.runner_up_distance > ranked.edit_distance
        or ranked.corrected_records >= 3 * ranked.runner_up_records
    )
