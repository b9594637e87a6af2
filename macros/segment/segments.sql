{#
    Declarative segments (var scv__segments) compiled to SQL.

    segments()            the validated definitions; a bad one stops compilation with a
                          message that names the segment and what is wrong
    segment_condition()   one definition's `where` as a SQL boolean over the columns of
                          int_customer_segment_features
    segment_columns()     {column: kind} of that relation (kind: number, string, boolean,
                          other), read from the warehouse; empty when it is not built yet
                          (then attribute names are checked by the database instead)

    A condition is a leaf {attribute: <column>, <operator>: <value>} or a combination
    {all: [conditions]}, {any: [conditions]}, {not: condition}. Operators:
      equals, not_equals          a string, number or boolean (not_equals keeps nulls)
      in, not_in                  a non-empty list
      at_least, at_most, greater_than, less_than   a number, on a number column
      is                          true, false, null or 'not null'
#}

{% macro segments() -%}
    {%- set definitions = var('scv__segments', []) or [] -%}
    {%- if definitions is not sequence or definitions is string or definitions is mapping -%}
        {{ exceptions.raise_compiler_error("scv__segments must be a list of segments, got: " ~ definitions) }}
    {%- endif -%}
    {%- set seen = [] -%}
    {%- for segment in definitions -%}
        {%- if segment is not mapping -%}
            {{ exceptions.raise_compiler_error("scv__segments entry " ~ loop.index ~ " is not a mapping: " ~ segment) }}
        {%- endif -%}
        {%- set name = segment.get('name') -%}
        {%- set label = "Segment '" ~ (name or ('#' ~ loop.index)) ~ "'" -%}
        {%- if name is not string or not modules.re.match('^[a-z][a-z0-9_]*$', name) -%}
            {{ exceptions.raise_compiler_error(label ~ ": `name` must be snake_case (a-z, 0-9, _), got " ~ name) }}
        {%- endif -%}
        {%- if name in seen -%}
            {{ exceptions.raise_compiler_error(label ~ ": defined twice") }}
        {%- endif -%}
        {%- do seen.append(name) -%}
        {%- set unknown = segment.keys() | reject('in', ['name', 'description', 'where']) | list -%}
        {%- if unknown -%}
            {{ exceptions.raise_compiler_error(label ~ ": unknown key(s) " ~ unknown | join(', ') ~ " (known: name, description, where)") }}
        {%- endif -%}
        {%- if segment.get('description') is not string or not segment.get('description') -%}
            {{ exceptions.raise_compiler_error(label ~ ": needs a `description`") }}
        {%- endif -%}
        {%- if segment.get('where') is not mapping -%}
            {{ exceptions.raise_compiler_error(label ~ ": needs a condition `where` (a mapping), got " ~ segment.get('where')) }}
        {%- endif -%}
    {%- endfor -%}
    {{ return(definitions) }}
{%- endmacro %}


{% macro segment_columns(relation) -%}
    {%- set kinds = {} -%}
    {%- if execute and relation.identifier is string and relation.schema is string -%}
        {%- set existing = adapter.get_relation(relation.database, relation.schema, relation.identifier) -%}
        {%- if existing is not none -%}
            {%- for column in adapter.get_columns_in_relation(existing) -%}
                {%- set dtype = column.dtype | lower -%}
                {%- if dtype.startswith('bool') -%}
                    {%- do kinds.update({column.name | lower: 'boolean'}) -%}
                {%- elif column.is_number() -%}
                    {%- do kinds.update({column.name | lower: 'number'}) -%}
                {%- elif column.is_string() -%}
                    {%- do kinds.update({column.name | lower: 'string'}) -%}
                {%- else -%}
                    {%- do kinds.update({column.name | lower: 'other'}) -%}
                {%- endif -%}
            {%- endfor -%}
        {%- endif -%}
    {%- endif -%}
    {{ return(kinds) }}
{%- endmacro %}


{% macro segment_literal(label, value) -%}
    {%- if value is sameas true or value is sameas false -%}
        {{ return('true' if value else 'false') }}
    {%- elif value is number -%}
        {{ return(value | string) }}
    {%- elif value is string -%}
        {{ return("'" ~ value | replace("'", "''") ~ "'") }}
    {%- else -%}
        {{ exceptions.raise_compiler_error(label ~ ": value " ~ value ~ " is not a string, number or boolean") }}
    {%- endif -%}
{%- endmacro %}


{% macro segment_value_kind(value) -%}
    {%- if value is sameas true or value is sameas false -%}{{ return('boolean') }}
    {%- elif value is number -%}{{ return('number') }}
    {%- else -%}{{ return('string') }}
    {%- endif -%}
{%- endmacro %}


{% macro segment_condition(segment_name, condition, columns={}) -%}
    {%- set label = "Segment '" ~ segment_name ~ "'" -%}
    {%- set operators = {
        'equals': '=', 'not_equals': '<>', 'in': 'in', 'not_in': 'not in',
        'at_least': '>=', 'at_most': '<=', 'greater_than': '>', 'less_than': '<', 'is': 'is'
    } -%}
    {%- if condition is not mapping or condition | length == 0 -%}
        {{ exceptions.raise_compiler_error(label ~ ": a condition must be a mapping, got " ~ condition) }}
    {%- endif -%}
    {%- if 'attribute' in condition -%}
        {%- set attribute = condition.attribute -%}
        {%- set ops = condition.keys() | reject('equalto', 'attribute') | list -%}
        {%- if ops | length != 1 or ops[0] not in operators -%}
            {{ exceptions.raise_compiler_error(
                label ~ ": condition on '" ~ attribute ~ "' needs exactly one operator of "
                ~ operators.keys() | join(', ') ~ "; got " ~ (ops | join(', ') or 'none')) }}
        {%- endif -%}
        {%- set op = ops[0] -%}
        {%- set value = condition[op] -%}
        {%- if attribute is not string or not modules.re.match('^[a-z_][a-z0-9_]*$', attribute) -%}
            {{ exceptions.raise_compiler_error(label ~ ": attribute must be a column name, got " ~ attribute) }}
        {%- endif -%}
        {%- if columns and attribute not in columns -%}
            {{ exceptions.raise_compiler_error(
                label ~ ": unknown attribute '" ~ attribute ~ "'; segments can use the columns of "
                ~ "int_customer_segment_features: " ~ columns.keys() | sort | join(', ')) }}
        {%- endif -%}
        {%- set kind = columns.get(attribute) -%}
        {%- set column = 'features.' ~ attribute -%}
        {%- if op == 'is' -%}
            {%- if value is none -%}{{ return(column ~ ' is null') }}
            {%- elif value == 'not null' -%}{{ return(column ~ ' is not null') }}
            {%- elif value is sameas true or value is sameas false -%}
                {%- if kind and kind != 'boolean' -%}
                    {{ exceptions.raise_compiler_error(label ~ ": '" ~ attribute ~ "' is a " ~ kind ~ " column; `is: " ~ value ~ "` needs a boolean one") }}
                {%- endif -%}
                {{ return('coalesce(' ~ column ~ ', false) = ' ~ ('true' if value else 'false')) }}
            {%- else -%}
                {{ exceptions.raise_compiler_error(label ~ ": `is` takes true, false, null or 'not null', got " ~ value) }}
            {%- endif -%}
        {%- elif op in ['in', 'not_in'] -%}
            {%- if value is string or value is mapping or value is not iterable or value | length == 0 -%}
                {{ exceptions.raise_compiler_error(label ~ ": `" ~ op ~ "` on '" ~ attribute ~ "' needs a non-empty list, got " ~ value) }}
            {%- endif -%}
            {%- set literals = [] -%}
            {%- for item in value -%}
                {%- if kind and kind in ['number', 'string', 'boolean'] and scv.segment_value_kind(item) != kind -%}
                    {{ exceptions.raise_compiler_error(label ~ ": '" ~ attribute ~ "' is a " ~ kind ~ " column, but " ~ op ~ " lists " ~ item) }}
                {%- endif -%}
                {%- do literals.append(scv.segment_literal(label, item)) -%}
            {%- endfor -%}
            {%- set test = column ~ ' ' ~ operators[op] ~ ' (' ~ literals | join(', ') ~ ')' -%}
            {{ return('(' ~ column ~ ' is null or ' ~ test ~ ')' if op == 'not_in' else test) }}
        {%- else -%}
            {%- set literal = scv.segment_literal(label, value) -%}
            {%- if op in ['at_least', 'at_most', 'greater_than', 'less_than'] -%}
                {%- if value is not number or value is sameas true or value is sameas false -%}
                    {{ exceptions.raise_compiler_error(label ~ ": `" ~ op ~ "` on '" ~ attribute ~ "' needs a number, got " ~ value) }}
                {%- endif -%}
                {%- if kind and kind != 'number' -%}
                    {{ exceptions.raise_compiler_error(label ~ ": `" ~ op ~ "` needs a number column; '" ~ attribute ~ "' is " ~ kind) }}
                {%- endif -%}
            {%- elif kind and kind in ['number', 'string', 'boolean'] and scv.segment_value_kind(value) != kind -%}
                {{ exceptions.raise_compiler_error(label ~ ": '" ~ attribute ~ "' is a " ~ kind ~ " column, compared with " ~ value) }}
            {%- endif -%}
            {%- set test = column ~ ' ' ~ operators[op] ~ ' ' ~ literal -%}
            {{ return('(' ~ column ~ ' is null or ' ~ test ~ ')' if op == 'not_equals' else test) }}
        {%- endif -%}
    {%- endif -%}
    {%- if condition | length != 1 -%}
        {{ exceptions.raise_compiler_error(label ~ ": a combination has one key of all, any, not; got " ~ condition.keys() | join(', ')) }}
    {%- endif -%}
    {%- set key = (condition.keys() | list)[0] -%}
    {%- if key == 'not' -%}
        {{ return('not (' ~ scv.segment_condition(segment_name, condition['not'], columns) ~ ')') }}
    {%- elif key in ['all', 'any'] -%}
        {%- set parts = condition[key] -%}
        {%- if parts is string or parts is mapping or parts is not iterable or parts | length == 0 -%}
            {{ exceptions.raise_compiler_error(label ~ ": `" ~ key ~ "` needs a non-empty list of conditions") }}
        {%- endif -%}
        {%- set sql_parts = [] -%}
        {%- for part in parts -%}
            {%- do sql_parts.append('(' ~ scv.segment_condition(segment_name, part, columns) ~ ')') -%}
        {%- endfor -%}
        {{ return(sql_parts | join(' and ' if key == 'all' else ' or ')) }}
    {%- else -%}
        {{ exceptions.raise_compiler_error(label ~ ": unknown condition key '" ~ key ~ "' (use attribute, all, any or not)") }}
    {%- endif -%}
{%- endmacro %}
