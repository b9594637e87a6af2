"""The end-to-end demo: generated, loaded and built once per test session (dbt build of
every model, snapshot, data test and unit test), shared by the e2e test modules."""

from __future__ import annotations

from collections.abc import Iterator

import duckdb
import pyarrow.dataset as ds
import pytest

from scv.dbt_runner import run_dbt
from scv.loading.loader import load_landing
from scv.project import Paths, find_project_dir
from tests.conftest import make_demo


@pytest.fixture(scope="session")
def built(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[tuple[Paths, duckdb.DuckDBPyConnection]]:
    root = tmp_path_factory.mktemp("e2e")
    demo = make_demo(root / "demo", 1_500, seed=3)
    paths = Paths(find_project_dir(), root / "wh.duckdb", demo)
    load_landing(paths.database, paths.landing_dir, log=lambda _m: None)
    run_dbt(["build"], paths)  # raises DbtError if any model, data test or unit test fails
    con = duckdb.connect(str(paths.database))
    truth = ds.dataset(demo / "ground_truth" / "source_records").to_table()
    con.register("truth", truth)
    people = ds.dataset(demo / "ground_truth" / "people").to_table()
    con.register("true_people", people)
    yield paths, con
    con.close()
