"""The editor loop: `mkdocs serve` stays up when a save breaks the data, shows the
problems in the terminal and on the page, and recovers on the next good save; a
build of the same data still fails."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time

import pytest

from conftest import QUIET
from datafix import copy_project

BROKEN = ("    cell: Declared data assets; ops and jobs for task-style work",
          "    cell: [Declared data assets")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def served(tmp_path):
    project = copy_project(tmp_path)
    port = free_port()
    log = open(tmp_path / "serve.log", "w+", encoding="utf-8")
    process = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
                               cwd=project, stdout=log, stderr=subprocess.STDOUT,
                               env={**os.environ, **QUIET, "GITHUB_ACTIONS": "false"})
    url = f"http://127.0.0.1:{port}/dagster-or-prefect/"
    yield project, url, tmp_path / "serve.log"
    process.terminate()
    process.wait(timeout=20)
    log.close()


def wait_until(page, url, check, timeout=40):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            page.goto(url)
            if check(page):
                return True
        except Exception:   # the server is starting or rebuilding
            pass
        time.sleep(0.5)
    return False


def test_serve_survives_a_broken_save_and_recovers(served, new_page):
    project, url, log = served
    page = new_page(url)
    rows = lambda p: p.locator("tr.cmp-row").count() > 30   # noqa: E731
    assert wait_until(page, url + "comparison/", rows), log.read_text()
    criteria = project / "data" / "criteria.yml"
    good = criteria.read_text(encoding="utf-8")
    assert BROKEN[0] in good
    criteria.write_text(good.replace(*BROKEN), encoding="utf-8")

    panel = lambda p: p.locator(".data-problems").count() == 1   # noqa: E731
    assert wait_until(page, url + "comparison/", panel), log.read_text()
    problem = page.locator(".data-problems li").first.inner_text()
    assert problem.startswith("data/criteria.yml:") and "is not closed with ']'" in problem
    assert wait_until(page, url + "dagster/", panel)   # every page says so, not only the comparison
    assert "is not closed with ']'" in log.read_text()   # and the terminal

    criteria.write_text(good, encoding="utf-8")
    assert wait_until(page, url + "comparison/", lambda p: rows(p) and p.locator(".data-problems").count() == 0)
