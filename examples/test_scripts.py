"""Every example file runs as `python <file>` with nothing set, and exits 0 within 60 s.

No DAGSTER_HOME, no PREFECT_API_URL: a Prefect file starts its own temporary server,
a Dagster file uses an in-memory or temporary instance. Only the isolation that keeps
a reader's machine clean is set (a fresh PREFECT_HOME, no telemetry), plus the
virtual environment's bin folder on PATH, as activating it would. Files run two at a
time. Long-running modes (serving, watching) sit behind `--serve` and are not run here.
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
        env.update(PREFECT_HOME=home, DO_NOT_TRACK="1", PREFECT_SERVER_ANALYTICS_ENABLED="false")
        start = time.monotonic()
        try:
            proc = subprocess.run([sys.executable, path.name], cwd=path.parent, env=env,
                                  capture_output=True, text=True, timeout=LIMIT)
        except subprocess.TimeoutExpired:
            return path, None, time.monotonic() - start, "timed out"
        return path, proc.returncode, time.monotonic() - start, proc.stdout[-1500:] + proc.stderr[-1500:]


def test_every_example_file_runs_as_a_script():
    assert len(FILES) >= 24
    # Two dbt files share one project folder: keep them apart in the queue.
    order = sorted(FILES, key=lambda p: (p.name, p.parent.name))
    with ThreadPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(run_one, order))
    for path, code, seconds, _ in sorted(results, key=lambda r: -r[2]):
        print(f"{seconds:5.1f} s  exit {code}  {path.relative_to(HERE)}")
    failures = [f"{p.relative_to(HERE)}: exit {code} after {s:.0f} s\n{out}" for p, code, s, out in results if code != 0]
    assert not failures, "\n\n".join(failures)
