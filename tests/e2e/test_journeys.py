"""Journey marts end to end: the demo's touchpoints are stitched and attributed, and an
incremental run after late events (a bridge between two sessions, a first sign-in on a
device that was anonymous, a new device) gives exactly the tables a full rebuild gives."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import duckdb
import pytest
import yaml

from scv.dbt_runner import run_dbt
from scv.loading.loader import load_landing
from scv.project import Paths
from tests.e2e.test_identity import copy_project

pytestmark = pytest.mark.e2e

JOURNEY_SELECTION = [
    "base_web__events",
    "stg_web__events",
    "path:models/intermediate/journey",
    "path:models/marts/journey",
]
JOURNEY_TABLES = {  # table -> columns left out of the comparison (when the run computed it)
    "intermediate.int_web_events_sessionized": "sessionized_at",
    "intermediate.int_web_devices": "",
    "marts.journey_touchpoints": "stitched_at, previous_customer_id",
    "marts.journey_sessions": "stitched_at",
    "marts.journey_stages": "stitched_at",
    "marts.journey_channel_switches": "stitched_at",
    "marts.journey_attribution": "stitched_at",
}


def test_every_channel_reaches_the_timeline(built) -> None:
    _paths, con = built
    channels = dict(
        con.execute(
            "select channel, count(customer_id) from marts.journey_touchpoints group by 1"
        ).fetchall()
    )
    for channel in ("web", "app", "online_shop", "store", "email", "support", "social", "sales"):
        assert channels.get(channel, 0) > 0, channel


def test_anonymous_browsing_is_stitched_and_shared_devices_are_not_given_away(built) -> None:
    _paths, con = built
    methods = dict(
        con.execute(
            "select stitch_method, count(*) from marts.journey_touchpoints group by 1"
        ).fetchall()
    )
    assert methods["device_owner"] > 0 and methods["shared_device"] > 0
    # on a shared device no event outside a single-customer session has a customer, and
    # events of one session never go to two customers
    leaked = con.execute("""
        select count(*) from marts.journey_touchpoints as touchpoints
        inner join intermediate.int_web_devices as devices
            on touchpoints.device_id = devices.anonymous_id
        where devices.is_shared_device and touchpoints.customer_id is not null
            and touchpoints.stitch_method not in ('signed_in', 'session_sign_in')
    """).fetchall()[0][0]
    assert leaked == 0
    split_sessions = con.execute("""
        select count(*) from (
            select session_id from marts.journey_touchpoints where session_id is not null
            group by 1 having count(distinct customer_id) > 1)
    """).fetchall()[0][0]
    assert split_sessions == 0


def test_attribution_credits_sum_to_one_and_sessions_get_credit(built) -> None:
    _paths, con = built
    worst, conversions = con.execute("""
        select max(greatest(abs(f - 1), abs(l - 1), abs(li - 1), abs(t - 1), abs(p - 1))),
               count(*)
        from (select conversion_id, sum(first_touch_credit) as f, sum(last_touch_credit) as l,
                     sum(linear_credit) as li, sum(time_decay_credit) as t,
                     sum(position_based_credit) as p
              from marts.journey_attribution group by 1)
    """).fetchall()[0]
    assert conversions > 0 and worst < 1e-9
    purchases = con.execute(
        "select count(*) from marts.journey_touchpoints where is_purchase"
    ).fetchall()[0][0]
    assert conversions == purchases
    by_channel = dict(
        con.execute(
            "select channel, sum(linear_credit) from marts.journey_attribution group by 1"
        ).fetchall()
    )
    assert by_channel.get("web", 0) + by_channel.get("app", 0) > 0


def _event(event_id: str, device: str, user: str | None, kind: str, at: dt.datetime) -> dict:
    return {
        "event_id": event_id,
        "anonymous_id": device,
        "user_id": user,
        "event_type": kind,
        "platform": "web",
        "page_url": "/account/login" if kind == "login" else "/",
        "product_id": None,
        "occurred_at": at.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "time_on_page_seconds": "30" if kind == "page_view" else None,
        "user_agent": "Mozilla/5.0",
    }


def late_events(con: duckdb.DuckDBPyConnection) -> tuple[list[dict], dict]:
    """Events that arrive late: a chain that bridges two sessions of a device, a first
    sign-in on a device that was anonymous, and a new device of a known customer."""
    device, ended, next_started = con.execute("""
        select device_id, ended_at, next_started_at from (
            select device_id, ended_at,
                   lead(started_at) over (partition by device_id order by started_at)
                       as next_started_at
            from marts.journey_sessions where customer_id is not null)
        where next_started_at is not null
        order by next_started_at - ended_at, device_id limit 1
    """).fetchall()[0]
    anonymous_device, first_seen = con.execute("""
        select anonymous_id, first_seen_at from intermediate.int_web_devices
        where signed_in_customer_count = 0 and event_count >= 2
        order by anonymous_id limit 1
    """).fetchall()[0]
    shop_customer = con.execute(
        "select shop_customer_id from staging.stg_shop__customers order by 1 limit 1"
    ).fetchall()[0][0]
    events, moment, n = [], ended, 0
    while moment + dt.timedelta(minutes=20) < next_started:
        moment += dt.timedelta(minutes=20)
        n += 1
        events.append(_event(f"late{n:05d}", device, None, "page_view", moment))
    events.append(
        _event(
            "late-login",
            anonymous_device,
            shop_customer,
            "login",
            first_seen - dt.timedelta(days=1),
        )
    )
    start = first_seen - dt.timedelta(days=3)
    for i in range(3):
        events.append(
            _event(
                f"late-new{i}",
                "late-new-device",
                shop_customer,
                "page_view",
                start + dt.timedelta(minutes=i),
            )
        )
    return events, {"bridged_device": device, "anonymous_device": anonymous_device}


def table_rows(database: Path, table: str, leave_out: str) -> set[tuple]:
    con = duckdb.connect(str(database))
    try:
        columns = f"* exclude ({leave_out})" if leave_out else "*"
        return set(con.execute(f"select {columns} from {table}").fetchall())
    finally:
        con.close()


def test_incremental_run_with_late_events_equals_full_rebuild(built, tmp_path: Path) -> None:
    paths, con = built
    con.execute("checkpoint")
    events, cases = late_events(con)
    sessions_before = con.execute(
        "select count(*) from marts.journey_sessions where device_id = ?", [cases["bridged_device"]]
    ).fetchall()[0][0]
    landing = tmp_path / "landing"
    shutil.copytree(paths.landing_dir / "web" / "events", landing / "web" / "events")
    with (landing / "web" / "events" / "late-arrivals.jsonl").open("w") as handle:
        handle.writelines(json.dumps(event) + "\n" for event in events)
    incremental, full = tmp_path / "incremental.duckdb", tmp_path / "full.duckdb"
    shutil.copy(paths.database, incremental)
    load_landing(incremental, landing, only={"web/events"}, log=lambda _m: None)
    shutil.copy(incremental, full)

    run_dbt(
        ["run", "-s", *JOURNEY_SELECTION], Paths(paths.project_dir, incremental, paths.demo_dir)
    )
    run_dbt(
        ["run", "-s", *JOURNEY_SELECTION, "--full-refresh"],
        Paths(paths.project_dir, full, paths.demo_dir),
    )
    for table, leave_out in JOURNEY_TABLES.items():
        assert table_rows(incremental, table, leave_out) == table_rows(full, table, leave_out), (
            table
        )

    after = duckdb.connect(str(incremental))
    try:
        bridged = after.execute(
            "select count(*) from marts.journey_sessions where device_id = ?",
            [cases["bridged_device"]],
        ).fetchall()[0][0]
        assert bridged == sessions_before - 1
        stitched = dict(
            after.execute(
                "select stitch_method, count(*) from marts.journey_touchpoints "
                "where device_id = ? group by 1",
                [cases["anonymous_device"]],
            ).fetchall()
        )
        assert stitched.get("device_owner", 0) >= 2 and "anonymous" not in stitched
        new_device = after.execute(
            "select count(customer_id) from marts.journey_touchpoints "
            "where device_id = 'late-new-device'"
        ).fetchall()[0][0]
        assert new_device == 3
    finally:
        after.close()


def steward_decision_incremental_equals_full(
    paths: Paths, tmp_path: Path, seed: str, record_a: str, record_b: str
) -> Path:
    """Add a steward decision on two records to `seed` (identity_force_links or
    _unlinks), rebuild identity and survivorship, then the journey marts incrementally
    on one copy of the warehouse and with --full-refresh on another; assert the journey
    tables are equal and return the incremental warehouse."""
    project = copy_project(tmp_path / "project")
    with (project / "seeds" / "identity" / f"{seed}.csv").open("a") as handle:
        handle.write(f"{record_a},{record_b},test,pytest,2026-11-01 00:00:00\n")
    incremental, full = tmp_path / "incremental.duckdb", tmp_path / "full.duckdb"
    shutil.copy(paths.database, incremental)
    upstream = ["path:models/intermediate/identity", "path:models/intermediate/survivorship"]
    run_paths = Paths(project, incremental, paths.demo_dir)
    run_dbt(["seed", "-s", seed], run_paths)
    run_dbt(["run", "-s", *upstream], run_paths)
    # the same identity and survivorship state under both journey runs
    shutil.copy(incremental, full)
    for database, refresh in ((incremental, []), (full, ["--full-refresh"])):
        run_paths = Paths(project, database, paths.demo_dir)
        run_dbt(["run", "-s", *JOURNEY_SELECTION[2:], *refresh], run_paths)
    for table, leave_out in JOURNEY_TABLES.items():
        assert table_rows(incremental, table, leave_out) == table_rows(full, table, leave_out), (
            table
        )
    return incremental


def test_identity_merge_moves_journeys_like_a_full_rebuild(built, tmp_path: Path) -> None:
    """A steward force-links two customers: the merged-away customer's touchpoints are
    re-stitched to the survivor, its journey rows disappear, and the incremental journey
    tables equal a full rebuild."""
    paths, con = built
    con.execute("checkpoint")
    (record_a, customer_a), (record_b, customer_b) = con.execute("""
        with single_record_customers as (
            select customer_id, min(person_record_id) as person_record_id
            from marts.customer_source_records group by 1 having count(*) = 1
        )
        select singles.person_record_id, singles.customer_id
        from single_record_customers as singles
        where singles.customer_id in (select customer_id from marts.journey_stages)
            and singles.customer_id in (select customer_id from marts.journey_attribution)
        order by singles.customer_id limit 2
    """).fetchall()
    incremental = steward_decision_incremental_equals_full(
        paths, tmp_path, "identity_force_links", record_a, record_b
    )

    after = duckdb.connect(str(incremental))
    try:
        survivor = after.execute(
            "select customer_id from intermediate.int_person_record_details "
            "where person_record_id = ?",
            [record_a],
        ).fetchall()[0][0]
        merged_away = ({customer_a, customer_b} - {survivor}).pop()
        for table in ("journey_touchpoints", "journey_stages", "journey_attribution"):
            left = after.execute(
                f"select count(*) from marts.{table} where customer_id = ?", [merged_away]
            ).fetchall()[0][0]
            assert left == 0, table
        moved = after.execute(
            "select count(*) from marts.journey_touchpoints "
            "where previous_customer_id = ? and customer_id = ?",
            [merged_away, survivor],
        ).fetchall()[0][0]
        assert moved > 0
    finally:
        after.close()


def test_identity_split_rebuilds_journeys_like_a_full_rebuild(built, tmp_path: Path) -> None:
    """A steward force-unlinks the two records of a customer whose only channel switches
    run from one record's channel to the other's: after the split neither customer has
    a switch, so the incremental run must drop the old rows, not only replace the rows
    it rebuilds (delete+insert alone leaves a customer whose new rows are none)."""
    paths, con = built
    con.execute("checkpoint")
    project_vars = yaml.safe_load((paths.project_dir / "dbt_project.yml").read_text())["vars"]
    purchases = project_vars["scv__lifecycle"]["purchase_interactions"]
    record_a, record_b, customer = con.execute(
        """
        with two_record_customers as (
            select customer_id
            from marts.customer_source_records group by 1 having count(*) = 2
        ),
        record_channels as (
            select touchpoints.customer_id, touchpoints.person_record_id,
                   count(distinct touchpoints.channel) as channels,
                   min(touchpoints.channel) as channel
            from marts.journey_touchpoints as touchpoints
            inner join two_record_customers using (customer_id)
            where touchpoints.initiated_by = 'customer'
                and list_position(?, touchpoints.interaction_type) is null
            group by 1, 2
        )
        select min(person_record_id), max(person_record_id), customer_id
        from record_channels
        where customer_id in (select customer_id from marts.journey_channel_switches)
        group by customer_id
        having count(*) = 2 and max(channels) = 1 and min(channel) != max(channel)
        order by customer_id limit 1
    """,
        [purchases],
    ).fetchall()[0]
    incremental = steward_decision_incremental_equals_full(
        paths, tmp_path, "identity_force_unlinks", record_a, record_b
    )

    after = duckdb.connect(str(incremental))
    try:
        owners = after.execute(
            "select count(distinct customer_id) from marts.journey_touchpoints "
            "where person_record_id in (?, ?)",
            [record_a, record_b],
        ).fetchall()[0][0]
        assert owners == 2
        switches = after.execute(
            "select count(*) from marts.journey_channel_switches where customer_id = ?",
            [customer],
        ).fetchall()[0][0]
        assert switches == 0
    finally:
        after.close()


def test_marts_rebuild_every_customer_when_every_touchpoint_is_restitched(
    built, tmp_path: Path
) -> None:
    """`journey_touchpoints` full-refreshed on its own re-stitches every touchpoint; the
    next incremental run deletes every customer's rows first, leaving the customer marts
    empty when they read their last stitch time. They must rebuild every customer then,
    as must a sessions mart that is empty (say it first ran before any web event came):
    the tables equal a full rebuild."""
    paths, con = built
    con.execute("checkpoint")
    incremental, full = tmp_path / "incremental.duckdb", tmp_path / "full.duckdb"
    shutil.copy(paths.database, incremental)
    shutil.copy(paths.database, full)
    marts = [table for table in JOURNEY_TABLES if table.startswith("marts.")]

    run_paths = Paths(paths.project_dir, incremental, paths.demo_dir)
    run_dbt(["run", "-s", "journey_touchpoints", "--full-refresh"], run_paths)
    emptied = duckdb.connect(str(incremental))
    try:
        emptied.execute("delete from marts.journey_sessions")
    finally:
        emptied.close()
    run_dbt(["run", "-s", *(table.split(".")[1] for table in marts[1:])], run_paths)
    run_dbt(
        ["run", "-s", "path:models/marts/journey", "--full-refresh"],
        Paths(paths.project_dir, full, paths.demo_dir),
    )
    for table in marts:
        expected = table_rows(full, table, JOURNEY_TABLES[table])
        assert expected, table
        assert table_rows(incremental, table, JOURNEY_TABLES[table]) == expected, table


def test_incremental_run_after_deleted_and_changed_source_rows_equals_full_rebuild(
    built, tmp_path: Path
) -> None:
    """Sources lose and change rows (a full extract without a deleted record, events
    past their retention): every event of one signed-in device and the sign-ins of
    another are gone, as are some other events and support tickets, and some orders
    have another amount or date. The incremental journey tables drop and rebuild what
    changed and equal a full rebuild."""
    paths, con = built
    con.execute("checkpoint")
    incremental, full = tmp_path / "incremental.duckdb", tmp_path / "full.duckdb"
    shutil.copy(paths.database, incremental)
    changed = duckdb.connect(str(incremental))
    try:
        devices = [
            row[0]
            for row in changed.execute(
                "select anonymous_id from raw_web.events where user_id is not null "
                "group by 1 order by 1 limit 2"
            ).fetchall()
        ]
        changed.execute("delete from raw_web.events where anonymous_id = ?", [devices[0]])
        changed.execute(
            "delete from raw_web.events where anonymous_id = ? and user_id is not null",
            [devices[1]],
        )
        changed.execute("delete from raw_web.events where hash(event_id) % 200 = 0")
        changed.execute("delete from raw_support.tickets where hash(id) % 10 = 0")
        changed.execute(
            "update raw_shop.orders set total_price = '1234.56' where hash(id) % 20 = 0"
        )
        changed.execute(
            "update raw_shop.orders set created_at = '2024-01-02T03:04:05Z' where hash(id) % 20 = 1"
        )
        touchpoints_before = changed.execute(
            "select count(*) from marts.journey_touchpoints"
        ).fetchall()[0][0]
    finally:
        changed.close()
    shutil.copy(incremental, full)

    for database, refresh in ((incremental, []), (full, ["--full-refresh"])):
        run_paths = Paths(paths.project_dir, database, paths.demo_dir)
        run_dbt(
            ["run", "-s", "+int_customer_interactions", "--exclude", *JOURNEY_SELECTION], run_paths
        )
        run_dbt(["run", "-s", *JOURNEY_SELECTION, *refresh], run_paths)
    for table, leave_out in JOURNEY_TABLES.items():
        assert table_rows(incremental, table, leave_out) == table_rows(full, table, leave_out), (
            table
        )
    after = duckdb.connect(str(incremental))
    try:
        touchpoints_after, gone_device = after.execute(
            "select count(*), count(*) filter (where device_id = ?) from marts.journey_touchpoints",
            [devices[0]],
        ).fetchall()[0]
        assert touchpoints_after < touchpoints_before
        assert gone_device == 0
    finally:
        after.close()
