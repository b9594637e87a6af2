"""Where things are: the dbt project, the warehouse file, the demo data folder."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path


def find_project_dir(start: Path | None = None) -> Path:
    """The folder holding dbt_project.yml: SCV_PROJECT_DIR, else upward from `start`/cwd,
    else the repository this package was installed from (editable install)."""
    if env := os.environ.get("SCV_PROJECT_DIR"):
        path = Path(env).resolve()
        if not (path / "dbt_project.yml").exists():
            raise FileNotFoundError(f"SCV_PROJECT_DIR={env} has no dbt_project.yml")
        return path
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "dbt_project.yml").exists():
            return folder
    repo = Path(__file__).resolve().parents[1]
    if (repo / "dbt_project.yml").exists():
        return repo
    raise FileNotFoundError(
        "no dbt_project.yml found; run from the SCV repository or set SCV_PROJECT_DIR"
    )


@dataclass(frozen=True)
class Paths:
    project_dir: Path
    database: Path
    demo_dir: Path
    # local Spark catalog for the dbt `spark` target (default <project>/data/spark)
    spark_catalog: Path | None = None

    @property
    def landing_dir(self) -> Path:
        return self.demo_dir / "landing"

    @property
    def ground_truth_dir(self) -> Path:
        return self.demo_dir / "ground_truth"

    @classmethod
    def resolve(cls, database: Path | None = None, demo_dir: Path | None = None) -> Paths:
        project = find_project_dir()
        db = database or Path(os.environ.get("SCV_DUCKDB_PATH", "data/warehouse/scv.duckdb"))
        demo = demo_dir or Path(os.environ.get("SCV_DEMO_DIR", "data/demo"))
        spark = Path(os.environ.get("SCV_SPARK_DIR", "data/spark"))
        db = db if db.is_absolute() else project / db
        demo = demo if demo.is_absolute() else project / demo
        spark = spark if spark.is_absolute() else project / spark
        return cls(project, db, demo, spark)

    @property
    def spark_dir(self) -> Path:
        """Local Spark catalog (warehouse folder, Derby metastore, raw Parquet exports)."""
        return self.spark_catalog or self.project_dir / "data" / "spark"

    def spark_conf(self) -> dict[str, str]:
        """Catalog settings of the dbt `spark` target (profiles.yml reads the same values)."""
        env = self.dbt_env()
        return {
            "spark.sql.session.timeZone": "UTC",
            "spark.sql.shuffle.partitions": os.environ.get("SCV_SPARK_SHUFFLE_PARTITIONS", "4"),
            "spark.ui.enabled": "false",
            "spark.sql.adaptive.enabled": os.environ.get("SCV_SPARK_ADAPTIVE", "true"),
            "spark.sql.codegen.wholeStage": os.environ.get("SCV_SPARK_CODEGEN", "true"),
            # the JVM's heap: Spark plans each reference to a CTE anew; 3 GiB ran out
            # (at times) planning the survivorship candidates' unit tests
            "spark.driver.memory": os.environ.get("SCV_SPARK_DRIVER_MEMORY", "6g"),
            "spark.sql.warehouse.dir": env["SCV_SPARK_WAREHOUSE"],
            "javax.jdo.option.ConnectionURL": (
                f"jdbc:derby:;databaseName={env['SCV_SPARK_METASTORE']};create=true"
            ),
        }

    def dbt_env(self) -> dict[str, str]:
        """Environment for a dbt run against this warehouse (and the local Spark catalog)."""
        return {
            "SCV_DUCKDB_PATH": str(self.database),
            "SCV_SPARK_WAREHOUSE": str(self.spark_dir / "warehouse"),
            "SCV_SPARK_METASTORE": str(self.spark_dir / "metastore_db"),
            "DBT_SEND_ANONYMOUS_USAGE_STATS": "False",
        }
