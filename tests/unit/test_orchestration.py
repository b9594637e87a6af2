"""The Dagster code location: it loads, every asset and dependency resolves into one
connected graph from landing files to the enrichment marts, groups follow the layers,
and the schedule and sensors do what they say."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import dagster as dg
import pytest

from orchestration.assets.landing import landing_specs
from orchestration.definitions import (
    defs,
    full_pipeline,
    landing_fingerprint,
    new_landing_files,
    report_failed_run,
)


@pytest.fixture(scope="module")
def graph():
    dg.Definitions.validate_loadable(defs)
    return defs.resolve_asset_graph()


def test_definitions_load_and_every_dependency_resolves(graph) -> None:
    keys = set(graph.get_all_asset_keys())
    for key in keys:
        node = graph.get(key)
        assert node.is_materializable, f"{key.to_user_string()} is not built by any asset"
        for parent in node.parent_keys:
            assert parent in keys, f"{key.to_user_string()} depends on unknown {parent}"


def test_lineage_runs_from_landing_files_to_the_enrichment_mart(graph) -> None:
    enrichment_mart = dg.AssetKey(["marts", "customer_enrichment"])
    upstream, todo = set(), [enrichment_mart]
    while todo:
        for parent in graph.get(todo.pop()).parent_keys:
            if parent not in upstream:
                upstream.add(parent)
                todo.append(parent)
    names = {key.to_user_string() for key in upstream}
    for expected in (
        "landing/crm/contacts",
        "staging_base/base_crm__contacts",
        "staging/stg_crm__contacts",
        "intermediate/int_customer_ids_assigned",
        "marts/customers",
        "enrichment/customer_lifetime_value",
        "enrichment/churn_scores",
        "enrichment/social_sentiment",
        "enrichment/contact_validation",
    ):
        assert expected in names, f"{expected} is not upstream of the enrichment mart"


def test_every_landing_table_feeds_a_dbt_source(graph) -> None:
    for spec in landing_specs():
        children = graph.get(spec.key).child_keys
        assert children, f"{spec.key.to_user_string()} feeds nothing"
        assert all(child.path[0] in ("staging", "staging_base") for child in children)


def test_assets_are_grouped_by_layer_and_source(graph) -> None:
    groups = {graph.get(key).group_name for key in graph.get_all_asset_keys()}
    assert {
        "landing",
        "staging_crm",
        "staging_shop",
        "identity",
        "survivorship",
        "marts_customer",
        "enrichment",
        "reference",
        "history",
    } <= groups
    assert "default" not in groups


def test_dbt_tests_are_asset_checks(graph) -> None:
    checks = list(graph.asset_check_keys)
    assert len(checks) > 100
    assert any(check.asset_key.path[-1] == "customers" for check in checks)


def test_the_job_runs_one_step_at_a_time() -> None:
    job = defs.resolve_job_def("full_pipeline")
    assert job.executor_def is dg.in_process_executor
    # materializing from the asset graph (the implicit asset job) too
    assert defs.resolve_implicit_global_asset_job_def().executor_def is dg.in_process_executor
    assert full_pipeline.name == "full_pipeline"
    schedule = defs.resolve_schedule_def("daily_full_pipeline")
    assert schedule.cron_schedule == "0 5 * * *"


def test_landing_sensor_starts_a_run_when_files_change(tmp_path: Path, monkeypatch) -> None:
    landing = tmp_path / "demo" / "landing" / "crm"
    monkeypatch.setenv("SCV_DEMO_DIR", str(tmp_path / "demo"))
    context = dg.build_sensor_context()
    assert isinstance(new_landing_files(context), dg.SkipReason)  # no folder yet
    landing.mkdir(parents=True)
    (landing / "contacts.csv").write_text("id\n1\n")
    first = new_landing_files(context)
    assert isinstance(first, dg.RunRequest)
    context = dg.build_sensor_context(cursor=first.run_key)
    assert isinstance(new_landing_files(context), dg.SkipReason)  # nothing new
    time.sleep(0.01)
    (landing / "accounts.csv").write_text("id\n1\n")
    second = new_landing_files(context)
    assert isinstance(second, dg.RunRequest) and second.run_key != first.run_key


def test_landing_fingerprint(tmp_path: Path) -> None:
    assert landing_fingerprint(tmp_path / "missing") is None
    assert landing_fingerprint(tmp_path) is None
    (tmp_path / "a.csv").write_text("x")
    os.utime(tmp_path / "a.csv", ns=(1, 2))
    assert landing_fingerprint(tmp_path) == "2:1"


def test_the_failure_sensor_reports_which_step_failed_and_why(tmp_path: Path, monkeypatch) -> None:
    @dg.asset
    def loaded() -> None:
        return None

    @dg.asset(deps=[loaded])
    def broken() -> None:
        raise ValueError("crm/contacts.csv line 7: \x1b[31mmissing column 'Email'\x1b[0m")

    instance = dg.DagsterInstance.ephemeral()
    job = dg.define_asset_job("demo_job").resolve(
        asset_graph=dg.Definitions(assets=[loaded, broken]).resolve_asset_graph()
    )
    result = job.execute_in_process(instance=instance, raise_on_error=False)
    assert not result.success
    run = instance.get_run_by_id(result.run_id)
    run_failure = next(
        event for event in result.all_events if event.event_type == dg.DagsterEventType.RUN_FAILURE
    )
    log = tmp_path / "failures.jsonl"
    monkeypatch.setenv("SCV_FAILURE_LOG", str(log))
    context = dg.build_run_status_sensor_context(
        sensor_name="report_failed_run",
        dagster_instance=instance,
        dagster_run=run,
        dagster_event=run_failure,
    ).for_run_failure()
    report_failed_run(context)
    (line,) = log.read_text().splitlines()
    report = json.loads(line)
    assert report["run_id"] == result.run_id and report["job"] == "demo_job"
    (step,) = report["failed_steps"]
    assert step["step"] == "broken"
    assert step["error"] == "ValueError: crm/contacts.csv line 7: missing column 'Email'"


def test_a_manifest_parsed_for_another_adapter_is_stale(tmp_path: Path, monkeypatch) -> None:
    from orchestration.assets.dbt import manifest_adapter, manifest_is_stale, profile_adapter

    (tmp_path / "dbt_project.yml").write_text("name: p\n")
    (tmp_path / "profiles.yml").write_text(
        "p:\n  target: dev\n  outputs:\n    dev: {type: duckdb}\n    spark: {type: spark}\n"
    )
    manifest = tmp_path / "target" / "manifest.json"
    manifest.parent.mkdir()
    manifest.write_text(json.dumps({"metadata": {"adapter_type": "spark"}, "nodes": {}}))
    later = time.time() + 10
    os.utime(manifest, (later, later))

    assert manifest_adapter(manifest) == "spark"
    monkeypatch.delenv("DBT_TARGET", raising=False)
    assert profile_adapter(tmp_path) == "duckdb"
    # newer than every project file, but a Spark manifest when Dagster runs DuckDB
    assert manifest_is_stale(tmp_path, manifest, "duckdb")
    monkeypatch.setenv("DBT_TARGET", "spark")
    assert profile_adapter(tmp_path) == "spark"
    assert not manifest_is_stale(tmp_path, manifest, profile_adapter(tmp_path))
    # a project file edited after the manifest makes it stale whatever the adapter
    os.utime(tmp_path / "dbt_project.yml", (later + 10, later + 10))
    assert manifest_is_stale(tmp_path, manifest, "spark")
