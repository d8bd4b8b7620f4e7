"""scripts/freshness.py: new releases, the examples' results, the issue it opens or updates.
The PyPI look-up, the examples run and GitHub are stubbed."""
from __future__ import annotations

import importlib.util
import sys

import pytest

from conftest import ROOT


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


def test_only_newer_releases_count(freshness, site_data):
    pins = {t.package: t.version for t in site_data.tools}
    newer = {"dagster": "1.14.0", "prefect": pins["prefect"]}
    releases = freshness.new_releases(site_data, pins, lambda package: newer[package])
    assert [(r.tool_id, r.pinned, r.latest) for r in releases] == [("dagster", pins["dagster"], "1.14.0")]
    assert freshness.new_releases(site_data, pins, lambda package: "0.1.0") == []


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

    def update_issue(self, number, title, body):
        self.calls.append(("update", number, title))
        return {"number": number}


def test_one_issue_per_tool_is_opened_then_updated(freshness):
    release = freshness.Release("prefect", "Prefect", "prefect", "3.9.1", "3.10.0")
    fresh = FakeGitHub([{"number": 7, "body": "about dagster <!-- freshness:dagster -->"}])
    assert freshness.sync_issue(fresh, release, "body") == "opened #42"
    assert fresh.calls[-1] == ("create", release.title, "freshness")
    known = FakeGitHub([{"number": 9, "body": "old text <!-- freshness:prefect -->"}])
    assert freshness.sync_issue(known, release, "new body") == "updated #9"
    assert known.calls[-1] == ("update", 9, release.title)


def test_main_runs_the_examples_only_for_new_releases(freshness, site_data, capsys):
    ran = []

    def runner(pins, package, version):
        ran.append((package, version))
        return junit(all_cases(site_data))

    github = FakeGitHub([])
    latest = {"dagster": "1.14.0", "prefect": "3.9.1"}
    assert freshness.main(["--repo", "o/r"], latest=latest.get, runner=runner, github=github) == 0
    assert ran == [("dagster", "1.14.0")]
    assert [c[0] for c in github.calls] == ["list", "create"]
    assert freshness.main(["--dry-run"], latest={"dagster": "1.13.29", "prefect": "3.9.1"}.get, runner=runner) == 0
    assert "newest release" in capsys.readouterr().out
