"""The SCV code location: `dagster dev -m orchestration.definitions` (or `make dagster`).

Assets: landing tables -> dbt (staging, identity, survivorship, marts, snapshots; tests as
asset checks) -> Python enrichment -> dbt models reading the enrichment. Jobs run one
step at a time in one process, so dbt and Python never write the DuckDB file at once.
"""

import json
import os
import re
from pathlib import Path

import dagster as dg
from dagster_dbt import DbtCliResource

from orchestration.assets.dbt import PROJECT, dbt_executable, scv_dbt, scv_dbt_enriched
from orchestration.assets.enrichment import ENRICHMENT_ASSETS
from orchestration.assets.landing import landing_files
from orchestration.resources import Warehouse
from scv.project import Paths

ALL_ASSETS = [landing_files, scv_dbt, *ENRICHMENT_ASSETS, scv_dbt_enriched]

# one step at a time: DuckDB admits a single writer
full_pipeline = dg.define_asset_job(
    "full_pipeline",
    selection=dg.AssetSelection.all(),
    description="Load landing files, build every dbt model with its tests, run the enrichment.",
    executor_def=dg.in_process_executor,
)

daily = dg.ScheduleDefinition(
    name="daily_full_pipeline",
    job=full_pipeline,
    cron_schedule="0 5 * * *",
    execution_timezone="UTC",
    description="The whole pipeline every morning at 05:00 UTC.",
)


def landing_fingerprint(landing_dir: Path) -> str | None:
    """The newest modification time and the file count under the landing folder."""
    if not landing_dir.is_dir():
        return None
    files = [p for p in landing_dir.rglob("*") if p.is_file()]
    if not files:
        return None
    return f"{max(p.stat().st_mtime_ns for p in files)}:{len(files)}"


@dg.sensor(
    job=full_pipeline, minimum_interval_seconds=60, default_status=dg.DefaultSensorStatus.STOPPED
)
def new_landing_files(context: dg.SensorEvaluationContext):
    """Start the pipeline when files in the landing folder change (new, replaced, more)."""
    fingerprint = landing_fingerprint(Paths.resolve().landing_dir)
    if fingerprint is None or fingerprint == context.cursor:
        return dg.SkipReason("no new landing files")
    context.update_cursor(fingerprint)
    return dg.RunRequest(run_key=fingerprint)


def failed_steps(events: list[dg.DagsterEvent]) -> list[dict[str, str | None]]:
    """Each failed step with its own error, the exception's class and message (for a dbt
    step, dagster-dbt's message lists the dbt errors: which model or test, and why)."""
    steps = []
    for event in events:
        data = event.step_failure_data
        error = data.error if data is not None else None
        # Dagster wraps what the asset raised: report the innermost cause
        while error is not None and error.cause is not None:
            error = error.cause
        # without the terminal colours dbt writes into its messages
        why = re.sub(r"\x1b\[[0-9;]*m", "", error.message).strip() if error is not None else None
        steps.append({"step": event.step_key, "error": why})
    return steps


def failure_report(
    run_id: str, job: str, error: str | None, steps: list[dict[str, str | None]]
) -> dict:
    return {"run_id": run_id, "job": job, "failed_steps": steps, "error": error}


@dg.run_failure_sensor(default_status=dg.DefaultSensorStatus.RUNNING)
def report_failed_run(context: dg.RunFailureSensorContext) -> None:
    """Say which asset step failed and why: in the Dagster log and as a JSON line in
    $SCV_FAILURE_LOG (default data/run_failures.jsonl) for alerting to pick up."""
    steps = failed_steps(context.get_step_failure_events())
    error = context.failure_event.message if context.failure_event else None
    report = failure_report(context.dagster_run.run_id, context.dagster_run.job_name, error, steps)
    context.log.error(f"SCV run failed: {json.dumps(report)}")
    path = Path(
        os.environ.get(
            "SCV_FAILURE_LOG", Paths.resolve().project_dir / "data" / "run_failures.jsonl"
        )
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a") as handle:
        handle.write(json.dumps(report) + "\n")


defs = dg.Definitions(
    assets=ALL_ASSETS,
    jobs=[full_pipeline],
    schedules=[daily],
    sensors=[new_landing_files, report_failed_run],
    # also for materializations started from the asset graph in the UI
    executor=dg.in_process_executor,
    resources={
        "warehouse": Warehouse(),
        "dbt": DbtCliResource(
            project_dir=PROJECT,
            profiles_dir=str(PROJECT.project_dir),
            dbt_executable=dbt_executable(),
        ),
    },
)
