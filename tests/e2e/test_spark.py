"""The dbt project on Spark: the same demo data built on a local Spark session (dbt-spark,
session method) and on DuckDB gives the same rows in every model and seed, and a re-run on
Spark keeps every customer id. Needs pyspark (`pip install -e '.[spark]'`) and Java."""

from __future__ import annotations

import decimal
import shutil

import duckdb
import pytest

from scv.dbt_runner import run_dbt
from scv.loading.loader import load_landing
from scv.project import Paths, find_project_dir
from tests.conftest import make_demo

pyspark = pytest.importorskip("pyspark", reason="the spark extra is not installed")
if shutil.which("java") is None:
    pytest.skip("Spark needs Java on PATH", allow_module_level=True)

pytestmark = [pytest.mark.e2e, pytest.mark.spark]

# the Python enrichment writes DuckDB tables; on Spark its inputs are left out
NO_ENRICHMENT = ["--exclude", "source:enrichment+"]
SCHEMAS = ("staging_base", "staging", "intermediate", "marts", "reference", "identity_config")
# the time of the run that wrote a row (differs between any two runs); business times
# (parsed by each engine's own SQL) are compared
RUN_TIME_COLUMNS = frozenset(
    {
        "assigned_at",
        "customer_assigned_at",
        "customer_created_at",
        "estimated_at",
        "recorded_at",
        "sessionized_at",
        "stitched_at",
    }
)


def normalized(value: object) -> object:
    """Engines round the last bits of floating-point results differently."""
    if isinstance(value, float | decimal.Decimal):
        return round(float(value), 6)
    return value


def as_sorted_text(rows) -> list[str]:
    return sorted(repr(tuple(normalized(value) for value in row)) for row in rows)


@pytest.fixture(scope="module")
def engines(tmp_path_factory: pytest.TempPathFactory):
    with pytest.MonkeyPatch.context() as env:
        # a few hundred rows: adaptive re-planning and compiling each query's code cost
        # more than they save (profiles.yml; README, "Running on Spark")
        env.setenv("SCV_SPARK_ADAPTIVE", "false")
        env.setenv("SCV_SPARK_CODEGEN", "false")
        yield from built_on_both_engines(tmp_path_factory)


def built_on_both_engines(tmp_path_factory: pytest.TempPathFactory):
    from scv.loading.spark import publish_raw_to_spark, spark_session

    root = tmp_path_factory.mktemp("spark")
    demo = make_demo(root / "demo", 300, seed=11)
    project = find_project_dir()
    spark_paths = Paths(project, root / "raw.duckdb", demo, root / "catalog")
    load_landing(spark_paths.database, spark_paths.landing_dir)
    duck_paths = Paths(project, root / "duck.duckdb", demo, root / "catalog")
    shutil.copy(spark_paths.database, duck_paths.database)

    published = publish_raw_to_spark(
        spark_paths.database, spark_paths.spark_dir / "raw", spark_paths.spark_conf()
    )
    run_dbt(["build", *NO_ENRICHMENT], spark_paths, "spark")
    # the reference build; the pipeline's e2e build runs every test on DuckDB
    run_dbt(["build", *NO_ENRICHMENT, "resource_type:test", "resource_type:unit_test"], duck_paths)
    spark = spark_session(spark_paths.spark_conf())
    assert spark.conf.get("spark.sql.adaptive.enabled") == "false"
    duck = duckdb.connect(str(duck_paths.database))
    yield spark_paths, spark, duck, published
    duck.close()


def test_raw_tables_reach_spark_whole(engines) -> None:
    _paths, spark, duck, published = engines
    assert len(published) > 20
    for table in published:
        expected = duck.execute(f"select count(*) from {table.schema}.{table.table}").fetchone()[0]
        got = spark.sql(f"select count(*) from {table.schema}.{table.table}").collect()[0][0]
        assert (table.rows, got) == (expected, expected), table


def test_every_model_and_seed_has_the_same_rows_on_spark_and_duckdb(engines) -> None:
    _paths, spark, duck, _published = engines
    relations = duck.execute(
        "select table_schema, table_name from information_schema.tables "
        f"where table_schema in {SCHEMAS} order by 1, 2"
    ).fetchall()
    assert len(relations) > 90
    differing = {}
    for schema, table in relations:
        columns = [
            name
            for name, *_ in duck.execute(f"describe {schema}.{table}").fetchall()
            # fingerprints hash each engine's own text of values and SQL
            if name not in RUN_TIME_COLUMNS
            and not name.endswith("_fingerprint")
            and "invocation" not in name
        ]
        select = f"select {', '.join(columns)} from {schema}.{table}"
        on_duckdb = as_sorted_text(duck.execute(select).fetchall())
        on_spark = as_sorted_text(spark.sql(select).collect())
        if on_duckdb != on_spark:
            differing[f"{schema}.{table}"] = (len(on_duckdb), len(on_spark))
    assert differing == {}


def test_a_rerun_on_spark_keeps_every_customer_id(engines) -> None:
    paths, spark, _duck, _published = engines
    query = (
        "select person_record_id, customer_id from intermediate.int_customer_ids_assigned "
        "where is_current"
    )
    before = dict(tuple(row) for row in spark.sql(query).collect())
    rerun = ["build", "-s", "int_customer_ids_assigned", "customers", *NO_ENRICHMENT]
    run_dbt(rerun, paths, "spark")
    after = dict(tuple(row) for row in spark.sql(query).collect())
    assert len(before) > 500
    assert after == before
    rows = spark.sql(
        "select count(*), count(distinct person_record_id) "
        "from intermediate.int_customer_ids_assigned"
    ).collect()[0]
    assert rows[0] == rows[1]  # replaced, not appended to
