"""Benchmark: the journey models (touchpoints, sessions, stages, channel switches,
attribution) at scale, full and incremental.

For the given number of people: generate the demo data, load it, build everything the
journey models read (staging, identity, survivorship), then measure in separate
processes (wall time, peak RSS via wait4):

1. full run of the journey models (`--full-refresh`);
2. late arrivals: 1% more web and app events (a sample of existing devices, dated up to
   two days back, a share of them sign-ins) land in a new file and the web events are
   reloaded; then the incremental run: the web staging model and the journey models;
3. the same selection with `--full-refresh` on the same data, for comparison.

    .venv/bin/python bench/bench_journeys.py --people 1000000 [--workdir DIR]

Results go in BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import os
import platform
import subprocess
import sys
import tempfile
from pathlib import Path

from bench_identity import run_quiet
from bench_staging import run_step, scv_env  # measured steps: wall time and peak RSS via wait4

JOURNEY = ["path:models/intermediate/journey", "path:models/marts/journey"]
NO_TESTS = ["--exclude", "resource_type:test", "resource_type:unit_test"]


def write_late_events(database: Path, landing: Path, share: float) -> int:
    """Late web events for a sample of devices, written as a new landing file."""
    import duckdb

    target = landing / "web" / "events" / "late-arrivals.jsonl"
    con = duckdb.connect(str(database), read_only=True)
    try:
        con.execute(f"""
            copy (
                select
                    'late' || lpad(cast(row_number() over (order by web_event_id) as varchar),
                                   12, '0') as event_id,
                    anonymous_id,
                    case when hash(web_event_id) % 10 = 0 then person_record_id end as user_id,
                    case when hash(web_event_id) % 10 = 0 then 'login' else 'page_view' end
                        as event_type,
                    platform,
                    '/' as page_url,
                    null as product_id,
                    strftime(occurred_at - to_minutes(cast(hash(web_event_id) % 2880 as bigint)),
                             '%Y-%m-%dT%H:%M:%SZ') as occurred_at,
                    '30' as time_on_page_seconds,
                    'Mozilla/5.0' as user_agent
                from (
                    select web_event_id, anonymous_id, platform, occurred_at,
                           replace(person_record_id, 'shop:customers:', '') as person_record_id
                    from intermediate.int_web_events_sessionized
                    -- by hash, not `using sample`: the same events on every run (a seeded
                    -- sample still depends on how threads split the table)
                    where hash(web_event_id) % 10000 < {round(share * 10000)}
                )
            ) to '{target.as_posix()}' (format json)
        """)
        return con.execute(f"select count(*) from read_json('{target.as_posix()}')").fetchall()[0][
            0
        ]
    finally:
        con.close()


def counts(database: Path) -> dict[str, int]:
    import duckdb

    con = duckdb.connect(str(database), read_only=True)
    try:
        return {
            table: con.execute(f"select count(*) from {table}").fetchall()[0][0]
            for table in (
                "marts.journey_touchpoints",
                "intermediate.int_web_events_sessionized",
                "marts.journey_sessions",
                "marts.journey_stages",
                "marts.journey_channel_switches",
                "marts.journey_attribution",
            )
        }
    finally:
        con.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--people", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--late-share", type=float, default=0.01)
    parser.add_argument("--workdir", type=Path, help="where data goes (default: a temp folder)")
    args = parser.parse_args()

    work = args.workdir or Path(tempfile.mkdtemp(prefix="scv-bench-journeys-"))
    demo, database = work / "demo", work / "warehouse" / "scv.duckdb"
    env = scv_env(database, demo)
    scv = [sys.executable, "-m", "scv.cli"]
    print(f"SCV journey benchmark: {args.people:,} people, seed {args.seed}")
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}",
        flush=True,
    )
    if not (demo / "ground_truth").exists():
        run_quiet(
            "generate",
            [*scv, "generate", "--people", str(args.people), "--seed", str(args.seed)],
            env,
        )
    late_file = demo / "landing" / "web" / "events" / "late-arrivals.jsonl"
    late_file.unlink(missing_ok=True)
    if database.exists():
        database.unlink()
    run_quiet("load", [*scv, "load"], env)
    upstream = [
        "-s",
        "+path:models/marts/journey",
        "--exclude",
        *JOURNEY,
        "resource_type:test",
        "resource_type:unit_test",
    ]
    run_quiet("build upstream", [*scv, "build", "--", *upstream], env)

    rows = []
    seconds, peak = run_step(
        "journey full", [*scv, "build", "--", "-s", *JOURNEY, "--full-refresh", *NO_TESTS], env
    )
    rows.append(("full run (7 journey models)", seconds, peak))
    before = counts(database)
    late = write_late_events(database, demo / "landing", args.late_share)
    run_quiet(
        "reload web events",
        [
            sys.executable,
            "-c",
            "import sys; from pathlib import Path; from scv.loading.loader import load_landing; "
            "load_landing(Path(sys.argv[1]), Path(sys.argv[2]), only={'web/events'}, "
            "log=lambda m: None)",
            str(database),
            str(demo / "landing"),
        ],
        env,
    )
    selection = ["-s", "base_web__events", "stg_web__events", *JOURNEY]
    seconds, peak = run_step("incremental", [*scv, "build", "--", *selection, *NO_TESTS], env)
    rows.append(
        (f"incremental run after {late:,} late events (web staging + journey)", seconds, peak)
    )
    seconds, peak = run_step(
        "full refresh", [*scv, "build", "--", *selection, "--full-refresh", *NO_TESTS], env
    )
    rows.append(("full refresh of the same selection, same data", seconds, peak))
    after = counts(database)

    print("| step | seconds | peak RSS (MiB) |")
    print("|---|---:|---:|")
    for label, seconds, peak in rows:
        print(f"| {label} | {seconds:.1f} | {peak:.0f} |")
    print()
    print("| table | rows before late events | rows after |")
    print("|---|---:|---:|")
    for table in before:
        print(f"| {table} | {before[table]:,} | {after[table]:,} |")
    subprocess.run(["du", "-sh", str(database)], check=False)


if __name__ == "__main__":
    main()
