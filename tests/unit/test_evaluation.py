"""`scv evaluate`: pairwise precision and recall over clusters against the ground truth,
on a warehouse small enough to count by hand."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from scv.cli import main
from scv.evaluation import evaluate, render_text
from scv.report import render_html

# true people: P1 = a, b, c; P2 = d, e; P3 = f
TRUTH = {"a": "P1", "b": "P1", "c": "P1", "d": "P2", "e": "P2", "f": "P3"}
# clusters: X = a, b; Y = c, d, e (c is over-merged into P2's cluster); Z = f
CLUSTERS = {"a": "X", "b": "X", "c": "Y", "d": "Y", "e": "Y", "f": "Z"}
# scored pairs: (record a, record b, weight, probability, conflict, deterministic on)
PAIRS = [
    ("a", "b", 7.0, 0.99, False, None),  # true
    ("c", "d", 4.5, 0.96, False, None),  # false: the over-merge
    ("d", "e", 20.0, 1.0, False, "email"),  # true, deterministic
    ("a", "c", 0.6, 0.6, False, None),  # true, below every link threshold
    ("b", "f", 5.0, 0.97, True, None),  # false, vetoed by a conflict
]


@pytest.fixture
def warehouse(tmp_path: Path) -> tuple[Path, Path]:
    database = tmp_path / "wh.duckdb"
    truth_dir = tmp_path / "ground_truth"
    (truth_dir / "source_records").mkdir(parents=True)
    con = duckdb.connect(str(database))
    con.execute("create schema intermediate")
    con.execute("""
        create table intermediate.int_person_records_unioned (
            person_record_id varchar, source_system varchar, source_table varchar,
            source_record_id varchar)
    """)
    con.execute("""
        create table intermediate.int_customer_ids_assigned (
            person_record_id varchar, customer_id varchar)
    """)
    con.execute("""
        create table intermediate.int_identity_pairs_scored (
            record_id_a varchar, record_id_b varchar, match_weight double,
            match_probability double, has_identity_conflict boolean,
            deterministic_match_on varchar)
    """)
    for record, cluster in CLUSTERS.items():
        con.execute(
            "insert into intermediate.int_person_records_unioned values (?, 'crm', 'contacts', ?)",
            [f"crm:contacts:{record}", record],
        )
        con.execute(
            "insert into intermediate.int_customer_ids_assigned values (?, ?)",
            [f"crm:contacts:{record}", f"cus_{cluster}"],
        )
    for a, b, weight, probability, conflict, deterministic in PAIRS:
        con.execute(
            "insert into intermediate.int_identity_pairs_scored values (?, ?, ?, ?, ?, ?)",
            [f"crm:contacts:{a}", f"crm:contacts:{b}", weight, probability, conflict]
            + [deterministic],
        )
    rows = ", ".join(f"('crm', 'contacts', '{r}', '{p}')" for r, p in TRUTH.items())
    truth_file = (truth_dir / "source_records" / "part-0.parquet").as_posix()
    con.execute(
        f"copy (select * from (values {rows}) as t (source_system, source_table, "
        f"source_record_id, person_id)) to '{truth_file}' (format parquet)"
    )
    con.close()
    return database, truth_dir


def test_pairwise_metrics_over_clusters(warehouse: tuple[Path, Path]) -> None:
    database, truth = warehouse
    result = evaluate(database, truth, "intermediate.int_customer_ids_assigned", "customer_id")
    # true pairs: ab ac bc de = 4; predicted: ab, cd ce de = 4; right: ab, de = 2
    assert (result.records, result.true_pairs, result.predicted_pairs) == (6, 4, 4)
    assert result.true_positive_pairs == 2
    assert result.precision == result.recall == result.f1 == 0.5
    assert (result.clusters, result.true_people, result.largest_cluster) == (3, 3, 3)
    assert [m[:3] for m in result.over_merges] == [("cus_Y", 2, 3)]
    assert [m[:3] for m in result.under_merges] == [("P1", 2, 3)]
    assert result.cluster_sizes == [(1, 1), (2, 1), (3, 1)]
    by_threshold = {t: (p, r) for t, p, r in result.by_threshold}
    # at 0.95: ab, cd and the deterministic de are links (bf is vetoed): 2 of 3 right,
    # 2 of the 3 true candidate pairs (ab, de, ac) found; at 0.5 ac joins them
    assert by_threshold[0.95] == pytest.approx((2 / 3, 2 / 3))
    assert by_threshold[0.5] == pytest.approx((3 / 4, 1.0))
    assert result.summary_line() == (
        "precision=0.5000 recall=0.5000 f1=0.5000 clusters=3 true_people=3"
    )
    assert render_text(result).splitlines()[-1] == result.summary_line()


def test_report_has_the_three_charts(warehouse: tuple[Path, Path]) -> None:
    database, truth = warehouse
    html = render_html(
        evaluate(database, truth, "intermediate.int_customer_ids_assigned", "customer_id")
    )
    for heading in (
        "Match weight distribution",
        "Cluster size distribution",
        "Precision and recall by threshold",
    ):
        assert f"<h2>{heading}</h2>" in html
    assert html.count("<svg") == 3


def test_cli_prints_the_summary_last_and_writes_the_report(
    warehouse: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    database, truth = warehouse
    report = tmp_path / "out" / "evaluation.html"
    argv = ["evaluate", "--database", str(database), "--ground-truth", str(truth)]
    assert main([*argv, "--report", str(report)]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert lines[-1] == "precision=0.5000 recall=0.5000 f1=0.5000 clusters=3 true_people=3"
    assert f"  report: {report}" in lines
    assert report.read_text(encoding="utf-8").startswith("<!doctype html>")
    assert main([*argv[:3], "--ground-truth", str(tmp_path / "nowhere")]) == 2
    assert "no ground truth" in capsys.readouterr().err
