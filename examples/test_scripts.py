"""Every example file runs as `python <file>` with nothing set, and exits 0 within 60 s.

No DAGSTER_HOME, no PREFECT_API_URL: a Prefect file starts its own temporary server,
a Dagster file uses an in-memory or temporary instance. Only the isolation that keeps
a reader's machine clean is set (one fresh PREFECT_HOME for the test, no telemetry),
the virtual environment's bin folder on PATH, as activating it would, and one
tolerance: the temporary Prefect server may take up to 60 s to start (Prefect's
default gives up after 20 s).

The 60 s are CPU seconds of the file's process tree, which do not depend on what
else the machine is doing; wall time is printed beside them and only guards against
a hang (WALL_LIMIT). On a 2-core machine shared with other work, wall time measured
other people's load (observed: the same file 25 s one minute, 60 s the next).
Files run two at a time: one lane of Prefect files, so that only one temporary
server runs at once, and one lane of Dagster files. Long-running modes (--serve,
--deploy) are not run here.
"""

import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

HERE = Path(__file__).resolve().parent
CPU_LIMIT = 60
WALL_LIMIT = 180
FILES = sorted(HERE.glob("*/*_example.py"))
UNSET = ("DAGSTER_HOME", "PREFECT_API_URL", "PREFECT_API_KEY", "SHOP_DUCKDB_PATH",
         "WAREHOUSE_URL", "WAREHOUSE_PASSWORD")


def run_one(path: Path, prefect_home: str):
    env = {k: v for k, v in os.environ.items() if k not in UNSET and not k.startswith("PYTEST")}
    env.update(PREFECT_HOME=prefect_home, DO_NOT_TRACK="1", PREFECT_SERVER_ANALYTICS_ENABLED="false",
               PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS="60")
    start = time.monotonic()
    proc = subprocess.Popen([sys.executable, path.name], cwd=path.parent, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True, start_new_session=True)
    timer = threading.Timer(WALL_LIMIT, lambda: os.killpg(proc.pid, signal.SIGKILL))
    timer.start()
    try:
        out = proc.stdout.read()
        _, status, usage = os.wait4(proc.pid, 0)  # rusage includes the children it waited for
    finally:
        timer.cancel()
    proc.returncode = code = os.waitstatus_to_exitcode(status)
    proc.stdout.close()
    return path, code, time.monotonic() - start, usage.ru_utime + usage.ru_stime, out[-3000:]


def test_every_example_file_runs_as_a_script():
    assert len(FILES) >= 26
    lanes = [[p for p in FILES if p.name.startswith(tool)] for tool in ("prefect", "dagster")]
    assert sum(map(len, lanes)) == len(FILES)
    with tempfile.TemporaryDirectory() as prefect_home, ThreadPoolExecutor(max_workers=2) as pool:
        results = [r for lane in pool.map(lambda files: [run_one(p, prefect_home) for p in files], lanes)
                   for r in lane]
    print(f"\n{'wall':>7} {'cpu':>7}  exit  file   (load average now: {os.getloadavg()[0]:.1f})")
    for path, code, wall, cpu, _ in sorted(results, key=lambda r: -r[3]):
        print(f"{wall:6.1f}s {cpu:6.1f}s  {code:>4}  {path.relative_to(HERE)}")
    problems = [f"{p.relative_to(HERE)}: exit {code}, {cpu:.0f} CPU s, {wall:.0f} s wall\n{out}"
                for p, code, wall, cpu, out in results if code != 0 or cpu > CPU_LIMIT or wall >= WALL_LIMIT]
    assert not problems, "\n\n".join(problems)
