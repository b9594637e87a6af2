"""End to end: generate -> load -> dbt build (models, data tests, unit tests) on a small
data set, then check the outcomes against the ground truth."""

from __future__ import annotations

import json

import pyarrow.dataset as ds
import pytest

from scv.dbt_runner import run_dbt
from scv.loading.loader import load_landing
from scv.summary import collect

pytestmark = pytest.mark.e2e

SOURCE_TABLES = {
    "crm": ["contacts", "accounts", "activities"],
    "shop": ["customers", "orders", "order_lines", "products"],
    "pos": ["loyalty_members", "transactions"],
    "support": ["users", "tickets", "calls"],
    "email": ["subscribers", "campaign_events"],
    "web": ["events"],
    "social": ["profiles", "posts"],
    "acquired": ["customers"],
    "thirdparty": ["demographics_postal", "demographics_individual", "firmographics"],
}
PERSON_TABLES = {  # staging model -> (record id column, source system, source table)
    "stg_crm__contacts": ("crm_contact_id", "crm", "contacts"),
    "stg_shop__customers": ("shop_customer_id", "shop", "customers"),
    "stg_pos__loyalty_members": ("pos_member_id", "pos", "loyalty_members"),
    "stg_support__users": ("support_user_id", "support", "users"),
    "stg_email__subscribers": ("email_subscriber_id", "email", "subscribers"),
    "stg_acquired__customers": ("acquired_customer_id", "acquired", "customers"),
}


def test_every_raw_row_is_staged_or_quarantined(built) -> None:
    _paths, con = built
    for source, tables in SOURCE_TABLES.items():
        for table in tables:
            raw = con.execute(f"select count(*) from raw_{source}.{table}").fetchall()[0][0]
            staged = con.execute(f"select count(*) from staging.stg_{source}__{table}").fetchall()[
                0
            ][0]
            quarantined = con.execute(
                f"select count(*) from staging.quarantine_{source} where source_table = ?", [table]
            ).fetchall()[0][0]
            assert raw > 0, f"raw_{source}.{table} is empty"
            assert raw == staged + quarantined, (
                f"{source}.{table}: {raw} != {staged} + {quarantined}"
            )


def test_test_records_are_quarantined_and_real_people_are_not(built) -> None:
    _paths, con = built
    quarantines = "\n            union all ".join(
        "select source_system, source_table, source_record_id, quarantine_reason "
        f"from staging.quarantine_{source}"
        for source in ("crm", "shop", "pos", "support", "email", "acquired")
    )
    rows = con.execute(f"""
        select truth.is_test_record, quarantine.quarantine_reason is not null as caught
        from truth
        left join (
            {quarantines}
        ) as quarantine
            on truth.source_system = quarantine.source_system
            and truth.source_table = quarantine.source_table
            and truth.source_record_id = quarantine.source_record_id
            and quarantine.quarantine_reason = 'test_record'
        where truth.source_system <> 'social'
    """).fetchall()
    test_rows = [caught for is_test, caught in rows if is_test]
    real_rows = [caught for is_test, caught in rows if not is_test]
    assert test_rows and all(test_rows), "a test/fake record reached staging"
    assert not any(real_rows), "a real person's record was quarantined as a test record"


def test_phones_and_countries_are_standardized(built) -> None:
    _paths, con = built
    for model in PERSON_TABLES:
        bad = con.execute(f"""
            select count(*) from staging.{model}
            where phone_e164 is not null
                and not regexp_matches(phone_e164, '^\\+[1-9][0-9]{{7,14}}$')
        """).fetchall()[0][0]
        assert bad == 0, model
    # every country label the CRM and the acquired company write resolves to an ISO code
    for model in ("stg_crm__contacts", "stg_acquired__customers", "stg_pos__loyalty_members"):
        missing = con.execute(
            f"select count(*) from staging.{model} where country_code is null"
        ).fetchall()[0][0]
        assert missing == 0, model


def test_names_split_and_normalized_like_the_truth(built) -> None:
    """Store records hold 'LAST, FIRST' in upper case; staging recovers the true names
    (accents folded) wherever the generator added no name noise."""
    paths, con = built
    people = ds.dataset(paths.ground_truth_dir / "people").to_table()
    con.register("people", people)
    rows = con.execute(r"""
        select
            stg.first_name_key
                = regexp_replace(lower(strip_accents(people.first_name)), '[^a-z]', '', 'g'),
            stg.last_name_key = regexp_replace(lower(strip_accents(
                case when truth.noise like '%previous_last_name%' then people.maiden_name
                     else people.last_name end)), '[^a-z]', '', 'g')
        from staging.stg_pos__loyalty_members as stg
        inner join truth
            on truth.source_system = 'pos' and truth.source_record_id = stg.pos_member_id
        inner join people on truth.person_id = people.person_id
        where not regexp_matches(truth.noise, 'nickname|typo|first_last_order')
    """).fetchall()
    assert len(rows) > 200
    assert sum(first and last for first, last in rows) / len(rows) > 0.99


def test_nicknames_map_to_the_formal_name(built) -> None:
    _paths, con = built
    canonical = dict(
        con.execute(
            "select first_name_key, canonical_first_name from staging.stg_crm__contacts "
            "union select first_name_key, canonical_first_name from staging.stg_shop__customers"
        ).fetchall()
    )
    assert canonical.get("bob", "robert") == "robert"
    assert all(value is not None for key, value in canonical.items() if key is not None)


def test_marts_and_docs_coverage(built) -> None:
    paths, _con = built
    manifest = json.loads((paths.project_dir / "target" / "manifest.json").read_text())
    for node in manifest["nodes"].values():
        if node["resource_type"] != "model" or "staging" not in node["fqn"]:
            continue
        assert node["description"].strip(), f"{node['name']} has no description"
        if node["name"].startswith(("stg_", "quarantine_")):
            for column in node["columns"].values():
                assert column["description"].strip(), (
                    f"{node['name']}.{column['name']} undocumented"
                )


def test_summary_counts_match_the_warehouse(built) -> None:
    paths, con = built
    summary = collect(paths.database)
    assert {s for s, *_ in summary.quarantine} == set(SOURCE_TABLES)
    for _source, raw, staged, quarantined in summary.quarantine:
        assert raw == staged + quarantined
    staged_total = sum(
        con.execute(f"select count(*) from staging.stg_{s}__{t}").fetchall()[0][0]
        for s, tables in SOURCE_TABLES.items()
        for t in tables
    )
    assert summary.layer_rows["staging"] == (21, staged_total)


def test_rebuild_gives_the_same_staging_output(built) -> None:
    paths, con = built

    def fingerprint() -> list[tuple]:
        return [
            con.execute(  # every column but the load time, which a reload changes
                "select count(*), sum(hash(t)) "
                f"from (select * exclude (loaded_at) from staging.{m}) as t"
            ).fetchall()[0]
            for m in PERSON_TABLES
        ]

    before = fingerprint()
    load_landing(paths.database, paths.landing_dir, log=lambda _m: None)
    run_dbt(["run", "-s", "staging"], paths)
    assert fingerprint() == before
