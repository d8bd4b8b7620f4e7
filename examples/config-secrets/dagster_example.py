"""One pipeline, a dev and a prod warehouse: a resource whose settings come from the environment (Dagster)."""

import os

import dagster as dg


class Warehouse(dg.ConfigurableResource):
    url: str
    password: str

    def describe(self) -> str:
        return f"{self.url} (password of {len(self.password)} characters)"


@dg.asset
def customers(context: dg.AssetExecutionContext, warehouse: Warehouse) -> str:
    context.log.info(f"reading customers from {warehouse.describe()}")
    return warehouse.url


# EnvVar is read when the run starts, in the process that runs it: each deployment
# (a .env file for `dagster dev`, secrets in production) sets its own values.
warehouse = Warehouse(url=dg.EnvVar("WAREHOUSE_URL"), password=dg.EnvVar("WAREHOUSE_PASSWORD"))
defs = dg.Definitions(assets=[customers], resources={"warehouse": warehouse})


def run(instance: dg.DagsterInstance | None = None) -> dg.ExecuteInProcessResult:
    return dg.materialize([customers], resources={"warehouse": warehouse}, instance=instance)


if __name__ == "__main__":
    os.environ.setdefault("WAREHOUSE_URL", "duckdb:///dev.duckdb")  # dev defaults
    os.environ.setdefault("WAREHOUSE_PASSWORD", "dev-only")
    print(f"customers read from {run().output_for_node('customers')}")
