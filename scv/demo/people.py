"""The truth: people, households and organizations, before any system records them."""

from __future__ import annotations

import datetime as dt
import random
import re
import unicodedata
from dataclasses import dataclass, field

from scv.demo import vocab
from scv.demo.config import GeneratorConfig

EPOCH = dt.date(2015, 1, 1)


@dataclass(frozen=True)
class Address:
    line1: str
    line2: str | None
    city: str
    region: str
    postal_code: str
    country: str


@dataclass(frozen=True)
class Organization:
    organization_id: str
    name: str
    domain: str
    industry: str
    employees: int
    country: str
    parent_organization_id: str | None


@dataclass
class Person:
    person_id: str
    index: int
    household_id: str
    gender: str
    locale: str
    country: str
    first_name: str
    middle_name: str | None
    last_name: str
    birth_date: dt.date
    email: str
    mobile_phone: str  # E.164
    home_phone: str | None  # E.164, shared by the household
    address: Address
    first_seen: dt.date
    job_title: str | None = None
    organization_id: str | None = None
    work_email: str | None = None
    maiden_name: str | None = None
    married_on: dt.date | None = None
    previous_address: Address | None = None
    moved_on: dt.date | None = None
    previous_mobile_phone: str | None = None
    phone_changed_on: dt.date | None = None
    deceased_on: dt.date | None = None
    household_email: str | None = None
    social_account: str | None = None  # 'platform:handle'
    tags: set[str] = field(default_factory=set)

    # what the person looked like on a given day
    def last_name_on(self, day: dt.date) -> str:
        if self.married_on and day < self.married_on and self.maiden_name:
            return self.maiden_name
        return self.last_name

    def address_on(self, day: dt.date) -> Address:
        if self.moved_on and day < self.moved_on and self.previous_address:
            return self.previous_address
        return self.address

    def mobile_on(self, day: dt.date) -> str:
        if self.phone_changed_on and day < self.phone_changed_on and self.previous_mobile_phone:
            return self.previous_mobile_phone
        return self.mobile_phone

    def last_active(self, as_of: dt.date) -> dt.date:
        return self.deceased_on or as_of


def fold(text: str) -> str:
    """Strip accents: 'Müller' -> 'Muller'."""
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "", fold(text).lower())


def random_date(rng: random.Random, start: dt.date, end: dt.date) -> dt.date:
    if end <= start:
        return start
    return start + dt.timedelta(days=rng.randrange((end - start).days))


def make_phone(rng: random.Random, city: vocab.City, mobile: bool) -> str:
    """A plausible E.164 number in the city's country."""
    cc = vocab.COUNTRIES[city.country][1]
    if city.country in ("US", "CA"):
        area = rng.choice(city.area_codes)
        exchange = rng.randrange(201, 999)
        if exchange % 100 == 11:
            exchange += 1
        return f"+1{area}{exchange}{rng.randrange(10000):04d}"
    if mobile:
        prefix = {
            "GB": "7" + str(rng.randrange(400, 999)),
            "DE": rng.choice(("151", "160", "170", "176")),
            "FR": rng.choice(("6", "7")),
            "ES": rng.choice(("6", "7")),
            "NL": "6",
        }[city.country]
        width = {"GB": 6, "DE": 8, "FR": 8, "ES": 8, "NL": 8}[city.country]
    else:
        prefix = rng.choice(city.area_codes)
        width = {"GB": 7 if len(prefix) == 3 else 8, "DE": 7, "FR": 8, "ES": 7, "NL": 7}[
            city.country
        ]
    return f"+{cc}{prefix}{rng.randrange(10 ** (width - 1), 10**width)}"


def make_postal_code(rng: random.Random, city: vocab.City) -> str:
    c = city.country
    letter = rng.choice
    if c == "US":
        return f"{city.postal_prefix}{rng.randrange(100):02d}"
    if c == "GB":
        tail = letter("ABDEFGHJLNPQRSTUWXYZ") + letter("ABDEFGHJLNPQRSTUWXYZ")
        return f"{city.postal_prefix}{rng.randrange(1, 20)} {rng.randrange(1, 9)}{tail}"
    if c == "CA":
        a, b = letter("ABCEGHJKLMNPRSTVXY"), letter("ABCEGHJKLMNPRSTVXY")
        return f"{city.postal_prefix}{a} {rng.randrange(10)}{b}{rng.randrange(10)}"
    if c == "NL":
        tail = letter("ABCDEFGHJKLMNPRSTVWXZ") + letter("ABCDEFGHJKLMNPRSTVWXZ")
        return f"{city.postal_prefix}{rng.randrange(10, 99)} {tail}"
    return f"{city.postal_prefix}{rng.randrange(1000 if c != 'FR' else 100):03d}".ljust(5, "0")[:5]


def make_address(rng: random.Random, city: vocab.City) -> Address:
    if city.country in ("US", "CA"):
        word = rng.choice(vocab.STREET_WORDS_US)
        suffix = rng.choice(vocab.STREET_SUFFIXES_US)[0]
        line1 = f"{rng.randrange(1, 9999)} {word} {suffix}"
        line2 = None
        if rng.random() < 0.2:
            line2 = f"{rng.choice(vocab.UNIT_WORDS)[0]} {rng.randrange(1, 40)}{rng.choice('ABCD')}"
    elif city.country in ("DE", "NL", "ES"):
        line1 = f"{rng.choice(vocab.STREET_WORDS_INTL[city.country])} {rng.randrange(1, 180)}"
        line2 = None
    else:
        line1 = f"{rng.randrange(1, 180)} {rng.choice(vocab.STREET_WORDS_INTL[city.country])}"
        line2 = None
    return Address(line1, line2, city.name, city.region, make_postal_code(rng, city), city.country)


def make_organizations(config: GeneratorConfig) -> list[Organization]:
    """Companies people work for; some are subsidiaries of others."""
    rng = random.Random(f"{config.seed}:organizations")
    count = max(30, config.people // 25)
    last_names = vocab.name_vocabularies()["en_US"].last
    orgs: list[Organization] = []
    used_domains: set[str] = set()
    for i in range(count):
        base = vocab.choose_weighted(rng, last_names)
        kind = rng.random()
        if kind < 0.4:
            name = f"{base} {rng.choice(('Inc', 'LLC', 'Group', 'Ltd', 'GmbH', 'SA'))}"
        elif kind < 0.7:
            other = vocab.choose_weighted(rng, last_names)
            name = f"{base} & {other}"
        else:
            word = rng.choice(
                (
                    "Systems",
                    "Labs",
                    "Partners",
                    "Holdings",
                    "Logistics",
                    "Health",
                    "Foods",
                    "Capital",
                    "Media",
                    "Energy",
                    "Works",
                    "Analytics",
                )
            )
            name = f"{base} {word}"
        domain = slug(name.replace(" Inc", "").replace(" LLC", "").replace(" Ltd", ""))
        if domain in used_domains:
            domain = f"{domain}{i}"
        used_domains.add(domain)
        tld = rng.choice((".com", ".com", ".com", ".io", ".co", ".net"))
        parent = None
        if i > 10 and rng.random() < 0.15:
            parent = orgs[rng.randrange(0, i // 2 + 1)].organization_id
        city = rng.choice(vocab.CITIES)
        orgs.append(
            Organization(
                organization_id=f"O{i:07d}",
                name=name,
                domain=domain + tld,
                industry=rng.choice(vocab.INDUSTRIES),
                employees=int(rng.lognormvariate(4.0, 1.6)) + 2,
                country=city.country,
                parent_organization_id=parent,
            )
        )
    return orgs


def _email_for(rng: random.Random, first: str, last: str, index: int) -> str:
    f, l_ = slug(first), slug(last)
    domains, weights = zip(*vocab.PERSONAL_EMAIL_DOMAINS, strict=True)
    domain = rng.choices(domains, weights=weights, k=1)[0]
    pattern = rng.randrange(6)
    local = (f"{f}.{l_}", f"{f}{l_}", f"{f[0]}{l_}", f"{f}_{l_}", f"{l_}.{f}", f"{f}{l_[:1]}")[
        pattern
    ]
    # a number makes the address unique, as a real mailbox must be
    return f"{local}{index % 997 if rng.random() < 0.6 else index}@{domain}"


def make_people(
    config: GeneratorConfig,
    chunk_index: int,
    start: int,
    count: int,
    organizations: list[Organization],
) -> list[Person]:
    """The true people of one chunk, grouped into households."""
    rng = random.Random(f"{config.seed}:people:{chunk_index}")
    rates = config.rates
    as_of = config.as_of
    names = vocab.name_vocabularies()
    countries = list(vocab.COUNTRIES)
    country_weights = [vocab.COUNTRIES[c][0] for c in countries]
    cities_by_country: dict[str, list[vocab.City]] = {}
    for city in vocab.CITIES:
        cities_by_country.setdefault(city.country, []).append(city)
    jobs = vocab.job_titles()

    people: list[Person] = []
    index = start
    end = start + count
    while index < end:
        size = min(end - index, rng.choices((1, 2, 3, 4, 5), weights=(40, 33, 13, 10, 4))[0])
        country = rng.choices(countries, weights=country_weights)[0]
        locale = vocab.COUNTRIES[country][2]
        city = rng.choice(cities_by_country[country])
        home = make_address(rng, city)
        household_id = f"H{index:08d}"
        family_name = vocab.choose_weighted(rng, names[locale].last)
        home_phone = make_phone(rng, city, mobile=False) if rng.random() < 0.45 else None
        household: list[Person] = []
        for member in range(size):
            gender = rng.choice("FM")
            first_vocab = names[locale].female if gender == "F" else names[locale].male
            first = vocab.choose_weighted(rng, first_vocab)
            if member == 0 or rng.random() < 0.7:
                last = family_name
            else:
                last = vocab.choose_weighted(rng, names[locale].last)
            if member < 2:
                birth = random_date(
                    rng, as_of - dt.timedelta(days=365 * 85), as_of - dt.timedelta(days=365 * 20)
                )
            else:  # children of the household, adults by now
                birth = random_date(
                    rng, as_of - dt.timedelta(days=365 * 30), as_of - dt.timedelta(days=365 * 18)
                )
            middle = vocab.choose_weighted(rng, first_vocab) if rng.random() < 0.3 else None
            person = Person(
                person_id=f"P{index:08d}",
                index=index,
                household_id=household_id,
                gender=gender,
                locale=locale,
                country=country,
                first_name=first,
                middle_name=middle,
                last_name=last,
                birth_date=birth,
                email=_email_for(rng, first, last, index),
                mobile_phone=make_phone(rng, city, mobile=True),
                home_phone=home_phone,
                address=home,
                first_seen=random_date(rng, EPOCH, as_of - dt.timedelta(days=30)),
            )
            if rng.random() < 0.35 and member < 2:
                org = organizations[rng.randrange(len(organizations))]
                person.organization_id = org.organization_id
                person.job_title = rng.choice(jobs)
                person.work_email = f"{slug(first)}.{slug(last)}@{org.domain}"
            if rng.random() < rates.married_name_change:
                person.maiden_name = vocab.choose_weighted(rng, names[locale].last)
                person.married_on = random_date(rng, EPOCH, as_of - dt.timedelta(days=60))
                person.tags.add("married_name_change")
            if rng.random() < rates.moved:
                old_city = city if rng.random() < 0.6 else rng.choice(cities_by_country[country])
                person.previous_address = make_address(rng, old_city)
                person.moved_on = random_date(
                    rng, EPOCH + dt.timedelta(days=200), as_of - dt.timedelta(days=30)
                )
                person.tags.add("moved")
            if rng.random() < rates.phone_changed:
                person.previous_mobile_phone = make_phone(rng, city, mobile=True)
                person.phone_changed_on = random_date(
                    rng, EPOCH + dt.timedelta(days=200), as_of - dt.timedelta(days=30)
                )
                person.tags.add("phone_changed")
            if rng.random() < rates.deceased:
                person.deceased_on = random_date(
                    rng, max(person.first_seen, dt.date(2019, 1, 1)), as_of
                )
                person.tags.add("deceased")
            if rng.random() < 0.15:
                platform = rng.choice(("twitter", "instagram", "facebook", "tiktok"))
                handle = slug(first)[: rng.randrange(3, 9)] + slug(last)[: rng.randrange(1, 6)]
                handle = f"{handle}{index}"
                person.social_account = f"{platform}:{handle}"
            household.append(person)
            index += 1
        if size > 1 and rng.random() < rates.shared_household_email:
            domain = rng.choice(("gmail.com", "yahoo.com", "aol.com"))
            shared = f"{slug(family_name)}family{household[0].index % 997}@{domain}"
            for person in household[:2]:
                person.household_email = shared
                person.tags.add("shared_household_email")
        people.extend(household)
    return people
