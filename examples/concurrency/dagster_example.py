"""Six independent steps, at most two running at once (Dagster multiprocess executor)."""

import subprocess
import sys
import time

import dagster as dg


def make_step(n: int) -> dg.AssetsDefinition:
    @dg.asset(name=f"step_{n}")
    def step() -> dg.MaterializeResult:
        start = time.time()
        time.sleep(1)
        return dg.MaterializeResult(metadata={"start": start, "end": time.time()})

    return step


steps = [make_step(n) for n in range(6)]

six_steps_job = dg.define_asset_job(
    "six_steps_job",
    selection=steps,
    # One process per step, at most two at a time.
    executor_def=dg.multiprocess_executor.configured({"max_concurrent": 2}),
)

defs = dg.Definitions(assets=steps, jobs=[six_steps_job])


if __name__ == "__main__":
    # The same as typing `dagster job execute -f dagster_example.py -j six_steps_job`.
    # The multiprocess executor needs run storage that outlives one process: the CLI
    # uses $DAGSTER_HOME, or a temporary folder when it is not set.
    command = [sys.executable, "-m", "dagster", "job", "execute", "-f", __file__, "-j", "six_steps_job"]
    raise SystemExit(subprocess.call(command))
