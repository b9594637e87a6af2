{#
    Parse a text timestamp written in one of the source formats and return it as a
    timestamp in UTC (no time zone), or null when it does not parse:
      'iso8601'          '2024-03-05T14:22:10.000Z', '2024-03-05T09:22:10-05:00'
      'mdy_hms_offset'   '03/05/2024 09:22:10 -0500'
      'ymd_hms_utc'      '2024-03-05 14:22:10' (known to be UTC)
      'epoch_seconds'    '1709648530'
    Formats are named, not written as patterns, because DuckDB (strftime) and Spark
    (Java DateTimeFormatter) spell them differently.
#}
{% macro parse_timestamp(expression, format) -%}
    {%- if format not in ['iso8601', 'mdy_hms_offset', 'ymd_hms_utc', 'epoch_seconds'] -%}
        {{ exceptions.raise_compiler_error("parse_timestamp: unknown format '" ~ format ~ "'") }}
    {%- endif -%}
    {{ return(adapter.dispatch('parse_timestamp', 'scv')(expression, format)) }}
{%- endmacro %}

{% macro duckdb__parse_timestamp(expression, format) -%}
    {%- if format == 'iso8601' -%}
        cast(timezone('UTC', try_cast({{ expression }} as timestamptz)) as timestamp)
    {%- elif format == 'mdy_hms_offset' -%}
        cast(timezone('UTC', try_strptime({{ expression }}, '%m/%d/%Y %H:%M:%S %z')) as timestamp)
    {%- elif format == 'ymd_hms_utc' -%}
        try_strptime({{ expression }}, '%Y-%m-%d %H:%M:%S')
    {%- elif format == 'epoch_seconds' -%}
        cast(timezone('UTC', to_timestamp(try_cast({{ expression }} as bigint))) as timestamp)
    {%- endif -%}
{%- endmacro %}

{#- Spark: the session time zone is UTC (profiles.yml), so parsed instants render in UTC. -#}
{% macro spark__parse_timestamp(expression, format) -%}
    {%- if format == 'iso8601' -%}
        try_to_timestamp({{ expression }})
    {%- elif format == 'mdy_hms_offset' -%}
        try_to_timestamp({{ expression }}, 'MM/dd/yyyy HH:mm:ss Z')
    {%- elif format == 'ymd_hms_utc' -%}
        try_to_timestamp({{ expression }}, 'yyyy-MM-dd HH:mm:ss')
    {%- elif format == 'epoch_seconds' -%}
        timestamp_seconds(try_cast({{ expression }} as bigint))
    {%- endif -%}
{%- endmacro %}


{#
    Parse a text date: 'ymd' '2024-03-05', 'mdy' '03/05/2024', 'dmy' '05.03.2024'.
    Returns null when it does not parse (e.g. '02/30/2024').
#}
{% macro parse_date(expression, format) -%}
    {%- if format not in ['ymd', 'mdy', 'dmy'] -%}
        {{ exceptions.raise_compiler_error("parse_date: unknown format '" ~ format ~ "'") }}
    {%- endif -%}
    {{ return(adapter.dispatch('parse_date', 'scv')(expression, format)) }}
{%- endmacro %}

{% macro duckdb__parse_date(expression, format) -%}
    {%- set pattern = {'ymd': '%Y-%m-%d', 'mdy': '%m/%d/%Y', 'dmy': '%d.%m.%Y'}[format] -%}
    cast(try_strptime({{ expression }}, '{{ pattern }}') as date)
{%- endmacro %}

{% macro spark__parse_date(expression, format) -%}
    {%- set pattern = {'ymd': 'yyyy-MM-dd', 'mdy': 'MM/dd/yyyy', 'dmy': 'dd.MM.yyyy'}[format] -%}
    to_date(try_to_timestamp({{ expression }}, '{{ pattern }}'))
{%- endmacro %}


{#- A typed timestamp (e.g. Parquet timestamptz) as a UTC timestamp without time zone. -#}
{% macro to_utc_timestamp(expression) -%}
    {{ return(adapter.dispatch('to_utc_timestamp', 'scv')(expression)) }}
{%- endmacro %}

{% macro duckdb__to_utc_timestamp(expression) -%}
    cast(timezone('UTC', {{ expression }}) as timestamp)
{%- endmacro %}

{% macro default__to_utc_timestamp(expression) -%}
    cast({{ expression }} as timestamp)
{%- endmacro %}
