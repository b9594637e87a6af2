"""Score identity resolution against the generator's ground truth.

Pairwise metrics over clusters: a pair of source records is a true pair when both come
from the same true person, a predicted pair when both got the same customer (cluster).
precision = TP / predicted pairs, recall = TP / true pairs. Computed in DuckDB from
counts (sum of n*(n-1)/2 per group), so it scales to millions of records.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import duckdb


@dataclass
class Evaluation:
    records: int
    true_pairs: int
    predicted_pairs: int
    true_positive_pairs: int
    clusters: int
    true_people: int
    largest_cluster: int
    over_merges: list[tuple] = field(default_factory=list)
    under_merges: list[tuple] = field(default_factory=list)
    by_threshold: list[tuple[float, float, float]] = field(default_factory=list)
    weight_histogram: list[tuple[float, int, int]] = field(default_factory=list)
    cluster_sizes: list[tuple[int, int]] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.true_positive_pairs / self.predicted_pairs if self.predicted_pairs else 1.0

    @property
    def recall(self) -> float:
        return self.true_positive_pairs / self.true_pairs if self.true_pairs else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def summary_line(self) -> str:
        return (
            f"precision={self.precision:.4f} recall={self.recall:.4f} f1={self.f1:.4f} "
            f"clusters={self.clusters} true_people={self.true_people}"
        )


def _pairs(n: str) -> str:
    return f"sum({n} * ({n} - 1) / 2)"


def evaluate(
    database: Path | duckdb.DuckDBPyConnection,
    ground_truth: Path,
    clusters_table: str,
    cluster_column: str = "cluster_id",
    examples: int = 5,
) -> Evaluation:
    """Compare the clusters in `clusters_table` (person_record_id -> cluster_column).

    `database` is the warehouse file (opened read-only) or an open connection to it.
    """
    if isinstance(database, duckdb.DuckDBPyConnection):
        return _evaluate(database, ground_truth, clusters_table, cluster_column, examples)
    con = duckdb.connect(str(database), read_only=True)
    try:
        return _evaluate(con, ground_truth, clusters_table, cluster_column, examples)
    finally:
        con.close()


def _evaluate(
    con: duckdb.DuckDBPyConnection,
    ground_truth: Path,
    clusters_table: str,
    cluster_column: str,
    examples: int,
) -> Evaluation:
    truth_glob = (ground_truth / "source_records" / "*.parquet").as_posix()
    con.execute(f"""
        create or replace temp table labelled as
        select
            spine.person_record_id,
            clusters.{cluster_column} as cluster_id,
            truth.person_id
        from {clusters_table} as clusters
        inner join intermediate.int_person_records_unioned as spine
            on clusters.person_record_id = spine.person_record_id
        inner join read_parquet('{truth_glob}') as truth
            on spine.source_system = truth.source_system
            and spine.source_table = truth.source_table
            and spine.source_record_id = truth.source_record_id
        where truth.person_id is not null
    """)
    counts = con.execute(f"""
        select
            (select count(*) from labelled),
            (select {_pairs("n")} from (
                select count(*) as n from labelled group by person_id)),
            (select {_pairs("n")} from (
                select count(*) as n from labelled group by cluster_id)),
            (select {_pairs("n")} from (
                select count(*) as n from labelled group by cluster_id, person_id)),
            (select count(distinct cluster_id) from labelled),
            (select count(distinct person_id) from labelled),
            (select max(n) from (select count(*) as n from labelled group by cluster_id))
    """).fetchall()[0]
    result = Evaluation(*(int(v or 0) for v in counts))
    result.over_merges = con.execute(f"""
        select cluster_id, count(distinct person_id) as people, count(*) as records,
               string_agg(distinct person_id, ', ') as true_people
        from labelled group by 1 having count(distinct person_id) > 1
        order by 2 desc, 3 desc, 1 limit {examples}
    """).fetchall()
    result.under_merges = con.execute(f"""
        select person_id, count(distinct cluster_id) as clusters, count(*) as records,
               string_agg(distinct cluster_id, ', ') as cluster_ids
        from labelled group by 1 having count(distinct cluster_id) > 1
        order by 2 desc, 3 desc, 1 limit {examples}
    """).fetchall()
    result.cluster_sizes = con.execute("""
        select n, count(*) from (select count(*) as n from labelled group by cluster_id)
        group by 1 order by 1
    """).fetchall()
    scored = "intermediate.int_identity_pairs_scored"
    con.execute(f"""
        create or replace temp table scored_truth as
        select pairs.match_weight, pairs.match_probability, pairs.has_identity_conflict,
               pairs.deterministic_match_on is not null as is_deterministic,
               a.person_id is not null and a.person_id = b.person_id as is_true_match
        from {scored} as pairs
        inner join labelled as a on pairs.record_id_a = a.person_record_id
        inner join labelled as b on pairs.record_id_b = b.person_record_id
    """)
    result.weight_histogram = con.execute("""
        select floor(match_weight) as bucket,
               count(*) filter (where is_true_match), count(*) filter (where not is_true_match)
        from scored_truth group by 1 order by 1
    """).fetchall()
    true_candidates = con.execute(
        "select count(*) from scored_truth where is_true_match"
    ).fetchall()[0][0]
    for threshold in (0.5, 0.8, 0.9, 0.95, 0.99, 0.999, 0.9999):
        tp, predicted = con.execute(f"""
            select count(*) filter (where is_true_match), count(*)
            from scored_truth
            where is_deterministic
                or (not has_identity_conflict and match_probability >= {threshold})
        """).fetchall()[0]
        precision = tp / predicted if predicted else 1.0
        recall = tp / true_candidates if true_candidates else 1.0
        result.by_threshold.append((threshold, precision, recall))
    return result


def render_text(result: Evaluation) -> str:
    lines = [
        "Identity resolution vs ground truth",
        f"  source records evaluated: {result.records:,}",
        f"  true pairs {result.true_pairs:,}, predicted pairs {result.predicted_pairs:,}, "
        f"correct {result.true_positive_pairs:,}",
        f"  precision {result.precision:.4f}  recall {result.recall:.4f}  F1 {result.f1:.4f}",
        f"  clusters {result.clusters:,} vs true people {result.true_people:,}; "
        f"largest cluster {result.largest_cluster} records",
        "  over-merges (one cluster, several true people):",
        *[f"    {c}: {p} people, {r} records ({t})" for c, p, r, t in result.over_merges],
        "  under-merges (one true person, several clusters):",
        *[f"    {p}: {c} clusters, {r} records" for p, c, r, _ in result.under_merges],
        "  pair-level precision/recall by threshold (candidate pairs, before clustering):",
        *[f"    p>={t}: precision {p:.4f} recall {r:.4f}" for t, p, r in result.by_threshold],
        result.summary_line(),
    ]
    return "\n".join(lines)
