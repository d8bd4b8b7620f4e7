"""Hand each run to a separate process: the daemon's run queue and run launcher (Dagster).

Deploying it, with the dagster.yaml next to this file in $DAGSTER_HOME:
    dagster-daemon run -f dagster_example.py   # dequeues runs, starts each in a new process
    dagster job launch -f dagster_example.py -j nightly_job   # queues one run
`dagster dev -f dagster_example.py` starts the daemon together with the UI.
"""

import os

import dagster as dg


@dg.asset
def nightly_export(context: dg.AssetExecutionContext) -> str:
    context.log.info(f"exporting in process {os.getpid()}")
    return "exported"


nightly_job = dg.define_asset_job("nightly_job", selection=[nightly_export])
defs = dg.Definitions(assets=[nightly_export], jobs=[nightly_job])


if __name__ == "__main__":
    # Without a daemon: the same job, run in this process.
    result = dg.materialize([nightly_export])
    print(f"success={result.success}")
