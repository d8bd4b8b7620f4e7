"""Isolate the example tests and start the machinery they run against.

Runs before any test module imports dagster or prefect: temporary homes, no
telemetry, and PREFECT_API_URL pointing at the ONE Prefect server of the session
(started by the `prefect_server` fixture as its own process, with its services:
scheduler, triggers, so that schedules and automations really act).
"""

import atexit
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
_root = tempfile.mkdtemp(prefix="orchestrator-examples-")
atexit.register(shutil.rmtree, _root, ignore_errors=True)


def free_port(low: int, high: int) -> int:
    """A port in [low, high) that nothing listens on (this task's range: 4300-4399)."""
    for port in range(low, high):
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError(f"no free port in {low}-{high}")


PREFECT_PORT = free_port(4300, 4350)
PREFECT_API_URL = f"http://127.0.0.1:{PREFECT_PORT}/api"

os.environ["PREFECT_SERVER_ANALYTICS_ENABLED"] = "false"
os.environ["DO_NOT_TRACK"] = "1"
os.environ["DAGSTER_DISABLE_TELEMETRY"] = "1"
os.environ["PREFECT_HOME"] = os.path.join(_root, "prefect")
os.environ["DAGSTER_HOME"] = os.path.join(_root, "dagster")
os.environ.pop("PREFECT_API_KEY", None)  # never talk to a configured remote server
os.environ["PREFECT_API_URL"] = PREFECT_API_URL  # the session server below
os.makedirs(os.environ["PREFECT_HOME"])
# As in an activated virtual environment: the `dbt` and `dagster-daemon` commands resolve.
os.environ["PATH"] = os.pathsep.join([os.path.dirname(sys.executable), os.environ.get("PATH", "")])


def dagster_home(path: str | os.PathLike) -> str:
    """A Dagster instance folder with telemetry off; returns its path."""
    os.makedirs(path, exist_ok=True)
    with open(os.path.join(path, "dagster.yaml"), "w") as f:
        f.write("telemetry:\n  enabled: false\n")
    return str(path)


dagster_home(os.environ["DAGSTER_HOME"])


def wait_for(fetch, done, timeout=30.0, interval=0.25):
    """Poll fetch() until done(result) is true; return the last result."""
    deadline = time.monotonic() + timeout
    while True:
        result = fetch()
        if done(result) or time.monotonic() > deadline:
            return result
        time.sleep(interval)


@contextmanager
def process(args, env=None, cwd=None, name="process"):
    """Start a long-running process in its own group; stop the group on exit."""
    log = tempfile.NamedTemporaryFile("w+", prefix=f"{name}-", suffix=".log", dir=_root, delete=False)
    proc = subprocess.Popen(
        args, env={**os.environ, **(env or {})}, cwd=cwd, stdout=log, stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        yield proc, Path(log.name)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
        log.close()


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.status == 200
    except OSError:
        return False


_server = {}


def _start_prefect_server():
    """Start the session's Prefect server process (once); the fixture waits for it."""
    if _server:
        return
    env = {
        "PREFECT_SERVER_UI_ENABLED": "false",
        # The scheduler loops every 2 s instead of 60 s, so that a new deployment's
        # runs appear while a test waits.
        "PREFECT_SERVER_SERVICES_SCHEDULER_LOOP_SECONDS": "2",
        "PREFECT_SERVER_DATABASE_CONNECTION_URL": f"sqlite+aiosqlite:///{_root}/prefect-server.db",
    }
    args = [sys.executable, "-m", "prefect", "server", "start", "--host", "127.0.0.1",
            "--port", str(PREFECT_PORT), "--analytics-off", "--no-ui"]
    _server["cm"] = process(args, env=env, name="prefect-server")
    _server["proc"], _server["log"] = _server["cm"].__enter__()


def pytest_collection_modifyitems(session, config, items):
    # Start the server as soon as it is known to be needed, so that its start-up
    # overlaps with the tests that run before the first Prefect test.
    if any("prefect_server" in getattr(item, "fixturenames", ()) for item in items):
        _start_prefect_server()


def pytest_sessionfinish(session, exitstatus):
    if _server:
        _server["cm"].__exit__(None, None, None)


@pytest.fixture(scope="session")
def prefect_server():
    """One Prefect server process for the whole session, with its services running."""
    _start_prefect_server()
    proc, log = _server["proc"], _server["log"]
    up = wait_for(lambda: _healthy(f"{PREFECT_API_URL}/health"), bool, timeout=120, interval=0.5)
    assert up and proc.poll() is None, f"the Prefect server did not start:\n{log.read_text()[-3000:]}"
    return PREFECT_API_URL


@pytest.fixture
def prefect_client(prefect_server):
    from prefect import get_client

    with get_client(sync_client=True) as client:
        yield client
