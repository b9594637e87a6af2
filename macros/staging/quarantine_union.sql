{#
    The quarantine of one source system: the rows of its validated base models that
    failed validation, in one shape. `tables` lists, per source table, the base model
    and the column holding the record id:

    quarantine_union('crm', [
        {'table': 'contacts', 'model': 'base_crm__contacts', 'id': 'crm_contact_id'},
    ])
#}
{% macro quarantine_union(source_system, tables) -%}
{%- for t in tables %}
select
    cast('{{ source_system }}' as {{ dbt.type_string() }}) as source_system,
    cast('{{ t.table }}' as {{ dbt.type_string() }}) as source_table,
    cast({{ t.id }} as {{ dbt.type_string() }}) as source_record_id,
    {{ scv.primary_reason('quarantine_reason') }} as quarantine_reason,
    quarantine_reason as quarantine_reasons,
    source_file,
    loaded_at
from {{ ref(t.model) }}
where quarantine_reason is not null
{% if not loop.last %}union all{% endif %}
{%- endfor %}
{%- endmacro %}
