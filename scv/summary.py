"""The short report printed at the end of a run: rows per layer, marts, quarantine."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import duckdb


@dataclass
class Summary:
    database: Path
    layer_rows: dict[str, tuple[int, int]] = field(default_factory=dict)  # layer -> (tables, rows)
    marts: list[tuple[str, int]] = field(default_factory=list)
    quarantine: list[tuple[str, int, int, int]] = field(
        default_factory=list
    )  # source, raw, staged, quarantined
    load_rejects: list[tuple[str, str, int]] = field(default_factory=list)
    identity: tuple[int, int] | None = None  # person records, customers

    def render(self) -> str:
        lines = ["", "SCV run summary", "===============", "", "Rows per layer:"]
        for layer, (tables, rows) in self.layer_rows.items():
            lines.append(f"  {layer:<13} {tables:>3} tables/views {rows:>14,} rows")
        if self.identity:
            records, customers = self.identity
            lines += [
                "",
                f"Identity: {records:,} person records resolved to {customers:,} customers"
                " (intermediate.int_customer_ids_assigned)",
            ]
        lines += ["", "Marts:"]
        if self.marts:
            lines += [f"  {name:<40} {rows:>12,} rows" for name, rows in self.marts]
        else:
            lines.append("  (none built yet)")
        lines += [
            "",
            "Quarantine per source (raw rows = staged + quarantined):",
            f"  {'source':<12} {'raw':>12} {'staged':>12} {'quarantined':>12} {'share':>7}",
        ]
        for source, raw, staged, quarantined in self.quarantine:
            share = quarantined / raw if raw else 0.0
            flag = "" if raw == staged + quarantined else "  <- rows unaccounted for!"
            lines.append(
                f"  {source:<12} {raw:>12,} {staged:>12,} {quarantined:>12,} {share:>6.1%}{flag}"
            )
        if self.load_rejects:
            lines += ["", "Rows the loader could not parse (raw_meta.load_rejects):"]
            lines += [f"  {s}.{t}: {n:,}" for s, t, n in self.load_rejects]
        lines += [
            "",
            f"Warehouse: {self.database}",
            "Open it with any DuckDB client (DBeaver, the duckdb CLI), or from here:",
            '  .venv/bin/scv sql "select * from staging.stg_crm__contacts limit 5" '
            f"--database {self.database}",
            "",
        ]
        return "\n".join(lines)


def _count(con: duckdb.DuckDBPyConnection, schema: str, table: str) -> int:
    return con.execute(f'select count(*) from "{schema}"."{table}"').fetchall()[0][0]


def collect(database: Path) -> Summary:
    """Read the figures from a built warehouse. (Not a read-only connection: DuckDB refuses
    a second connection with another configuration in a process where dbt has the file open.)"""
    con = duckdb.connect(str(database))
    try:
        objects = con.execute(
            "select table_schema, table_name from information_schema.tables "
            "where table_schema not in ('information_schema', 'pg_catalog') order by 1, 2"
        ).fetchall()
        summary = Summary(database)
        groups: dict[str, list[tuple[str, str]]] = {
            "raw": [],
            "staging": [],
            "intermediate": [],
            "marts": [],
        }
        for schema, table in objects:
            if schema.startswith("raw_") and schema != "raw_meta" and not table.startswith("_scv"):
                groups["raw"].append((schema, table))
            elif schema == "staging" and table.startswith("stg_"):
                groups["staging"].append((schema, table))
            elif schema == "intermediate":
                groups["intermediate"].append((schema, table))
            elif schema.startswith("marts"):
                groups["marts"].append((schema, table))
        for layer in ("raw", "staging", "intermediate"):
            tables = groups[layer]
            summary.layer_rows[layer] = (len(tables), sum(_count(con, s, t) for s, t in tables))
        summary.marts = [(f"{s}.{t}", _count(con, s, t)) for s, t in groups["marts"]]
        quarantines = [t for s, t in objects if s == "staging" and t.startswith("quarantine_")]
        for q in quarantines:
            source = q.removeprefix("quarantine_")
            raw = sum(_count(con, s, t) for s, t in groups["raw"] if s == f"raw_{source}")
            staged = sum(
                _count(con, s, t) for s, t in groups["staging"] if t.startswith(f"stg_{source}__")
            )
            summary.quarantine.append((source, raw, staged, _count(con, "staging", q)))
        if ("intermediate", "int_customer_ids_assigned") in objects:
            summary.identity = con.execute(
                "select count(*), count(distinct customer_id) "
                "from intermediate.int_customer_ids_assigned where is_current"
            ).fetchall()[0]
        if ("raw_meta", "load_rejects") in objects:
            summary.load_rejects = con.execute(
                "select source_system, source_table, count(*) from raw_meta.load_rejects "
                "where run_id = (select max(run_id) from raw_meta.load_audit) "
                "group by 1, 2 order by 1, 2"
            ).fetchall()
        return summary
    finally:
        con.close()
