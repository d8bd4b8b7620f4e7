"""The editor loop: `mkdocs serve` stays up when a save breaks the data, shows the
problems in the terminal and on the page, and recovers on the next good save; a
build of the same data still fails."""
from __future__ import annotations

import pytest

from conftest import mkdocs_serve, wait_until
from datafix import copy_project

BROKEN = ("    cell: Declared data assets; ops and jobs for task-style work",
          "    cell: [Declared data assets")


@pytest.fixture
def served(tmp_path):
    project = copy_project(tmp_path)
    log = tmp_path / "serve.log"
    with mkdocs_serve(project, log) as url:
        yield project, url, log


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
