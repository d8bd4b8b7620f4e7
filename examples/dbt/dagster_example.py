"""Run and test a dbt project: every model an asset, every dbt test an asset check (Dagster)."""

import os
import tempfile
from pathlib import Path

import dagster as dg
from dagster_dbt import DbtCliResource, DbtProject, dbt_assets

shop = DbtProject(
    project_dir=Path(__file__).parent / "shop",
    profiles_dir=Path(__file__).parent / "shop",
    target_path="target-dagster",
)
if not shop.manifest_path.exists():
    shop.preparer.prepare(shop)  # `dbt parse`: the manifest that the assets are read from


@dbt_assets(manifest=shop.manifest_path)
def shop_models(context: dg.AssetExecutionContext, dbt: DbtCliResource):
    # `dbt build` runs the models and their tests; Dagster records each as it finishes.
    yield from dbt.cli(["build"], context=context).stream()


defs = dg.Definitions(assets=[shop_models], resources={"dbt": DbtCliResource(project_dir=shop)})


def run() -> dg.ExecuteInProcessResult:
    return dg.materialize([shop_models], resources={"dbt": DbtCliResource(project_dir=shop)})


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as folder:
        os.environ.setdefault("SHOP_DUCKDB_PATH", os.path.join(folder, "shop.duckdb"))
        result = run()
        keys = sorted(e.asset_key.to_user_string() for e in result.get_asset_materialization_events())
        print(f"success={result.success} materialized={keys}")
