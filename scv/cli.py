"""The `scv` command: generate demo data, load it, build the dbt project, report."""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

from scv.project import Paths


def _paths(args: argparse.Namespace) -> Paths:
    return Paths.resolve(getattr(args, "database", None), getattr(args, "demo_dir", None))


def cmd_generate(args: argparse.Namespace) -> int:
    from scv.demo import generate

    argv = [
        "--people",
        str(args.people),
        "--seed",
        str(args.seed),
        "--out",
        str(_paths(args).demo_dir),
    ]
    for rate in args.rate:
        argv += ["--rate", rate]
    return generate.main(argv)


def cmd_load(args: argparse.Namespace) -> int:
    from scv.loading.loader import LoadError, load_landing, read_spec

    paths = _paths(args)
    try:
        spec = read_spec(args.spec) if args.spec else None
        load_landing(paths.database, args.landing or paths.landing_dir, spec)
        if (args.target or os.environ.get("DBT_TARGET")) == "spark":
            from scv.loading.spark import publish_raw_to_spark

            publish_raw_to_spark(paths.database, paths.spark_dir / "raw", paths.spark_conf())
    except LoadError as exc:
        print(f"scv load: error: {exc}", file=sys.stderr)
        return 2
    return 0


ENRICHMENT_TABLES = (
    "customer_lifetime_value",
    "churn_scores",
    "social_sentiment",
    "contact_validation",
)


def enrichment_ready(database: Path) -> bool:
    """True when the warehouse holds every table the Python enrichment writes."""
    if not database.exists():
        return False
    import duckdb

    con = duckdb.connect(str(database), read_only=True)
    try:
        found = {
            row[0]
            for row in con.execute(
                "select table_name from information_schema.tables where table_schema = 'enrichment'"
            ).fetchall()
        }
    finally:
        con.close()
    return set(ENRICHMENT_TABLES) <= found


def cmd_build(args: argparse.Namespace) -> int:
    from scv.dbt_runner import DbtError, run_dbt

    try:
        extra = args.dbt_args[1:] if args.dbt_args[:1] == ["--"] else args.dbt_args
        paths = _paths(args)
        target = args.target or os.environ.get("DBT_TARGET")
        if not extra and target == "spark":
            # the Python enrichment writes DuckDB tables, never Spark ones
            print("scv build: no enrichment tables on spark; skipping source:enrichment+")
            extra = ["--exclude", "source:enrichment+"]
        elif not args.target and not extra and not enrichment_ready(paths.database):
            # models reading the Python enrichment need its tables: the Dagster
            # pipeline (scv run, dagster dev) builds them in order
            print("scv build: enrichment tables not built yet; skipping source:enrichment+")
            extra = ["--exclude", "source:enrichment+"]
        run_dbt(["build", *extra], paths, args.target)
    except DbtError as exc:
        print(f"scv build: error: {exc}", file=sys.stderr)
        return 1
    return 0


def cmd_summary(args: argparse.Namespace) -> int:
    from scv.summary import collect

    paths = _paths(args)
    if not paths.database.exists():
        print(
            f"scv summary: error: no warehouse at {paths.database}; run `scv run` first",
            file=sys.stderr,
        )
        return 2
    print(collect(paths.database).render())
    return 0


def cmd_sql(args: argparse.Namespace) -> int:
    import duckdb

    paths = _paths(args)
    con = duckdb.connect(str(paths.database), read_only=True)
    try:
        con.sql(args.query).show(max_rows=args.max_rows)
    except duckdb.Error as exc:
        print(f"scv sql: error: {exc}", file=sys.stderr)
        return 2
    finally:
        con.close()
    return 0


def cmd_evaluate(args: argparse.Namespace) -> int:
    """Score identity resolution against the demo ground truth; print and write a report."""
    from scv.evaluation import evaluate, render_text
    from scv.report import render_html

    paths = _paths(args)
    truth = args.ground_truth or paths.ground_truth_dir
    if not (truth / "source_records").is_dir():
        print(
            f"scv evaluate: error: no ground truth at {truth} (only demo data has one)",
            file=sys.stderr,
        )
        return 2
    if not paths.database.exists():
        print(f"scv evaluate: error: no warehouse at {paths.database}", file=sys.stderr)
        return 2
    result = evaluate(paths.database, truth, args.clusters, args.cluster_column)
    report = args.report or paths.project_dir / "reports" / "identity_evaluation.html"
    report.parent.mkdir(parents=True, exist_ok=True)
    report.write_text(render_html(result), encoding="utf-8")
    print(render_text(result).replace(result.summary_line(), f"  report: {report}"))
    print(result.summary_line())
    return 0


def cmd_pipeline(args: argparse.Namespace) -> int:
    """The Dagster full_pipeline job, in this process (no UI needed)."""
    from orchestration.run import materialize_pipeline

    result = materialize_pipeline(_paths(args))
    return 0 if result.success else 1


def cmd_run(args: argparse.Namespace) -> int:
    """The main job: generate demo data, then the Dagster pipeline (load -> dbt build with
    tests -> enrichment -> dbt), then the summary."""
    started = time.perf_counter()
    steps = (
        ("generate demo data", cmd_generate),
        ("Dagster: landing files -> dbt build -> enrichment -> dbt", cmd_pipeline),
    )
    for label, step in steps:
        print(f"==> {label}", flush=True)
        code = step(args)
        if code:
            print(f"scv run: stopped at '{label}' (exit {code})", file=sys.stderr)
            return code
    code = cmd_summary(args)
    print(f"Finished in {time.perf_counter() - started:.0f} s.")
    return code


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="scv", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)

    def common(p: argparse.ArgumentParser) -> None:
        p.add_argument(
            "--database",
            type=Path,
            help="DuckDB warehouse file (default $SCV_DUCKDB_PATH or data/warehouse/scv.duckdb)",
        )
        p.add_argument(
            "--demo-dir", type=Path, help="demo data folder (default $SCV_DEMO_DIR or data/demo)"
        )

    def gen_opts(p: argparse.ArgumentParser) -> None:
        p.add_argument("--people", type=int, default=10_000, help="true people to generate")
        p.add_argument("--seed", type=int, default=42)
        p.add_argument(
            "--rate",
            action="append",
            default=[],
            metavar="NAME=P",
            help="override a mess rate, e.g. typo=0.1",
        )

    p = sub.add_parser("run", help="the main job: generate, load, build and test, summarize")
    common(p)
    gen_opts(p)
    p.add_argument("--target", default=None, help="dbt target (default from DBT_TARGET or dev)")
    p.set_defaults(func=cmd_run, landing=None, spec=None, dbt_args=[])

    p = sub.add_parser("generate", help="write demo landing files and ground truth")
    common(p)
    gen_opts(p)
    p.set_defaults(func=cmd_generate)

    p = sub.add_parser("load", help="load landing files into the raw schemas")
    common(p)
    p.add_argument("--landing", type=Path, help="landing folder (default <demo-dir>/landing)")
    p.add_argument("--spec", type=Path, help="landing table spec (default: the demo's)")
    p.add_argument(
        "--target",
        default=None,
        help="dbt target; 'spark' also copies the raw tables into the local Spark catalog",
    )
    p.set_defaults(func=cmd_load)

    p = sub.add_parser("build", help="dbt build (seeds, models, snapshots, tests)")
    common(p)
    p.add_argument("--target", default=None)
    p.add_argument(
        "dbt_args",
        nargs=argparse.REMAINDER,
        help="extra dbt arguments after --, e.g. scv build -- -s staging",
    )
    p.set_defaults(func=cmd_build)

    p = sub.add_parser("summary", help="print rows per layer, marts and quarantine")
    common(p)
    p.set_defaults(func=cmd_summary)

    p = sub.add_parser("evaluate", help="score identity resolution against the ground truth")
    common(p)
    p.add_argument("--ground-truth", type=Path, help="default <demo-dir>/ground_truth")
    p.add_argument(
        "--clusters",
        default="intermediate.int_customer_ids_assigned",
        help="table mapping person_record_id to a cluster",
    )
    p.add_argument("--cluster-column", default="customer_id")
    p.add_argument(
        "--report", type=Path, help="HTML report path (default reports/identity_evaluation.html)"
    )
    p.set_defaults(func=cmd_evaluate)

    p = sub.add_parser("sql", help="run a read-only SQL query on the warehouse")
    common(p)
    p.add_argument("query")
    p.add_argument("--max-rows", type=int, default=40)
    p.set_defaults(func=cmd_sql)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    raise SystemExit(main())
