"""Splink 5 on SCV's identity spine, unsupervised, set up the way Splink's documentation
recommends for person deduplication: out-of-the-box comparisons per attribute with
term-frequency adjustment on names, city and postcode; the prior from deterministic
rules; u from random sampling; m by expectation maximisation over two blocking rules
that between them leave every comparison free; predictions clustered with connected
components at the same threshold SCV uses.

    .venv/bin/python bench/splink_run.py --input spine.parquet --output clusters.parquet

Input: a Parquet export of intermediate.int_person_records_unioned. Output: Parquet with
person_record_id and cluster_id. A bench-only tool: `pip install -e '.[bench]'`.
"""

from __future__ import annotations

import argparse
import logging
import time
from pathlib import Path

import duckdb

COLUMNS = """
    person_record_id as unique_id,
    first_name_key as first_name,
    last_name_key as surname,
    birth_date as dob,
    street_key as street,
    postal_code,
    city,
    email,
    phone_e164 as phone
"""


def run_splink(spine: Path, output: Path, threshold: float, max_pairs_u: float) -> dict[str, float]:
    """Train a Splink model on `spine`, cluster, write clusters; return step timings."""
    import splink.comparison_library as cl
    from splink import Linker, SettingsCreator, block_on
    from splink.backends.duckdb import DuckDBAPI

    timings: dict[str, float] = {}
    started = time.perf_counter()
    con = duckdb.connect()
    con.execute(f"create table spine as select {COLUMNS} from read_parquet('{spine.as_posix()}')")
    db_api = DuckDBAPI(connection=con)
    records = db_api.register("spine")

    settings = SettingsCreator(
        link_type="dedupe_only",
        comparisons=[
            cl.NameComparison("first_name").configure(term_frequency_adjustments=True),
            cl.NameComparison("surname").configure(term_frequency_adjustments=True),
            cl.DateOfBirthComparison("dob", input_is_string=False),
            cl.ExactMatch("postal_code").configure(term_frequency_adjustments=True),
            cl.ExactMatch("city").configure(term_frequency_adjustments=True),
            cl.EmailComparison("email"),
            cl.ExactMatch("phone"),
        ],
        blocking_rules_to_generate_predictions=[
            block_on("first_name", "surname"),
            block_on("surname", "postal_code"),
            block_on("first_name", "dob"),
            block_on("surname", "dob"),
            block_on("email"),
            block_on("phone"),
            block_on("first_name", "postal_code"),
        ],
        retain_intermediate_calculation_columns=False,
    )
    linker = Linker(records, settings, log_level=logging.WARNING)
    linker.training.estimate_probability_two_random_records_match(
        [block_on("email"), block_on("phone", "first_name")], recall=0.7
    )
    linker.training.estimate_u_using_random_sampling(max_pairs=max_pairs_u, seed=1)
    linker.training.estimate_parameters_using_expectation_maximisation(
        block_on("first_name", "surname")
    )
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("dob"))
    timings["train"] = time.perf_counter() - started

    predictions = linker.inference.predict(threshold_match_probability=0.5)
    timings["predict"] = time.perf_counter() - started - timings["train"]
    clusters = linker.clustering.cluster_pairwise_predictions_at_threshold(
        predictions, threshold_match_probability=threshold
    )
    con.execute(
        f"copy (select unique_id as person_record_id, cast(cluster_id as varchar) as cluster_id "
        f"from {clusters.physical_name}) to '{output.as_posix()}' (format parquet)"
    )
    timings["total"] = time.perf_counter() - started
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--input", type=Path, required=True)
    parser.add_argument("--output", type=Path, required=True)
    parser.add_argument("--threshold", type=float, default=0.95)
    parser.add_argument("--max-pairs-u", type=float, default=1e7)
    args = parser.parse_args()
    timings = run_splink(args.input, args.output, args.threshold, args.max_pairs_u)
    print(" ".join(f"{k}={v:.1f}s" for k, v in timings.items()))


if __name__ == "__main__":
    main()
