"""The demo data generator: determinism, scale, and the messiness rates it promises."""

from __future__ import annotations

import csv
import hashlib
import json
import re
from pathlib import Path

import pyarrow.compute as pc
import pyarrow.dataset as ds
import pytest

from scv.demo import vocab
from scv.demo.config import GeneratorConfig, MessRates
from scv.demo.generate import LANDING_TABLES, main
from scv.demo.people import fold
from tests.conftest import make_demo

EMAIL_RE = re.compile(r"^[a-z0-9._%+'-]+@[a-z0-9-]+(\.[a-z0-9-]+)*\.[a-z]{2,}$")


def digest(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.name != "_manifest.json"
    }


def truth(folder: Path) -> list[dict]:
    return ds.dataset(folder / "ground_truth" / "source_records").to_table().to_pylist()


def people(folder: Path) -> list[dict]:
    return ds.dataset(folder / "ground_truth" / "people").to_table().to_pylist()


def test_same_seed_gives_identical_files(tmp_path: Path) -> None:
    a = digest(make_demo(tmp_path / "a", 800, seed=11))
    b = digest(make_demo(tmp_path / "b", 800, seed=11))
    assert a == b
    assert len(a) >= len(LANDING_TABLES) + 3  # every landing table and the ground truth


def test_other_seed_gives_other_data(tmp_path: Path) -> None:
    a = digest(make_demo(tmp_path / "a", 800, seed=11))
    b = digest(make_demo(tmp_path / "b", 800, seed=12))
    assert a["landing/crm/contacts.csv"] != b["landing/crm/contacts.csv"]


def test_people_count_and_unique_ids_across_chunks(tmp_path: Path) -> None:
    out = make_demo(tmp_path / "d", 1_234, chunk_size=500)  # three chunks, the last partial
    ids = [p["person_id"] for p in people(out)]
    assert len(ids) == 1_234 == len(set(ids))
    records = truth(out)
    keys = [(r["source_system"], r["source_table"], r["source_record_id"]) for r in records]
    assert len(keys) == len(set(keys)), "a source record id repeats across chunks"
    manifest = json.loads((out / "_manifest.json").read_text())
    assert manifest["people"] == 1_234
    assert manifest["tables"]["crm/contacts"] == sum(
        1 for r in records if r["source_system"] == "crm"
    )


def test_record_volume_scales_with_people(tmp_path: Path) -> None:
    small = json.loads((make_demo(tmp_path / "s", 500) / "_manifest.json").read_text())
    large = json.loads((make_demo(tmp_path / "l", 2_000) / "_manifest.json").read_text())
    ratio = large["source_records"] / small["source_records"]
    assert 3.3 < ratio < 4.7


def test_every_landing_table_is_written(demo_6k: Path) -> None:
    manifest = json.loads((demo_6k / "_manifest.json").read_text())
    for name in LANDING_TABLES:
        assert manifest["tables"][name] > 0, f"{name} is empty"
    with (demo_6k / "landing/acquired/customers.csv").open(encoding="cp1252") as handle:
        header = handle.readline()
    assert header.startswith("Kundennummer;")
    assert (demo_6k / "landing/crm/contacts.csv").read_bytes().startswith(b"\xef\xbb\xbf")


# ------------------------------------------------------------------ messiness rates


def _share(records: list[dict], tag: str) -> float:
    return sum(tag in r["noise"].split(";") for r in records) / len(records)


def _person_records(folder: Path) -> list[dict]:
    return [r for r in truth(folder) if not r["is_test_record"]]


@pytest.mark.parametrize(
    ("tag", "rate"),
    [
        ("typo_first_name", MessRates().typo),
        ("typo_last_name", MessRates().typo),
        ("case", MessRates().case_variation),
        ("invalid_email", MessRates().invalid_email),
        ("invalid_phone", MessRates().invalid_phone),
        ("missing_birth_date", MessRates().missing_value),
    ],
)
def test_record_level_rates(demo_6k: Path, tag: str, rate: float) -> None:
    records = _person_records(demo_6k)
    assert len(records) > 8_000
    assert _share(records, tag) == pytest.approx(rate, abs=max(0.01, rate * 0.3))


def test_nickname_rate_among_names_that_have_one(demo_6k: Path) -> None:
    by_person = {p["person_id"]: p for p in people(demo_6k)}
    eligible = [
        r
        for r in _person_records(demo_6k)
        if fold(by_person[r["person_id"]]["first_name"]).lower() in vocab.nickname_map()
        and r["source_system"] != "email"
    ]
    assert _share(eligible, "nickname") == pytest.approx(MessRates().nickname, abs=0.03)


def test_within_system_duplicates(demo_6k: Path) -> None:
    records = [r for r in _person_records(demo_6k) if r["source_system"] != "social"]
    duplicates = sum(r["is_duplicate"] for r in records) / len(records)
    assert duplicates == pytest.approx(MessRates().within_system_duplicate, abs=0.01)
    seen: dict[tuple[str, str], int] = {}
    for r in records:
        key = (r["source_system"], r["person_id"])
        seen[key] = seen.get(key, 0) + 1
    assert sum(1 for n in seen.values() if n > 1) == sum(r["is_duplicate"] for r in records)


def test_test_records_have_no_person(demo_6k: Path) -> None:
    records = truth(demo_6k)
    test_rows = [r for r in records if r["is_test_record"]]
    assert test_rows and all(r["person_id"] is None for r in test_rows)
    assert len(test_rows) / len(records) == pytest.approx(MessRates().test_record, abs=0.004)


@pytest.mark.parametrize(
    ("tag", "rate"),
    [
        ("married_name_change", MessRates().married_name_change),
        ("moved", MessRates().moved),
        ("phone_changed", MessRates().phone_changed),
        ("deceased", MessRates().deceased),
    ],
)
def test_person_level_rates(demo_6k: Path, tag: str, rate: float) -> None:
    rows = people(demo_6k)
    share = sum(tag in p["tags"].split(";") for p in rows) / len(rows)
    assert share == pytest.approx(rate, abs=max(0.008, rate * 0.25))


def test_noise_tags_match_the_data(demo_6k: Path) -> None:
    """Tags are not just labels: the exported values show the mess they claim."""
    by_person = {p["person_id"]: p for p in people(demo_6k)}
    tags = {r["source_record_id"]: r for r in truth(demo_6k) if r["source_system"] == "crm"}
    with (demo_6k / "landing/crm/contacts.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    checked = {"invalid_email": 0, "nickname": 0, "previous_last_name": 0}
    for row in rows:
        t = tags[row["Id"]]
        if t["is_test_record"]:
            continue
        noise = t["noise"].split(";")
        person = by_person[t["person_id"]]
        if "invalid_email" in noise:
            checked["invalid_email"] += 1
            assert not EMAIL_RE.match(row["Email"].strip().lower()), row["Email"]
        elif row["Email"] and "generic_company_email" not in noise:
            assert EMAIL_RE.match(row["Email"].strip().lower()), row["Email"]
        if "nickname" in noise and not {"typo_first_name", "case"} & set(noise):
            checked["nickname"] += 1
            assert (
                row["FirstName"].lower() in vocab.nickname_map()[fold(person["first_name"]).lower()]
            )
        if "previous_last_name" in noise and not {"typo_last_name", "case"} & set(noise):
            checked["previous_last_name"] += 1
            assert row["LastName"] == person["maiden_name"] != person["last_name"]
    assert all(n > 0 for n in checked.values()), checked


def test_rates_are_configurable(tmp_path: Path) -> None:
    out = make_demo(tmp_path / "typos", 1_500, rates=MessRates.with_overrides({"typo": 0.4}))
    assert _share(_person_records(out), "typo_first_name") == pytest.approx(0.4, abs=0.04)


def test_bad_rates_are_rejected() -> None:
    with pytest.raises(ValueError, match="unknown mess rate"):
        MessRates.with_overrides({"typos": 0.1})
    with pytest.raises(ValueError, match="not a probability"):
        MessRates.with_overrides({"typo": 1.5})
    with pytest.raises(ValueError, match="at least 1"):
        GeneratorConfig(out_dir=Path("x"), people=0)


def test_cli_reports_bad_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--people", "10", "--out", str(tmp_path / "o"), "--rate", "typo=2"]) == 2
    assert "not a probability" in capsys.readouterr().err
    foreign = tmp_path / "foreign"
    foreign.mkdir()
    (foreign / "notes.txt").write_text("mine")
    assert main(["--people", "10", "--out", str(foreign)]) == 2
    assert "was not written by the SCV generator" in capsys.readouterr().err
    assert (foreign / "notes.txt").exists()


def test_truth_households_share_addresses(demo_6k: Path) -> None:
    table = ds.dataset(demo_6k / "ground_truth" / "people").to_table()
    households = pc.count_distinct(table["household_id"]).as_py()
    assert 0.4 * table.num_rows < households < 0.7 * table.num_rows
