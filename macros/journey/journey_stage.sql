{#
    The journey stage of a touchpoint, from var scv__journeys.stages: a case expression
    whose first matching rule wins. A rule names a stage and the interaction types it
    covers; `after_first_purchase: true` limits it to touchpoints after the customer's
    first purchase, `false` to touchpoints up to and including it. A touchpoint no rule
    covers has no stage (null). A malformed rule stops compilation with a message
    naming it.

    interaction_type, purchases_before: column expressions (purchases_before = the
    customer's purchases strictly before this touchpoint)
#}
{% macro journey_stage(interaction_type, purchases_before, rules=none) -%}
    {%- set rules = rules if rules is not none else var('scv__journeys').stages -%}
    {%- set known_stages = ['awareness', 'consideration', 'purchase', 'retention', 'advocacy'] -%}
    case
    {%- for rule in rules %}
        {%- if rule is not mapping or not rule.get('stage') or not rule.get('interaction_types') %}
            {{ exceptions.raise_compiler_error(
                "scv__journeys.stages rule " ~ loop.index ~ " (" ~ rule ~ "): needs `stage` and "
                ~ "a list `interaction_types`") }}
        {%- endif %}
        {%- if rule.stage not in known_stages %}
            {{ exceptions.raise_compiler_error(
                "scv__journeys.stages rule " ~ loop.index ~ ": unknown stage '" ~ rule.stage
                ~ "' (known: " ~ known_stages | join(', ') ~ ")") }}
        {%- endif %}
        {%- set unknown_keys = rule.keys() | reject('in', ['stage', 'interaction_types', 'after_first_purchase']) | list %}
        {%- if unknown_keys %}
            {{ exceptions.raise_compiler_error(
                "scv__journeys.stages rule " ~ loop.index ~ " (" ~ rule.stage ~ "): unknown key(s) "
                ~ unknown_keys | join(', ') ~ " (known: stage, interaction_types, after_first_purchase)") }}
        {%- endif %}
        when {{ interaction_type }} in ('{{ rule.interaction_types | join("', '") }}')
        {%- if rule.get('after_first_purchase') is sameas true %} and {{ purchases_before }} > 0
        {%- elif rule.get('after_first_purchase') is sameas false %} and {{ purchases_before }} = 0
        {%- endif %}
            then '{{ rule.stage }}'
    {%- endfor %}
    end
{%- endmacro %}
