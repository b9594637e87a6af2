"""Write tables the way each system exports them: CSV dialects, JSON lines, Parquet."""

from __future__ import annotations

import csv
import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq


@dataclass(frozen=True)
class FileFormat:
    kind: str  # csv | jsonl | parquet
    delimiter: str = ","
    encoding: str = "utf-8"
    bom: bool = False
    line_terminator: str = "\n"
    quote_all: bool = False


def _cell(value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.datetime):
        return value.isoformat()
    return value


class TableWriter:
    """Appends chunks of one table to its landing file(s)."""

    def __init__(
        self,
        root: Path,
        name: str,
        fmt: FileFormat,
        columns: tuple[str, ...],
        schema: pa.Schema | None = None,
    ) -> None:
        self.fmt = fmt
        self.schema = schema
        self.columns = columns
        self.rows = 0
        self.parts = 0
        if fmt.kind == "csv":
            self.path = root / f"{name}.csv"
            self.path.parent.mkdir(parents=True, exist_ok=True)
            encoding = "utf-8-sig" if fmt.bom else fmt.encoding
            self._handle = self.path.open("w", encoding=encoding, errors="replace", newline="")
            self._csv = csv.writer(
                self._handle,
                delimiter=fmt.delimiter,
                lineterminator=fmt.line_terminator,
                quoting=csv.QUOTE_ALL if fmt.quote_all else csv.QUOTE_MINIMAL,
            )
            self._csv.writerow(columns)
        else:
            self.path = root / name
            self.path.mkdir(parents=True, exist_ok=True)

    def write(self, data: dict[str, list[object]]) -> None:
        count = len(next(iter(data.values()))) if data else 0
        if count == 0:
            return
        self.rows += count
        if self.fmt.kind == "csv":
            self._csv.writerows(
                zip(*([_cell(v) for v in data[c]] for c in self.columns), strict=True)
            )
            return
        table = pa.table({c: data[c] for c in self.columns}, schema=self.schema)
        self._write_part(table)

    def _write_part(self, table: pa.Table) -> None:
        part = (
            self.path
            / f"part-{self.parts:05d}.{'parquet' if self.fmt.kind == 'parquet' else 'jsonl'}"
        )
        self.parts += 1
        if self.fmt.kind == "parquet":
            pq.write_table(table, part, compression="zstd")
        else:
            con = duckdb.connect()
            try:
                con.register("chunk", table)
                con.execute(f"copy chunk to '{part.as_posix()}' (format json)")
            finally:
                con.close()

    def close(self) -> None:
        if self.fmt.kind == "csv":
            self._handle.close()
        elif self.parts == 0:  # an export with no rows still has its file
            if self.fmt.kind == "parquet" and self.schema is not None:
                self._write_part(self.schema.empty_table())
            else:
                (self.path / "part-00000.jsonl").write_text("")
                self.parts = 1
