"""scripts/freshness.py: new releases (the newest consistent set of each tool's pinned
packages), the examples' results, the release figures it writes, the cited sources it
checks, and the issues it opens or updates. Everything runs offline: the package index
answers from recorded, trimmed JSON (tests/fixtures/freshness/index/), the sources from
recorded responses (tests/fixtures/freshness/responses.json); the examples run and
GitHub are stubbed."""
from __future__ import annotations

import importlib.util
import json
import sys
from datetime import date

import pytest

from conftest import ROOT
from datafix import copy_data, FIXTURES
from macros.load import load

RECORDED = ROOT / "tests" / "fixtures" / "freshness"


def recorded_index(package: str) -> dict:
    """The package index's JSON as recorded on 2026-12-04, trimmed to a few releases."""
    return json.loads((RECORDED / "index" / f"{package}.json").read_text(encoding="utf-8"))


def recorded_requests(freshness, answers: dict | None = None, default=None):
    """A request function answering from the recording; `default` answers URLs it lacks."""
    answers = answers if answers is not None else json.loads((RECORDED / "responses.json").read_text(encoding="utf-8"))
    asked = []

    def request(method, url):
        asked.append((method, url))
        if url not in answers:
            if default is None:
                raise AssertionError(f"not in the recording: {method} {url}")
            return default
        answer = answers[url][method]
        if answer == "timeout":
            raise TimeoutError("timed out")
        return freshness.Response(*answer)

    request.asked = asked
    return request


@pytest.fixture(scope="module")
def freshness():
    spec = importlib.util.spec_from_file_location("freshness", ROOT / "scripts" / "freshness.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["freshness"] = module
    spec.loader.exec_module(module)
    return module


def junit(cases: dict[str, bool]) -> str:
    body = "".join(f'<testcase classname="examples.test_examples" name="{name}">'
                   + ("" if ok else '<failure message="boom"/>') + "</testcase>" for name, ok in cases.items())
    return f'<testsuites><testsuite name="pytest">{body}</testsuite></testsuites>'


def all_cases(site_data, failing=()) -> dict[str, bool]:
    cases = {}
    for x in site_data.examples:
        stem = "test_" + x.id.replace("-", "_")
        if x.id == "testing":
            cases[f"{stem}_examples_pass_under_pytest"] = stem not in failing
        else:
            for t in x.tool_ids:
                cases[f"{stem}_{t}"] = f"{stem}_{t}" not in failing
    return cases


def test_pins_are_read_from_the_requirements(freshness, site_data):
    pins = freshness.read_pins()
    assert {t.package: t.version for t in site_data.tools}.items() <= pins.items()


def test_the_recorded_index_is_read_as_final_releases_only(freshness):
    dagster = freshness.final_releases(recorded_index("dagster"))
    assert sorted(dagster) == ["1.13.26", "1.13.27", "1.13.28", "1.13.29"]   # 1.12.16 is yanked
    assert dagster["1.13.27"] == freshness.Upload("1.13.27", "2026-10-26", "<3.15,>=3.10")
    prefect = freshness.final_releases(recorded_index("prefect"))
    assert sorted(prefect) == ["3.8.7", "3.8.8", "3.9.0", "3.9.1"]   # no .dev releases, 2.82 is yanked
    assert prefect["3.9.1"].requires_python == "<3.16,>=3.11"


def test_companions_in_lockstep_are_told_from_those_versioned_on_their_own(freshness):
    Upload = freshness.Upload
    core = Upload("1.13.27", "2026-10-26", None)
    assert freshness.lockstep(core, Upload("1.13.27", "2026-10-26", None)) == (0, 0)
    assert freshness.lockstep(core, Upload("0.29.27", "2026-10-27", None)) == (-1, 16)   # dagster-dbt's 0.y track
    assert freshness.companion("1.13.29", (-1, 16)) == "0.29.29"
    assert freshness.lockstep(Upload("3.9.1", "2026-10-30", None), Upload("0.7.25", "2026-06-05", None)) is None
    # the same patch number by chance, months apart: versioned on its own
    assert freshness.lockstep(Upload("3.9.1", "2026-10-30", None), Upload("0.7.1", "2025-02-01", None)) is None
    pins = {"dagster": "1.13.27", "dagster-dbt": "0.29.27", "dagster-webserver": "1.13.27",
            "daggerboard": "2.0.0", "prefect": "3.9.1", "prefect-dbt": "0.7.25"}
    assert freshness.tool_pins("dagster", pins) == {"dagster": "1.13.27", "dagster-dbt": "0.29.27",
                                                   "dagster-webserver": "1.13.27"}


def test_the_newest_consistent_set_on_recorded_versions(freshness):
    versions = {p: freshness.final_releases(recorded_index(p))
                for p in ("dagster", "dagster-webserver", "dagster-dg-cli", "dagster-dbt", "prefect", "prefect-dbt")}
    every = {"dagster": "1.13.27", "dagster-webserver": "1.13.27", "dagster-dg-cli": "1.13.27", "dagster-dbt": "0.29.27"}
    newest, held = freshness.newest_consistent("dagster", every, versions)
    assert newest == "1.13.27"   # so the weekly run does not report 1.13.29, which the other packages lack
    assert held == ["dagster 1.13.29 is out, but dagster-webserver has no 1.13.29, dagster-dg-cli has no 1.13.29, "
                    "dagster-dbt has no 0.29.29",
                    "dagster 1.13.28 is out, but dagster-dg-cli has no 1.13.28, dagster-dbt has no 0.29.28"]
    assert freshness.newest_consistent("dagster", {"dagster": "1.13.27", "dagster-webserver": "1.13.27"},
                                       versions)[0] == "1.13.28"
    assert freshness.newest_consistent("dagster", {"dagster": "1.13.27"}, versions) == ("1.13.29", [])
    older = {p: ("0.29.26" if p == "dagster-dbt" else "1.13.26") for p in every}
    assert freshness.newest_consistent("dagster", older, versions)[0] == "1.13.27"
    assert freshness.newest_consistent("prefect", {"prefect": "3.9.1", "prefect-dbt": "0.7.25"},
                                       versions) == ("3.9.1", [])


def test_only_a_newer_consistent_set_counts_as_a_release(freshness, site_data):
    pins = {"dagster": "1.13.26", "dagster-webserver": "1.13.26", "dagster-dg-cli": "1.13.26",
            "dagster-dbt": "0.29.26", "prefect": "3.9.1", "prefect-dbt": "0.7.25", "pytest": "9.0.3"}
    releases = freshness.new_releases(site_data, pins, recorded_index)
    assert [(r.tool_id, r.pinned, r.latest) for r in releases] == [("dagster", "1.13.26", "1.13.27")]
    assert releases[0].packages == {"dagster": "1.13.27", "dagster-webserver": "1.13.27",
                                    "dagster-dg-cli": "1.13.27", "dagster-dbt": "0.29.27"}
    body = freshness.issue_body(releases[0], site_data)
    assert "`dagster==1.13.27`, `dagster-webserver==1.13.27`, `dagster-dg-cli==1.13.27`, `dagster-dbt==0.29.27`" in body
    at_newest = {**pins, "dagster": "1.13.27", "dagster-webserver": "1.13.27", "dagster-dg-cli": "1.13.27",
                 "dagster-dbt": "0.29.27"}
    assert freshness.new_releases(site_data, at_newest, recorded_index) == []


def test_results_are_read_per_example_and_tool(freshness, site_data):
    failing = {"test_retries_dagster", "test_testing"}
    results = freshness.results_from_junit(junit(all_cases(site_data, failing)), site_data)
    assert results["retries"] == {"dagster": False, "prefect": True}
    assert results["testing"] == {"dagster": False, "prefect": False}   # one test runs both files
    assert results["schedule"] == {"dagster": True, "prefect": True}
    assert set(results) == {x.id for x in site_data.examples}


def test_the_issue_lists_examples_and_the_criteria_to_review_first(freshness, site_data):
    release = freshness.Release("dagster", "Dagster", "dagster", "1.13.29", "1.14.0")
    release.results = freshness.results_from_junit(junit(all_cases(site_data, {"test_retries_dagster"})), site_data)
    body = freshness.issue_body(release, site_data)
    assert release.title == "Review needed: Dagster 1.14.0 is out (the site reviews 1.13.29)"
    retries = site_data.example("retries")
    assert f"| [{retries.title}]({freshness.SITE}/examples/#retries) | fails |" in body
    assert "| passes |" in body
    checklist = [line for line in body.splitlines() if line.startswith("- [ ] ")]
    assert len(checklist) == len(site_data.criteria)
    first = [line for line in checklist if line.endswith("(example fails)")]
    assert checklist[:len(first)] == first and {c for c in retries.criteria} <= {
        line.split("/comparison/#")[1].split(")")[0] for line in first}
    assert 'dagster==1.14.0' in body and 'version: "1.14.0"' in body
    assert body.endswith("<!-- freshness:dagster -->")


class FakeGitHub:
    def __init__(self, issues):
        self.issues, self.calls = issues, []

    def open_issues(self, label):
        self.calls.append(("list", label))
        return self.issues

    def create_issue(self, title, body, label):
        self.calls.append(("create", title, label))
        return {"number": 42}

    def update_issue(self, number, title, body, state=None):
        self.calls.append(("update", number, title) + ((state,) if state else ()))
        return {"number": number}


def test_one_issue_per_tool_is_opened_then_updated(freshness):
    release = freshness.Release("prefect", "Prefect", "prefect", "3.9.1", "3.10.0")
    fresh = FakeGitHub([{"number": 7, "body": "about dagster <!-- freshness:dagster -->"}])
    assert freshness.sync_issue(fresh, release, "body") == "opened #42"
    assert fresh.calls[-1] == ("create", release.title, "freshness")
    known = FakeGitHub([{"number": 9, "body": "old text <!-- freshness:prefect -->"}])
    assert freshness.sync_issue(known, release, "new body") == "updated #9"
    assert known.calls[-1] == ("update", 9, release.title)


def test_main_runs_the_examples_only_for_new_releases(freshness, site_data, capsys, monkeypatch):
    ran = []

    def runner(pins):
        ran.append(dict(pins))
        return junit(all_cases(site_data))

    def index(package):
        doc = recorded_index(package)
        if package == "dagster":   # a 1.14.0 that the recorded Dagster packages pinned here all have
            doc = {**doc, "releases": {**doc["releases"], "1.14.0": [
                {"packagetype": "bdist_wheel", "requires_python": ">=3.10", "upload_time_iso_8601": "2026-12-01T00:00:00Z",
                 "yanked": False}]}}
        return doc

    monkeypatch.setattr(freshness, "read_pins", lambda: {"dagster": "1.13.27", "prefect": "3.9.1", "pytest": "9.0.3"})
    github = FakeGitHub([])
    assert freshness.main(["--repo", "o/r", "--only", "releases"], index=index, runner=runner, github=github) == 0
    assert ran == [{"dagster": "1.14.0", "prefect": "3.9.1", "pytest": "9.0.3"}]
    assert [c[0] for c in github.calls] == ["list", "create"]
    # The set issue 19 pins: dagster 1.13.29 is out, but the other Dagster packages stop earlier.
    monkeypatch.setattr(freshness, "read_pins", lambda: {
        "dagster": "1.13.27", "dagster-webserver": "1.13.27", "dagster-dg-cli": "1.13.27", "dagster-dbt": "0.29.27",
        "prefect": "3.9.1", "prefect-dbt": "0.7.25"})
    capsys.readouterr()
    assert freshness.main(["--dry-run", "--only", "releases"], index=recorded_index, runner=runner) == 0
    assert len(ran) == 1
    out = capsys.readouterr().out
    assert "Dagster: dagster 1.13.29 is out, but dagster-webserver has no 1.13.29" in out
    assert "newest consistent release: Dagster 1.13.27, Prefect 3.9.1" in out


# --- Release figures ------------------------------------------------------------

def test_release_figures_count_like_with_like(freshness):
    tools = [{"id": "dagster", "package": "dagster", "version": "1.13.27"},
             {"id": "prefect", "package": "prefect", "version": "3.9.1"}]
    figures = freshness.release_figures(tools, recorded_index, date(2026, 12, 4))
    assert figures["fetched"] == "2026-12-04"
    assert figures["span"] == {"start": "2025-12-05", "end": "2026-12-04", "months": 12}
    dagster, prefect = figures["tools"]["dagster"], figures["tools"]["prefect"]
    assert (dagster["line"], dagster["count"], dagster["other_lines"]) == ("1.x", 4, 0)
    assert dagster["first"] == {"version": "1.13.26", "date": "2026-10-09"}
    assert dagster["last"] == {"version": "1.13.29", "date": "2026-11-05"}
    assert dagster["minor_versions"] == []
    assert dagster["reviewed"] == {"version": "1.13.27", "date": "2026-10-26"}
    assert dagster["requires_python"] == "<3.15,>=3.10"
    assert (prefect["line"], prefect["count"]) == ("3.x", 4)              # no .dev releases, no yanked 2.82
    assert prefect["minor_versions"] == [{"version": "3.9.0", "date": "2026-10-21"}]
    assert prefect["requires_python"] == "<3.16,>=3.11"
    early = freshness.release_figures(tools, recorded_index, date(2026, 10, 26))   # the span ends that day
    assert early["tools"]["dagster"]["count"] == 2 and early["tools"]["dagster"]["last"]["version"] == "1.13.27"
    assert freshness.span(date(2024, 2, 29)) == (date(2023, 3, 1), date(2024, 2, 29))


def test_other_major_lines_are_counted_apart(freshness):
    doc = {"releases": {v: [{"upload_time_iso_8601": d + "T10:00:00Z", "yanked": False, "requires_python": ">=3.9"}]
                        for v, d in {"2.20.25": "2026-01-05", "3.0.0": "2026-02-01", "3.0.1": "2026-02-08",
                                     "3.1.0rc1": "2026-03-01", "3.1.0": "2026-03-10"}.items()}}
    figures = freshness.release_figures([{"id": "x", "package": "x", "version": "3.0.1"}], lambda p: doc, date(2026, 6, 1))
    x = figures["tools"]["x"]
    assert (x["count"], x["other_lines"]) == (3, 1)
    assert [m["version"] for m in x["minor_versions"]] == ["3.0.0", "3.1.0"]


def test_written_figures_pass_the_schema_and_reach_the_rows(freshness, tmp_path):
    data_dir = copy_data(tmp_path)
    doc = {"releases": {v: [{"upload_time_iso_8601": d + "T10:00:00Z", "yanked": False, "requires_python": ">=3.10,<3.14"}]
                        for v, d in {"1.2.2": "2026-03-01", "1.2.3": "2026-04-01", "4.5.6": "2026-02-02"}.items()}}
    tools = [{"id": "alpha", "package": "alpha", "version": "1.2.3"}, {"id": "beta", "package": "beta", "version": "4.5.6"}]
    freshness.write_releases(freshness.release_figures(tools, lambda p: doc, date(2026, 5, 30)), data_dir / "releases.yml")
    text = (data_dir / "releases.yml").read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=schema/releases.schema.json\n")
    criteria = data_dir / "criteria.yml"
    criteria.write_text(criteria.read_text(encoding="utf-8").replace(
        "    ask: How often should work retry?\n", "    ask: How often should work retry?\n    releases: true\n"), encoding="utf-8")
    data = load(data_dir, FIXTURES / "docs", today=date(2026, 6, 1))
    assert data.releases.tool("alpha").count == 2
    assert data.criterion("retries").entry("beta").cell.startswith("Python 3.10 to 3.13; 1 final 4.x release in 12 months; ")


# --- Cited sources --------------------------------------------------------------

def test_every_url_in_data_is_found_with_its_row_and_tool(freshness, tmp_path):
    data_dir = copy_data(tmp_path)
    uses = freshness.cited(data_dir, {"alpha": "Alpha", "beta": "Beta"})
    assert freshness.Use("https://docs.alpha.example.org/units", "unit-of-work", "Alpha") in uses
    assert freshness.Use("https://github.com/beta-org/beta/blob/main/units.py", "unit-of-work", "Beta") in uses
    assert freshness.Use("https://github.com/alpha-org/alpha/blob/main/LICENSE", "data/tools.yml (alpha)", "Alpha") in uses
    assert not any(u.url == "https://docs.alpha.example.org/" for u in uses)   # official_sources are prefixes
    assert {u.where for u in uses if u.where.startswith("data/examples.yml")}   # the examples' `follows`


def test_the_site_cites_every_row_s_sources(freshness, site_data):
    uses = freshness.cited(ROOT / "data", {t.id: t.name for t in site_data.tools})
    for c in site_data.criteria:
        for tool_id, e in c.entries:
            for url in e.sources:
                assert freshness.Use(url, c.id, site_data.tool(tool_id).name) in uses


def test_sources_are_checked_on_recorded_responses(freshness):
    request = recorded_requests(freshness)
    check = lambda url: freshness.check(url, request)   # noqa: E731
    assert check("https://docs.example.org/ok") == freshness.Outcome("https://docs.example.org/ok", "ok")
    moved = check("https://docs.example.org/moved")
    assert (moved.kind, moved.detail) == ("moved", "redirects (301) to https://docs.example.org/elsewhere")
    assert check("https://docs.example.org/slash").kind == "ok"          # only adds a slash: followed, not news
    assert check("http://docs.example.org/plain").kind == "ok"           # only moves to https
    assert check("https://docs.example.org/gone").detail == "HTTP 404"
    assert check("https://docs.example.org/slash-gone").detail == "HTTP 404"   # a slash redirect to a missing page
    slow = check("https://docs.example.org/slow")
    assert (slow.kind, slow.detail) == ("failed", f"no answer within {freshness.TIMEOUT} s")
    assert check("https://docs.example.org/nohead").kind == "ok"
    assert ("GET", "https://docs.example.org/nohead") in request.asked   # HEAD refused (405), then GET
    assert ("GET", "https://docs.example.org/ok") not in request.asked
    assert check("https://docs.example.org/limited").kind == "unchecked"


def test_each_url_is_requested_once_a_few_at_a_time(freshness):
    import threading
    import time

    lock, now, peak = threading.Lock(), [0], [0]

    def request(method, url):
        with lock:
            now[0] += 1
            peak[0] = max(peak[0], now[0])
        time.sleep(0.01)
        with lock:
            now[0] -= 1
        return freshness.Response(200)

    urls = [f"https://docs.example.org/{n % 30}" for n in range(90)]
    outcomes = freshness.check_all(urls, request, workers=4)
    assert len(outcomes) == 30 and peak[0] <= 4


def test_the_links_issue_lists_what_fails_or_moved_with_row_and_tool(freshness):
    Use = freshness.Use
    uses = [Use("https://docs.example.org/ok", "retries", "Alpha"),
            Use("https://docs.example.org/moved", "retries", "Beta"),
            Use("https://docs.example.org/slash", "unit-of-work", "Alpha"),
            Use("https://docs.example.org/gone", "unit-of-work", "Beta"),
            Use("https://docs.example.org/gone", "data/examples.yml (retries)", "Beta"),
            Use("https://docs.example.org/slow", "data/tools.yml (alpha)", "Alpha"),
            Use("https://docs.example.org/nohead", "retries", "Alpha"),
            Use("https://docs.example.org/limited", "retries", "Alpha")]
    outcomes = freshness.check_all([u.url for u in uses], recorded_requests(freshness))
    title, body, problems = freshness.links_report(uses, outcomes, date(2026, 12, 7))
    assert title == "Cited sources to check: 3 pages fail or moved" and problems == 4
    rows = [line for line in body.splitlines() if line.startswith("| ") and "---" not in line][1:]
    assert rows == [
        "| `data/examples.yml (retries)` | Beta | https://docs.example.org/gone | HTTP 404 |",
        f"| `data/tools.yml (alpha)` | Alpha | https://docs.example.org/slow | no answer within {freshness.TIMEOUT} s |",
        f"| [unit-of-work]({freshness.SITE}/comparison/#unit-of-work) | Beta | https://docs.example.org/gone | HTTP 404 |",
        f"| [retries]({freshness.SITE}/comparison/#retries) | Beta | https://docs.example.org/moved "
        "| redirects (301) to https://docs.example.org/elsewhere |"]
    assert "the host limited requests, or a recorded run had no answer): https://docs.example.org/limited" in body
    assert body.endswith(freshness.LINKS_MARKER)
    clean_title, clean_body, none = freshness.links_report(uses[:1], outcomes, date(2026, 12, 7))
    assert none == 0 and clean_title == "Cited sources: none fails or moved"


def test_the_links_issue_is_opened_updated_and_closed_once_clean(freshness):
    marker = freshness.LINKS_MARKER
    fresh = FakeGitHub([])
    assert freshness.sync(fresh, marker, "t", "b", problems=True) == "opened #42"
    assert freshness.sync(FakeGitHub([]), marker, "t", "b", problems=False) == "nothing to report"
    known = FakeGitHub([{"number": 5, "body": f"old {marker}"}])
    assert freshness.sync(known, marker, "t", "b", problems=True) == "updated #5"
    assert freshness.sync(known, marker, "t", "b", problems=False) == "closed #5"
    assert known.calls[-1] == ("update", 5, "t", "closed")


def test_dry_run_checks_the_site_s_sources_offline(freshness, capsys):
    answers = {"https://docs.dagster.io/about/releases": {"HEAD": [404, None]},
               "https://github.com/PrefectHQ/prefect/releases": {"HEAD": [301, "https://github.com/PrefectHQ/prefect/tags"]},
               "https://www.prefect.io/docs/v3/release-notes/versioning": {"HEAD": "timeout"}}
    request = recorded_requests(freshness, answers, default=freshness.Response(200))
    assert freshness.main(["--dry-run", "--only", "links"], request=request, today=date(2026, 12, 7)) == 0
    out = capsys.readouterr().out
    assert "# Cited sources to check: 3 pages fail or moved" in out
    assert f"| [python-and-releases]({freshness.SITE}/comparison/#python-and-releases) | Dagster | " \
           "https://docs.dagster.io/about/releases | HTTP 404 |" in out
    assert "| Prefect | https://github.com/PrefectHQ/prefect/releases | redirects (301) to " \
           "https://github.com/PrefectHQ/prefect/tags |" in out


def test_the_command_runs_offline_on_the_recordings(freshness, tmp_path):
    """`scripts/freshness.py --recorded DIR`: the real command line, no network, no examples run."""
    import subprocess

    result = subprocess.run([sys.executable, "scripts/freshness.py", "--recorded", str(RECORDED)], cwd=ROOT,
                            capture_output=True, text=True, timeout=120,
                            env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "no_proxy": "*",
                                 "https_proxy": "http://127.0.0.1:9", "http_proxy": "http://127.0.0.1:9"})
    assert result.returncode == 0, result.stderr
    uses = freshness.cited(ROOT / "data", {})
    n = len({u.url for u in uses})   # the recording answers none of the site's URLs: all are reported unchecked
    assert f"# Cited sources: none fails or moved ({n} not checked)" in result.stdout
    assert "Not checked this time" in result.stdout and "not in the recording" not in result.stderr
    pins = freshness.read_pins()
    if {"dagster-webserver", "dagster-dg-cli", "dagster-dbt"} <= pins.keys() and pins["dagster"] == "1.13.27":
        assert "newest consistent release" in result.stdout
    else:
        assert "Review needed: Dagster 1.13.29 is out" in result.stdout and "| not run |" in result.stdout
