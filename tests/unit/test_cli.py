"""Pure pieces of the CLI: dbt arguments, paths, summary rendering."""

from __future__ import annotations

from pathlib import Path

import pytest

from scv.dbt_runner import dbt_args
from scv.project import Paths, find_project_dir
from scv.summary import Summary


def test_dbt_args_point_at_the_project(tmp_path: Path) -> None:
    paths = Paths(tmp_path, tmp_path / "wh.duckdb", tmp_path / "demo")
    assert dbt_args(["build", "-s", "staging"], paths) == [
        "build",
        "-s",
        "staging",
        "--project-dir",
        str(tmp_path),
        "--profiles-dir",
        str(tmp_path),
    ]
    assert dbt_args(["parse"], paths, target="ci")[-2:] == ["--target", "ci"]


def test_paths_resolve_relative_to_the_project(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("SCV_DUCKDB_PATH", "x/wh.duckdb")
    paths = Paths.resolve()
    assert paths.database == find_project_dir() / "x/wh.duckdb"
    assert paths.dbt_env()["SCV_DUCKDB_PATH"] == str(paths.database)
    monkeypatch.setenv("SCV_PROJECT_DIR", str(tmp_path))
    with pytest.raises(FileNotFoundError, match="has no dbt_project.yml"):
        find_project_dir()


def test_summary_flags_unaccounted_rows() -> None:
    summary = Summary(
        Path("wh.duckdb"),
        layer_rows={"raw": (2, 10)},
        quarantine=[("crm", 10, 8, 2), ("pos", 10, 8, 1)],
    )
    text = summary.render()
    crm_line = next(line for line in text.splitlines() if line.strip().startswith("crm"))
    assert crm_line.split() == ["crm", "10", "8", "2", "20.0%"]
    assert "pos" in text and "<- rows unaccounted for!" in text.split("pos")[1]
    assert "(none built yet)" in text


def test_build_on_spark_leaves_out_the_duckdb_enrichment(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import scv.dbt_runner
    from scv.cli import main

    calls: list[tuple[list[str], str | None]] = []

    def fake_run_dbt(command: list[str], _paths: object, target: str | None = None) -> None:
        calls.append((command, target))

    monkeypatch.setattr(scv.dbt_runner, "run_dbt", fake_run_dbt)
    monkeypatch.delenv("DBT_TARGET", raising=False)
    database = tmp_path / "wh.duckdb"
    assert main(["build", "--database", str(database), "--target", "spark"]) == 0
    assert main(["build", "--database", str(database), "--target", "spark", "--", "-s", "x"]) == 0
    assert calls == [
        (["build", "--exclude", "source:enrichment+"], "spark"),
        (["build", "-s", "x"], "spark"),
    ]
