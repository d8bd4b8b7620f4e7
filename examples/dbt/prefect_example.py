"""Run and test a dbt project: every model and dbt test a task run of the flow (Prefect)."""

import os
import tempfile
from pathlib import Path

from prefect import flow
from prefect_dbt import PrefectDbtRunner, PrefectDbtSettings

SHOP = Path(__file__).parent / "shop"


@flow
def shop_models():
    runner = PrefectDbtRunner(
        settings=PrefectDbtSettings(project_dir=SHOP, profiles_dir=SHOP, target_path=Path("target-prefect"))
    )
    # `dbt build` runs the models and their tests; each node becomes a task run.
    return runner.invoke(["build"])


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as folder:
        os.environ.setdefault("SHOP_DUCKDB_PATH", os.path.join(folder, "shop.duckdb"))
        result = shop_models()
        print(f"success={result.success}")
