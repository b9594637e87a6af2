{#
    CRM contacts with the name and domain of the account (company) they belong to: the
    company is part of a B2B contact's identity and of the golden record. One row per
    CRM contact.
#}

with

contacts as (
    select * from {{ ref('stg_crm__contacts') }}
),

accounts as (
    select * from {{ ref('stg_crm__accounts') }}
)

select
    -- every contact column as staged, plus the account's
    contacts.*,  -- noqa: AM04
    accounts.account_name,
    accounts.company_domain
from contacts
left join accounts
    on contacts.crm_account_id = accounts.crm_account_id
