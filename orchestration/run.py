"""Run the SCV pipeline through Dagster without the UI (the `scv run` main job, tests)."""

import os

import dagster as dg

from scv.project import Paths


def materialize_pipeline(
    paths: Paths, instance: dg.DagsterInstance | None = None
) -> dg.ExecuteInProcessResult:
    """Execute the full_pipeline job in this process against `paths` (warehouse and
    landing folder): landing -> dbt -> enrichment -> dbt. Raises if a step fails."""
    os.environ.update(paths.dbt_env())
    os.environ["SCV_DEMO_DIR"] = str(paths.demo_dir)
    from orchestration.definitions import defs

    job = defs.resolve_job_def("full_pipeline")
    return job.execute_in_process(instance=instance or dg.DagsterInstance.ephemeral())
