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


def _builds(log) -> int:
    return log.read_text(encoding="utf-8").count("Building documentation")


def test_serve_rebuilds_once_per_save_and_not_for_its_own_reads(served, new_page):
    """macros/watcher.py moves serve to the operating system's change notifications, which also
    report files being read: the build reads every page and data file, so passing those on
    would rebuild for ever. A save gets one rebuild; the build's own reads get none."""
    project, url, log = served
    page = new_page(url)
    assert wait_until(page, url + "comparison/", lambda p: p.locator("tr.cmp-row").count() > 30), log.read_text()
    page.wait_for_timeout(2000)
    assert _builds(log) == 1, log.read_text()
    assert "Detected file changes" not in log.read_text()

    criteria = project / "data" / "criteria.yml"
    criteria.write_text(criteria.read_text(encoding="utf-8").replace("cell: ", "cell: Saved once ", 1), encoding="utf-8")
    assert wait_until(page, url + "comparison/", lambda p: "Saved once" in p.locator("article").inner_text())
    page.wait_for_timeout(2000)
    assert _builds(log) == 2, log.read_text()


def test_serve_keeps_polling_where_the_system_cannot_watch(tmp_path):
    """The hook moves MkDocs's watched paths to the native observer only when it can watch
    all of them; otherwise serve keeps MkDocs's polling (and still sees every path)."""
    from mkdocs.livereload import LiveReloadServer
    from watchdog.observers.polling import PollingObserver

    from macros import watcher

    def watches(server):
        return {(e.watch.path, e.watch.is_recursive) for e in server.observer.emitters}

    def server_watching(*paths):
        server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path))
        for path in paths:
            server.watch(str(path))
        return server, watches(server)

    (tmp_path / "docs").mkdir()
    (tmp_path / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    server, polled = server_watching(tmp_path / "docs", tmp_path / "mkdocs.yml")
    assert type(server.observer) is PollingObserver
    watcher.on_serve(server, config=None, builder=None)
    assert type(server.observer).__name__ == "ChangesObserver"
    assert watches(server) == polled and len(polled) == 2

    server, polled = server_watching(tmp_path / "docs", tmp_path / "gone")
    watcher.on_serve(server, config=None, builder=None)
    assert type(server.observer) is PollingObserver
    assert watches(server) == polled and len(polled) == 2
