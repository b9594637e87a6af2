"""Run dbt commands in-process against the SCV project and warehouse."""

from __future__ import annotations

import os
from collections.abc import Sequence

from scv.project import Paths


class DbtError(RuntimeError):
    """A dbt command failed; the message says which and why."""


def dbt_args(command: Sequence[str], paths: Paths, target: str | None = None) -> list[str]:
    """CLI arguments for a dbt command on the SCV project (a pure function, unit-tested)."""
    args = [
        *command,
        "--project-dir",
        str(paths.project_dir),
        "--profiles-dir",
        str(paths.project_dir),
    ]
    if target:
        args += ["--target", target]
    return args


def run_dbt(command: Sequence[str], paths: Paths, target: str | None = None) -> None:
    """Invoke dbt in this process; raise DbtError with the failed nodes if it fails."""
    from dbt.cli.main import dbtRunner

    os.environ.update(paths.dbt_env())
    result = dbtRunner().invoke(dbt_args(command, paths, target))
    if result.success:
        return
    failures = []
    for node in getattr(result.result, "results", None) or []:
        if str(getattr(node, "status", "")).lower() in ("error", "fail"):
            failures.append(f"{node.node.unique_id}: {node.message}")
    detail = "\n  ".join(failures) if failures else str(result.exception or "see the dbt log above")
    raise DbtError(f"dbt {' '.join(command)} failed:\n  {detail}")
