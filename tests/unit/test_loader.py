"""The landing loader: raw tables, rejects with line numbers, clear errors, no silent loss."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from scv.demo.late_arrivals import RAW_PERSON_TABLES, withhold_people
from scv.loading.loader import LandingTable, LoadError, load_landing, read_spec, snake_case
from tests.conftest import make_demo

CSV_TABLE = LandingTable(
    source="crm",
    table="contacts",
    path="crm/contacts.csv",
    format="csv",
    columns=("Id", "FirstName", "Email"),
    encoding="utf-8-sig",
)
JSON_TABLE = LandingTable(
    source="web",
    table="events",
    path="web/events/*.jsonl",
    format="jsonl",
    columns=("event_id", "user id"),
)
PARQUET_TABLE = LandingTable(
    source="shop",
    table="customers",
    path="shop/customers/*.parquet",
    format="parquet",
    columns=("id", "email"),
)


def write(path: Path, content: bytes | str, encoding: str = "utf-8") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content if isinstance(content, bytes) else content.encode(encoding))
    return path


def query(db: Path, sql: str) -> list[tuple]:
    con = duckdb.connect(str(db))
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def load(tmp_path: Path, *tables: LandingTable) -> Path:
    db = tmp_path / "wh.duckdb"
    load_landing(db, tmp_path / "landing", list(tables), run_id="r1", log=lambda _m: None)
    return db


def test_snake_case_like_el_tools() -> None:
    assert snake_case("FirstName") == "first_name"
    assert snake_case("IsDeceased__c") == "is_deceased_c"
    assert snake_case("E-Mail") == "e_mail"
    assert snake_case("Email Address") == "email_address"
    assert snake_case("MEMBER_NO") == "member_no"


def test_csv_loads_as_text_with_lineage(tmp_path: Path) -> None:
    write(
        tmp_path / "landing/crm/contacts.csv",
        '\ufeff"Id","FirstName","Email","Extra"\r\n"1","Zoë","z@x.io","e"\r\n"2","Bo\nb","b@x.io",""\r\n',
    )
    db = load(tmp_path, CSV_TABLE)
    rows = query(
        db,
        "select id, first_name, email, extra, _scv_source_file from raw_crm.contacts order by id",
    )
    assert rows == [
        ("1", "Zoë", "z@x.io", "e", "crm/contacts.csv"),
        ("2", "Bo\nb", "b@x.io", None, "crm/contacts.csv"),
    ]
    assert query(db, "select rows_loaded, rows_rejected from raw_meta.load_audit") == [(2, 0)]


def test_unparseable_csv_lines_are_rejected_with_line_numbers(tmp_path: Path) -> None:
    write(
        tmp_path / "landing/crm/contacts.csv",
        "Id,FirstName,Email\n1,Ann,a@x.io\n2,Bob\n3,Cy,c@x.io,extra\n4,Di,d@x.io\n",
    )
    db = load(tmp_path, CSV_TABLE)
    assert query(db, "select id from raw_crm.contacts order by id") == [("1",), ("4",)]
    rejects = query(
        db,
        "select source_file, line_number, error_type, raw_line "
        "from raw_meta.load_rejects order by line_number",
    )
    assert [(r[0], r[1], r[2]) for r in rejects] == [
        ("crm/contacts.csv", 3, "missing_columns"),
        ("crm/contacts.csv", 4, "too_many_columns"),
    ]
    assert rejects[0][3] == "2,Bob"
    assert query(db, "select rows_loaded, rows_rejected from raw_meta.load_audit") == [(2, 2)]


def test_missing_column_is_a_clear_error(tmp_path: Path) -> None:
    write(tmp_path / "landing/crm/contacts.csv", "Id,First,Email\n1,Ann,a@x.io\n")
    with pytest.raises(LoadError, match=r"crm/contacts.csv: line 1: missing column\(s\) FirstName"):
        load(tmp_path, CSV_TABLE)


def test_wrong_encoding_names_file_and_line(tmp_path: Path) -> None:
    write(
        tmp_path / "landing/crm/contacts.csv",
        b"Id,FirstName,Email\n1,Ann,a@x.io\n2,Ren\xe9,r@x.io\n",
    )
    with pytest.raises(LoadError, match=r"contacts.csv: line 3: bytes are not valid utf-8-sig"):
        load(tmp_path, CSV_TABLE)


def test_declared_legacy_encoding_is_transcoded(tmp_path: Path) -> None:
    table = LandingTable(
        source="acquired",
        table="customers",
        path="acquired/customers.csv",
        format="csv",
        columns=("Kundennummer", "Nachname"),
        delimiter=";",
        encoding="cp1252",
    )
    write(
        tmp_path / "landing/acquired/customers.csv",
        "Kundennummer;Nachname\r\nK-1;Müller\r\nK-2;Weiß €\r\n",
        encoding="cp1252",
    )
    db = load(tmp_path, table)
    assert query(db, "select nachname from raw_acquired.customers order by 1") == [
        ("Müller",),
        ("Weiß €",),
    ]
    write(
        tmp_path / "landing/acquired/customers.csv", b"Kundennummer;Nachname\r\nK-1;M\x81ller\r\n"
    )
    with pytest.raises(LoadError, match=r"customers.csv: line 2: bytes are not valid cp1252"):
        load(tmp_path, table)


def test_previous_table_survives_a_failed_load(tmp_path: Path) -> None:
    write(tmp_path / "landing/crm/contacts.csv", "Id,FirstName,Email\n1,Ann,a@x.io\n")
    db = load(tmp_path, CSV_TABLE)
    write(tmp_path / "landing/crm/contacts.csv", "Id,Email\n1,a@x.io\n")
    with pytest.raises(LoadError):
        load(tmp_path, CSV_TABLE)
    assert query(db, "select id, first_name from raw_crm.contacts") == [("1", "Ann")]


def test_jsonl_bad_lines_are_rejected_and_keys_extracted(tmp_path: Path) -> None:
    write(
        tmp_path / "landing/web/events/part-00000.jsonl",
        '{"event_id": "e1", "user id": 7}\n{"event_id": "e2"\n[1, 2]\n\n'
        '{"event_id": "e3", "user id": null}\n',
    )
    write(tmp_path / "landing/web/events/part-00001.jsonl", '{"event_id": "e4", "user id": "u"}\n')
    db = load(tmp_path, JSON_TABLE)
    assert query(db, "select event_id, user_id from raw_web.events order by 1") == [
        ("e1", "7"),
        ("e3", None),
        ("e4", "u"),
    ]
    assert query(
        db, "select source_file, line_number, error_type from raw_meta.load_rejects order by 2"
    ) == [
        ("web/events/part-00000.jsonl", 2, "unparseable_json"),
        ("web/events/part-00000.jsonl", 3, "not_a_json_object"),
    ]


def test_jsonl_key_on_no_line_is_a_missing_column(tmp_path: Path) -> None:
    write(tmp_path / "landing/web/events/part-00000.jsonl", '{"event_id": "e1"}\n')
    with pytest.raises(LoadError, match=r"part-00000.jsonl: key\(s\) user id appear on no line"):
        load(tmp_path, JSON_TABLE)


def test_parquet_keeps_types_and_checks_columns(tmp_path: Path) -> None:
    folder = tmp_path / "landing/shop/customers"
    folder.mkdir(parents=True)
    pq.write_table(
        pa.table({"id": [1, 2], "email": ["a@x.io", None]}), folder / "part-00000.parquet"
    )
    db = load(tmp_path, PARQUET_TABLE)
    assert query(db, "select id, email from raw_shop.customers order by id") == [
        (1, "a@x.io"),
        (2, None),
    ]
    pq.write_table(pa.table({"id": [3]}), folder / "part-00001.parquet")
    with pytest.raises(LoadError, match=r"part-00001.parquet: line 1: missing column\(s\) email"):
        load(tmp_path, PARQUET_TABLE)
    (folder / "part-00001.parquet").write_bytes(b"not parquet at all")
    with pytest.raises(LoadError, match="not a readable Parquet file"):
        load(tmp_path, PARQUET_TABLE)


def test_missing_file_and_folder_are_clear_errors(tmp_path: Path) -> None:
    with pytest.raises(LoadError, match="landing folder does not exist"):
        load(tmp_path, CSV_TABLE)
    (tmp_path / "landing").mkdir()
    with pytest.raises(LoadError, match="no file found for landing table crm/contacts"):
        load(tmp_path, CSV_TABLE)


def test_reload_replaces_rows_and_keeps_history_of_audit(tmp_path: Path) -> None:
    write(tmp_path / "landing/crm/contacts.csv", "Id,FirstName,Email\n1,Ann,a@x.io\n")
    db = tmp_path / "wh.duckdb"
    for run in ("r1", "r2"):
        load_landing(db, tmp_path / "landing", [CSV_TABLE], run_id=run, log=lambda _m: None)
    assert query(db, "select count(*) from raw_crm.contacts") == [(1,)]
    assert query(db, "select run_id from raw_meta.load_audit order by 1") == [("r1",), ("r2",)]


def test_bad_spec_is_a_clear_error(tmp_path: Path) -> None:
    spec = write(tmp_path / "spec.yml", "tables:\n  - source: crm\n    table: contacts\n")
    with pytest.raises(LoadError, match="table entry 1 has no 'path'"):
        read_spec(spec)
    spec = write(tmp_path / "spec.yml", "tables: [\n")
    with pytest.raises(LoadError, match="not valid YAML"):
        read_spec(spec)


def test_packaged_spec_matches_the_generator() -> None:
    from scv.demo.generate import LANDING_TABLES

    spec = {t.name: t for t in read_spec()}
    assert set(spec) == set(LANDING_TABLES)
    for name, (fmt, columns) in LANDING_TABLES.items():
        assert spec[name].columns == columns
        assert spec[name].format == fmt.kind


def test_full_demo_loads_every_row(demo_6k: Path, tmp_path: Path) -> None:
    import json

    db = tmp_path / "wh.duckdb"
    results = load_landing(db, demo_6k / "landing", log=lambda _m: None)
    manifest = json.loads((demo_6k / "_manifest.json").read_text())
    loaded = {f"{r.source}/{r.table}": r.rows_loaded + r.rows_rejected for r in results}
    assert loaded == manifest["tables"]


def test_withheld_people_lose_every_person_record(tmp_path: Path) -> None:
    demo = make_demo(tmp_path / "demo", 60, seed=3)
    database = tmp_path / "wh.duckdb"
    load_landing(database, demo / "landing", log=lambda _m: None)
    truth = (demo / "ground_truth" / "source_records" / "*.parquet").as_posix()
    con = duckdb.connect(str(database))
    counts = {
        raw: con.execute(f"select count(*) from {raw}").fetchone()[0]
        for raw, _id in RAW_PERSON_TABLES.values()
    }
    con.close()
    withheld = withhold_people(database, demo / "ground_truth", one_in=3)
    con = duckdb.connect(str(database))
    after = {
        raw: con.execute(f"select count(*) from {raw}").fetchone()[0]
        for raw, _id in RAW_PERSON_TABLES.values()
    }
    # what went is exactly the records of the people picked, in every person table
    picked = con.execute(
        f"select count(*) from read_parquet('{truth}') where hash(person_id) % 3 = 0"
        " and (source_system, source_table) in (select * from (values "
        + ", ".join(f"('{s}', '{t}')" for s, t in RAW_PERSON_TABLES)
        + "))"
    ).fetchone()[0]
    con.close()
    assert 0 < withheld == picked == sum(counts.values()) - sum(after.values())
    with pytest.raises(ValueError, match="one_in"):
        withhold_people(database, demo / "ground_truth", one_in=0)
