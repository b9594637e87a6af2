"""Contact validation where Python does better than SQL: phone numbers with Google's
libphonenumber metadata (`phonenumbers`: real number plans, number types) and email
syntax with `email-validator` (RFC rules, internationalized domains), with no network
check."""

from __future__ import annotations

from dataclasses import dataclass

import phonenumbers
from email_validator import EmailNotValidError, validate_email

PHONE_TYPES = {
    phonenumbers.PhoneNumberType.MOBILE: "mobile",
    phonenumbers.PhoneNumberType.FIXED_LINE: "fixed_line",
    phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE: "fixed_line_or_mobile",
    phonenumbers.PhoneNumberType.TOLL_FREE: "toll_free",
    phonenumbers.PhoneNumberType.VOIP: "voip",
}


@dataclass(frozen=True)
class PhoneCheck:
    is_valid: bool
    phone_type: str | None
    region: str | None
    reason: str | None


@dataclass(frozen=True)
class EmailCheck:
    is_valid: bool
    normalized: str | None
    reason: str | None


def check_phone(e164: str) -> PhoneCheck:
    """Is this E.164 number a valid number of its country's plan, and of what type?"""
    try:
        number = phonenumbers.parse(e164, None)
    except phonenumbers.NumberParseException as error:
        return PhoneCheck(False, None, None, f"unparseable: {error}")
    region = phonenumbers.region_code_for_number(number)
    if not phonenumbers.is_valid_number(number):
        return PhoneCheck(False, None, region, "not a valid number in its country's plan")
    kind = PHONE_TYPES.get(phonenumbers.number_type(number), "other")
    return PhoneCheck(True, kind, region, None)


def check_email(email: str) -> EmailCheck:
    """Syntax check (no DNS or SMTP): valid, normalized form, or why not."""
    try:
        result = validate_email(email, check_deliverability=False)
    except EmailNotValidError as error:
        return EmailCheck(False, None, str(error))
    return EmailCheck(True, result.normalized.lower(), None)
