"""Where the pipeline reads and writes, as a Dagster resource: the DuckDB warehouse file
and the demo/landing folder, from the same environment variables the `scv` CLI uses."""

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import dagster as dg
import duckdb

from scv.project import Paths


class Warehouse(dg.ConfigurableResource):
    """The DuckDB warehouse and the landing folder. Empty strings mean the defaults
    ($SCV_DUCKDB_PATH / $SCV_DEMO_DIR, else data/warehouse/scv.duckdb and data/demo)."""

    database: str = ""
    demo_dir: str = ""

    def paths(self) -> Paths:
        return Paths.resolve(
            Path(self.database) if self.database else None,
            Path(self.demo_dir) if self.demo_dir else None,
        )

    @contextmanager
    def connect(self, read_only: bool = False) -> Iterator[duckdb.DuckDBPyConnection]:
        """A connection closed on exit: DuckDB admits one writer, so an asset holds the
        file only while it runs (the jobs run one step at a time)."""
        con = duckdb.connect(str(self.paths().database), read_only=read_only)
        try:
            yield con
        finally:
            con.close()
