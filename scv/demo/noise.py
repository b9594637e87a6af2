"""Ways real systems get a person wrong. Each function is pure given its random source."""

from __future__ import annotations

import random
import string

from scv.demo import vocab
from scv.demo.people import fold

_LETTERS = string.ascii_lowercase


def typo(rng: random.Random, text: str) -> str:
    """One keyboard slip: substitute, delete, insert or swap adjacent letters."""
    if len(text) < 3:
        return text
    i = rng.randrange(1, len(text) - 1)
    kind = rng.randrange(4)
    if kind == 0:
        ch = rng.choice(_LETTERS)
        if text[i].isupper():
            ch = ch.upper()
        out = text[:i] + ch + text[i + 1 :]
    elif kind == 1:
        out = text[:i] + text[i + 1 :]
    elif kind == 2:
        out = text[:i] + rng.choice(_LETTERS) + text[i:]
    else:
        out = text[: i - 1] + text[i] + text[i - 1] + text[i + 1 :]
    return out if out != text else text[:i] + text[i + 1 :]


def nickname(rng: random.Random, first_name: str) -> str | None:
    """A nickname of the given name from the nickname data set, or None if it has none."""
    options = vocab.nickname_map().get(fold(first_name).lower())
    if not options:
        return None
    return rng.choice(options).title()


def change_case(rng: random.Random, text: str) -> str:
    return text.upper() if rng.random() < 0.5 else text.lower()


def invalid_email(rng: random.Random, email: str) -> str:
    local, _, domain = email.partition("@")
    kind = rng.randrange(5)
    if kind == 0:
        return local + domain  # lost the @
    if kind == 1:
        return f"{local}@@{domain}"
    if kind == 2:
        return f"{local}@{domain.rsplit('.', 1)[0]}"  # no top-level domain
    if kind == 3:
        return f"{local[:2]} {local[2:]}@{domain}"  # a space typed inside
    return f"{local}@{domain.replace('.', ',')}"


def invalid_phone(rng: random.Random) -> str:
    return rng.choice(("12345", "000-000-0000", "555-CALL-NOW", "n/a", "99999999999999", "0"))


def format_phone(rng: random.Random, e164: str, style: str) -> str:
    """Render an E.164 number the way a system or a person types it."""
    digits = e164[1:]
    nanp = digits.startswith("1") and len(digits) == 11
    if nanp:
        area, exch, line = digits[1:4], digits[4:7], digits[7:]
        if style == "digits":
            return area + exch + line
        if style == "e164":
            return e164
        return rng.choice(
            (
                f"({area}) {exch}-{line}",
                f"{area}-{exch}-{line}",
                f"{area}.{exch}.{line}",
                f"+1 {area} {exch} {line}",
                f"1-{area}-{exch}-{line}",
                f"{area}{exch}{line}",
            )
        )
    cc_len = 2
    cc, national = digits[:cc_len], digits[cc_len:]
    if style == "e164":
        return e164
    if style == "digits":
        return "0" + national
    return rng.choice(
        (
            f"+{cc} {national[:3]} {national[3:]}",
            f"0{national[:3]} {national[3:]}",
            f"00{cc} {national}",
            f"0{national}",
        )
    )
