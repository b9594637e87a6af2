"""Publish the raw schemas to a Spark catalog, for running the dbt project on Spark.

The landing loader parses files with DuckDB (encodings, rejects, audit). For a Spark
target, `scv load --target spark` runs that loader into a DuckDB file as usual, then
copies every raw table (schemas `raw_*` and `raw_meta`) through Parquet into Spark
tables of the same schema and name, in the catalog the dbt `spark` target uses
(profiles.yml: local session, warehouse folder and Derby metastore from
SCV_SPARK_WAREHOUSE and SCV_SPARK_METASTORE). Rows and columns are copied unchanged.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import duckdb

from scv.loading.loader import META_SCHEMA, LoadError


@dataclass(frozen=True)
class PublishedTable:
    schema: str
    table: str
    rows: int


def raw_tables(con: duckdb.DuckDBPyConnection) -> list[tuple[str, str]]:
    """(schema, table) of every raw table in the DuckDB file, loader scratch tables left out."""
    rows = con.execute(
        """
        select table_schema, table_name
        from information_schema.tables
        where (table_schema like 'raw\\_%' escape '\\' or table_schema = ?)
          and table_type = 'BASE TABLE'
          and table_name not like '\\_scv\\_new\\_%' escape '\\'
        order by 1, 2
        """,
        [META_SCHEMA],
    ).fetchall()
    return [(schema, table) for schema, table in rows]


def spark_session(conf: dict[str, str]):  # noqa: ANN201 (pyspark is optional)
    """The local Spark session the dbt `spark` target uses (same catalog settings)."""
    try:
        from pyspark.sql import SparkSession
    except ImportError as exc:
        raise LoadError(
            "the spark target needs pyspark and dbt-spark: pip install -e '.[spark]'"
        ) from exc
    builder = SparkSession.builder.enableHiveSupport()
    for key, value in conf.items():
        builder = builder.config(key, value)
    return builder.getOrCreate()


def publish_raw_to_spark(
    database: Path, export_dir: Path, conf: dict[str, str]
) -> list[PublishedTable]:
    """Copy the raw tables of a loaded DuckDB warehouse into Spark tables."""
    if not database.exists():
        raise LoadError(f"{database}: no DuckDB file to publish; load the landing files first")
    if export_dir.exists():
        shutil.rmtree(export_dir)
    export_dir.mkdir(parents=True)
    con = duckdb.connect(str(database), read_only=True)
    exported: list[tuple[str, str, Path, int]] = []
    try:
        tables = raw_tables(con)
        if not tables:
            raise LoadError(f"{database}: holds no raw tables; run `scv load` first")
        for schema, table in tables:
            path = export_dir / schema / f"{table}.parquet"
            path.parent.mkdir(parents=True, exist_ok=True)
            con.execute(f"copy {schema}.{table} to '{path}' (format parquet)")
            rows = con.execute(f"select count(*) from {schema}.{table}").fetchone()[0]
            exported.append((schema, table, path, rows))
    finally:
        con.close()

    spark = spark_session(conf)
    published = []
    for schema, table, path, rows in exported:
        spark.sql(f"create database if not exists {schema}")
        spark.sql(f"drop table if exists {schema}.{table}")
        frame = spark.read.parquet(str(path))
        frame.write.format("parquet").saveAsTable(f"{schema}.{table}")
        published.append(PublishedTable(schema, table, rows))
        print(f"published {schema}.{table} to spark: {rows:,} rows")
    return published
