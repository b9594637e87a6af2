"""The dbt project as Dagster assets (dagster-dbt): every model, seed and snapshot is an
asset, grouped by layer and source; dbt tests are asset checks. The project is split in
two dbt assets definitions around the Python enrichment: `scv_dbt` builds everything that
does not read enrichment output, `scv_dbt_enriched` the models that do (so the graph runs
dbt -> Python -> dbt without a cycle)."""

import os
import re
import shutil
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import dagster as dg
import yaml
from dagster_dbt import (
    DagsterDbtTranslator,
    DagsterDbtTranslatorSettings,
    DbtCliResource,
    DbtProject,
    dbt_assets,
)

from scv.project import find_project_dir

ENRICHED = "source:enrichment+"


def dbt_executable() -> str:
    """dbt from PATH, else the one next to this Python (a virtualenv that is not
    activated, as when running .venv/bin/dagster)."""
    found = shutil.which("dbt")
    if found:
        return found
    local = Path(sys.executable).parent / "dbt"
    if not local.exists():
        raise FileNotFoundError("dbt is not installed: pip install -e . (dbt-core, dbt-duckdb)")
    os.environ["PATH"] = f"{local.parent}{os.pathsep}{os.environ.get('PATH', '')}"
    return str(local)


PROJECT_PARTS = (
    "dbt_project.yml",
    "profiles.yml",
    "models",
    "macros",
    "seeds",
    "snapshots",
    "data-tests",
)


def manifest_adapter(manifest: Path) -> str | None:
    """The adapter a dbt manifest was parsed for (its metadata, at the head of the file)."""
    with manifest.open(encoding="utf-8") as handle:
        head = handle.read(4096)
    found = re.search(r'"adapter_type":\s*"([a-z_]+)"', head)
    return found.group(1) if found else None


def profile_adapter(project_dir: Path) -> str | None:
    """The adapter of the profile target dbt will use here (DBT_TARGET, default dev)."""
    profiles = yaml.safe_load((project_dir / "profiles.yml").read_text())
    outputs = next(iter(profiles.values()))["outputs"]
    return outputs.get(os.environ.get("DBT_TARGET", "dev"), {}).get("type")


def manifest_is_stale(project_dir: Path, manifest: Path, adapter: str | None = None) -> bool:
    """True when the manifest is missing, was parsed for another adapter than `adapter`
    (a `dbt build --target spark` leaves a Spark manifest, without the DuckDB-only
    snapshot), or is older than a project file."""
    if not manifest.exists():
        return True
    if adapter is not None and manifest_adapter(manifest) != adapter:
        return True
    written = manifest.stat().st_mtime
    for part in PROJECT_PARTS:
        path = project_dir / part
        files = [path] if path.is_file() else path.rglob("*") if path.is_dir() else []
        if any(f.is_file() and f.stat().st_mtime > written for f in files):
            return True
    return False


def scv_dbt_project() -> DbtProject:
    """The dbt project with a manifest that matches the files on disk and the target:
    `dbt parse` runs when the manifest is missing, older than a project file, or parsed
    for another adapter."""
    dbt_executable()
    os.environ.setdefault("DBT_SEND_ANONYMOUS_USAGE_STATS", "False")
    project_dir = find_project_dir()
    project = DbtProject(project_dir=project_dir, profiles_dir=project_dir)
    if manifest_is_stale(project_dir, project.manifest_path, profile_adapter(project_dir)):
        project.preparer.prepare(project)
    return project


class ScvTranslator(DagsterDbtTranslator):
    """Groups: `staging_<source>`, `identity`, `survivorship`, `marts_<area>`, seeds as
    `reference` / `identity_config`, snapshots as `history`."""

    def get_group_name(self, dbt_resource_props: Mapping[str, Any]) -> str | None:
        fqn = dbt_resource_props.get("fqn", [])
        kind = dbt_resource_props.get("resource_type")
        if kind == "seed":
            return "identity_config" if "identity" in fqn else "reference"
        if kind == "snapshot":
            return "history"
        if len(fqn) > 2 and fqn[1] == "staging":
            return f"staging_{fqn[2]}"
        if len(fqn) > 2 and fqn[1] == "intermediate":
            return fqn[2]
        if len(fqn) > 2 and fqn[1] == "marts":
            return f"marts_{fqn[2]}"
        return super().get_group_name(dbt_resource_props)


TRANSLATOR = ScvTranslator(settings=DagsterDbtTranslatorSettings(enable_asset_checks=True))
PROJECT = scv_dbt_project()


@dbt_assets(
    manifest=PROJECT.manifest_path,
    dagster_dbt_translator=TRANSLATOR,
    exclude=ENRICHED,
    name="scv_dbt",
)
def scv_dbt(context: dg.AssetExecutionContext, dbt: DbtCliResource):
    """dbt build of the selected models, seeds and snapshots, with their tests."""
    yield from dbt.cli(["build"], context=context).stream()


@dbt_assets(
    manifest=PROJECT.manifest_path,
    dagster_dbt_translator=TRANSLATOR,
    select=ENRICHED,
    name="scv_dbt_enriched",
)
def scv_dbt_enriched(context: dg.AssetExecutionContext, dbt: DbtCliResource):
    """dbt build of the models that read the Python enrichment output."""
    yield from dbt.cli(["build"], context=context).stream()
