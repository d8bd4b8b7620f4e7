"""Every example file runs as `python <file>` with nothing set, and exits 0 within 60 s.

No DAGSTER_HOME, no PREFECT_API_URL: a Prefect file starts its own temporary server,
a Dagster file uses an in-memory or temporary instance. Only the isolation that keeps
a reader's machine clean is set (a fresh PREFECT_HOME, no telemetry), the virtual
environment's bin folder on PATH, as activating it would, and one tolerance: the
temporary Prefect server may take up to the same 60 s to start (Prefect's default
gives up after 20 s, which a loaded 2-core machine exceeds). Files run two at a time:
one lane of Prefect files, so that only one temporary server starts at once, and one
lane of Dagster files. Long-running modes (--serve, --deploy) are not run here.
"""

import os
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

HERE = Path(__file__).resolve().parent
LIMIT = 60
FILES = sorted(HERE.glob("*/*_example.py"))
UNSET = ("DAGSTER_HOME", "PREFECT_API_URL", "PREFECT_API_KEY", "SHOP_DUCKDB_PATH",
         "WAREHOUSE_URL", "WAREHOUSE_PASSWORD")


def run_one(path: Path):
    env = {k: v for k, v in os.environ.items() if k not in UNSET and not k.startswith("PYTEST")}
    with tempfile.TemporaryDirectory() as home:
        env.update(PREFECT_HOME=home, DO_NOT_TRACK="1", PREFECT_SERVER_ANALYTICS_ENABLED="false",
                   PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS=str(LIMIT))
        start = time.monotonic()
        try:
            proc = subprocess.run([sys.executable, path.name], cwd=path.parent, env=env,
                                  capture_output=True, text=True, timeout=LIMIT)
        except subprocess.TimeoutExpired:
            return path, None, time.monotonic() - start, "timed out"
        return path, proc.returncode, time.monotonic() - start, proc.stdout[-1500:] + proc.stderr[-1500:]


def test_every_example_file_runs_as_a_script():
    assert len(FILES) >= 24
    lanes = [[p for p in FILES if p.name.startswith(tool)] for tool in ("prefect", "dagster")]
    assert sum(map(len, lanes)) == len(FILES)
    with ThreadPoolExecutor(max_workers=2) as pool:
        results = [r for lane in pool.map(lambda files: [run_one(p) for p in files], lanes) for r in lane]
    for path, code, seconds, _ in sorted(results, key=lambda r: -r[2]):
        print(f"{seconds:5.1f} s  exit {code}  {path.relative_to(HERE)}")
    failures = [f"{p.relative_to(HERE)}: exit {code} after {s:.0f} s\n{out}" for p, code, s, out in results if code != 0]
    assert not failures, "\n\n".join(failures)
