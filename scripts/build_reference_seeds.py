"""Rebuild the reference seeds in seeds/reference/ from the data sets they come from.

The seeds are committed (dbt reads them offline); run this only to refresh them, all of
them or the steps named (countries, names, given_names, industries, email_domains):

    pip install -e '.[seeds]' && python scripts/build_reference_seeds.py [step ...]

Sources (see README, "Data credits"): nicknames (Apache-2.0), pycountry / ISO 3166 (LGPL
data), Babel / CLDR country names (Unicode license), phonenumbers (Apache-2.0) for calling
codes, disposable-email-domains (MIT), Faker (MIT) name frequencies for tie-breaks.
"""

from __future__ import annotations

import csv
import re
import sys
import unicodedata
from pathlib import Path

import phonenumbers
import pycountry
from babel import Locale
from disposable_email_domains import blocklist
from faker.providers.person.en_US import Provider as PersonUS

from scv.demo import vocab

OUT = Path(__file__).resolve().parents[1] / "seeds" / "reference"


def fold_upper(text: str) -> str:
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^A-Z0-9 ]+", "", re.sub(r"[.\-_/]", " ", text.upper())).strip()


def collapse(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def write(name: str, header: list[str], rows: list[tuple]) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    with (OUT / name).open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(sorted(set(rows)))
    print(f"{name}: {len(set(rows))} rows")


def countries() -> None:
    rows = []
    aliases: dict[str, str] = {}
    locales = [Locale(code) for code in ("en", "de", "fr", "es", "nl", "it", "pt")]
    for c in pycountry.countries:
        code = phonenumbers.country_code_for_region(c.alpha_2)
        rows.append((c.alpha_2, c.alpha_3, c.name, str(code) if code else ""))
        names = {
            c.alpha_2,
            c.alpha_3,
            c.name,
            getattr(c, "official_name", c.name),
            getattr(c, "common_name", c.name),
        }
        for loc in locales:
            if c.alpha_2 in loc.territories:
                names.add(loc.territories[c.alpha_2])
        for n in names:
            aliases.setdefault(collapse(fold_upper(n)), c.alpha_2)
    extra = {
        "USA": "US",
        "U S A": "US",
        "U S": "US",
        "AMERICA": "US",
        "UNITED STATES OF AMERICA": "US",
        "UK": "GB",
        "U K": "GB",
        "GREAT BRITAIN": "GB",
        "ENGLAND": "GB",
        "SCOTLAND": "GB",
        "WALES": "GB",
        "NORTHERN IRELAND": "GB",
        "BRITAIN": "GB",
        "HOLLAND": "NL",
        "THE NETHERLANDS": "NL",
        "DEUTSCHLAND": "DE",
        "ESPANA": "ES",
        "BRD": "DE",
        "SOUTH KOREA": "KR",
        "NORTH KOREA": "KP",
        "RUSSIA": "RU",
        "VIETNAM": "VN",
    }
    aliases.update(extra)
    write(
        "countries.csv",
        ["country_code", "country_code_alpha3", "country_name", "calling_code"],
        rows,
    )
    write(
        "country_aliases.csv",
        ["country_alias", "country_code"],
        [(k, v) for k, v in aliases.items() if k],
    )


def names() -> None:
    pairs = [(formal, nick) for formal, nicks in vocab.nickname_map().items() for nick in nicks]
    write("nicknames.csv", ["formal_name", "nickname"], pairs)
    weights: dict[str, float] = {}
    for table in (PersonUS.first_names_female, PersonUS.first_names_male):
        for name, w in table.items():
            weights[name.lower()] = weights.get(name.lower(), 0.0) + float(w)
    formal = set(vocab.nickname_map())
    canon: dict[str, str] = {name: name for name in formal}
    by_nick: dict[str, list[str]] = {}
    for f, n in pairs:
        by_nick.setdefault(n, []).append(f)
    for nick, formals in by_nick.items():
        if (
            nick in formal
            and nick in weights
            and weights[nick] > max(weights.get(f, 0) for f in formals)
        ):
            continue  # a common given name in its own right (e.g. 'ron' is not, 'jack' is)

        # the formal name a nickname most likely stands for: a name's frequency, counted
        # four times when the nickname starts it ('ron' -> ronald, not aaron) and twice when
        # it is inside it ('liz' -> elizabeth), so 'mike' -> michael (not miguel) and 'rick'
        # -> richard (not derrick). Ties (names without a frequency) go to names that are
        # not nicknames themselves, that start with or contain the nickname.
        def rank(f: str, formals: list[str] = formals, nick: str = nick) -> tuple:
            is_diminutive = any(f in vocab.nickname_map().get(other, ()) for other in formals)
            likelihood = 4.0 if f.startswith(nick) else 2.0 if nick in f else 1.0
            return (
                -weights.get(f, 0.0) * likelihood,
                is_diminutive,
                not f.startswith(nick),
                nick not in f,
                f,
            )

        best = sorted(formals, key=rank)[0]
        canon[nick] = best
    write(
        "first_name_canonical_forms.csv",
        ["first_name", "canonical_first_name"],
        list(canon.items()),
    )


def given_names() -> None:
    """Known given names: two different known names are two people, not a typo."""
    from faker.providers.person.de_DE import Provider as PersonDE
    from faker.providers.person.es_ES import Provider as PersonES
    from faker.providers.person.fr_FR import Provider as PersonFR

    names = set(vocab.nickname_map())
    names |= {n for nicks in vocab.nickname_map().values() for n in nicks}
    for provider in (PersonUS, PersonDE, PersonFR, PersonES):
        for table in (provider.first_names_female, provider.first_names_male):
            names |= {re.sub(r"[^a-z]", "", fold_upper(n).lower()) for n in table}
    write("given_names.csv", ["first_name_key"], [(n,) for n in names if len(n) > 1])


def industries() -> None:
    rows = []
    for vocabulary, mapping in vocab.INDUSTRY_VOCABULARIES.items():
        for industry, label in mapping.items():
            rows.append((vocabulary, collapse(label.lower()), industry))
    write("industry_taxonomy.csv", ["source_vocabulary", "source_value", "industry"], rows)


def email_domains() -> None:
    write("disposable_email_domains.csv", ["email_domain"], [(d.lower(),) for d in blocklist])


if __name__ == "__main__":
    steps = {f.__name__: f for f in (countries, names, given_names, industries, email_domains)}
    unknown = [step for step in sys.argv[1:] if step not in steps]
    if unknown:
        sys.exit(f"unknown step {', '.join(unknown)}; choose from {', '.join(steps)}")
    for step in sys.argv[1:] or steps:
        steps[step]()
