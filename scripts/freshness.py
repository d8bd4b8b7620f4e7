"""Is the comparison still current? Run weekly by .github/workflows/freshness.yml.

    python scripts/freshness.py [--dry-run] [--repo OWNER/NAME]

1. Read the pinned versions (requirements-examples.txt) and ask PyPI for each
   tool's newest release.
2. For every tool with a newer release, run the examples against that release
   (the other tool stays pinned) in a throwaway virtual environment.
3. Open one issue per new release, or update the open one, saying which
   examples pass or fail and which criteria to review first.

Everything that touches the network or a subprocess is passed in, so the logic is
tested with stubs (tests/test_freshness.py).
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import urllib.request
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from packaging.version import Version

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from macros.load import load, pins  # noqa: E402
from macros.records import SiteData  # noqa: E402

LABEL = "freshness"
SITE = "https://dagster-or-prefect.github.io/dagster-or-prefect"


@dataclass
class Release:
    tool_id: str
    name: str
    package: str
    pinned: str
    latest: str
    results: dict[str, dict[str, bool]] = field(default_factory=dict)   # example id -> tool id -> passed

    @property
    def title(self) -> str:
        return f"Review needed: {self.name} {self.latest} is out (the site reviews {self.pinned})"


def read_pins(path: Path = ROOT / "requirements-examples.txt") -> dict[str, str]:
    return pins.read_pins(path)


def pypi_latest(package: str) -> str:
    """The newest release on PyPI (not a pre-release)."""
    with urllib.request.urlopen(f"https://pypi.org/pypi/{package}/json", timeout=30) as response:
        return json.load(response)["info"]["version"]


def new_releases(data: SiteData, pins: dict[str, str], latest: Callable[[str], str]) -> list[Release]:
    found = []
    for t in data.tools:
        pinned = pins.get(t.package)
        if pinned is None:
            continue
        newest = latest(t.package)
        if Version(newest) > Version(pinned):
            found.append(Release(t.id, t.name, t.package, pinned, newest))
    return found


def results_from_junit(xml_text: str, data: SiteData) -> dict[str, dict[str, bool]]:
    """Example id -> tool id -> passed, from examples/test_examples.py's JUnit report.
    Tests are named test_<example id with underscores>_<tool id>; a test that names an
    example but no tool (e.g. one running both files) counts for every tool."""
    results: dict[str, dict[str, bool]] = {}
    tools = [t.id for t in data.tools]
    for case in ET.fromstring(xml_text).iter("testcase"):
        name = case.get("name", "").split("[")[0]
        passed = not any(child.tag in ("failure", "error") for child in case)
        for x in data.examples:
            stem = "test_" + x.id.replace("-", "_")
            if not name.startswith(stem):
                continue
            suffix = name[len(stem):].lstrip("_")
            for tool_id in ([suffix] if suffix in tools else [t for t in tools if t in x.tool_ids]):
                results.setdefault(x.id, {})
                results[x.id][tool_id] = results[x.id].get(tool_id, True) and passed
    return results


def run_examples(pins: dict[str, str], package: str, version: str) -> str:
    """Run the examples with one package moved to a new release; return the JUnit XML."""
    with tempfile.TemporaryDirectory() as tmp:
        venv = Path(tmp) / "venv"
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        python = venv / "bin" / "python"
        reqs = Path(tmp) / "requirements.txt"
        reqs.write_text("\n".join(f"{p}=={version if p == package else v}" for p, v in pins.items()) + "\n")
        subprocess.run([str(python), "-m", "pip", "install", "--quiet", "-r", str(reqs)], check=True)
        report = Path(tmp) / "junit.xml"
        subprocess.run([str(python), "-m", "pytest", "-q", str(ROOT / "examples"), f"--junitxml={report}"])
        return report.read_text(encoding="utf-8") if report.exists() else "<testsuites/>"


def issue_body(release: Release, data: SiteData) -> str:
    """What to do about a new release: the examples' results, then the rows to review."""
    lines = [f"{release.name} {release.latest} was released; this site reviewed {release.name} {release.pinned}.",
             "", "## Examples against the new release", "",
             f"| example | {release.name} {release.latest} |", "| --- | --- |"]
    failing = []
    for x in data.examples:
        if release.tool_id not in x.tool_ids:
            continue
        passed = release.results.get(x.id, {}).get(release.tool_id)
        status = "passes" if passed else ("fails" if passed is False else "not run")
        if passed is not True:
            failing.append(x)
        lines.append(f"| [{x.title}]({SITE}/examples/#{x.id}) | {status} |")
    first = [cid for x in failing for cid in x.criteria]
    rows = sorted(data.criteria, key=lambda c: (c.id not in first, c.entry(release.tool_id).reviewed, c.id))
    lines += ["", "## Criteria to review", "",
              "Rows illustrated by a failing example come first, then the oldest reviews.", ""]
    lines += [f"- [ ] [{c.title}]({SITE}/comparison/#{c.id}): {release.name} cell reviewed "
              f"{c.entry(release.tool_id).reviewed}" + (" (example fails)" if c.id in first else "") for c in rows]
    lines += ["", "## When done", "",
              f"Set `{release.package}=={release.latest}` in `requirements-examples.txt` and "
              f"`version: \"{release.latest}\"` in `data/tools.yml`, update the reviewed cells, and run `make test`.",
              "", f"<!-- {LABEL}:{release.package} -->"]
    return "\n".join(lines)


class GitHub:
    """The few GitHub REST calls the workflow needs, with the workflow's token."""

    def __init__(self, repo: str, token: str):
        self.repo, self.token = repo, token

    def _call(self, method: str, path: str, body: dict | None = None):
        request = urllib.request.Request(
            f"https://api.github.com/repos/{self.repo}{path}", method=method,
            data=json.dumps(body).encode() if body is not None else None,
            headers={"Authorization": f"Bearer {self.token}", "Accept": "application/vnd.github+json"})
        with urllib.request.urlopen(request, timeout=30) as response:
            return json.load(response)

    def open_issues(self, label: str) -> list[dict]:
        return self._call("GET", f"/issues?state=open&labels={label}&per_page=100")

    def create_issue(self, title: str, body: str, label: str) -> dict:
        return self._call("POST", "/issues", {"title": title, "body": body, "labels": [label]})

    def update_issue(self, number: int, title: str, body: str) -> dict:
        return self._call("PATCH", f"/issues/{number}", {"title": title, "body": body})


def sync_issue(github, release: Release, body: str) -> str:
    """One open issue per tool: update it if the marker is there, else open it."""
    marker = f"<!-- {LABEL}:{release.package} -->"
    for issue in github.open_issues(LABEL):
        if marker in (issue.get("body") or ""):
            github.update_issue(issue["number"], release.title, body)
            return f"updated #{issue['number']}"
    created = github.create_issue(release.title, body, LABEL)
    return f"opened #{created.get('number')}"


def main(argv: list[str], latest=pypi_latest, runner=run_examples, github=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dry-run", action="store_true", help="print the issues instead of opening them")
    parser.add_argument("--repo", default=os.environ.get("GITHUB_REPOSITORY", ""))
    args = parser.parse_args(argv)
    data, pins = load(ROOT / "data"), read_pins()
    releases = new_releases(data, pins, latest)
    if not releases:
        print("Every tool is at its newest release: " + ", ".join(f"{t.name} {t.version}" for t in data.tools))
        return 0
    for release in releases:
        release.results = results_from_junit(runner(pins, release.package, release.latest), data)
        body = issue_body(release, data)
        if args.dry_run:
            print(f"# {release.title}\n\n{body}\n")
            continue
        client = github or GitHub(args.repo, os.environ["GITHUB_TOKEN"])
        print(f"{release.title}: {sync_issue(client, release, body)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
