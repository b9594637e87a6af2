"""Landing files as assets: one asset per raw table (`landing/<source>/<table>`), the
keys the dbt sources declare in their `meta.dagster.asset_key`, so the loader sits
upstream of staging in the lineage graph."""

import dagster as dg

from orchestration.resources import Warehouse
from scv.loading.loader import LandingTable, load_landing, read_spec


def landing_key(table: LandingTable) -> dg.AssetKey:
    return dg.AssetKey(["landing", table.source, table.table])


def landing_specs() -> list[dg.AssetSpec]:
    return [
        dg.AssetSpec(
            landing_key(table),
            group_name="landing",
            description=(
                f"{table.description or table.name} (raw table "
                f"raw_{table.source}.{table.table}, loaded from landing files {table.path})."
            ),
            kinds={"duckdb"},
            metadata={"landing_path": table.path, "format": table.format},
        )
        for table in read_spec()
    ]


@dg.multi_asset(specs=landing_specs(), can_subset=True, name="landing_files")
def landing_files(context: dg.AssetExecutionContext, warehouse: Warehouse):
    """Load the selected landing tables into raw_<source> schemas (scv.loading)."""
    paths = warehouse.paths()
    selected = {f"{key.path[1]}/{key.path[2]}" for key in context.selected_asset_keys}
    results = load_landing(paths.database, paths.landing_dir, only=selected, log=context.log.info)
    for result in results:
        yield dg.MaterializeResult(
            asset_key=dg.AssetKey(["landing", result.source, result.table]),
            metadata={
                "rows_loaded": dg.MetadataValue.int(result.rows_loaded),
                "rows_rejected": dg.MetadataValue.int(result.rows_rejected),
                "files": dg.MetadataValue.int(result.files),
                "seconds": dg.MetadataValue.float(round(result.seconds, 2)),
            },
        )
