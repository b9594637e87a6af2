"""Dagster code location for SCV: landing files, the dbt project and the Python
enrichment assets as one asset graph, with jobs, a schedule and sensors
(`orchestration.definitions.defs`)."""
