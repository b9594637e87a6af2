"""Late arrivals for incremental tests and benchmarks: take the person records of some
demo people back out of a loaded warehouse, so that a later load brings them as new
records (yesterday's state, then today's)."""

from __future__ import annotations

from pathlib import Path

import duckdb

# (source_system, source_table) of the ground truth -> raw table, record id expression
RAW_PERSON_TABLES: dict[tuple[str, str], tuple[str, str]] = {
    ("crm", "contacts"): ("raw_crm.contacts", "id"),
    ("shop", "customers"): ("raw_shop.customers", "cast(id as varchar)"),
    ("pos", "loyalty_members"): ("raw_pos.loyalty_members", "member_no"),
    ("support", "users"): ("raw_support.users", "user_id"),
    ("email", "subscribers"): ("raw_email.subscribers", "leid"),
    ("social", "profiles"): ("raw_social.profiles", "lower(platform) || ':' || lower(handle)"),
    ("acquired", "customers"): ("raw_acquired.customers", "kundennummer"),
}


def withhold_people(database: Path, ground_truth: Path, one_in: int) -> int:
    """Delete the raw person records of one demo person in `one_in` (chosen by a hash of
    the person id, so the same people every time); return how many records went."""
    if one_in < 1:
        raise ValueError(f"one_in must be at least 1, got {one_in}")
    truth = (ground_truth / "source_records" / "*.parquet").as_posix()
    deleted = 0
    con = duckdb.connect(str(database))
    try:
        for (system, table), (raw, id_sql) in RAW_PERSON_TABLES.items():
            result = con.execute(
                f"""
                delete from {raw} where {id_sql} in (
                    select source_record_id from read_parquet(?)
                    where source_system = ? and source_table = ?
                        and hash(person_id) % ? = 0)
                """,
                [truth, system, table, one_in],
            ).fetchone()
            deleted += int(result[0]) if result else 0
    finally:
        con.close()
    return deleted
