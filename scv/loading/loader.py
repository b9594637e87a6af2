"""Load landing files into the warehouse's raw schemas (one schema per source system).

Every raw table holds the file's columns as text, renamed to snake_case the way EL
tools do (`FirstName` -> `first_name`), plus `_scv_source_file` and `_scv_loaded_at`.
Parquet keeps its types. Casting and validation happen in dbt staging.

Nothing is dropped silently:
- a line that cannot be parsed (wrong number of fields, unterminated quote, a JSON
  line that is not an object) lands in `raw_meta.load_rejects` with file, line and reason;
- a file in the wrong encoding, a missing file or a missing column stops the load with
  a `LoadError` naming the file (and line), and leaves the previous raw table in place;
- `raw_meta.load_audit` records rows loaded and rejected per table and run.
"""

from __future__ import annotations

import codecs
import datetime as dt
import glob
import importlib.resources
import re
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import yaml

META_SCHEMA = "raw_meta"
_IDENT = re.compile(r"^[a-z_][a-z0-9_]*$")


class LoadError(Exception):
    """A landing file that cannot be loaded; the message names the file (and line)."""


@dataclass(frozen=True)
class LandingTable:
    source: str
    table: str
    path: str
    format: str
    columns: tuple[str, ...]
    description: str = ""
    delimiter: str = ","
    encoding: str = "utf-8"

    @property
    def schema(self) -> str:
        return f"raw_{self.source}"

    @property
    def name(self) -> str:
        return f"{self.source}/{self.table}"


@dataclass(frozen=True)
class TableLoadResult:
    source: str
    table: str
    files: int
    rows_loaded: int
    rows_rejected: int
    seconds: float


def snake_case(name: str) -> str:
    """Column name as EL tools write it: 'FirstName' -> 'first_name', 'E-Mail' -> 'e_mail'."""
    text = re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", name.strip())
    text = re.sub(r"[^0-9a-zA-Z]+", "_", text).strip("_").lower()
    return re.sub(r"_+", "_", text) or "column"


def read_spec(path: Path | None = None) -> list[LandingTable]:
    """Read the landing table spec (the packaged demo spec by default) and check it."""
    if path is None:
        text = importlib.resources.files("scv.loading").joinpath("landing_tables.yml").read_text()
        where = "scv/loading/landing_tables.yml"
    else:
        text = Path(path).read_text(encoding="utf-8")
        where = str(path)
    try:
        doc = yaml.safe_load(text) or {}
    except yaml.YAMLError as exc:
        raise LoadError(f"{where}: not valid YAML: {exc}") from exc
    tables = []
    for i, entry in enumerate(doc.get("tables", []), start=1):
        try:
            table = LandingTable(
                source=entry["source"],
                table=entry["table"],
                path=entry["path"],
                format=entry["format"],
                columns=tuple(entry["columns"]),
                description=entry.get("description", ""),
                delimiter=entry.get("delimiter", ","),
                encoding=entry.get("encoding", "utf-8"),
            )
        except KeyError as exc:
            raise LoadError(f"{where}: table entry {i} has no {exc.args[0]!r}") from exc
        if table.format not in ("csv", "jsonl", "parquet"):
            raise LoadError(f"{where}: {table.name}: unknown format {table.format!r}")
        for ident in (table.source, table.table):
            if not _IDENT.match(ident):
                raise LoadError(f"{where}: {ident!r} is not a valid lower-case identifier")
        tables.append(table)
    if not tables:
        raise LoadError(f"{where}: no tables declared")
    return tables


def _sql_str(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _files(landing_dir: Path, table: LandingTable) -> list[Path]:
    files = sorted(Path(p) for p in glob.glob(str(landing_dir / table.path)))
    if not files:
        raise LoadError(f"{landing_dir / table.path}: no file found for landing table {table.name}")
    return files


def _check_header(file: Path, table: LandingTable, header: list[str]) -> None:
    missing = [c for c in table.columns if c not in header]
    if missing:
        raise LoadError(
            f"{file}: line 1: missing column(s) {', '.join(missing)} "
            f"(header has: {', '.join(header)})"
        )


@contextmanager
def _utf8_copy(file: Path, encoding: str) -> Iterator[Path]:
    """Yield a UTF-8 version of the file, transcoding it if it is in another encoding."""
    if codecs.lookup(encoding).name in ("utf-8", "utf-8-sig"):
        yield file
        return
    decoder = codecs.getincrementaldecoder(encoding)(errors="strict")
    with tempfile.TemporaryDirectory(prefix="scv-load-") as tmp:
        target = Path(tmp) / (file.stem + ".utf8" + file.suffix)
        line = 1
        with file.open("rb") as src, target.open("w", encoding="utf-8", newline="") as dst:
            while block := src.read(1 << 20):
                try:
                    text = decoder.decode(block)
                except UnicodeDecodeError as exc:
                    bad_line = line + block[: exc.start].count(b"\n")
                    raise LoadError(
                        f"{file}: line {bad_line}: bytes are not valid {encoding} ({exc.reason}); "
                        f"fix the file or the table's encoding in the landing spec"
                    ) from exc
                line += block.count(b"\n")
                dst.write(text)
            dst.write(decoder.decode(b"", final=True))
        yield target


def _read_csv_header(file: Path, table: LandingTable) -> list[str]:
    import csv

    encoding = (
        "utf-8-sig" if codecs.lookup(table.encoding).name.startswith("utf-8") else table.encoding
    )
    with file.open("rb") as handle:
        first_line = handle.readline()
    try:
        text = first_line.decode(encoding)
    except UnicodeDecodeError as exc:
        raise LoadError(f"{file}: line 1: header is not valid {table.encoding}") from exc
    return next(csv.reader([text.rstrip("\r\n")], delimiter=table.delimiter), [])


class Loader:
    """Loads landing tables into one DuckDB database."""

    def __init__(self, con: duckdb.DuckDBPyConnection, landing_dir: Path, run_id: str) -> None:
        self.con = con
        self.landing_dir = Path(landing_dir)
        self.run_id = run_id
        self.loaded_at = dt.datetime.now(dt.UTC).replace(tzinfo=None)
        self._ensure_meta()

    def _ensure_meta(self) -> None:
        self.con.execute(f"create schema if not exists {META_SCHEMA}")
        self.con.execute(f"""
            create table if not exists {META_SCHEMA}.load_rejects (
                run_id varchar, source_system varchar, source_table varchar,
                source_file varchar, line_number bigint, error_type varchar,
                error_message varchar, raw_line varchar, loaded_at timestamp
            )""")
        self.con.execute(f"""
            create table if not exists {META_SCHEMA}.load_audit (
                run_id varchar, source_system varchar, source_table varchar, files integer,
                rows_loaded bigint, rows_rejected bigint, loaded_at timestamp, seconds double
            )""")

    # -- per format: a SQL select over the file(s), plus rejects written as a side effect

    def _csv_select(self, table: LandingTable, file: Path, original: Path) -> tuple[str, list[str]]:
        header = _read_csv_header(original, table)
        _check_header(original, table, header)
        columns = "{" + ", ".join(f"{_sql_str(c)}: 'VARCHAR'" for c in header) + "}"
        self.con.execute("drop table if exists _scv_rejects; drop table if exists _scv_scans")
        select = (
            f"select * from read_csv({_sql_str(file.as_posix())}, columns={columns}, "
            f"auto_detect=false, header=false, skip=1, delim={_sql_str(table.delimiter)}, "
            "quote='\"', escape='\"', store_rejects=true, rejects_table='_scv_rejects', "
            "rejects_scan='_scv_scans', max_line_size=10000000)"
        )
        return select, header

    def _collect_csv_rejects(self, table: LandingTable, original: Path) -> int:
        rows = self.con.execute(
            "select line, error_type, error_message, csv_line from _scv_rejects order by line"
        ).fetchall()
        encoding_errors = [r for r in rows if r[1] == "INVALID ENCODING"]
        if encoding_errors:
            raise LoadError(
                f"{original}: line {encoding_errors[0][0]}: bytes are not valid {table.encoding}; "
                f"fix the file or set the table's encoding in the landing spec"
            )
        # one reject row per bad record (DuckDB reports a record once per error in it)
        seen: set[int] = set()
        for line, kind, message, raw in rows:
            if line in seen:
                continue
            seen.add(line)
            self._reject(table, original, line, kind.lower().replace(" ", "_"), message, raw)
        return len(seen)

    def _reject(
        self,
        table: LandingTable,
        file: Path,
        line: int | None,
        kind: str,
        message: str,
        raw: str | None,
    ) -> None:
        self.con.execute(
            f"insert into {META_SCHEMA}.load_rejects values (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                self.run_id,
                table.source,
                table.table,
                self._relative(file),
                line,
                kind,
                message,
                raw,
                self.loaded_at,
            ],
        )

    def _relative(self, file: Path) -> str:
        try:
            return file.relative_to(self.landing_dir).as_posix()
        except ValueError:
            return file.as_posix()

    def _jsonl_part(self, table: LandingTable, file: Path) -> tuple[str, int]:
        """Select the good lines of one JSON-lines file; bad lines go to rejects."""
        lines_sql = f"""
            select line_number, line from (
                select generate_subscripts(lines, 1) as line_number, unnest(lines) as line
                from (select string_split(content, chr(10)) as lines
                      from read_text({_sql_str(file.as_posix())}))
            ) where trim(line) <> ''
        """
        self.con.execute(f"create or replace temp table _scv_lines as {lines_sql}")
        bad = self.con.execute("""
            select line_number, line,
                   case when not json_valid(line) then 'unparseable_json'
                        else 'not_a_json_object' end
            from _scv_lines
            where not json_valid(line) or json_type(line) <> 'OBJECT'
            order by line_number
        """).fetchall()
        for line_number, line, kind in bad:
            message = (
                "line is not valid JSON"
                if kind == "unparseable_json"
                else "line is JSON but not an object"
            )
            self._reject(table, file, line_number, kind, message, line)
        total = self.con.execute("select count(*) from _scv_lines").fetchall()[0][0]
        if total - len(bad) > 0:
            present = self.con.execute(
                "select "
                + ", ".join(
                    f"count(*) filter (where json_exists(line, {_sql_str('$.' + json_key(c))}))"
                    for c in table.columns
                )
                + " from _scv_lines where json_valid(line) and json_type(line) = 'OBJECT'"
            ).fetchall()[0]
            missing = [c for c, n in zip(table.columns, present, strict=True) if n == 0]
            if missing:
                raise LoadError(f"{file}: key(s) {', '.join(missing)} appear on no line")
        cols = ", ".join(
            f"line ->> {_sql_str('$.' + json_key(c))} as {snake_case(c)}" for c in table.columns
        )
        return cols, len(bad)

    def load_table(self, table: LandingTable) -> TableLoadResult:
        started = time.perf_counter()
        files = _files(self.landing_dir, table)
        target = f"{table.schema}.{table.table}"
        staging = f"{table.schema}._scv_new_{table.table}"
        self.con.execute(f"create schema if not exists {table.schema}")
        self.con.execute("begin transaction")
        try:
            self.con.execute(
                f"delete from {META_SCHEMA}.load_rejects where run_id = ? and "
                "source_system = ? and source_table = ?",
                [self.run_id, table.source, table.table],
            )
            self.con.execute(f"drop table if exists {staging}")
            rejected = 0
            for i, file in enumerate(files):
                select, rejected_here = self._select_file(table, file)
                rejected += rejected_here
                verb = f"create table {staging} as" if i == 0 else f"insert into {staging} by name"
                self.con.execute(f"{verb} {select}")
            self.con.execute(f"create or replace table {target} as select * from {staging}")
            self.con.execute(f"drop table {staging}")
            loaded = self.con.execute(f"select count(*) from {target}").fetchall()[0][0]
            seconds = time.perf_counter() - started
            self.con.execute(
                f"insert into {META_SCHEMA}.load_audit values (?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    self.run_id,
                    table.source,
                    table.table,
                    len(files),
                    loaded,
                    rejected,
                    self.loaded_at,
                    seconds,
                ],
            )
            self.con.execute("commit")
        except Exception:
            self.con.execute("rollback")
            raise
        return TableLoadResult(table.source, table.table, len(files), loaded, rejected, seconds)

    def _select_file(self, table: LandingTable, file: Path) -> tuple[str, int]:
        meta = (
            f"{_sql_str(self._relative(file))} as _scv_source_file, "
            f"cast({_sql_str(self.loaded_at.isoformat(sep=' '))} as timestamp) as _scv_loaded_at"
        )
        if table.format == "parquet":
            try:
                names = pq.read_schema(file).names
            except Exception as exc:  # pyarrow raises several types for broken files
                raise LoadError(f"{file}: not a readable Parquet file ({exc})") from exc
            _check_header(file, table, names)
            cols = ", ".join(f'"{n}" as {snake_case(n)}' for n in names)
            return f"select {cols}, {meta} from read_parquet({_sql_str(file.as_posix())})", 0
        if table.format == "jsonl":
            cols, rejected = self._jsonl_part(table, file)
            select = (
                f"select {cols}, {meta} from _scv_lines "
                "where json_valid(line) and json_type(line) = 'OBJECT' order by line_number"
            )
            return select, rejected
        with _utf8_copy(file, table.encoding) as utf8:
            select, header = self._csv_select(table, utf8, file)
            cols = ", ".join(f'"{h}" as {snake_case(h)}' for h in header)
            # materialize now: the transcoded copy is deleted when this block ends
            self.con.execute(
                f"create or replace temp table _scv_csv as select {cols} from ({select})"
            )
            rejected = self._collect_csv_rejects(table, file)
        return f"select *, {meta} from _scv_csv", rejected


def json_key(column: str) -> str:
    """A JSON path key, quoted when the column name needs it."""
    return column if re.match(r"^[A-Za-z_][A-Za-z0-9_]*$", column) else '"' + column + '"'


def load_landing(
    database: Path,
    landing_dir: Path,
    spec: list[LandingTable] | None = None,
    run_id: str | None = None,
    only: set[str] | None = None,
    log: Callable[[str], None] = print,
) -> list[TableLoadResult]:
    """Load every landing table of the spec into the DuckDB file; return per-table results."""
    landing_dir = Path(landing_dir)
    if not landing_dir.is_dir():
        raise LoadError(f"{landing_dir}: landing folder does not exist (run `scv generate` first?)")
    tables = spec or read_spec()
    run_id = run_id or dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S%fZ")
    Path(database).parent.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect(str(database))
    try:
        loader = Loader(con, landing_dir, run_id)
        results = []
        for table in tables:
            if only and table.name not in only and table.source not in only:
                continue
            result = loader.load_table(table)
            log(
                f"loaded {table.schema}.{table.table}: {result.rows_loaded:,} rows"
                + (f", {result.rows_rejected:,} rejected" if result.rows_rejected else "")
            )
            results.append(result)
        return results
    finally:
        con.close()
