"""Rerun after a failure without redoing finished work: outputs kept by the I/O manager (Dagster)."""

import tempfile
from pathlib import Path

import dagster as dg


@dg.asset
def raw_orders(context: dg.AssetExecutionContext) -> list[int]:
    context.log.info("extracting orders (the slow part)")
    return [30, 12, 25]


class RatesConfig(dg.Config):
    rates_file: str


@dg.asset
def priced_orders(config: RatesConfig, raw_orders: list[int]) -> list[float]:
    rate = float(Path(config.rates_file).read_text())  # FileNotFoundError until the file exists
    return [amount * rate for amount in raw_orders]


@dg.asset
def order_report(priced_orders: list[float]) -> float:
    return sum(priced_orders)


pipeline = dg.define_asset_job("pipeline", executor_def=dg.in_process_executor)
# The I/O manager writes each output to a file, so a later run can load it instead of
# recomputing it (by default under the instance's storage folder).
defs = dg.Definitions(
    assets=[raw_orders, priced_orders, order_report],
    jobs=[pipeline],
    resources={"io_manager": dg.FilesystemIOManager()},
)


def get_job() -> dg.JobDefinition:
    return defs.resolve_job_def("pipeline")


def first_run(instance: dg.DagsterInstance, rates_file: str) -> str:
    config = {"ops": {"priced_orders": {"config": {"rates_file": rates_file}}}}
    with dg.execute_job(dg.reconstructable(get_job), instance, run_config=config) as result:
        return result.run_id


def rerun_from_failure(instance: dg.DagsterInstance, run_id: str) -> str:
    # Re-execution (the UI's "Re-execute from failure") runs the failed step and what
    # follows it; the documented Python API takes a reconstructable job.
    options = dg.ReexecutionOptions.from_failure(run_id, instance)
    with dg.execute_job(dg.reconstructable(get_job), instance, reexecution_options=options) as result:
        return result.run_id


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as folder, dg.DagsterInstance.local_temp(folder) as instance:
        rates = Path(folder, "rates.txt")
        failed = first_run(instance, str(rates))  # fails: no rates yet
        rates.write_text("1.1")
        rerun = rerun_from_failure(instance, failed)
        for run_id in (failed, rerun):
            run = instance.get_run_by_id(run_id)
            print(f"{run.status.value}: steps {sorted(run.step_keys_to_execute or ['all'])}")
