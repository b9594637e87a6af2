{#
    Phone number in E.164 ('+12125550123'), given the calling code of the country the
    record belongs to (a string such as '1', '44', '49'), used when the number has none:
      '(212) 555-0123', calling code '1'  -> '+12125550123'
      '1-212-555-0123', '1'               -> '+12125550123'
      '0151 2345678', '49'                -> '+491512345678'
      '0049 151 2345678', any             -> '+491512345678'
      '+44 7911 123456', any              -> '+447911123456'
    Returns null for an empty value. The result may still be invalid: check it with
    phone_is_valid, and keep the raw value for the record.
#}
{% macro normalize_phone(expression, calling_code) -%}
    {%- set digits = scv.regex_replace_all(expression, '[^0-9]', '') -%}
    case
        when nullif({{ digits }}, '') is null then null
        when trim({{ expression }}) like '+%' then concat('+', {{ digits }})
        when {{ digits }} like '00%' then concat('+', substr({{ digits }}, 3))
        when {{ calling_code }} = '1' and length({{ digits }}) = 11 and {{ digits }} like '1%'
            then concat('+', {{ digits }})
        when {{ calling_code }} = '1' then concat('+1', {{ digits }})
        when {{ digits }} like '0%' then concat('+', {{ calling_code }}, substr({{ digits }}, 2))
        else concat('+', {{ calling_code }}, {{ digits }})
    end
{%- endmacro %}


{#
    True when an E.164 number is plausible: North American numbers (+1) need a
    10-digit number whose area code and exchange do not start with 0 or 1; others need
    8 to 15 digits after a country code that does not start with 0 or 1. Runs of 7+
    zeros, ones, fives or nines are placeholders.
    '+12125550123' -> true; '+10000000000', '+112345', '+4912', '+15555555555' -> false.
#}
{% macro phone_is_valid(e164) -%}
    coalesce(
        case
            when {{ e164 }} like '+1%'
                then {{ scv.regex_matches(e164, '^\\+1[2-9][0-9]{2}[2-9][0-9]{6}$') }}
            else {{ scv.regex_matches(e164, '^\\+[2-9][0-9]{7,14}$') }}
        end
        and not {{ scv.regex_matches(e164, '(0{7,}|1{7,}|5{7,}|9{7,})') }},
        false
    )
{%- endmacro %}
