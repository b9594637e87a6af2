{#
    Pairs of given names that may stand for the same person, from the nicknames seed:
    a formal name and its nickname ('robert', 'bob'), and two nicknames of one formal
    name ('bob', 'rob') unless either is a formal name in its own right: 'john' and
    'nathan' both shorten 'jonathan', but a John and a Nathan are two people (a father
    and son in one household). Symmetric: both orders are present. One row per ordered
    pair.
#}

with

nicknames as (
    select distinct
        formal_name,
        nickname
    from {{ ref('nicknames') }}
    where formal_name != nickname
),

formal_and_nickname as (
    select
        formal_name as name_a,
        nickname as name_b
    from nicknames
    union all
    select
        nickname as name_a,
        formal_name as name_b
    from nicknames
),

formal_names as (
    select distinct formal_name from nicknames
),

shared_formal_name as (
    select
        left_side.nickname as name_a,
        right_side.nickname as name_b
    from nicknames as left_side
    inner join nicknames as right_side
        on
            left_side.formal_name = right_side.formal_name
            and left_side.nickname != right_side.nickname
    where
        left_side.nickname not in (select formal_names.formal_name from formal_names)
        and right_side.nickname not in (select formal_names.formal_name from formal_names)
)

select distinct
    name_a,
    name_b
from (
    select * from formal_and_nickname
    union all
    select * from shared_formal_name
) as equivalences
