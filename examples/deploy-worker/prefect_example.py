"""Hand each run to a separate process: a work pool and a worker (Prefect).

Deploying it, against a server (`prefect server start`, with PREFECT_API_URL set):
    prefect work-pool create local-pool --type process
    prefect worker start --pool local-pool   # polls the pool, starts each run in a new process
    python prefect_example.py --deploy       # registers the deployment with the pool
    prefect deployment run nightly-export/nightly   # one run for the worker to pick up
"""

import os
import sys
from pathlib import Path

from prefect import flow


@flow(log_prints=True)
def nightly_export() -> str:
    print(f"exporting in process {os.getpid()}")
    return "exported"


def deploy(pool: str = "local-pool"):
    # The worker loads the flow from this folder; a git repository or a bucket also works.
    source = nightly_export.from_source(
        source=str(Path(__file__).parent), entrypoint="prefect_example.py:nightly_export"
    )
    return source.deploy(name="nightly", work_pool_name=pool)


if __name__ == "__main__":
    if "--deploy" in sys.argv:
        print(f"deployment id: {deploy()}")
    else:
        print(f"without a worker, in this process: {nightly_export()}")
