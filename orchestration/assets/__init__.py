"""SCV assets: landing tables, dbt models/seeds/snapshots, Python enrichment."""
