"""Each source system's view of the people of one chunk, with that system's quirks.

A builder takes the chunk's true people and returns the rows of the system's tables
(as column lists) and the ground truth of every person record it wrote.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import random
from collections.abc import Iterable
from dataclasses import dataclass, field

from scv.demo import noise, vocab
from scv.demo.config import GeneratorConfig
from scv.demo.people import Address, Organization, Person, fold, random_date

UTC = dt.UTC


class Columns:
    """Rows of one table kept as column lists (cheap to turn into an Arrow table)."""

    def __init__(self, names: Iterable[str]) -> None:
        self.data: dict[str, list[object]] = {n: [] for n in names}

    def add(self, **values: object) -> None:
        if values.keys() != self.data.keys():
            missing = self.data.keys() - values.keys()
            extra = values.keys() - self.data.keys()
            raise KeyError(f"row does not fit the table: missing {missing}, extra {extra}")
        for k, v in values.items():
            self.data[k].append(v)

    def add_sparse(self, **values: object) -> None:
        """Add a row that leaves most columns empty (fake/test rows): absent columns are null."""
        unknown = values.keys() - self.data.keys()
        if unknown:
            raise KeyError(f"row does not fit the table: extra {unknown}")
        self.add(**{name: values.get(name) for name in self.data})

    def __len__(self) -> int:
        return len(next(iter(self.data.values()))) if self.data else 0


TRUTH_COLUMNS = (
    "source_system",
    "source_table",
    "source_record_id",
    "person_id",
    "household_id",
    "organization_id",
    "is_test_record",
    "is_duplicate",
    "noise",
)


@dataclass
class ChunkOutput:
    tables: dict[str, Columns] = field(default_factory=dict)
    truth: Columns = field(default_factory=lambda: Columns(TRUTH_COLUMNS))

    def table(self, name: str, columns: Iterable[str]) -> Columns:
        if name not in self.tables:
            self.tables[name] = Columns(columns)
        return self.tables[name]


@dataclass
class Capture:
    """What one system recorded about a person at one moment, with the noise applied."""

    first: str | None
    last: str | None
    email: str | None
    phone: str | None
    address: Address
    birth_date: dt.date | None
    noise: list[str]


@dataclass
class Context:
    config: GeneratorConfig
    chunk_index: int
    organizations: list[Organization]
    products: list[tuple[str, str, str, float]]
    campaigns: list[tuple[str, str, dt.date]]

    @property
    def rates(self):  # noqa: ANN201 - MessRates, kept short
        return self.config.rates

    def rng(self, system: str) -> random.Random:
        return random.Random(f"{self.config.seed}:{system}:{self.chunk_index}")


def ts(day: dt.date, rng: random.Random) -> dt.datetime:
    """A moment during a day, UTC."""
    seconds = rng.randrange(7 * 3600, 23 * 3600)
    return dt.datetime(day.year, day.month, day.day, tzinfo=UTC) + dt.timedelta(seconds=seconds)


def iso_z(moment: dt.datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


def capture(
    ctx: Context,
    rng: random.Random,
    person: Person,
    day: dt.date,
    *,
    email_kind: str = "personal",
    nickname_ok: bool = True,
    phone_kind: str = "mobile",
) -> Capture:
    """Apply the configured noise to the person's attributes as they were on `day`."""
    rates = ctx.rates
    tags: list[str] = []
    first = person.first_name
    last = person.last_name_on(day)
    if last != person.last_name:
        tags.append("previous_last_name")
    if nickname_ok and rng.random() < rates.nickname:
        nick = noise.nickname(rng, first)
        if nick:
            first = nick
            tags.append("nickname")
    if rng.random() < rates.typo:
        first = noise.typo(rng, first)
        tags.append("typo_first_name")
    if rng.random() < rates.typo:
        last = noise.typo(rng, last)
        tags.append("typo_last_name")
    if rng.random() < rates.case_variation:
        first, last = noise.change_case(rng, first), noise.change_case(rng, last)
        tags.append("case")

    email: str | None
    if email_kind == "work" and person.work_email:
        email = person.work_email
    elif person.household_email and rng.random() < 0.5:
        email = person.household_email
        tags.append("household_email")
    else:
        email = person.email
    if rng.random() < rates.invalid_email:
        email = noise.invalid_email(rng, email)
        tags.append("invalid_email")
    elif rng.random() < 0.05:
        email = email.title() if rng.random() < 0.5 else f" {email.upper()} "
        tags.append("email_case")

    phone: str | None
    if phone_kind == "home" and person.home_phone:
        phone = person.home_phone
        tags.append("household_phone")
    else:
        phone = person.mobile_on(day)
        if phone != person.mobile_phone:
            tags.append("previous_phone")
    if rng.random() < rates.invalid_phone:
        phone = noise.invalid_phone(rng)
        tags.append("invalid_phone")

    address = person.address_on(day)
    if address != person.address:
        tags.append("previous_address")
    birth: dt.date | None = person.birth_date
    if rng.random() < rates.missing_value:
        email = None
        tags.append("missing_email")
    if rng.random() < rates.missing_value:
        phone = None
        tags.append("missing_phone")
    if rng.random() < rates.missing_value:
        birth = None
        tags.append("missing_birth_date")
    return Capture(first, last, email, phone, address, birth, tags)


def record_truth(
    out: ChunkOutput,
    system: str,
    table: str,
    record_id: str,
    person: Person | None,
    tags: list[str],
    *,
    duplicate: bool = False,
) -> None:
    out.truth.add(
        source_system=system,
        source_table=table,
        source_record_id=record_id,
        person_id=person.person_id if person else None,
        household_id=person.household_id if person else None,
        organization_id=person.organization_id if person else None,
        is_test_record=person is None,
        is_duplicate=duplicate,
        noise=";".join(tags),
    )


def copies(ctx: Context, rng: random.Random) -> int:
    """How many records one system holds for a person: usually 1, sometimes 2."""
    return 2 if rng.random() < ctx.rates.within_system_duplicate else 1


def test_people(ctx: Context, rng: random.Random, base_count: int) -> list[tuple[str, str, str]]:
    expected = ctx.rates.test_record * base_count
    count = int(expected) + (1 if rng.random() < expected - int(expected) else 0)
    return [rng.choice(vocab.TEST_PEOPLE) for _ in range(count)]


def country_label(rng: random.Random, iso: str, style: str) -> str:
    names = {
        "US": ("United States", "USA", "US", "U.S.A.", "United States of America"),
        "GB": ("United Kingdom", "UK", "GB", "Great Britain", "England"),
        "CA": ("Canada", "CA", "CAN"),
        "DE": ("Germany", "DE", "Deutschland"),
        "FR": ("France", "FR", "FRA"),
        "ES": ("Spain", "ES", "España"),
        "NL": ("Netherlands", "NL", "The Netherlands", "Holland"),
    }
    german = {
        "US": "Vereinigte Staaten",
        "GB": "Vereinigtes Königreich",
        "CA": "Kanada",
        "DE": "Deutschland",
        "FR": "Frankreich",
        "ES": "Spanien",
        "NL": "Niederlande",
    }
    if style == "iso":
        return iso
    if style == "german":
        return german[iso]
    return rng.choice(names[iso])


def abbreviate_street(rng: random.Random, line: str) -> str:
    for full, short in vocab.STREET_SUFFIXES_US:
        if f" {full}" in line:
            return line.replace(
                f" {full}", rng.choice((f" {short}", f" {short}.", f" {full.upper()}"))
            )
    return line


# --------------------------------------------------------------------------- CRM

CRM_CONTACT_COLUMNS = (
    "Id",
    "FirstName",
    "LastName",
    "Email",
    "Phone",
    "MobilePhone",
    "MailingStreet",
    "MailingCity",
    "MailingState",
    "MailingPostalCode",
    "MailingCountry",
    "Birthdate",
    "Title",
    "AccountId",
    "BuyingRole",
    "LeadSource",
    "IsDeceased__c",
    "CreatedDate",
    "LastModifiedDate",
)
CRM_ACCOUNT_COLUMNS = (
    "Id",
    "Name",
    "Website",
    "Industry",
    "Sector__c",
    "ParentId",
    "NumberOfEmployees",
    "BillingCountry",
    "CreatedDate",
)
CRM_ACTIVITY_COLUMNS = ("Id", "WhoId", "OwnerName", "Type", "Subject", "ActivityDate")


def crm_account_id(org: Organization) -> str:
    return f"001{int(org.organization_id[1:]):015d}"


def build_crm_accounts(config: GeneratorConfig, organizations: list[Organization]) -> Columns:
    rng = random.Random(f"{config.seed}:crm_accounts")
    table = Columns(CRM_ACCOUNT_COLUMNS)
    by_id = {o.organization_id: o for o in organizations}
    for org in organizations:
        industry = vocab.INDUSTRY_VOCABULARIES["crm_industry"][org.industry]
        legacy = rng.random() < 0.3  # migrated accounts keep the old "sector" field instead
        parent = by_id.get(org.parent_organization_id) if org.parent_organization_id else None
        created = random_date(rng, dt.date(2015, 1, 1), config.as_of)
        table.add(
            Id=crm_account_id(org),
            Name=org.name,
            Website=rng.choice((f"https://www.{org.domain}", f"www.{org.domain}", org.domain)),
            Industry=None if legacy else industry,
            Sector__c=vocab.INDUSTRY_VOCABULARIES["firmographics_sector"][org.industry]
            if legacy
            else None,
            ParentId=crm_account_id(parent) if parent else None,
            NumberOfEmployees=str(org.employees),
            BillingCountry=country_label(rng, org.country, "any"),
            CreatedDate=iso_z(ts(created, rng)),
        )
    return table


def build_crm(ctx: Context, people: list[Person], out: ChunkOutput, counter: list[int]) -> None:
    rng = ctx.rng("crm")
    contacts = out.table("crm/contacts", CRM_CONTACT_COLUMNS)
    activities = out.table("crm/activities", CRM_ACTIVITY_COLUMNS)
    org_by_id = {o.organization_id: o for o in ctx.organizations}
    as_of = ctx.config.as_of
    for person in people:
        if rng.random() >= (0.6 if person.organization_id else 0.06):
            continue
        for copy in range(copies(ctx, rng)):
            counter[0] += 1
            cid = f"003{counter[0]:015d}"
            created = random_date(rng, person.first_seen, person.last_active(as_of))
            modified = random_date(rng, created, person.last_active(as_of))
            cap = capture(ctx, rng, person, modified, email_kind="work")
            if person.organization_id and rng.random() < ctx.rates.generic_company_email:
                org = org_by_id[person.organization_id]
                cap.email = f"{rng.choice(vocab.ROLE_LOCAL_PARTS)}@{org.domain}"
                # the role address replaces whatever the contact's own address looked like
                cap.noise = [
                    t
                    for t in cap.noise
                    if t not in ("invalid_email", "email_case", "missing_email")
                ]
                cap.noise.append("generic_company_email")
            addr = cap.address
            street = abbreviate_street(rng, addr.line1) if rng.random() < 0.4 else addr.line1
            if addr.line2:
                street = (
                    f"{street}\n{addr.line2}" if rng.random() < 0.5 else f"{street} {addr.line2}"
                )
            contacts.add(
                Id=cid,
                FirstName=cap.first,
                LastName=cap.last,
                Email=cap.email,
                Phone=noise.format_phone(rng, person.home_phone, "any")
                if person.home_phone and rng.random() < 0.3
                else None,
                MobilePhone=noise.format_phone(rng, cap.phone, "any")
                if cap.phone and cap.phone.startswith("+")
                else cap.phone,
                MailingStreet=street,
                MailingCity=addr.city,
                MailingState=addr.region,
                MailingPostalCode=addr.postal_code,
                MailingCountry=country_label(rng, addr.country, "any"),
                Birthdate=cap.birth_date.isoformat()
                if cap.birth_date and rng.random() < 0.5
                else None,
                Title=person.job_title,
                AccountId=crm_account_id(org_by_id[person.organization_id])
                if person.organization_id
                else None,
                BuyingRole=rng.choice(vocab.BUYING_ROLES) if person.organization_id else None,
                LeadSource=rng.choice(("Web", "Trade Show", "Referral", "Partner", "Cold Call")),
                IsDeceased__c="true" if person.deceased_on and rng.random() < 0.5 else "false",
                CreatedDate=iso_z(ts(created, rng)),
                LastModifiedDate=iso_z(ts(modified, rng)),
            )
            record_truth(out, "crm", "contacts", cid, person, cap.noise, duplicate=copy > 0)
            for _ in range(rng.randrange(0, 4)):
                counter[1] += 1
                day = random_date(rng, created, person.last_active(as_of))
                kind = rng.choice(("Call", "Email", "Meeting", "Email", "Call"))
                activities.add(
                    Id=f"00T{counter[1]:015d}",
                    WhoId=cid,
                    OwnerName=rng.choice(vocab.SALES_REPS),
                    Type=kind,
                    Subject=rng.choice(("Intro", "Follow-up", "Renewal", "Demo", "Pricing")),
                    ActivityDate=day.isoformat(),
                )
    for first, last, email in test_people(ctx, rng, len(contacts)):
        counter[0] += 1
        cid = f"003{counter[0]:015d}"
        contacts.add_sparse(
            Id=cid,
            FirstName=first,
            LastName=last,
            Email=email,
            MobilePhone="555-0100",
            LeadSource="Web",
            IsDeceased__c="false",
            CreatedDate=iso_z(ts(as_of, rng)),
            LastModifiedDate=iso_z(ts(as_of, rng)),
        )
        record_truth(out, "crm", "contacts", cid, None, ["test_record"])


# --------------------------------------------------------------------------- shop

SHOP_CUSTOMER_COLUMNS = (
    "id",
    "email",
    "first_name",
    "last_name",
    "phone",
    "accepts_marketing",
    "state",
    "created_at",
    "updated_at",
    "default_address1",
    "default_address2",
    "default_city",
    "default_province",
    "default_zip",
    "default_country_code",
    "social_login",
)
SHOP_ORDER_COLUMNS = (
    "id",
    "customer_id",
    "email",
    "created_at",
    "currency",
    "subtotal_price",
    "total_tax",
    "total_price",
    "financial_status",
    "billing_name",
    "billing_address1",
    "billing_city",
    "billing_zip",
    "billing_country_code",
    "shipping_name",
    "shipping_address1",
    "shipping_city",
    "shipping_zip",
    "shipping_country_code",
    "phone",
)
SHOP_LINE_COLUMNS = ("id", "order_id", "product_id", "quantity", "price")
SHOP_PRODUCT_COLUMNS = ("id", "title", "product_type", "vendor", "price", "created_at")


def make_products(config: GeneratorConfig) -> list[tuple[str, str, str, float]]:
    rng = random.Random(f"{config.seed}:products")
    products = []
    for category, items in vocab.PRODUCT_CATEGORIES:
        for item in items:
            for color in rng.sample(vocab.COLORS, 3):
                pid = str(8_000_000_000 + len(products))
                price = round(rng.uniform(9, 240), 2)
                products.append((pid, f"{item} - {color}", category, price))
    return products


def build_products(config: GeneratorConfig, products: list[tuple[str, str, str, float]]) -> Columns:
    table = Columns(SHOP_PRODUCT_COLUMNS)
    rng = random.Random(f"{config.seed}:product_dates")
    for pid, title, category, price in products:
        table.add(
            id=int(pid),
            title=title,
            product_type=category,
            vendor="Northwind Outfitters",
            price=price,
            created_at=ts(dt.date(2015, 1, 1) + dt.timedelta(days=rng.randrange(300)), rng),
        )
    return table


def shop_customer_id(n: int) -> int:
    return 6_000_000_000 + n


def build_shop(
    ctx: Context,
    people: list[Person],
    out: ChunkOutput,
    counter: list[int],
    order_times: dict[str, list[tuple[int, dt.datetime]]] | None = None,
) -> dict[str, list[int]]:
    """Shop customers, orders and lines. Returns person_id -> shop customer ids (for web);
    fills `order_times` (person_id -> [(shop customer id, ordered at)]) when given."""
    rng = ctx.rng("shop")
    customers = out.table("shop/customers", SHOP_CUSTOMER_COLUMNS)
    orders = out.table("shop/orders", SHOP_ORDER_COLUMNS)
    lines = out.table("shop/order_lines", SHOP_LINE_COLUMNS)
    as_of = ctx.config.as_of
    accounts: dict[str, list[int]] = {}
    for person in people:
        if rng.random() >= 0.55:
            continue
        guest = rng.random() < 0.25
        for copy in range(copies(ctx, rng)):
            counter[0] += 1
            cid = shop_customer_id(counter[0])
            created = random_date(rng, person.first_seen, person.last_active(as_of))
            updated = random_date(rng, created, person.last_active(as_of))
            cap = capture(ctx, rng, person, updated)
            addr = cap.address
            if rng.random() < 0.1 and cap.first:
                cap.first, cap.last = cap.first.lower(), (cap.last or "").lower()
            if guest:
                cap.noise.append("guest_checkout")
            customers.add(
                id=cid,
                email=cap.email.strip().lower() if cap.email else None,
                first_name=None if guest else cap.first,
                last_name=None if guest else cap.last,
                phone=None
                if guest or not cap.phone
                else (
                    noise.format_phone(rng, cap.phone, "e164")
                    if cap.phone.startswith("+")
                    else cap.phone
                ),
                accepts_marketing=rng.random() < 0.45,
                state="guest" if guest else "enabled",
                created_at=ts(created, rng),
                updated_at=ts(updated, rng),
                default_address1=None if guest else addr.line1,
                default_address2=None if guest else addr.line2,
                default_city=None if guest else addr.city,
                default_province=None if guest else addr.region,
                default_zip=None if guest else addr.postal_code,
                default_country_code=None if guest else addr.country,
                # customers who signed in with a social account ("Continue with Facebook")
                social_login=person.social_account
                if person.social_account and not guest and rng.random() < 0.5
                else None,
            )
            record_truth(out, "shop", "customers", str(cid), person, cap.noise, duplicate=copy > 0)
            if not guest:
                accounts.setdefault(person.person_id, []).append(cid)
            for _ in range(1 + int(rng.expovariate(0.7))):
                counter[1] += 1
                oid = 5_000_000_000 + counter[1]
                day = random_date(rng, created, person.last_active(as_of))
                o_addr = person.address_on(day)
                ship_elsewhere = rng.random() < 0.12  # a gift, or to the office
                n_lines = 1 + int(rng.expovariate(1.2))
                subtotal = 0.0
                for _ in range(n_lines):
                    counter[2] += 1
                    pid, _title, _cat, price = rng.choice(ctx.products)
                    qty = 1 if rng.random() < 0.8 else rng.randrange(2, 4)
                    lines.add(
                        id=7_000_000_000 + counter[2],
                        order_id=oid,
                        product_id=int(pid),
                        quantity=qty,
                        price=price,
                    )
                    subtotal += qty * price
                tax = round(subtotal * 0.08, 2)
                name = f"{person.first_name} {person.last_name_on(day)}"
                ship_name = name
                ship_addr = o_addr
                if ship_elsewhere:
                    ship_addr = Address(
                        f"{rng.randrange(1, 999)} Commerce Park",
                        None,
                        o_addr.city,
                        o_addr.region,
                        o_addr.postal_code,
                        o_addr.country,
                    )
                    ship_name = " ".join(
                        (
                            rng.choice(("Alex", "Sam", "Jordan", "Chris")),
                            rng.choice(("Lee", "Kim", "Patel", "Garcia")),
                        )
                    )
                status = rng.choices(
                    ("paid", "refunded", "partially_refunded", "pending"), weights=(90, 4, 2, 4)
                )[0]
                ordered_at = ts(day, rng)
                if order_times is not None and not guest:
                    order_times.setdefault(person.person_id, []).append((cid, ordered_at))
                orders.add(
                    id=oid,
                    customer_id=cid,
                    email=cap.email.strip().lower() if cap.email else None,
                    created_at=ordered_at,
                    currency="USD" if o_addr.country == "US" else "EUR",
                    subtotal_price=round(subtotal, 2),
                    total_tax=tax,
                    total_price=round(subtotal + tax, 2),
                    financial_status=status,
                    billing_name=name,
                    billing_address1=o_addr.line1,
                    billing_city=o_addr.city,
                    billing_zip=o_addr.postal_code,
                    billing_country_code=o_addr.country,
                    shipping_name=ship_name,
                    shipping_address1=ship_addr.line1,
                    shipping_city=ship_addr.city,
                    shipping_zip=ship_addr.postal_code,
                    shipping_country_code=ship_addr.country,
                    phone=None,
                )
    for first, last, email in test_people(ctx, rng, len(customers)):
        counter[0] += 1
        cid = shop_customer_id(counter[0])
        moment = ts(as_of, rng)
        customers.add_sparse(
            id=cid,
            email=email,
            first_name=first,
            last_name=last,
            accepts_marketing=False,
            state="enabled",
            created_at=moment,
            updated_at=moment,
        )
        record_truth(out, "shop", "customers", str(cid), None, ["test_record"])
    return accounts


# --------------------------------------------------------------------------- stores (POS)

POS_MEMBER_COLUMNS = (
    "MEMBER_NO",
    "CARD_NO",
    "NAME",
    "PHONE",
    "EMAIL",
    "ZIP",
    "COUNTRY",
    "ENROLL_DATE",
    "STORE_ID",
    "BIRTHDAY",
)
POS_TXN_COLUMNS = ("TXN_ID", "STORE_ID", "CARD_NO", "TXN_TS", "AMOUNT", "ITEMS", "PAYMENT")

_TZ_BY_COUNTRY = {"US": -5, "CA": -5, "GB": 0, "DE": 1, "FR": 1, "ES": 1, "NL": 1}


def build_pos(ctx: Context, people: list[Person], out: ChunkOutput, counter: list[int]) -> None:
    rng = ctx.rng("pos")
    members = out.table("pos/loyalty_members", POS_MEMBER_COLUMNS)
    txns = out.table("pos/transactions", POS_TXN_COLUMNS)
    as_of = ctx.config.as_of
    for person in people:
        if rng.random() >= 0.35:
            continue
        for copy in range(copies(ctx, rng)):
            counter[0] += 1
            member_no = str(counter[0])
            card = f"{4_000_000_000 + counter[0] * 7 % 1_000_000_000:010d}"
            enrolled = random_date(rng, person.first_seen, person.last_active(as_of))
            cap = capture(
                ctx, rng, person, enrolled, phone_kind="home" if rng.random() < 0.35 else "mobile"
            )
            first = fold(cap.first or "").upper()
            last = fold(cap.last or "").upper()
            if rng.random() < 0.85:
                name = f"{last}, {first}"
            else:
                name = f"{first} {last}"
                cap.noise.append("first_last_order")
            zip_code = cap.address.postal_code
            if cap.address.country == "US" and zip_code.startswith("0") and rng.random() < 0.5:
                zip_code = zip_code.lstrip("0")  # a spreadsheet ate the leading zero
                cap.noise.append("zip_leading_zero_lost")
            phone = cap.phone
            if phone and phone.startswith("+"):
                phone = noise.format_phone(rng, phone, "digits")
            has_email = rng.random() < 0.6
            store = f"S{sum(map(ord, cap.address.city)) % 40:03d}"
            members.add(
                MEMBER_NO=member_no,
                CARD_NO=card,
                NAME=name,
                PHONE=phone,
                EMAIL=(cap.email.upper() if cap.email and has_email else None),
                ZIP=zip_code,
                COUNTRY=cap.address.country,
                ENROLL_DATE=enrolled.strftime("%m/%d/%Y"),
                STORE_ID=store,
                BIRTHDAY=cap.birth_date.strftime("%m/%d/%Y")
                if cap.birth_date and rng.random() < 0.6
                else None,
            )
            if not has_email:
                cap.noise.append("no_email_captured")
            record_truth(
                out, "pos", "loyalty_members", member_no, person, cap.noise, duplicate=copy > 0
            )
            offset = _TZ_BY_COUNTRY[cap.address.country]
            for _ in range(int(rng.expovariate(0.4))):
                counter[1] += 1
                day = random_date(rng, enrolled, person.last_active(as_of))
                moment = ts(day, rng) + dt.timedelta(hours=offset)
                sign = "-" if offset < 0 else "+"
                txns.add(
                    TXN_ID=f"T{counter[1]:011d}",
                    STORE_ID=store,
                    CARD_NO=card,
                    TXN_TS=moment.strftime("%m/%d/%Y %H:%M:%S") + f" {sign}{abs(offset):02d}00",
                    AMOUNT=f"{rng.uniform(4, 300):.2f}",
                    ITEMS=str(rng.randrange(1, 9)),
                    PAYMENT=rng.choice(("CARD", "CASH", "CARD", "MOBILE")),
                )
    for first, last, email in test_people(ctx, rng, len(members)):
        counter[0] += 1
        member_no = str(counter[0])
        members.add_sparse(
            MEMBER_NO=member_no,
            CARD_NO="0000000000",
            NAME=f"{last.upper()}, {first.upper()}",
            PHONE="5555555555",
            EMAIL=email.upper(),
            ZIP="00000",
            COUNTRY="US",
            ENROLL_DATE=as_of.strftime("%m/%d/%Y"),
            STORE_ID="S000",
        )
        record_truth(out, "pos", "loyalty_members", member_no, None, ["test_record"])


# --------------------------------------------------------------------------- support

SUPPORT_USER_COLUMNS = (
    "user_id",
    "name",
    "email",
    "phone",
    "organization",
    "company_type",
    "created_at",
)
SUPPORT_TICKET_COLUMNS = (
    "id",
    "requester_id",
    "channel",
    "subject",
    "description",
    "status",
    "priority",
    "created_at",
    "solved_at",
    "satisfaction",
    "via_social_account",
)
SUPPORT_CALL_COLUMNS = (
    "call_id",
    "caller_number",
    "user_id",
    "started_at",
    "duration_seconds",
    "agent",
    "disposition",
)

TICKET_SUBJECTS = {
    "complaint": (
        "Order arrived damaged",
        "Late delivery",
        "Wrong size shipped",
        "Refund not received",
    ),
    "question": ("How do I return an item?", "Change my shipping address", "Where is my order?"),
    "account": ("Cannot log in", "Update my email address", "Delete my account"),
}


def _offset_iso(moment: dt.datetime, hours: int) -> str:
    local = moment + dt.timedelta(hours=hours)
    sign = "-" if hours < 0 else "+"
    return local.strftime("%Y-%m-%dT%H:%M:%S") + f"{sign}{abs(hours):02d}:00"


def build_support(
    ctx: Context,
    people: list[Person],
    out: ChunkOutput,
    counter: list[int],
    shop_accounts: dict[str, list[int]],
) -> None:
    rng = ctx.rng("support")
    users = out.table("support/users", SUPPORT_USER_COLUMNS)
    tickets = out.table("support/tickets", SUPPORT_TICKET_COLUMNS)
    calls = out.table("support/calls", SUPPORT_CALL_COLUMNS)
    org_by_id = {o.organization_id: o for o in ctx.organizations}
    as_of = ctx.config.as_of
    for person in people:
        if rng.random() >= (0.3 if person.person_id in shop_accounts else 0.05):
            continue
        for copy in range(copies(ctx, rng)):
            counter[0] += 1
            uid = f"usr_{hashlib.sha1(f'{ctx.config.seed}:{counter[0]}'.encode()).hexdigest()[:12]}"
            created = random_date(rng, person.first_seen, person.last_active(as_of))
            cap = capture(ctx, rng, person, created)
            name = f"{cap.first} {cap.last}"
            if rng.random() < ctx.rates.last_first_order:
                name = f"{cap.last}, {cap.first}"
                cap.noise.append("last_first_order")
            org = org_by_id.get(person.organization_id or "")
            users.add(
                user_id=uid,
                name=name,
                email=cap.email,
                phone=noise.format_phone(rng, cap.phone, "any")
                if cap.phone and cap.phone.startswith("+")
                else cap.phone,
                organization=org.name if org and rng.random() < 0.5 else None,
                company_type=vocab.INDUSTRY_VOCABULARIES["support_company_type"][org.industry]
                if org and rng.random() < 0.5
                else None,
                created_at=str(int(ts(created, rng).timestamp())),
            )
            record_truth(out, "support", "users", uid, person, cap.noise, duplicate=copy > 0)
            offset = _TZ_BY_COUNTRY[person.address.country]
            for _ in range(1 + int(rng.expovariate(0.9))):
                counter[1] += 1
                opened = ts(random_date(rng, created, person.last_active(as_of)), rng)
                kind = rng.choice(tuple(TICKET_SUBJECTS))
                solved = (
                    opened + dt.timedelta(hours=rng.randrange(1, 240))
                    if rng.random() < 0.8
                    else None
                )
                channel = rng.choice(("email", "web", "phone", "chat", "social"))
                if person.social_account and rng.random() < 0.5:
                    channel = "social"  # people active on social media complain there
                tickets.add(
                    id=counter[1],
                    requester_id=uid,
                    channel=channel,
                    # the helpdesk's social channel records the account the message came from
                    via_social_account=person.social_account if channel == "social" else None,
                    subject=rng.choice(TICKET_SUBJECTS[kind]),
                    description=f"{kind} raised by customer",
                    status="solved"
                    if solved and solved.date() <= as_of
                    else rng.choice(("open", "pending")),
                    priority=rng.choice(("low", "normal", "normal", "high", "urgent")),
                    created_at=_offset_iso(opened, offset),
                    solved_at=_offset_iso(solved, offset)
                    if solved and solved.date() <= as_of
                    else None,
                    satisfaction=rng.choice(("good", "bad", "offered", None)),
                )
            for _ in range(int(rng.expovariate(1.0))):
                counter[2] += 1
                started = ts(random_date(rng, created, person.last_active(as_of)), rng)
                number = person.mobile_on(started.date())
                calls.add(
                    call_id=f"CA{counter[2]:010d}",
                    caller_number=noise.format_phone(
                        rng, number, "e164" if rng.random() < 0.7 else "any"
                    ),
                    user_id=uid if rng.random() < 0.6 else None,
                    started_at=_offset_iso(started, offset),
                    duration_seconds=str(rng.randrange(20, 1800)),
                    agent=rng.choice(vocab.SALES_REPS),
                    disposition=rng.choice(
                        ("complaint", "question", "order", "cancellation", "billing")
                    ),
                )
    for first, last, email in test_people(ctx, rng, len(users)):
        counter[0] += 1
        uid = f"usr_{hashlib.sha1(f'{ctx.config.seed}:{counter[0]}'.encode()).hexdigest()[:12]}"
        users.add_sparse(
            user_id=uid,
            name=f"{first} {last}",
            email=email,
            created_at=str(int(ts(as_of, rng).timestamp())),
        )
        record_truth(out, "support", "users", uid, None, ["test_record"])


# --------------------------------------------------------------------------- email marketing

EMAIL_SUBSCRIBER_COLUMNS = (
    "Email Address",
    "First Name",
    "Last Name",
    "ZIP",
    "MEMBER_RATING",
    "STATUS",
    "OPTIN_TIME",
    "CONFIRM_TIME",
    "LAST_CHANGED",
    "LEID",
)
EMAIL_EVENT_COLUMNS = (
    "event_id",
    "leid",
    "email",
    "campaign_id",
    "event_type",
    "occurred_at",
    "url",
)


def make_campaigns(config: GeneratorConfig) -> list[tuple[str, str, dt.date]]:
    rng = random.Random(f"{config.seed}:campaigns")
    out = []
    day = dt.date(2019, 1, 7)
    while day < config.as_of:
        out.append(
            (
                f"cmp_{len(out):04d}",
                rng.choice(
                    ("Newsletter", "Spring Sale", "New Arrivals", "Win-back", "Black Friday")
                ),
                day,
            )
        )
        day += dt.timedelta(days=rng.randrange(10, 25))
    return out


def build_email(
    ctx: Context,
    people: list[Person],
    out: ChunkOutput,
    counter: list[int],
    shop_accounts: dict[str, list[int]],
) -> None:
    rng = ctx.rng("email")
    subs = out.table("email/subscribers", EMAIL_SUBSCRIBER_COLUMNS)
    events = out.table("email/campaign_events", EMAIL_EVENT_COLUMNS)
    as_of = ctx.config.as_of
    for person in people:
        if rng.random() >= (0.7 if person.person_id in shop_accounts else 0.35):
            continue
        for copy in range(copies(ctx, rng)):
            counter[0] += 1
            leid = str(100_000_000 + counter[0])
            optin = ts(random_date(rng, person.first_seen, person.last_active(as_of)), rng)
            cap = capture(ctx, rng, person, optin.date())
            if cap.email is None:  # an email list always has an address
                cap.email = person.email
                cap.noise.remove("missing_email")
            double_opt_in = rng.random() < 0.7
            confirm = optin + dt.timedelta(minutes=rng.randrange(1, 600)) if double_opt_in else None
            status = "subscribed"
            if "invalid_email" in cap.noise:
                status = "cleaned"
            elif double_opt_in and rng.random() < 0.05:
                status, confirm = "pending", None
            elif rng.random() < 0.12:
                status = "unsubscribed"
            keep_names = rng.random() < 0.7
            if not keep_names:
                cap.noise.append("missing_name")
            subs.add(
                **{
                    "Email Address": cap.email,
                    "First Name": cap.first if keep_names else None,
                    "Last Name": cap.last if keep_names else None,
                    "ZIP": cap.address.postal_code if rng.random() < 0.3 else None,
                    "MEMBER_RATING": str(rng.randrange(1, 6)),
                    "STATUS": status,
                    "OPTIN_TIME": optin.strftime("%Y-%m-%d %H:%M:%S"),
                    "CONFIRM_TIME": confirm.strftime("%Y-%m-%d %H:%M:%S") if confirm else None,
                    "LAST_CHANGED": min(
                        optin + dt.timedelta(days=rng.randrange(0, 400)), ts(as_of, rng)
                    ).strftime("%Y-%m-%d %H:%M:%S"),
                    "LEID": leid,
                }
            )
            record_truth(out, "email", "subscribers", leid, person, cap.noise, duplicate=copy > 0)
            if status in ("pending",):
                continue
            eligible = [
                c for c in ctx.campaigns if optin.date() <= c[2] <= person.last_active(as_of)
            ]
            for campaign_id, _name, day in rng.sample(
                eligible, min(len(eligible), rng.randrange(1, 8))
            ):
                sent = ts(day, rng)
                evs = [("sent", sent)]
                if status == "cleaned":
                    evs.append(("bounce", sent + dt.timedelta(seconds=30)))
                else:
                    if rng.random() < 0.35:
                        evs.append(("open", sent + dt.timedelta(minutes=rng.randrange(5, 4000))))
                        if rng.random() < 0.25:
                            evs.append(
                                ("click", evs[-1][1] + dt.timedelta(seconds=rng.randrange(5, 300)))
                            )
                    if rng.random() < 0.01:
                        evs.append(("unsubscribe", sent + dt.timedelta(hours=rng.randrange(1, 48))))
                for kind, moment in evs:
                    counter[1] += 1
                    events.add(
                        event_id=f"ev{counter[1]:012d}",
                        leid=leid,
                        email=cap.email,
                        campaign_id=campaign_id,
                        event_type=kind,
                        occurred_at=iso_z(moment),
                        url="https://shop.example.com/new" if kind == "click" else None,
                    )
    for first, last, email in test_people(ctx, rng, len(subs)):
        counter[0] += 1
        leid = str(100_000_000 + counter[0])
        moment = ts(as_of, rng).strftime("%Y-%m-%d %H:%M:%S")
        subs.add_sparse(
            **{
                "Email Address": email,
                "First Name": first,
                "Last Name": last,
                "ZIP": None,
                "MEMBER_RATING": "1",
                "STATUS": "subscribed",
                "OPTIN_TIME": moment,
                "CONFIRM_TIME": None,
                "LAST_CHANGED": moment,
                "LEID": leid,
            }
        )
        record_truth(out, "email", "subscribers", leid, None, ["test_record"])


# --------------------------------------------------------------------------- web and app

WEB_EVENT_COLUMNS = (
    "event_id",
    "anonymous_id",
    "user_id",
    "event_type",
    "platform",
    "page_url",
    "product_id",
    "occurred_at",
    "time_on_page_seconds",
    "user_agent",
)
_PAGES = (
    "/",
    "/new",
    "/sale",
    "/collections/outdoor",
    "/collections/home",
    "/account",
    "/cart",
    "/help",
)


def build_web(
    ctx: Context,
    people: list[Person],
    out: ChunkOutput,
    counter: list[int],
    shop_accounts: dict[str, list[int]],
    order_times: dict[str, list[tuple[int, dt.datetime]]] | None = None,
) -> None:
    rng = ctx.rng("web")
    events = out.table("web/events", WEB_EVENT_COLUMNS)
    as_of = ctx.config.as_of
    # the first device of each household's first shop customer: a family tablet or laptop
    # that another member of the household may sign in on (a shared device)
    household_devices: dict[str, tuple[str, str, str, str]] = {}
    person_devices: dict[str, tuple[str, str, str]] = {}
    for person in people:
        account = shop_accounts.get(person.person_id)
        if not account and rng.random() >= 0.4:
            continue
        for _device in range(rng.choices((1, 2, 3), weights=(60, 30, 10))[0]):
            counter[0] += 1
            anon = hashlib.md5(f"{ctx.config.seed}:dev:{counter[0]}".encode()).hexdigest()
            anon = f"{anon[:8]}-{anon[8:12]}-{anon[12:16]}-{anon[16:20]}-{anon[20:32]}"
            platform = rng.choices(("web", "ios", "android"), weights=(60, 25, 15))[0]
            agent = {
                "web": "Mozilla/5.0",
                "ios": "ScvShop/4.2 iOS",
                "android": "ScvShop/4.2 Android",
            }[platform]
            logged_in = False
            person_devices.setdefault(person.person_id, (anon, platform, agent))
            if account and person.household_id not in household_devices:
                household_devices[person.household_id] = (anon, platform, agent, person.person_id)
            for _session in range(1 + int(rng.expovariate(0.6))):
                moment = ts(random_date(rng, person.first_seen, person.last_active(as_of)), rng)
                if account and not logged_in and rng.random() < 0.6:
                    counter[1] += 1
                    events.add(
                        event_id=f"w{counter[1]:013d}",
                        anonymous_id=anon,
                        user_id=str(account[0]),
                        event_type="login",
                        platform=platform,
                        page_url="/account/login",
                        product_id=None,
                        occurred_at=iso_z(moment),
                        time_on_page_seconds=None,
                        user_agent=agent,
                    )
                    logged_in = True
                for _ in range(1 + int(rng.expovariate(0.4))):
                    moment += dt.timedelta(seconds=rng.randrange(5, 400))
                    kind = rng.choices(
                        ("page_view", "product_view", "add_to_cart", "checkout_started"),
                        weights=(50, 35, 10, 5),
                    )[0]
                    product = rng.choice(ctx.products)[0] if kind != "page_view" else None
                    counter[1] += 1
                    events.add(
                        event_id=f"w{counter[1]:013d}",
                        anonymous_id=anon,
                        user_id=str(account[0]) if logged_in else None,
                        event_type=kind,
                        platform=platform,
                        page_url=f"/products/{product}" if product else rng.choice(_PAGES),
                        product_id=product,
                        occurred_at=iso_z(moment),
                        time_on_page_seconds=str(rng.randrange(2, 600))
                        if kind in ("page_view", "product_view")
                        else None,
                        user_agent=agent,
                    )
    # shared devices, from their own random stream so the events above stay as they are
    shared_rng = ctx.rng("web_shared_devices")
    for person in people:
        account = shop_accounts.get(person.person_id)
        device = household_devices.get(person.household_id)
        if not account or not device or device[3] == person.person_id:
            continue
        if shared_rng.random() >= ctx.rates.shared_device:
            continue
        anon, platform, agent, _owner = device
        for _session in range(1 + int(shared_rng.expovariate(0.8))):
            day = random_date(shared_rng, person.first_seen, person.last_active(as_of))
            moment = ts(day, shared_rng)
            # someone browses first, then signs in: the anonymous part is not theirs for sure
            kinds = ["page_view"] * shared_rng.randrange(0, 3) + ["login"]
            kinds += shared_rng.choices(("page_view", "product_view", "add_to_cart"), k=2)
            signed_in = False
            for kind in kinds:
                moment += dt.timedelta(seconds=shared_rng.randrange(5, 300))
                signed_in = signed_in or kind == "login"
                has_product = kind in ("product_view", "add_to_cart")
                product = shared_rng.choice(ctx.products)[0] if has_product else None
                counter[1] += 1
                events.add(
                    event_id=f"w{counter[1]:013d}",
                    anonymous_id=anon,
                    user_id=str(account[0]) if signed_in else None,
                    event_type=kind,
                    platform=platform,
                    page_url="/account/login"
                    if kind == "login"
                    else (f"/products/{product}" if product else shared_rng.choice(_PAGES)),
                    product_id=product,
                    occurred_at=iso_z(moment),
                    time_on_page_seconds=str(shared_rng.randrange(2, 600))
                    if kind in ("page_view", "product_view")
                    else None,
                    user_agent=agent,
                )
    # the shopping session before an order, from its own random stream: signed in on the
    # buyer's own device, product views, cart, checkout, minutes to two days before
    order_rng = ctx.rng("web_order_sessions")
    for person in people:
        device = person_devices.get(person.person_id)
        for customer_id, ordered_at in (order_times or {}).get(person.person_id, []):
            if not device or order_rng.random() >= ctx.rates.order_web_session:
                continue
            anon, platform, agent = device
            moment = ordered_at - dt.timedelta(minutes=order_rng.randrange(30, 2880))
            kinds = ["login"] + ["product_view"] * order_rng.randrange(1, 4)
            kinds += ["add_to_cart", "checkout_started"]
            for kind in kinds:
                moment += dt.timedelta(seconds=order_rng.randrange(5, 240))
                product = (
                    order_rng.choice(ctx.products)[0]
                    if kind in ("product_view", "add_to_cart")
                    else None
                )
                counter[1] += 1
                events.add(
                    event_id=f"w{counter[1]:013d}",
                    anonymous_id=anon,
                    user_id=str(customer_id),
                    event_type=kind,
                    platform=platform,
                    page_url="/account/login"
                    if kind == "login"
                    else (f"/products/{product}" if product else "/checkout"),
                    product_id=product,
                    occurred_at=iso_z(moment),
                    time_on_page_seconds=str(order_rng.randrange(2, 600))
                    if kind == "product_view"
                    else None,
                    user_agent=agent,
                )
    # bots and crawlers: devices no person owns
    for _ in range(max(1, len(people) // 200)):
        counter[0] += 1
        anon = hashlib.md5(f"{ctx.config.seed}:bot:{counter[0]}".encode()).hexdigest()
        counter[1] += 1
        events.add(
            event_id=f"w{counter[1]:013d}",
            anonymous_id=anon,
            user_id=None,
            event_type="page_view",
            platform="web",
            page_url="/",
            product_id=None,
            occurred_at=iso_z(ts(as_of, rng)),
            time_on_page_seconds="0",
            user_agent="Googlebot/2.1",
        )


# --------------------------------------------------------------------------- social

SOCIAL_PROFILE_COLUMNS = (
    "platform",
    "handle",
    "display_name",
    "location",
    "bio",
    "followers",
    "created_at",
)
SOCIAL_POST_COLUMNS = ("post_id", "platform", "handle", "text", "created_at", "is_mention")


def build_social(ctx: Context, people: list[Person], out: ChunkOutput, counter: list[int]) -> None:
    rng = ctx.rng("social")
    profiles = out.table("social/profiles", SOCIAL_PROFILE_COLUMNS)
    posts = out.table("social/posts", SOCIAL_POST_COLUMNS)
    as_of = ctx.config.as_of
    for person in people:
        if person.social_account is None:
            continue
        counter[0] += 1
        platform, handle = person.social_account.split(":", 1)
        cap = capture(ctx, rng, person, as_of)
        style = rng.randrange(4)
        display = (
            f"{cap.first} {cap.last}",
            f"{cap.first} {(cap.last or 'x')[0]}.",
            (cap.first or "").lower(),
            f"{cap.first} {cap.last} 🌿",
        )[style]
        if style in (1, 2):
            cap.noise.append("partial_name")
        created = random_date(rng, dt.date(2012, 1, 1), as_of)
        bio = rng.choice(
            (
                "coffee, hiking, dogs",
                "runner | reader",
                f"works at {person.job_title}" if person.job_title else "",
                f"contact: {person.email}" if rng.random() < 0.1 else "",
            )
        )
        profiles.add(
            platform=platform,
            handle=handle,
            display_name=display,
            location=f"{cap.address.city}, {cap.address.region}" if rng.random() < 0.5 else None,
            bio=bio or None,
            followers=str(int(rng.expovariate(0.005))),
            created_at=iso_z(ts(created, rng)),
        )
        record_truth(out, "social", "profiles", f"{platform}:{handle}", person, cap.noise)
        for _ in range(1 + int(rng.expovariate(0.5))):
            counter[1] += 1
            kind = rng.choices(tuple(vocab.POST_TEMPLATES), weights=(30, 25, 25, 20))[0]
            text = rng.choice(vocab.POST_TEMPLATES[kind]).format(
                p=rng.choice(ctx.products)[1].split(" - ")[0], b="@northwind"
            )
            posts.add(
                post_id=f"{platform[:2]}{counter[1]:012d}",
                platform=platform,
                handle=handle,
                text=text,
                created_at=iso_z(
                    ts(
                        random_date(
                            rng, max(created, person.first_seen), person.last_active(as_of)
                        ),
                        rng,
                    )
                ),
                is_mention="true",
            )


# --------------------------------------------------------------------------- acquired company

ACQUIRED_COLUMNS = (
    "Kundennummer",
    "Anrede",
    "Vorname",
    "Nachname",
    "Strasse",
    "PLZ",
    "Ort",
    "Land",
    "Telefon",
    "E-Mail",
    "Geburtsdatum",
    "Kunde_seit",
    "Status",
)


def build_acquired(
    ctx: Context, people: list[Person], out: ChunkOutput, counter: list[int]
) -> None:
    rng = ctx.rng("acquired")
    customers = out.table("acquired/customers", ACQUIRED_COLUMNS)
    as_of = ctx.config.as_of
    for person in people:
        if rng.random() >= (0.25 if person.country in ("DE", "NL", "FR", "ES") else 0.08):
            continue
        for copy in range(copies(ctx, rng)):
            counter[0] += 1
            kid = f"K-{counter[0]:07d}"
            since = random_date(
                rng, person.first_seen, min(person.last_active(as_of), dt.date(2024, 6, 30))
            )
            cap = capture(ctx, rng, person, since)
            status = rng.choices(("Aktiv", "Inaktiv", "Interessent"), weights=(55, 30, 15))[0]
            if person.deceased_on and rng.random() < 0.6:
                status = "Verstorben"
            customers.add(
                Kundennummer=kid,
                Anrede={"F": "Frau", "M": "Herr"}[person.gender] if rng.random() < 0.9 else None,
                Vorname=cap.first,
                Nachname=cap.last,
                Strasse=cap.address.line1,
                PLZ=cap.address.postal_code,
                Ort=cap.address.city,
                Land=country_label(rng, cap.address.country, "german"),
                Telefon=noise.format_phone(rng, cap.phone, "any")
                if cap.phone and cap.phone.startswith("+")
                else cap.phone,
                **{"E-Mail": cap.email},
                Geburtsdatum=cap.birth_date.strftime("%d.%m.%Y") if cap.birth_date else None,
                Kunde_seit=since.strftime("%d.%m.%Y"),
                Status=status,
            )
            record_truth(out, "acquired", "customers", kid, person, cap.noise, duplicate=copy > 0)
    for first, last, email in test_people(ctx, rng, len(customers)):
        counter[0] += 1
        kid = f"K-{counter[0]:07d}"
        customers.add_sparse(
            Kundennummer=kid,
            Vorname=first,
            Nachname=last,
            **{"E-Mail": email},
            Kunde_seit=as_of.strftime("%d.%m.%Y"),
            Status="Aktiv",
        )
        record_truth(out, "acquired", "customers", kid, None, ["test_record"])


# --------------------------------------------------------------------------- third party

DEMO_POSTAL_COLUMNS = (
    "postal_code",
    "country",
    "median_household_income",
    "median_age",
    "urbanicity",
)
DEMO_INDIVIDUAL_COLUMNS = (
    "email_sha256",
    "age_range",
    "income_band",
    "household_size",
    "homeowner",
    "interests",
)
FIRMO_COLUMNS = (
    "domain",
    "company_name",
    "sector",
    "employee_range",
    "revenue_range",
    "hq_country",
)


def build_third_party(
    ctx: Context, people: list[Person], out: ChunkOutput, seen_postal: set[tuple[str, str]]
) -> None:
    rng = ctx.rng("thirdparty")
    postal = out.table("thirdparty/demographics_postal", DEMO_POSTAL_COLUMNS)
    indiv = out.table("thirdparty/demographics_individual", DEMO_INDIVIDUAL_COLUMNS)
    as_of = ctx.config.as_of
    for person in people:
        key = (person.address.postal_code, person.address.country)
        if key not in seen_postal:
            seen_postal.add(key)
            postal.add(
                postal_code=key[0],
                country=key[1],
                median_household_income=str(rng.randrange(28, 180) * 1000),
                median_age=str(rng.randrange(28, 55)),
                urbanicity=rng.choice(("urban", "suburban", "rural")),
            )
        if rng.random() < 0.5:
            age = (as_of - person.birth_date).days // 365
            band = f"{age // 10 * 10}-{age // 10 * 10 + 9}"
            indiv.add(
                email_sha256=hashlib.sha256(person.email.lower().encode()).hexdigest(),
                age_range=band,
                income_band=rng.choice(("<50k", "50-100k", "100-150k", "150k+")),
                household_size=str(rng.randrange(1, 6)),
                homeowner=rng.choice(("Y", "N", "U")),
                interests=";".join(
                    rng.sample(("outdoors", "fitness", "cooking", "travel", "tech", "fashion"), 2)
                ),
            )


def build_firmographics(config: GeneratorConfig, organizations: list[Organization]) -> Columns:
    rng = random.Random(f"{config.seed}:firmographics")
    table = Columns(FIRMO_COLUMNS)
    for org in organizations:
        if rng.random() < 0.8:
            emp = org.employees
            rng_label = (
                "1-10"
                if emp <= 10
                else "11-50"
                if emp <= 50
                else "51-200"
                if emp <= 200
                else "201-1000"
                if emp <= 1000
                else "1000+"
            )
            table.add(
                domain=org.domain.upper() if rng.random() < 0.1 else org.domain,
                company_name=org.name,
                sector=vocab.INDUSTRY_VOCABULARIES["firmographics_sector"][org.industry],
                employee_range=rng_label,
                revenue_range=rng.choice(("<1M", "1-10M", "10-100M", "100M+")),
                hq_country=org.country,
            )
    return table
