"""Dagster code location for SCV (the definitions arrive with the orchestration work)."""
