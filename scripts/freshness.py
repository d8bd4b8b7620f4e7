"""Is the comparison still current? Run weekly by .github/workflows/freshness.yml.

    python scripts/freshness.py [--dry-run] [--repo OWNER/NAME] [--only releases|links]
    python scripts/freshness.py --recorded tests/fixtures/freshness    # offline, prints only
    python scripts/freshness.py --write-releases

Releases: read the pinned versions (requirements-examples.txt) and, for each tool,
the newest version in which every pinned package of that tool exists (a Dagster
release counts once dagster-webserver, dagster-dbt and the other pinned Dagster
packages have it too). For every tool with a newer consistent set, run the examples
against it (the other tool stays pinned) in a throwaway virtual environment, then
open one issue per tool, or update the open one, saying which examples pass or fail
and which criteria to review first.

Links: request every source URL cited in data/ (HEAD, then GET when HEAD is refused),
a few at a time and each with a timeout, and open or update one issue listing those
that fail or now redirect to another path, with the row and tool citing each.

--write-releases: write data/releases.yml, the release figures that rows with
`releases: true` show, from the package index's JSON API.

Everything that touches the network or a subprocess is passed in, so the logic is
tested offline on recorded responses (tests/test_freshness.py).
"""
from __future__ import annotations

import argparse
import calendar
import http.client
import json
import os
import subprocess
import sys
import tempfile
import urllib.error
import urllib.request
import xml.etree.ElementTree as ET
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Callable
from urllib.parse import urljoin, urlsplit

import yaml
from packaging.version import InvalidVersion, Version

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
    packages: dict[str, str] = field(default_factory=dict)   # the tool's pinned packages at the new set
    results: dict[str, dict[str, bool]] = field(default_factory=dict)   # example id -> tool id -> passed

    @property
    def title(self) -> str:
        return f"Review needed: {self.name} {self.latest} is out (the site reviews {self.pinned})"


def read_pins(path: Path = ROOT / "requirements-examples.txt") -> dict[str, str]:
    return pins.read_pins(path)


# --- The package index ---------------------------------------------------------

def index_json(package: str) -> dict:
    """The package index's JSON document for a package: its info and every release's files."""
    with urllib.request.urlopen(f"https://pypi.org/pypi/{package}/json", timeout=30) as response:
        return json.load(response)


@dataclass(frozen=True)
class Upload:
    version: str
    date: str                       # YYYY-MM-DD (UTC) of its first file
    requires_python: str | None


def final_releases(doc: dict) -> dict[str, Upload]:
    """version -> Upload for every final release: no pre-release or development release,
    and at least one file that is not yanked (yanked files are ignored)."""
    out = {}
    for version, files in (doc.get("releases") or {}).items():
        try:
            v = Version(version)
        except InvalidVersion:
            continue
        kept = [f for f in files or () if not f.get("yanked")]
        if v.is_prerelease or v.is_devrelease or not kept:
            continue
        first = min(kept, key=lambda f: f["upload_time_iso_8601"])
        out[version] = Upload(version, first["upload_time_iso_8601"][:10],
                              next((f["requires_python"] for f in kept if f.get("requires_python")), None))
    return out


# --- The newest consistent set of each tool's packages -----------------------------

def tool_pins(package: str, pins: dict[str, str]) -> dict[str, str]:
    """A tool's pinned packages: its core package and those named after it (dagster-dbt)."""
    return {p: v for p, v in pins.items() if p == package or p.startswith(package + "-")}


TOGETHER_DAYS = 2   # pinned releases this close are taken as released together


def lockstep(core_pin: Upload, pin: Upload) -> tuple[int, int] | None:
    """How a companion package's versions follow the core's, read from the two pinned
    releases: (major, minor) offsets when they share the patch number and were released
    together (dagster-dbt 0.29.27 beside dagster 1.13.27, the same day: (-1, +16)), else
    None: a package versioned on its own (prefect-dbt), which constrains nothing here."""
    core, other = Version(core_pin.version).release, Version(pin.version).release
    if len(core) != 3 or len(other) != 3 or core[2] != other[2]:
        return None
    if abs((date.fromisoformat(core_pin.date) - date.fromisoformat(pin.date)).days) > TOGETHER_DAYS:
        return None
    return other[0] - core[0], other[1] - core[1]


def companion(version: str, offset: tuple[int, int]) -> str:
    major, minor, patch = Version(version).release[:3]
    return f"{major + offset[0]}.{minor + offset[1]}.{patch}"


def followers(core: str, pins: dict[str, str], versions: dict[str, dict[str, Upload]]) -> dict[str, tuple[int, int]]:
    """The pinned packages that follow the core in lockstep, with their offsets."""
    def pinned(p):
        return versions[p].get(pins[p])

    return {p: off for p in pins if p != core and pinned(p) and pinned(core)
            and (off := lockstep(pinned(core), pinned(p))) is not None}


def newest_consistent(core: str, pins: dict[str, str], versions: dict[str, dict[str, Upload]]) -> tuple[str, list[str]]:
    """The newest final version of `core` for which every pinned package that follows it
    in lockstep also has its matching release, and why newer ones do not count.

    pins: the tool's pins (core included); versions: package -> its final releases."""
    follow = followers(core, pins, versions)
    held = []
    for v in sorted(versions[core], key=Version, reverse=True):
        if follow and len(Version(v).release) != 3:
            continue   # a post release or a two-part version has no lockstep partner
        missing = [p for p, off in follow.items() if companion(v, off) not in versions[p]]
        if not missing:
            return v, held
        held.append(f"{core} {v} is out, but " + ", ".join(f"{p} has no {companion(v, follow[p])}" for p in missing))
    return pins[core], held


def new_releases(data: SiteData, pins: dict[str, str], index: Callable[[str], dict]) -> list[Release]:
    found = []
    for t in data.tools:
        pinned = pins.get(t.package)
        if pinned is None:
            continue
        mine = tool_pins(t.package, pins)
        versions = {p: final_releases(index(p)) for p in mine}
        newest, held = newest_consistent(t.package, mine, versions)
        for line in held:
            print(f"{t.name}: {line}; not counted as new")
        if Version(newest) > Version(pinned):
            follow = followers(t.package, mine, versions)
            found.append(Release(t.id, t.name, t.package, pinned, newest,
                                 packages={p: newest if p == t.package else companion(newest, follow[p]) if p in follow
                                           else v for p, v in mine.items()}))
    return found


# --- Release figures (data/releases.yml) ---------------------------------------------

RELEASES_FILE = ROOT / "data" / "releases.yml"
SPAN_MONTHS = 12


def span(end: date, months: int = SPAN_MONTHS) -> tuple[date, date]:
    """The `months` before `end`, both days included: 2025-12-05 to 2026-12-04 for 12."""
    year, month = divmod(end.year * 12 + end.month - 1 - months, 12)
    day = min(end.day, calendar.monthrange(year, month + 1)[1])
    return date(year, month + 1, day) + timedelta(days=1), end


def release_figures(tools: list[dict], index: Callable[[str], dict], today: date) -> dict:
    """Per tool, counted the same way: final releases of the core package on the reviewed
    version's major line (1.x, 3.x) whose first file was uploaded within the same span, the
    first and last of them, the new minor versions (x.y.0) among them, how many releases
    of other major lines fell in the span, and the reviewed version's date and Requires-Python."""
    start, end = span(today)
    out = {}
    for t in tools:
        uploads = final_releases(index(t["package"]))
        if t["version"] not in uploads:
            raise SystemExit(f"{t['package']} {t['version']} (tools.yml) is not a final release on the package index")
        major = Version(t["version"]).major
        spanned = sorted((u for u in uploads.values() if start.isoformat() <= u.date <= end.isoformat()),
                         key=lambda u: (u.date, Version(u.version)))
        inside = [u for u in spanned if Version(u.version).major == major]
        reviewed = uploads[t["version"]]
        entry = {"package": t["package"], "line": f"{major}.x", "count": len(inside),
                 "other_lines": len(spanned) - len(inside)}
        if inside:
            entry["first"] = {"version": inside[0].version, "date": inside[0].date}
            entry["last"] = {"version": inside[-1].version, "date": inside[-1].date}
        entry["minor_versions"] = [{"version": u.version, "date": u.date} for u in inside
                                   if Version(u.version).micro == 0 and len(Version(u.version).release) == 3]
        entry["reviewed"] = {"version": reviewed.version, "date": reviewed.date}
        entry["requires_python"] = reviewed.requires_python or ""
        out[t["id"]] = entry
    return {"fetched": today.isoformat(),
            "span": {"start": start.isoformat(), "end": end.isoformat(), "months": SPAN_MONTHS},
            "tools": out}


RELEASES_HEADER = """\
# yaml-language-server: $schema=schema/releases.schema.json
# Written by `python scripts/freshness.py --write-releases` from the package index's
# JSON API: do not edit by hand, run it again (after moving a pin, say). For every tool,
# the same count: final releases of the core package on the reviewed major line (no
# pre-releases, development releases or yanked files) first uploaded within the same
# span, up to the fetch date; releases of other major lines are counted apart.
# Rows with `releases: true` in criteria.yml show these figures.
"""


def write_releases(figures: dict, path: Path = RELEASES_FILE) -> None:
    path.write_text(RELEASES_HEADER + yaml.safe_dump(figures, sort_keys=False, allow_unicode=True), encoding="utf-8")


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


def run_examples(pins: dict[str, str]) -> str:
    """Run the examples against these pins (one tool's packages moved to its new set); return the JUnit XML."""
    with tempfile.TemporaryDirectory() as tmp:
        venv = Path(tmp) / "venv"
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        python = venv / "bin" / "python"
        reqs = Path(tmp) / "requirements.txt"
        reqs.write_text("\n".join(f"{p}=={v}" for p, v in pins.items()) + "\n")
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
              "Set " + ", ".join(f"`{p}=={v}`" for p, v in (release.packages or {release.package: release.latest}).items())
              + f" in `requirements-examples.txt` and `version: \"{release.latest}\"` in `data/tools.yml`, "
              "update the reviewed cells, run `python scripts/freshness.py --write-releases`, and run `make test`.",
              "", f"<!-- {LABEL}:{release.package} -->"]
    return "\n".join(lines)


# --- Cited sources ----------------------------------------------------------------

LINKS_MARKER = f"<!-- {LABEL}:links -->"
TIMEOUT = 15          # seconds per request
WORKERS = 8           # requests in flight at once
MAX_HOPS = 5          # redirects followed when they only add a slash or move to https
REFUSED = (403, 405, 501)   # HEAD refused: ask again with GET
AGENT = "dagster-or-prefect-freshness/1 (+https://github.com/dagster-or-prefect/dagster-or-prefect)"


@dataclass(frozen=True)
class Use:
    """Where data/ cites a URL: the row (criterion id, else the data file and item) and the tool."""
    url: str
    where: str
    tool: str


def cited(data_dir: Path, tools: dict[str, str]) -> list[Use]:
    """Every http(s) URL written in a data file, with the row and tool that cite it.
    tools: tool id -> name. official_sources are prefixes, not pages, and are skipped."""
    uses = []
    for path in sorted(data_dir.glob("*.yml")):
        doc = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        rel = f"data/{path.name}"

        def walk(value, trail, where, tool):
            if isinstance(value, dict):
                if isinstance(value.get("id"), str):
                    where = value["id"] if path.name == "criteria.yml" else f"{rel} ({value['id']})"
                    if path.name == "tools.yml" and value["id"] in tools:
                        tool = tools[value["id"]]
                for key, sub in value.items():
                    if key == "official_sources":
                        continue
                    walk(sub, trail + (key,), where,
                         tools[key] if trail and trail[-1] == "tools" and key in tools else tool)
            elif isinstance(value, list):
                for item in value:
                    walk(item, trail, where, tool)
            elif isinstance(value, str) and value.startswith(("http://", "https://")):
                uses.append(Use(value, where, tool))

        walk(doc, (), rel, "")
    return uses


@dataclass(frozen=True)
class Response:
    status: int
    location: str | None = None


@dataclass(frozen=True)
class Outcome:
    url: str
    kind: str         # "ok", "moved", "failed", or "unchecked" (the host limited requests)
    detail: str = ""


def http_request(method: str, url: str) -> Response:
    """One request, redirects not followed, the body not read."""
    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    opener = urllib.request.build_opener(NoRedirect)
    request = urllib.request.Request(url, method=method, headers={"User-Agent": AGENT, "Accept": "*/*"})
    try:
        with opener.open(request, timeout=TIMEOUT) as response:
            return Response(response.status, response.headers.get("Location"))
    except urllib.error.HTTPError as e:
        return Response(e.code, e.headers.get("Location") if e.headers else None)
    except urllib.error.URLError as e:
        if isinstance(e.reason, TimeoutError):
            raise TimeoutError(str(e.reason)) from None
        raise OSError(str(e.reason)) from None
    except http.client.HTTPException as e:   # a malformed or cut-off answer
        raise OSError(f"{type(e).__name__}: {e}") from None
    except ValueError as e:                  # a URL urllib cannot request
        raise OSError(str(e)) from None


def same_page(old: str, new: str) -> bool:
    """A redirect that only adds (or drops) a trailing slash, or moves http to https."""
    a, b = urlsplit(old), urlsplit(new)
    return ((a.scheme, b.scheme) in (("http", "https"), ("https", "https"), ("http", "http"))
            and a.netloc.lower() == b.netloc.lower() and a.query == b.query
            and a.path.rstrip("/") == b.path.rstrip("/"))


class NotRecorded(LookupError):
    """--recorded: the recording has no answer for this request."""


def recorded(folder: Path) -> tuple[Callable[[str], dict], Callable[[str, str], Response]]:
    """The package index and the sources as recorded in a folder (index/<package>.json and
    responses.json: URL -> method -> [status, Location] or "timeout"), for an offline run."""
    answers = json.loads((folder / "responses.json").read_text(encoding="utf-8"))

    def index(package: str) -> dict:
        return json.loads((folder / "index" / f"{package}.json").read_text(encoding="utf-8"))

    def request(method: str, url: str) -> Response:
        answer = answers.get(url, {}).get(method)
        if answer is None:
            raise NotRecorded(f"{method} {url}")
        if answer == "timeout":
            raise TimeoutError(url)
        return Response(*answer)

    return index, request


def check(url: str, request: Callable[[str, str], Response]) -> Outcome:
    """HEAD (GET when HEAD is refused), following only redirects that keep the page."""
    current = url
    for _ in range(MAX_HOPS + 1):
        try:
            response = request("HEAD", current)
            if response.status in REFUSED:
                response = request("GET", current)
        except NotRecorded:
            return Outcome(url, "unchecked", "not in the recording")
        except TimeoutError:
            return Outcome(url, "failed", f"no answer within {TIMEOUT} s")
        except OSError as e:
            return Outcome(url, "failed", f"could not connect ({e})")
        status = response.status
        if 200 <= status < 300:
            return Outcome(url, "ok")
        if status in (301, 302, 303, 307, 308) and response.location:
            target = urljoin(current, response.location)
            if same_page(current, target):
                current = target
                continue
            return Outcome(url, "moved", f"redirects ({status}) to {target}")
        if status == 429:
            return Outcome(url, "unchecked", "the host limited requests (429)")
        return Outcome(url, "failed", f"HTTP {status}")
    return Outcome(url, "failed", f"more than {MAX_HOPS} redirects")


def check_all(urls: list[str], request: Callable[[str, str], Response], workers: int = WORKERS) -> dict[str, Outcome]:
    """Each distinct URL once, at most `workers` at a time."""
    distinct = sorted(set(urls))
    with ThreadPoolExecutor(max_workers=workers) as pool:
        return dict(zip(distinct, pool.map(lambda u: check(u, request), distinct)))


def links_report(uses: list[Use], outcomes: dict[str, Outcome], today: date) -> tuple[str, str, int]:
    """(title, body, number of problems) for the one issue about cited sources."""
    bad = [(u, outcomes[u.url]) for u in uses if outcomes[u.url].kind in ("failed", "moved")]
    unchecked = sorted({u.url for u in uses if outcomes[u.url].kind == "unchecked"})
    pages = len({u.url for u, _ in bad})
    title = (f"Cited sources to check: {pages} page{'s' if pages != 1 else ''} fail or moved" if bad
             else "Cited sources: none fails or moved" + (f" ({len(unchecked)} not checked)" if unchecked else ""))
    lines = [f"Checked on {today.isoformat()}: {len(outcomes)} distinct URLs cited in `data/` "
             f"(HEAD, then GET when HEAD is refused; redirects that only add a slash or move to https are followed).", ""]
    if bad:
        lines += ["| row | tool | source | what happened |", "| --- | --- | --- | --- |"]
        order = {"failed": 0, "moved": 1}
        for u, o in sorted(bad, key=lambda b: (order[b[1].kind], b[0].where, b[0].tool, b[0].url)):
            row = f"[{u.where}]({SITE}/comparison/#{u.where})" if "/" not in u.where else f"`{u.where}`"
            lines.append(f"| {row} | {u.tool or '-'} | {u.url} | {o.detail} |")
        lines += ["", "For each: find the page's new address in the tool's docs or repository, check that the cell "
                  "still reads right there, and update the source and `reviewed`."]
    else:
        lines.append(f"{len(outcomes) - len(unchecked)} answered; none failed or moved to another path.")
    if unchecked:
        lines += ["", f"Not checked this time ({len(unchecked)}: the host limited requests, or a recorded run "
                  "had no answer): " + ", ".join(unchecked)]
    lines += ["", LINKS_MARKER]
    return title, "\n".join(lines), len(bad)


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

    def update_issue(self, number: int, title: str, body: str, state: str | None = None) -> dict:
        return self._call("PATCH", f"/issues/{number}",
                          {"title": title, "body": body, **({"state": state} if state else {})})


def sync(github, marker: str, title: str, body: str, problems: bool = True) -> str:
    """One open issue per marker: update it if it is there, else open it. With no
    problems, nothing is opened, and an open issue is updated and closed."""
    for issue in github.open_issues(LABEL):
        if marker in (issue.get("body") or ""):
            if not problems:
                github.update_issue(issue["number"], title, body, state="closed")
                return f"closed #{issue['number']}"
            github.update_issue(issue["number"], title, body)
            return f"updated #{issue['number']}"
    if not problems:
        return "nothing to report"
    created = github.create_issue(title, body, LABEL)
    return f"opened #{created.get('number')}"


def sync_issue(github, release: Release, body: str) -> str:
    """One open issue per tool."""
    return sync(github, f"<!-- {LABEL}:{release.package} -->", release.title, body)


def main(argv: list[str], index=index_json, runner=run_examples, github=None, request=http_request,
         today: date | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dry-run", action="store_true", help="print the issues instead of opening them")
    parser.add_argument("--repo", default=os.environ.get("GITHUB_REPOSITORY", ""))
    parser.add_argument("--only", choices=("releases", "links"), help="run one of the two checks")
    parser.add_argument("--recorded", type=Path, metavar="DIR",
                        help="offline: answer from recordings in DIR (index/<package>.json, responses.json) "
                             "and do not run the examples; implies --dry-run")
    parser.add_argument("--write-releases", action="store_true",
                        help=f"write {RELEASES_FILE.relative_to(ROOT)} from the package index, then stop")
    args = parser.parse_args(argv)
    today = today or datetime.now(timezone.utc).date()
    if args.recorded:
        index, request = recorded(args.recorded)
        runner, args.dry_run = (lambda pins: "<testsuites/>"), True
    if args.write_releases:
        # From tools.yml alone: the figures must be writable while the old ones no longer match it.
        tools = yaml.safe_load((ROOT / "data" / "tools.yml").read_text(encoding="utf-8"))["tools"]
        figures = release_figures(tools, index, today)
        write_releases(figures)
        for tool_id, f in figures["tools"].items():
            print(f"{tool_id}: {f['count']} final releases from {figures['span']['start']} to "
                  f"{figures['span']['end']}; {f['reviewed']['version']} released {f['reviewed']['date']}, "
                  f"Requires-Python {f['requires_python']}")
        return 0

    data, pins = load(ROOT / "data"), read_pins()

    def client():
        return github or GitHub(args.repo, os.environ["GITHUB_TOKEN"])

    if args.only in (None, "releases"):
        releases = new_releases(data, pins, index)
        if not releases:
            print("Every tool is at its newest consistent release: "
                  + ", ".join(f"{t.name} {t.version}" for t in data.tools))
        for release in releases:
            release.results = results_from_junit(runner({**pins, **release.packages}), data)
            body = issue_body(release, data)
            if args.dry_run:
                print(f"# {release.title}\n\n{body}\n")
                continue
            print(f"{release.title}: {sync_issue(client(), release, body)}")

    if args.only in (None, "links"):
        uses = cited(ROOT / "data", {t.id: t.name for t in data.tools})
        outcomes = check_all([u.url for u in uses], request)
        title, body, problems = links_report(uses, outcomes, today)
        if args.dry_run:
            print(f"# {title}\n\n{body}\n")
        else:
            print(f"{title}: {sync(client(), LINKS_MARKER, title, body, problems=bool(problems))}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
