"""The end-to-end demo: generated once per test session and run through the Dagster
pipeline in process (landing files, dbt build of every model, snapshot, data test and
unit test, the Python enrichment, the dbt models that read it), shared by the e2e
test modules."""

from __future__ import annotations

from collections.abc import Iterator

import dagster as dg
import duckdb
import pyarrow.dataset as ds
import pytest

from orchestration.run import materialize_pipeline
from scv.project import Paths, find_project_dir
from tests.conftest import make_demo


@pytest.fixture(scope="session")
def pipeline(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[tuple[Paths, duckdb.DuckDBPyConnection, dg.ExecuteInProcessResult]]:
    root = tmp_path_factory.mktemp("e2e")
    demo = make_demo(root / "demo", 1_500, seed=3)
    paths = Paths(find_project_dir(), root / "wh.duckdb", demo)
    result = materialize_pipeline(paths)  # raises if any asset, dbt test or unit test fails
    assert result.success
    con = duckdb.connect(str(paths.database))
    truth = ds.dataset(demo / "ground_truth" / "source_records").to_table()
    con.register("truth", truth)
    people = ds.dataset(demo / "ground_truth" / "people").to_table()
    con.register("true_people", people)
    yield paths, con, result
    con.close()


@pytest.fixture(scope="session")
def built(pipeline) -> tuple[Paths, duckdb.DuckDBPyConnection]:
    paths, con, _result = pipeline
    return paths, con
