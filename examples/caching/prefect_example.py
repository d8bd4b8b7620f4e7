"""Rerun after a failure without redoing finished work: a cache policy over persisted results (Prefect)."""

import tempfile
from pathlib import Path

from prefect import flow, get_run_logger, task
from prefect.cache_policies import INPUTS, TASK_SOURCE


# Same inputs and same code: later runs read the stored result instead of running.
@task(cache_policy=INPUTS + TASK_SOURCE, persist_result=True)
def raw_orders(day: str) -> list[int]:
    get_run_logger().info("extracting orders (the slow part)")
    return [30, 12, 25]


@task
def priced_orders(orders: list[int], rates_file: str) -> list[float]:
    rate = float(Path(rates_file).read_text())  # FileNotFoundError until the file exists
    return [amount * rate for amount in orders]


@task
def order_report(priced: list[float]) -> float:
    return sum(priced)


@flow
def pipeline(day: str, rates_file: str) -> float:
    return order_report(priced_orders(raw_orders(day), rates_file))


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as folder:
        rates = Path(folder, "rates.txt")
        failed = pipeline(folder, str(rates), return_state=True)  # fails: no rates yet
        rates.write_text("1.1")
        rerun = pipeline(folder, str(rates), return_state=True)  # raw_orders comes from the cache
        print(f"first run: {failed.name}; rerun: {rerun.name}, report {rerun.result():.1f}")
