{#
    The identity resolution settings (vars in dbt_project.yml), read through these macros
    so that a mistake stops compilation with a message that names the var, the entry and
    what is wrong, every problem of the var at once. A key that nothing reads
    (`max_blocksize` for `max_block_size`) or a threshold out of range would otherwise
    change the matching without a word.

    identity_sources()      var scv__identity_sources
    identity_links()        var scv__identity_links
    identifier_rules()      var scv__identifier_rules
    blocking_rules()        var scv__blocking_rules
    identity_setting(name)  one number or flag: thresholds, caps, EM

    Each takes the value to check as an argument (default: the var), so a run-operation
    can check a value before it goes into dbt_project.yml.
#}

{#- Stop compilation listing every problem of a var; nothing when there is none. -#}
{% macro raise_setting_problems(name, problems) -%}
    {%- if problems -%}
        {{ exceptions.raise_compiler_error(
            'var ' ~ name ~ ' is not valid (dbt_project.yml, or --vars):\n  - '
            ~ problems | join('\n  - ')
        ) }}
    {%- endif -%}
{%- endmacro %}


{#- True for a SQL name: letters, digits and _, not starting with a digit (lowercase
    only when `lowercase`: names that become part of ids and CTE names). -#}
{% macro is_setting_name(value, lowercase=false) -%}
    {%- set pattern = '^[a-z_][a-z0-9_]*$' if lowercase else '^[A-Za-z_][A-Za-z0-9_]*$' -%}
    {{ return(value is string and modules.re.match(pattern, value) is not none) }}
{%- endmacro %}


{#- True for a list (not a string or a mapping). -#}
{% macro is_setting_list(value) -%}
    {{ return(value is sequence and value is not string and value is not mapping) }}
{%- endmacro %}


{#- Add a problem to `problems` when `entry` holds a key that is not `known`. -#}
{% macro check_setting_keys(problems, label, entry, known) -%}
    {%- set unknown = entry.keys() | reject('in', known) | list -%}
    {%- if unknown -%}
        {%- do problems.append(label ~ ': unknown key(s) ' ~ unknown | join(', ') ~ ' (known: ' ~ known | join(', ') ~ ')') -%}
    {%- endif -%}
{%- endmacro %}


{#- The optional column keys of an identity source, and what its `attributes` and
    `verified` may name (int_person_record_details reads them). -#}
{% macro identity_source_keys() -%}
    {{ return({
        'required': ['model', 'source_system', 'source_table', 'record_id'],
        'columns': ['birth_date', 'created_at', 'updated_at', 'username'],
        'attributes': ['job_title', 'company_name', 'company_domain', 'is_deceased'],
        'verified': ['name', 'email', 'phone', 'address', 'birth_date'],
    }) }}
{%- endmacro %}


{% macro identity_sources(sources=none) -%}
    {%- set sources = var('scv__identity_sources') if sources is none else sources -%}
    {%- set keys = scv.identity_source_keys() -%}
    {%- set known = keys.required + keys.columns + ['identifiers', 'attributes', 'verified'] -%}
    {%- set problems = [] -%}
    {%- set seen = [] -%}
    {%- if not scv.is_setting_list(sources) or sources | length == 0 -%}
        {%- do problems.append('must be a non-empty list of sources, got ' ~ sources) -%}
        {%- set sources = [] -%}
    {%- endif -%}
    {%- for source in sources -%}
        {%- if source is not mapping -%}
            {%- do problems.append('source ' ~ loop.index ~ ': must be a mapping, got ' ~ source) -%}
        {%- else -%}
            {%- set label = 'source ' ~ loop.index ~ ' (' ~ source.get('source_system') ~ '/' ~ source.get('source_table') ~ ')' -%}
            {%- do scv.check_setting_keys(problems, label, source, known) -%}
            {%- for key in keys.required -%}
                {%- if not scv.is_setting_name(source.get(key), lowercase=key in ('source_system', 'source_table')) -%}
                    {%- do problems.append(label ~ ': `' ~ key ~ '` must be a '
                        ~ ('lowercase ' if key in ('source_system', 'source_table') else '')
                        ~ 'name (letters, digits, _), got ' ~ source.get(key)) -%}
                {%- endif -%}
            {%- endfor -%}
            {%- for key in keys.columns -%}
                {%- if source.get(key) is not none and (source.get(key) is not string or not source.get(key)) -%}
                    {%- do problems.append(label ~ ': `' ~ key ~ '` must be a column (or SQL expression), got ' ~ source.get(key)) -%}
                {%- endif -%}
            {%- endfor -%}
            {%- set identifiers = source.get('identifiers') or {} -%}
            {%- if identifiers is not mapping -%}
                {%- do problems.append(label ~ ': `identifiers` must map identifier types to columns, got ' ~ identifiers) -%}
            {%- else -%}
                {%- for identifier_type, column in identifiers.items() -%}
                    {%- if not scv.is_setting_name(identifier_type, lowercase=true) or column is not string or not column -%}
                        {%- do problems.append(label ~ ': `identifiers` entry ' ~ identifier_type ~ ': ' ~ column ~ ' must be a lowercase identifier type and a column') -%}
                    {%- endif -%}
                {%- endfor -%}
            {%- endif -%}
            {%- for key in ('attributes', 'verified') -%}
                {%- set entries = source.get(key) or {} -%}
                {%- if entries is not mapping -%}
                    {%- do problems.append(label ~ ': `' ~ key ~ '` must be a mapping, got ' ~ entries) -%}
                {%- else -%}
                    {%- for name, column in entries.items() -%}
                        {%- if name not in keys[key] -%}
                            {%- do problems.append(label ~ ': `' ~ key ~ '` has unknown ' ~ name ~ ' (known: ' ~ keys[key] | join(', ') ~ ')') -%}
                        {%- elif column is not string or not column -%}
                            {%- do problems.append(label ~ ': `' ~ key ~ '.' ~ name ~ '` must be '
                                ~ ('a SQL condition' if key == 'verified' else 'a column') ~ ', got ' ~ column) -%}
                        {%- endif -%}
                    {%- endfor -%}
                {%- endif -%}
            {%- endfor -%}
            {%- set name = source.get('source_system') ~ '/' ~ source.get('source_table') -%}
            {%- if name in seen -%}
                {%- do problems.append(label ~ ': ' ~ name ~ ' is registered twice') -%}
            {%- endif -%}
            {%- do seen.append(name) -%}
        {%- endif -%}
    {%- endfor -%}
    {{ scv.raise_setting_problems('scv__identity_sources', problems) }}
    {{ return(sources) }}
{%- endmacro %}


{% macro identity_links(links=none, sources=none) -%}
    {%- set links = var('scv__identity_links', []) if links is none else links -%}
    {%- set links = [] if links is none else links -%}
    {%- set registered = [] -%}
    {%- for source in scv.identity_sources(sources) -%}
        {%- do registered.append(source.source_system ~ '/' ~ source.source_table) -%}
    {%- endfor -%}
    {%- set required = ['model', 'record_source', 'record_id', 'identifier_type', 'identifier_value'] -%}
    {%- set problems = [] -%}
    {%- if not scv.is_setting_list(links) -%}
        {%- do problems.append('must be a list of links, got ' ~ links) -%}
        {%- set links = [] -%}
    {%- endif -%}
    {%- for link in links -%}
        {%- if link is not mapping -%}
            {%- do problems.append('link ' ~ loop.index ~ ': must be a mapping, got ' ~ link) -%}
        {%- else -%}
            {%- set label = 'link ' ~ loop.index ~ ' (' ~ link.get('model') ~ ' ' ~ link.get('identifier_type') ~ ')' -%}
            {%- do scv.check_setting_keys(problems, label, link, required + ['where']) -%}
            {%- for key in ('model', 'record_id') -%}
                {%- if not scv.is_setting_name(link.get(key)) -%}
                    {%- do problems.append(label ~ ': `' ~ key ~ '` must be a name (letters, digits, _), got ' ~ link.get(key)) -%}
                {%- endif -%}
            {%- endfor -%}
            {%- if not scv.is_setting_name(link.get('identifier_type'), lowercase=true) -%}
                {%- do problems.append(label ~ ': `identifier_type` must be a lowercase name, got ' ~ link.get('identifier_type')) -%}
            {%- endif -%}
            {%- if link.get('identifier_value') is not string or not link.get('identifier_value') -%}
                {%- do problems.append(label ~ ': `identifier_value` must be a column, got ' ~ link.get('identifier_value')) -%}
            {%- endif -%}
            {%- if link.get('where') is not none and link.get('where') is not string -%}
                {%- do problems.append(label ~ ': `where` must be a SQL condition, got ' ~ link.get('where')) -%}
            {%- endif -%}
            {%- if link.get('record_source') not in registered -%}
                {%- do problems.append(label ~ ': `record_source` must name a source of scv__identity_sources as source_system/source_table (' ~ registered | join(', ') ~ '), got ' ~ link.get('record_source')) -%}
            {%- endif -%}
        {%- endif -%}
    {%- endfor -%}
    {{ scv.raise_setting_problems('scv__identity_links', problems) }}
    {{ return(links) }}
{%- endmacro %}


{#- The source systems of var scv__identity_sources, in their order, each once. -#}
{% macro identity_source_systems(sources=none) -%}
    {%- set systems = [] -%}
    {%- for source in scv.identity_sources(sources) -%}
        {%- do systems.append(source.source_system) if source.source_system not in systems -%}
    {%- endfor -%}
    {{ return(systems) }}
{%- endmacro %}


{#- Every identifier type the identity models make: email and phone, the `identifiers`
    of each source and the `identifier_type` of each link, in that order, each once. -#}
{% macro identifier_types(sources=none, links=none) -%}
    {%- set types = ['email', 'phone'] -%}
    {%- for source in scv.identity_sources(sources) -%}
        {%- for identifier_type in (source.identifiers or {}).keys() -%}
            {%- do types.append(identifier_type) if identifier_type not in types -%}
        {%- endfor -%}
    {%- endfor -%}
    {%- for link in scv.identity_links(links, sources) -%}
        {%- do types.append(link.identifier_type) if link.identifier_type not in types -%}
    {%- endfor -%}
    {{ return(types) }}
{%- endmacro %}


{% macro identifier_rules(rules=none) -%}
    {%- set rules = var('scv__identifier_rules') if rules is none else rules -%}
    {%- set problems = [] -%}
    {%- if rules is not mapping -%}
        {%- do problems.append('must map identifier types to {max_people: n}, got ' ~ rules) -%}
        {%- set rules = {} -%}
    {%- endif -%}
    {%- for identifier_type, rule in rules.items() -%}
        {%- set label = 'identifier type ' ~ identifier_type -%}
        {%- if not scv.is_setting_name(identifier_type, lowercase=true) -%}
            {%- do problems.append(label ~ ': must be a lowercase name (letters, digits, _)') -%}
        {%- endif -%}
        {%- if rule is not mapping -%}
            {%- do problems.append(label ~ ': must be {max_people: n}, got ' ~ rule) -%}
        {%- else -%}
            {%- do scv.check_setting_keys(problems, label, rule, ['max_people']) -%}
            {%- if rule.get('max_people') is not integer or rule.get('max_people') < 1 -%}
                {%- do problems.append(label ~ ': `max_people` must be an integer of at least 1, got ' ~ rule.get('max_people')) -%}
            {%- endif -%}
        {%- endif -%}
    {%- endfor -%}
    {{ scv.raise_setting_problems('scv__identifier_rules', problems) }}
    {{ return(rules) }}
{%- endmacro %}


{% macro blocking_rules(rules=none) -%}
    {%- set rules = var('scv__blocking_rules') if rules is none else rules -%}
    {%- set known = ['columns', 'max_block_size', 'when_either'] -%}
    {%- set problems = [] -%}
    {%- if not scv.is_setting_list(rules) or rules | length == 0 -%}
        {%- do problems.append('must be a non-empty list of rules, got ' ~ rules) -%}
        {%- set rules = [] -%}
    {%- elif rules | length > 63 -%}
        {#- int_identity_pairs_blocked keeps the rules that found a pair as bits of a bigint -#}
        {%- do problems.append('holds ' ~ rules | length ~ ' rules; at most 63') -%}
    {%- endif -%}
    {%- for rule in rules -%}
        {%- set label = 'rule ' ~ loop.index -%}
        {%- set columns = rule.get('columns') if rule is mapping else rule -%}
        {%- if rule is mapping -%}
            {%- do scv.check_setting_keys(problems, label, rule, known) -%}
            {%- set size = rule.get('max_block_size') -%}
            {%- if size is not none and (size is not integer or size < 2) -%}
                {%- do problems.append(label ~ ': `max_block_size` must be an integer of at least 2, got ' ~ size) -%}
            {%- endif -%}
            {%- if rule.get('when_either') is not none and not scv.is_setting_name(rule.get('when_either')) -%}
                {%- do problems.append(label ~ ': `when_either` must be a boolean column of the spine, got ' ~ rule.get('when_either')) -%}
            {%- endif -%}
        {%- endif -%}
        {%- if not scv.is_setting_list(columns) or columns | length == 0 -%}
            {%- do problems.append(label ~ ': needs a non-empty list of spine columns, written [a, b] or {columns: [a, b]}, got ' ~ rule) -%}
        {%- else -%}
            {%- for column in columns -%}
                {%- if not scv.is_setting_name(column) -%}
                    {%- do problems.append(label ~ ': ' ~ column ~ ' is not a column name') -%}
                {%- endif -%}
            {%- endfor -%}
            {%- if columns | unique | list | length < columns | length -%}
                {%- do problems.append(label ~ ': names a column twice: ' ~ columns | join(', ')) -%}
            {%- endif -%}
        {%- endif -%}
    {%- endfor -%}
    {{ scv.raise_setting_problems('scv__blocking_rules', problems) }}
    {{ return(rules) }}
{%- endmacro %}


{#- One numeric or boolean identity setting, checked against its range. `value` (default:
    the var) is what is checked. -#}
{% macro identity_setting(name, value=none) -%}
    {%- set specs = {
        'scv__match_probability_threshold': {'kind': 'number', 'above': 0, 'max': 1},
        'scv__review_probability_floor': {'kind': 'number', 'min': 0, 'max': 1},
        'scv__cannot_link_probability': {'kind': 'number', 'above': 0, 'below': 1, 'null': 'off'},
        'scv__lone_record_match_prior': {'kind': 'number', 'min': 0, 'below': 1, 'null': 'learned per source'},
        'scv__lone_record_match_threshold': {'kind': 'number', 'above': 0, 'max': 1},
        'scv__max_cluster_size': {'kind': 'integer', 'min': 2},
        'scv__max_block_size': {'kind': 'integer', 'min': 2},
        'scv__em_iterations': {'kind': 'integer', 'min': 1},
        'scv__em_tolerance': {'kind': 'number', 'above': 0},
        'scv__u_sample_pairs': {'kind': 'integer', 'min': 1},
        'scv__pin_match_parameters': {'kind': 'boolean'},
    } -%}
    {%- if name not in specs -%}
        {{ exceptions.raise_compiler_error('identity_setting: no identity setting ' ~ name ~ ' (known: ' ~ specs.keys() | sort | join(', ') ~ ')') }}
    {%- endif -%}
    {%- set spec = specs[name] -%}
    {%- set value = var(name) if value is none else value -%}
    {%- set bounds = [] -%}
    {%- for key, words in [('min', 'of at least'), ('above', 'above'), ('max', 'at most'), ('below', 'below')] -%}
        {%- if spec.get(key) is not none -%}
            {%- do bounds.append(words ~ ' ' ~ spec[key]) -%}
        {%- endif -%}
    {%- endfor -%}
    {%- if spec.kind == 'boolean' -%}
        {%- set valid = value is boolean -%}
        {%- set wanted = 'true or false' -%}
    {%- else -%}
        {%- if spec.kind == 'integer' -%}
            {%- set is_kind = value is integer -%}
        {%- else -%}
            {%- set is_kind = value is number and value is not boolean -%}
        {%- endif -%}
        {%- set valid = is_kind
            and (spec.get('min') is none or value >= spec.min)
            and (spec.get('above') is none or value > spec.above)
            and (spec.get('max') is none or value <= spec.max)
            and (spec.get('below') is none or value < spec.below) -%}
        {%- set wanted = ('an integer' if spec.kind == 'integer' else 'a number') ~ ' ' ~ bounds | join(' and ') -%}
    {%- endif -%}
    {%- if spec.get('null') and value is none -%}
        {%- set valid = true -%}
        {%- set wanted = wanted ~ ', or null (' ~ spec.null ~ ')' -%}
    {%- elif spec.get('null') -%}
        {%- set wanted = wanted ~ ', or null (' ~ spec.null ~ ')' -%}
    {%- endif -%}
    {%- set problems = [] if valid else ['must be ' ~ wanted ~ ', got ' ~ value] -%}
    {%- if valid and name == 'scv__review_probability_floor' and value > scv.identity_setting('scv__match_probability_threshold') -%}
        {%- do problems.append('must be at most scv__match_probability_threshold ('
            ~ var('scv__match_probability_threshold') ~ '), got ' ~ value) -%}
    {%- endif -%}
    {{ scv.raise_setting_problems(name, problems) }}
    {{ return(value) }}
{%- endmacro %}
