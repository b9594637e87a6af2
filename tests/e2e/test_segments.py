"""Segment marts end to end: value scores follow the enrichment, a segment added to the
YAML configuration appears in the marts with no SQL change, membership history is kept
across runs, and a bad definition fails with a message naming the segment."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest
import yaml

from scv.dbt_runner import DbtError, run_dbt
from scv.project import Paths
from tests.e2e.test_identity import copy_project

pytestmark = pytest.mark.e2e

SEGMENT_SELECTION = ["-s", "path:models/intermediate/segment", "path:models/marts/segment"]


def test_value_tiers_follow_lifetime_value(built) -> None:
    _paths, con = built
    tiers = con.execute("""
        select value_tier, min(clv_365d), max(clv_365d), count(*)
        from marts.customer_value_scores where value_tier <> 'none'
        group by 1
    """).fetchall()
    ranges = {tier: (low, high) for tier, low, high, _n in tiers}
    order = ["platinum", "gold", "silver", "bronze"]
    assert set(ranges) == set(order)
    for better, worse in zip(order, order[1:], strict=False):
        assert ranges[better][0] >= ranges[worse][1], (better, worse)
    champions, lost = con.execute("""
        select avg(case when rfm_segment = 'champions' then purchase_count end),
               avg(case when rfm_segment = 'lost' then purchase_count end)
        from marts.customer_value_scores
    """).fetchall()[0]
    assert champions > lost


def test_configured_segments_have_members(built) -> None:
    _paths, con = built
    sizes = dict(
        con.execute("select segment_name, member_count from marts.segment_definitions").fetchall()
    )
    assert {"us_recent_signups", "cart_abandoners_7d", "social_prospects"} <= set(sizes)
    assert sum(sizes.values()) > 0
    current = con.execute(
        "select count(*) from marts.segment_memberships where is_current"
    ).fetchall()[0][0]
    assert current == sum(sizes.values())


def write_segments(project: Path, segments: list[dict]) -> None:
    config_file = project / "dbt_project.yml"
    config = yaml.safe_load(config_file.read_text())
    config["vars"]["scv__segments"] = segments
    config_file.write_text(yaml.safe_dump(config, sort_keys=False))


def members(database: Path) -> dict[str, set[tuple]]:
    con = duckdb.connect(str(database))
    try:
        rows = con.execute(
            "select segment_name, customer_id, entered_on, left_on, left_reason "
            "from marts.segment_memberships"
        ).fetchall()
    finally:
        con.close()
    out: dict[str, set[tuple]] = {}
    for segment, *rest in rows:
        out.setdefault(segment, set()).add(tuple(rest))
    return out


def test_new_yaml_segment_appears_and_history_is_kept(built, tmp_path: Path) -> None:
    paths, con = built
    con.execute("checkpoint")
    project = copy_project(tmp_path / "project")
    database = tmp_path / "wh.duckdb"
    shutil.copy(paths.database, database)
    run_paths = Paths(project, database, paths.demo_dir)
    configured = yaml.safe_load((project / "dbt_project.yml").read_text())["vars"]["scv__segments"]
    before = members(database)

    new_segment = {
        "name": "buyers",
        "description": "Customers and ex-customers with a purchase",
        "where": {
            "all": [
                {"attribute": "purchase_count", "at_least": 1},
                {"attribute": "lifecycle_status", "in": ["customer", "ex_customer"]},
            ]
        },
    }
    write_segments(project, [*configured, new_segment])
    run_dbt(["build", *SEGMENT_SELECTION], run_paths)
    after = members(database)
    assert after["buyers"], "the new segment has members"
    for segment, rows in before.items():  # the other segments' history is untouched
        assert after[segment] == rows, segment
    expected = (
        duckdb.connect(str(database))
        .execute(
            "select count(*) from intermediate.int_customer_segment_features "
            "where purchase_count >= 1 and lifecycle_status in ('customer', 'ex_customer')"
        )
        .fetchall()[0][0]
    )
    assert len(after["buyers"]) == expected

    # dropping a segment closes its memberships and keeps them
    write_segments(project, configured)
    run_dbt(["build", *SEGMENT_SELECTION], run_paths)
    closed = members(database)["buyers"]
    assert len(closed) == expected
    assert {reason for *_rest, reason in closed} == {"segment_removed"}


def test_bad_definition_fails_naming_the_segment(built, tmp_path: Path) -> None:
    paths, _con = built
    project = copy_project(tmp_path / "project")
    database = tmp_path / "wh.duckdb"
    shutil.copy(paths.database, database)
    write_segments(
        project,
        [
            {
                "name": "typo_segment",
                "description": "x",
                "where": {"attribute": "contry_code", "equals": "US"},
            }
        ],
    )
    with pytest.raises(DbtError, match="Segment 'typo_segment': unknown attribute 'contry_code'"):
        run_dbt(["build", *SEGMENT_SELECTION], Paths(project, database, paths.demo_dir))
