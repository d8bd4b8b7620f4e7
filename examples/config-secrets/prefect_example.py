"""One pipeline, a dev and a prod warehouse: a Variable and a Secret block stored on the server (Prefect)."""

from prefect import flow, get_run_logger
from prefect.blocks.system import Secret
from prefect.variables import Variable


@flow
def customers() -> str:
    # Read when the run starts, from the server (or Cloud workspace) the run reports
    # to: dev and prod each hold their own values under the same names.
    url = Variable.get("warehouse_url")
    password = Secret.load("warehouse-password").get()
    get_run_logger().info(f"reading customers from {url} (password of {len(password)} characters)")
    return url


def configure(url: str, password: str) -> None:
    # Done once per environment, usually with the UI or `prefect variable set`.
    Variable.set("warehouse_url", url, overwrite=True)
    Secret(value=password).save("warehouse-password", overwrite=True)


if __name__ == "__main__":
    configure("duckdb:///dev.duckdb", "dev-only")  # the temporary server starts empty
    print(f"customers read from {customers()}")
