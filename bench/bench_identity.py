"""Benchmark: SCV identity resolution against Splink 5 on the very same records.

For each size: generate demo data, load it, build everything up to and including the
identity spine (int_person_records_unioned: the standardized records both tools start
from), then time (a) SCV's identity models after the spine (`dbt build` of
models/intermediate/identity with their data tests; unit tests left out, as dbt advises
for production runs) and (b) Splink 5 (bench/splink_run.py) on a Parquet export of the
same spine.
Each runs in its own process, so wall time and peak RSS are its own. Both are scored
against the generator's ground truth with `scv evaluate`.

    .venv/bin/python bench/bench_identity.py --people 100000 1000000 [--workdir DIR]

Needs the bench extra: pip install -e '.[bench]'. Results go in BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import subprocess
import sys
import tempfile
from pathlib import Path

from bench_staging import run_step, scv_env  # measured steps: wall time and peak RSS via wait4

REPO = Path(__file__).resolve().parents[1]
SUMMARY = re.compile(r"precision=(\S+) recall=(\S+) f1=(\S+) clusters=(\S+) true_people=(\S+)")


def run_quiet(label: str, argv: list[str], env: dict[str, str]) -> str:
    """Run an unmeasured step; return its stdout, exit with its output if it fails."""
    proc = subprocess.run(argv, env=env, capture_output=True, check=False)
    if proc.returncode != 0:
        sys.exit(f"{label} failed:\n{(proc.stdout + proc.stderr).decode(errors='replace')[-4000:]}")
    return proc.stdout.decode(errors="replace")


def scores(text: str) -> dict[str, str]:
    match = SUMMARY.search(text)
    if not match:
        sys.exit(f"no summary line in evaluation output:\n{text[-2000:]}")
    keys = ("precision", "recall", "f1", "clusters", "true_people")
    return dict(zip(keys, match.groups(), strict=True))


def node_times() -> str:
    """Where the last dbt run spent its time: dbt's elapsed time for the run (the rest of
    the wall time is starting Python and dbt and parsing the project), node seconds of
    models and of tests, and the slowest models (target/run_results.json; nodes overlap
    on 2 threads)."""
    run_results = json.loads((REPO / "target" / "run_results.json").read_text())
    results = run_results["results"]
    models = [r for r in results if r["unique_id"].startswith("model.")]
    tests = [r for r in results if not r["unique_id"].startswith("model.")]
    slowest = sorted(models, key=lambda r: -r["execution_time"])[:4]
    return (
        f"run {run_results['elapsed_time']:.1f} s; "
        f"models {sum(r['execution_time'] for r in models):.1f} s, "
        f"tests {sum(r['execution_time'] for r in tests):.1f} s; slowest: "
        + ", ".join(f"{r['unique_id'].split('.')[-1]} {r['execution_time']:.1f} s" for r in slowest)
    )


def bench_size(people: int, seed: int, work: Path) -> list[dict[str, object]]:
    demo, database = work / "demo", work / "warehouse" / "scv.duckdb"
    env = scv_env(database, demo)
    scv = [sys.executable, "-m", "scv.cli"]
    py = [sys.executable]
    spine, splink_clusters = work / "spine.parquet", work / "splink_clusters.parquet"
    if not (demo / "ground_truth").exists():
        run_quiet("generate", [*scv, "generate", "--people", str(people), "--seed", str(seed)], env)
    if database.exists():
        database.unlink()
    run_quiet("load", [*scv, "load"], env)
    run_quiet(
        "build up to the spine",
        [
            *scv,
            "build",
            "--",
            "--exclude",
            "path:models/intermediate/identity+",
            "source:enrichment+",
            "--indirect-selection",
            "cautious",
        ],
        env,
    )
    # the spine (standardized person records, with its tests) is the input of both tools
    spine_selection = "+int_person_records_unioned,path:models/intermediate/identity"
    spine_seconds, _ = run_step(
        "scv spine",
        [
            *scv,
            "build",
            "--",
            "-s",
            spine_selection,
            "--exclude-resource-type",
            "unit_test",
            "--indirect-selection",
            "cautious",
        ],
        env,
    )
    rows = []
    seconds, peak = run_step(
        "scv identity",
        [
            *scv,
            "build",
            "--",
            "-s",
            "path:models/intermediate/identity",
            "--exclude",
            "+int_person_records_unioned",
            # as dbt advises for production runs: unit tests belong to development and CI
            "--exclude-resource-type",
            "unit_test",
            "--indirect-selection",
            "cautious",
        ],
        env,
    )
    print(
        f"  SCV at {people:,} people: spine {spine_seconds:.1f} s (not timed below); "
        f"identity dbt {node_times()}",
        flush=True,
    )
    out = run_quiet("evaluate scv", [*scv, "evaluate", "--report", str(work / "scv.html")], env)
    rows.append({"tool": "SCV", "seconds": seconds, "peak": peak, **scores(out)})

    export = (
        "import duckdb, sys; c = duckdb.connect(sys.argv[1], read_only=True); "
        'c.execute("copy (select * from intermediate.int_person_records_unioned) '
        f"to '{spine.as_posix()}' (format parquet)\")"
    )
    run_quiet("export spine", [*py, "-c", export, str(database)], env)
    seconds, peak = run_step(
        "splink",
        [
            *py,
            str(REPO / "bench" / "splink_run.py"),
            "--input",
            str(spine),
            "--output",
            str(splink_clusters),
        ],
        env,
    )
    load = (
        "import duckdb, sys; c = duckdb.connect(sys.argv[1]); "
        "c.execute('create schema if not exists bench'); "
        'c.execute("create or replace table bench.splink_clusters as select * from '
        f"read_parquet('{splink_clusters.as_posix()}')\")"
    )
    run_quiet("load splink clusters", [*py, "-c", load, str(database)], env)
    out = run_quiet(
        "evaluate splink",
        [
            *scv,
            "evaluate",
            "--clusters",
            "bench.splink_clusters",
            "--cluster-column",
            "cluster_id",
            "--report",
            str(work / "splink.html"),
        ],
        env,
    )
    rows.append({"tool": "Splink 5", "seconds": seconds, "peak": peak, **scores(out)})
    for row in rows:
        row["people"] = people
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--people", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--workdir", type=Path, help="where data goes (default: a temp folder)")
    args = parser.parse_args()
    root = args.workdir or Path(tempfile.mkdtemp(prefix="scv-bench-identity-"))
    print(f"Identity benchmark, seed {args.seed}: SCV vs Splink 5 on the same spine")
    machine = f"{platform.machine()}, {os.cpu_count()} cores"
    print(f"machine: {machine}, Python {platform.python_version()}")
    print(
        "| people | tool | seconds | peak RSS (MiB) | precision | recall | F1 | clusters | people |"
    )
    print("|---:|---|---:|---:|---:|---:|---:|---:|---:|")
    for people in args.people:
        for row in bench_size(people, args.seed, root / f"p{people}"):
            print(
                f"| {row['people']:,} | {row['tool']} | {row['seconds']:.1f} | {row['peak']:.0f} | "
                f"{row['precision']} | {row['recall']} | {row['f1']} | {row['clusters']} | "
                f"{row['true_people']} |",
                flush=True,
            )


if __name__ == "__main__":
    main()
