"""Benchmark: an incremental identity run against a full rebuild on the same records.

Generate demo data, load it, take the records of one person in `--one-in` back out
(yesterday's state), build identity in full; then load everything (today: the late
people arrive) and time (a) the incremental identity run and (b) a full refresh of the
same models on the same data (it keeps the ids: they are state). Prints both, the node
time of the pair models, how many records the run touched, and how many rows of the
pair and cluster tables differ between the two runs (none expected).

    .venv/bin/python bench/bench_identity_incremental.py --people 100000 [--one-in 100]

Results go in BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import tempfile
from pathlib import Path

import duckdb
from bench_identity import run_quiet
from bench_staging import run_step, scv_env  # measured steps: wall time and peak RSS via wait4

from scv.demo.late_arrivals import withhold_people

REPO = Path(__file__).resolve().parents[1]
PAIR_MODELS = (
    "int_identity_records_fingerprinted",
    "int_identity_records_touched",
    "int_identity_pairs_deterministic",
    "int_identity_pairs_blocked",
    "int_identity_pairs_compared",
    "int_identity_records_paired",
)
# compared row for row (match parameters and scores differ between any two runs in the
# last bits of their floats: DuckDB sums in parallel, in no fixed order)
COMPARED_TABLES = (
    "int_identity_pairs_blocked",
    "int_identity_pairs_compared",
    "int_identity_clusters_resolved",
    "int_identity_lone_records_attached",
)
IDENTITY = [
    "-s",
    "path:models/intermediate/identity",
    "--exclude-resource-type",
    "unit_test",  # as dbt advises for production runs
    "--indirect-selection",
    "cautious",
]


def node_seconds() -> dict[str, float]:
    results = json.loads((REPO / "target" / "run_results.json").read_text())["results"]
    return {r["unique_id"].split(".")[-1]: r["execution_time"] for r in results}


def read(database: Path, sql: str) -> list[tuple]:
    con = duckdb.connect(str(database), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--one-in", type=int, default=100, help="late people: one in N")
    parser.add_argument("--workdir", type=Path, help="where data goes (default: a temp folder)")
    args = parser.parse_args()
    work = args.workdir or Path(tempfile.mkdtemp(prefix="scv-bench-incremental-"))
    demo, database = work / "demo", work / "warehouse" / "scv.duckdb"
    env = scv_env(database, demo)
    scv = [sys.executable, "-m", "scv.cli"]
    up_to_spine = [
        *scv,
        "build",
        "--",
        "--exclude",
        "path:models/intermediate/identity+",
        "source:enrichment+",
        "--indirect-selection",
        "cautious",
    ]
    print(
        f"Incremental identity benchmark: {args.people:,} people, seed {args.seed}, "
        f"one person in {args.one_in} late"
    )
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    )
    if not (demo / "ground_truth").exists():
        run_quiet(
            "generate",
            [*scv, "generate", "--people", str(args.people), "--seed", str(args.seed)],
            env,
        )
    if database.exists():
        database.unlink()

    # yesterday
    run_quiet("load", [*scv, "load"], env)
    late = withhold_people(database, demo / "ground_truth", one_in=args.one_in)
    run_quiet("build up to the spine (yesterday)", up_to_spine, env)
    yesterday, _ = run_step("identity, yesterday (full)", [*scv, "build", "--", *IDENTITY], env)

    # today: the late records arrive
    run_quiet("load", [*scv, "load"], env)
    run_quiet("build up to the spine (today)", up_to_spine, env)
    incremental, inc_peak = run_step("identity, incremental", [*scv, "build", "--", *IDENTITY], env)
    inc_nodes = node_seconds()
    touched = dict(
        read(
            database,
            "select touch_reason, count(*) from "
            "intermediate.int_identity_records_touched group by 1",
        )
    )
    records = read(database, "select count(*) from intermediate.int_person_records_unioned")[0][0]
    ids_sql = (
        "select person_record_id, customer_id from intermediate.int_customer_ids_assigned"
        " where is_current"
    )
    incremental_ids = dict(read(database, ids_sql))
    saved = work / "incremental_tables"
    saved.mkdir(exist_ok=True)
    con = duckdb.connect(str(database), read_only=True)
    for table in COMPARED_TABLES:
        con.execute(
            f"copy (select * from intermediate.{table}) "
            f"to '{saved / table}.parquet' (format parquet)"
        )
    con.close()
    full, full_peak = run_step(
        "identity, full refresh", [*scv, "build", "--", *IDENTITY, "--full-refresh"], env
    )
    full_nodes = node_seconds()
    same_ids = dict(read(database, ids_sql)) == incremental_ids
    differences = {
        table: read(
            database,
            f"select count(*) from ((select * "
            f"from intermediate.{table} except all select * "
            f"from read_parquet('{saved / table}.parquet')) union all "
            f"(select * from read_parquet('{saved / table}.parquet') "
            f"except all select * from intermediate.{table}))",
        )[0][0]
        for table in COMPARED_TABLES
    }

    print(
        f"late records: {late:,} of {records:,}; touched today: "
        + ", ".join(f"{reason} {count:,}" for reason, count in sorted(touched.items()))
    )
    print("| run | seconds | peak RSS (MiB) |")
    print("|---|---:|---:|")
    print(f"| yesterday, full | {yesterday:.1f} | |")
    print(f"| today, incremental | {incremental:.1f} | {inc_peak:.0f} |")
    print(f"| today, full refresh | {full:.1f} | {full_peak:.0f} |")
    print("| model | incremental (s) | full refresh (s) |")
    print("|---|---:|---:|")
    for model in PAIR_MODELS:
        print(f"| `{model}` | {inc_nodes.get(model, 0):.1f} | {full_nodes.get(model, 0):.1f} |")
    models = [m for m in full_nodes if m.startswith("int_")]
    print(
        f"| all identity models | {sum(inc_nodes.get(m, 0) for m in models):.1f} | "
        f"{sum(full_nodes[m] for m in models):.1f} |"
    )
    print(f"incremental ids equal full-refresh ids: {same_ids}")
    print(
        "rows that differ, incremental vs full refresh: "
        + ", ".join(f"{table} {count:,}" for table, count in differences.items())
    )
    if not same_ids or any(differences.values()):
        sys.exit("incremental and full refresh disagree")


if __name__ == "__main__":
    main()
