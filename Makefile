# SCV: the two commands of the README's Quickstart, and the steps behind them.
#   make run    set up, generate demo data, run the Dagster pipeline (load, dbt build and
#               tests, enrichment), print a summary
#   make test   set up (with Spark for its end-to-end test), then lint and run every test
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)
SPARK_STAMP := $(VENV)/.spark-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)
PEOPLE ?= 10000

export DBT_SEND_ANONYMOUS_USAGE_STATS := False

.PHONY: run test setup setup-spark lint unit e2e dbt-test bench bench-1m bench-identity dagster clean

setup: $(STAMP)

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "SCV needs Python 3.11+"'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@rm -f $(VENV)/.installed-* && touch $@

# dbt-spark and pyspark for the Spark end-to-end test (tests/e2e/test_spark.py)
setup-spark: $(SPARK_STAMP)

$(SPARK_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[dev,spark]'
	@rm -f $(VENV)/.spark-* && touch $@

run: setup
	$(BIN)/scv run --people $(PEOPLE)

lint: setup
	$(BIN)/ruff check scv orchestration tests bench scripts
	$(BIN)/ruff format --check scv orchestration tests bench scripts
	mkdir -p data/lint && SCV_DUCKDB_PATH=data/lint/scv.duckdb $(BIN)/sqlfluff lint models --processes 2

unit: setup
	$(BIN)/pytest -m "not e2e"

e2e: setup-spark
	$(BIN)/pytest -m e2e

test: lint setup-spark
	$(BIN)/pytest

# the Dagster UI on http://localhost:3000 (lineage, runs, schedule and sensors)
dagster: setup
	$(BIN)/dagster dev -m orchestration.definitions

bench-identity: setup
	$(BIN)/python -m pip install --quiet -e '.[bench]'
	$(BIN)/python bench/bench_identity.py --people 100000 1000000

bench: setup
	$(BIN)/python bench/bench_staging.py --people 100000

bench-1m: setup
	$(BIN)/python bench/bench_staging.py --people 1000000

clean:
	rm -rf target logs data dbt_packages
