"""Generate the demo landing files and the ground truth, chunk by chunk."""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import json
import shutil
import sys
import time
from pathlib import Path

import pyarrow as pa

from scv.demo import sources
from scv.demo.config import GeneratorConfig, MessRates
from scv.demo.people import Person, make_organizations, make_people
from scv.demo.writers import FileFormat, TableWriter

MARKER = "_manifest.json"

CRM_CSV = FileFormat("csv", bom=True, quote_all=True, line_terminator="\r\n")
POS_CSV = FileFormat("csv", delimiter="|", line_terminator="\r\n")
PLAIN_CSV = FileFormat("csv")
MAILCHIMP_CSV = FileFormat("csv", quote_all=True)
ACQUIRED_CSV = FileFormat("csv", delimiter=";", encoding="cp1252", line_terminator="\r\n")
JSONL = FileFormat("jsonl")
PARQUET = FileFormat("parquet")

_TS = pa.timestamp("us", tz="UTC")
SHOP_SCHEMAS = {
    "shop/customers": pa.schema(
        [
            ("id", pa.int64()),
            ("email", pa.string()),
            ("first_name", pa.string()),
            ("last_name", pa.string()),
            ("phone", pa.string()),
            ("accepts_marketing", pa.bool_()),
            ("state", pa.string()),
            ("created_at", _TS),
            ("updated_at", _TS),
            ("default_address1", pa.string()),
            ("default_address2", pa.string()),
            ("default_city", pa.string()),
            ("default_province", pa.string()),
            ("default_zip", pa.string()),
            ("default_country_code", pa.string()),
            ("social_login", pa.string()),
        ]
    ),
    "shop/orders": pa.schema(
        [
            ("id", pa.int64()),
            ("customer_id", pa.int64()),
            ("email", pa.string()),
            ("created_at", _TS),
            ("currency", pa.string()),
            ("subtotal_price", pa.float64()),
            ("total_tax", pa.float64()),
            ("total_price", pa.float64()),
        ]
        + [(c, pa.string()) for c in sources.SHOP_ORDER_COLUMNS[8:]]
    ),
    "shop/order_lines": pa.schema(
        [
            ("id", pa.int64()),
            ("order_id", pa.int64()),
            ("product_id", pa.int64()),
            ("quantity", pa.int32()),
            ("price", pa.float64()),
        ]
    ),
    "shop/products": pa.schema(
        [
            ("id", pa.int64()),
            ("title", pa.string()),
            ("product_type", pa.string()),
            ("vendor", pa.string()),
            ("price", pa.float64()),
            ("created_at", _TS),
        ]
    ),
}

# landing table -> (format, columns)
LANDING_TABLES: dict[str, tuple[FileFormat, tuple[str, ...]]] = {
    "crm/contacts": (CRM_CSV, sources.CRM_CONTACT_COLUMNS),
    "crm/accounts": (CRM_CSV, sources.CRM_ACCOUNT_COLUMNS),
    "crm/activities": (CRM_CSV, sources.CRM_ACTIVITY_COLUMNS),
    "shop/customers": (PARQUET, sources.SHOP_CUSTOMER_COLUMNS),
    "shop/orders": (PARQUET, sources.SHOP_ORDER_COLUMNS),
    "shop/order_lines": (PARQUET, sources.SHOP_LINE_COLUMNS),
    "shop/products": (PARQUET, sources.SHOP_PRODUCT_COLUMNS),
    "pos/loyalty_members": (POS_CSV, sources.POS_MEMBER_COLUMNS),
    "pos/transactions": (POS_CSV, sources.POS_TXN_COLUMNS),
    "support/users": (PLAIN_CSV, sources.SUPPORT_USER_COLUMNS),
    "support/tickets": (JSONL, sources.SUPPORT_TICKET_COLUMNS),
    "support/calls": (PLAIN_CSV, sources.SUPPORT_CALL_COLUMNS),
    "email/subscribers": (MAILCHIMP_CSV, sources.EMAIL_SUBSCRIBER_COLUMNS),
    "email/campaign_events": (JSONL, sources.EMAIL_EVENT_COLUMNS),
    "web/events": (JSONL, sources.WEB_EVENT_COLUMNS),
    "social/profiles": (JSONL, sources.SOCIAL_PROFILE_COLUMNS),
    "social/posts": (JSONL, sources.SOCIAL_POST_COLUMNS),
    "acquired/customers": (ACQUIRED_CSV, sources.ACQUIRED_COLUMNS),
    "thirdparty/demographics_postal": (PLAIN_CSV, sources.DEMO_POSTAL_COLUMNS),
    "thirdparty/demographics_individual": (PLAIN_CSV, sources.DEMO_INDIVIDUAL_COLUMNS),
    "thirdparty/firmographics": (PLAIN_CSV, sources.FIRMO_COLUMNS),
}

PEOPLE_COLUMNS = (
    "person_id",
    "household_id",
    "organization_id",
    "gender",
    "country",
    "first_name",
    "middle_name",
    "last_name",
    "maiden_name",
    "birth_date",
    "email",
    "mobile_phone",
    "home_phone",
    "address_line1",
    "address_line2",
    "city",
    "region",
    "postal_code",
    "married_on",
    "moved_on",
    "phone_changed_on",
    "deceased_on",
    "job_title",
    "tags",
)


def _people_rows(people: list[Person]) -> dict[str, list[object]]:
    cols = sources.Columns(PEOPLE_COLUMNS)
    for p in people:
        cols.add(
            person_id=p.person_id,
            household_id=p.household_id,
            organization_id=p.organization_id,
            gender=p.gender,
            country=p.country,
            first_name=p.first_name,
            middle_name=p.middle_name,
            last_name=p.last_name,
            maiden_name=p.maiden_name,
            birth_date=p.birth_date,
            email=p.email,
            mobile_phone=p.mobile_phone,
            home_phone=p.home_phone,
            address_line1=p.address.line1,
            address_line2=p.address.line2,
            city=p.address.city,
            region=p.address.region,
            postal_code=p.address.postal_code,
            married_on=p.married_on,
            moved_on=p.moved_on,
            phone_changed_on=p.phone_changed_on,
            deceased_on=p.deceased_on,
            job_title=p.job_title,
            tags=";".join(sorted(p.tags)),
        )
    return cols.data


def prepare_out_dir(out_dir: Path) -> None:
    """Empty a previous generator output; refuse to touch a folder we did not write."""
    if out_dir.exists() and any(out_dir.iterdir()):
        if not (out_dir / MARKER).exists():
            raise FileExistsError(
                f"{out_dir} is not empty and was not written by the SCV generator "
                f"(no {MARKER}); choose an empty or new folder"
            )
        shutil.rmtree(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)


def generate(config: GeneratorConfig, log=print) -> dict[str, object]:  # noqa: ANN001
    """Write landing files under out_dir/landing and ground truth under out_dir/ground_truth."""
    started = time.perf_counter()
    prepare_out_dir(config.out_dir)
    landing = config.out_dir / "landing"
    truth_dir = config.out_dir / "ground_truth"
    organizations = make_organizations(config)
    products = sources.make_products(config)
    campaigns = sources.make_campaigns(config)

    writers = {
        name: TableWriter(landing, name, fmt, cols, SHOP_SCHEMAS.get(name))
        for name, (fmt, cols) in LANDING_TABLES.items()
    }
    truth_writer = TableWriter(truth_dir, "source_records", PARQUET, sources.TRUTH_COLUMNS)
    people_writer = TableWriter(truth_dir, "people", PARQUET, PEOPLE_COLUMNS)

    writers["crm/accounts"].write(sources.build_crm_accounts(config, organizations).data)
    writers["shop/products"].write(sources.build_products(config, products).data)
    writers["thirdparty/firmographics"].write(
        sources.build_firmographics(config, organizations).data
    )
    org_table = pa.table(
        {
            f.name: [getattr(o, f.name) for o in organizations]
            for f in dataclasses.fields(organizations[0])
        }
    )
    (truth_dir / "organizations").mkdir(parents=True, exist_ok=True)
    import pyarrow.parquet as pq

    pq.write_table(org_table, truth_dir / "organizations" / "part-00000.parquet")

    # running id counters per system, so ids are unique across chunks
    counters = {
        s: [0, 0, 0]
        for s in ("crm", "shop", "pos", "support", "email", "web", "social", "acquired")
    }
    seen_postal: set[tuple[str, str]] = set()
    chunks = (config.people + config.chunk_size - 1) // config.chunk_size
    for chunk in range(chunks):
        start = chunk * config.chunk_size
        count = min(config.chunk_size, config.people - start)
        people = make_people(config, chunk, start, count, organizations)
        ctx = sources.Context(config, chunk, organizations, products, campaigns)
        out = sources.ChunkOutput()
        sources.build_crm(ctx, people, out, counters["crm"])
        order_times: dict[str, list[tuple[int, dt.datetime]]] = {}
        accounts = sources.build_shop(ctx, people, out, counters["shop"], order_times)
        sources.build_pos(ctx, people, out, counters["pos"])
        sources.build_support(ctx, people, out, counters["support"], accounts)
        sources.build_email(ctx, people, out, counters["email"], accounts)
        sources.build_web(ctx, people, out, counters["web"], accounts, order_times)
        sources.build_social(ctx, people, out, counters["social"])
        sources.build_acquired(ctx, people, out, counters["acquired"])
        sources.build_third_party(ctx, people, out, seen_postal)
        for name, cols in out.tables.items():
            writers[name].write(cols.data)
        truth_writer.write(out.truth.data)
        people_writer.write(_people_rows(people))
        log(f"chunk {chunk + 1}/{chunks}: {start + count:,} people")
    for w in (*writers.values(), truth_writer, people_writer):
        w.close()

    manifest = {
        "generator": "scv.demo",
        "seed": config.seed,
        "people": config.people,
        "as_of": config.as_of.isoformat(),
        "chunk_size": config.chunk_size,
        "rates": dataclasses.asdict(config.rates),
        "organizations": len(organizations),
        "tables": {name: w.rows for name, w in writers.items()},
        "source_records": truth_writer.rows,
        "seconds": round(time.perf_counter() - started, 1),
    }
    (config.out_dir / MARKER).write_text(json.dumps(manifest, indent=2) + "\n")
    return manifest


def _parse_rate(text: str) -> tuple[str, float]:
    name, sep, value = text.partition("=")
    if not sep:
        raise argparse.ArgumentTypeError(f"--rate takes name=value, got {text!r}")
    try:
        return name.strip(), float(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"--rate {name}: {value!r} is not a number") from exc


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="scv generate",
        description="Write messy demo exports of every source system, plus ground truth.",
    )
    parser.add_argument("--people", type=int, default=10_000, help="true people (default 10000)")
    parser.add_argument("--seed", type=int, default=42, help="random seed (default 42)")
    parser.add_argument("--out", type=Path, default=Path("data/demo"), help="output folder")
    parser.add_argument(
        "--as-of",
        type=dt.date.fromisoformat,
        default=dt.date(2026, 11, 1),
        help="export date, YYYY-MM-DD (default 2026-11-01)",
    )
    parser.add_argument(
        "--rate",
        type=_parse_rate,
        action="append",
        default=[],
        metavar="NAME=P",
        help="override a mess rate, e.g. --rate typo=0.1",
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        rates = MessRates.with_overrides(dict(args.rate))
        config = GeneratorConfig(
            out_dir=args.out, people=args.people, seed=args.seed, as_of=args.as_of, rates=rates
        )
        manifest = generate(config, log=lambda m: print(m, file=sys.stderr))
    except (ValueError, FileExistsError) as exc:
        print(f"scv generate: error: {exc}", file=sys.stderr)
        return 2
    print(json.dumps({k: manifest[k] for k in ("people", "seed", "source_records", "seconds")}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
