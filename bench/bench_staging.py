"""Benchmark: generate demo data, load it, build the dbt project; print time and peak
memory of each step. Each step runs in its own process so its peak RSS is its own.

    .venv/bin/python bench/bench_staging.py --people 1000000 [--keep]

Results go in BENCHMARKS.md (machine, date, command, figures).
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def scv_env(database: Path, demo: Path) -> dict[str, str]:
    """The environment the scv CLI runs with in a bench: its own warehouse and demo data."""
    return {
        **os.environ,
        "SCV_DUCKDB_PATH": str(database),
        "SCV_DEMO_DIR": str(demo),
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "False",
    }


def run_step(label: str, argv: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Run a command; return (seconds, peak RSS in MiB) of that process tree's leader."""
    started = time.perf_counter()
    proc = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _pid, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"{label} failed:\n{proc.stderr.read().decode(errors='replace')[-4000:]}")
    return seconds, usage.ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--workdir", type=Path, help="where data goes (default: a temp folder)")
    parser.add_argument("--keep", action="store_true", help="keep the data and warehouse")
    args = parser.parse_args()

    work = args.workdir or Path(tempfile.mkdtemp(prefix="scv-bench-"))
    demo, database = work / "demo", work / "warehouse" / "scv.duckdb"
    if database.exists():
        database.unlink()
    env = scv_env(database, demo)
    scv = [sys.executable, "-m", "scv.cli"]
    steps = [
        ("generate", [*scv, "generate", "--people", str(args.people), "--seed", str(args.seed)]),
        ("load", [*scv, "load"]),
        ("dbt build (all models + tests)", [*scv, "build"]),
        ("evaluate", [*scv, "evaluate", "--report", str(work / "report.html")]),
    ]
    print(f"SCV benchmark: {args.people:,} people, seed {args.seed}")
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    )
    results = []
    for label, argv in steps:
        seconds, peak = run_step(label, argv, env)
        results.append((label, seconds, peak))
        print(f"  {label:<30} {seconds:>9.1f} s   peak RSS {peak:>8.0f} MiB", flush=True)

    import duckdb

    con = duckdb.connect(str(database), read_only=True)
    raw = sum(
        con.execute(f'select count(*) from "{s}"."{t}"').fetchall()[0][0]
        for s, t in con.execute(
            "select table_schema, table_name from information_schema.tables "
            "where table_schema like 'raw\\_%' escape '\\' and table_schema <> 'raw_meta'"
        ).fetchall()
    )
    landing_bytes = sum(p.stat().st_size for p in (demo / "landing").rglob("*") if p.is_file())
    warehouse_bytes = database.stat().st_size
    con.close()
    print(
        f"  raw rows {raw:,}; landing files {landing_bytes / 2**30:.2f} GiB; "
        f"warehouse {warehouse_bytes / 2**30:.2f} GiB"
    )
    print("| step | seconds | peak RSS (MiB) |")
    print("|---|---:|---:|")
    for label, seconds, peak in results:
        print(f"| {label} | {seconds:.1f} | {peak:.0f} |")
    if not args.keep and not args.workdir:
        shutil.rmtree(work)


if __name__ == "__main__":
    main()
