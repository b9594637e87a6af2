"""The Spark side of loading, without starting Spark: which raw tables are published,
clear errors for a missing or empty warehouse, and catalog settings that agree with the
dbt profile."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest
import yaml

from scv.loading.loader import LoadError
from scv.loading.spark import publish_raw_to_spark, raw_tables
from scv.project import Paths, find_project_dir


def test_raw_tables_are_the_raw_schemas_without_loader_scratch(tmp_path: Path) -> None:
    con = duckdb.connect(str(tmp_path / "wh.duckdb"))
    for statement in (
        "create schema raw_crm",
        "create schema raw_meta",
        "create schema staging",
        "create schema rawish",
        "create table raw_crm.contacts (id varchar)",
        "create table raw_crm._scv_new_contacts (id varchar)",
        "create view raw_crm.contacts_view as select * from raw_crm.contacts",
        "create table raw_meta.load_audit (run_id varchar)",
        "create table staging.stg_crm__contacts (id varchar)",
        "create table rawish.t (id varchar)",
    ):
        con.execute(statement)
    assert raw_tables(con) == [("raw_crm", "contacts"), ("raw_meta", "load_audit")]


def test_publishing_needs_a_loaded_warehouse(tmp_path: Path) -> None:
    with pytest.raises(LoadError, match="no DuckDB file"):
        publish_raw_to_spark(tmp_path / "missing.duckdb", tmp_path / "out", {})
    duckdb.connect(str(tmp_path / "empty.duckdb")).close()
    with pytest.raises(LoadError, match="holds no raw tables"):
        publish_raw_to_spark(tmp_path / "empty.duckdb", tmp_path / "out", {})


def test_spark_settings_match_the_dbt_profile(tmp_path: Path) -> None:
    paths = Paths(find_project_dir(), tmp_path / "wh.duckdb", tmp_path / "demo", tmp_path / "c")
    profile = yaml.safe_load((find_project_dir() / "profiles.yml").read_text())
    spark_output = profile["scv"]["outputs"]["spark"]
    assert set(paths.spark_conf()) == set(spark_output["server_side_parameters"])
    env = paths.dbt_env()
    assert env["SCV_SPARK_WAREHOUSE"] == str(tmp_path / "c" / "warehouse")
    assert (
        str(tmp_path / "c" / "metastore_db") in paths.spark_conf()["javax.jdo.option.ConnectionURL"]
    )


def test_the_spark_catalog_follows_scv_spark_dir(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SCV_SPARK_DIR", "elsewhere/spark")
    assert Paths.resolve().spark_dir == find_project_dir() / "elsewhere/spark"
    monkeypatch.delenv("SCV_SPARK_DIR")
    assert Paths.resolve().spark_dir == find_project_dir() / "data" / "spark"
