"""Isolate the example tests: temporary homes, no telemetry, no remote API.

Runs before any test module imports dagster or prefect.
"""

import atexit
import os
import shutil
import tempfile

_root = tempfile.mkdtemp(prefix="orchestrator-examples-")
atexit.register(shutil.rmtree, _root, ignore_errors=True)

os.environ["PREFECT_SERVER_ANALYTICS_ENABLED"] = "false"
os.environ["DO_NOT_TRACK"] = "1"
os.environ["PREFECT_HOME"] = os.path.join(_root, "prefect")
os.environ["DAGSTER_HOME"] = os.path.join(_root, "dagster")
os.environ.pop("PREFECT_API_URL", None)  # never talk to a configured remote server
os.environ.pop("PREFECT_API_KEY", None)
os.makedirs(os.environ["PREFECT_HOME"])
os.makedirs(os.environ["DAGSTER_HOME"])
with open(os.path.join(os.environ["DAGSTER_HOME"], "dagster.yaml"), "w") as f:
    f.write("telemetry:\n  enabled: false\n")
