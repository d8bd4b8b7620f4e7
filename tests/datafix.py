"""Small synthetic data to break on purpose, and helpers to read what the checker says.

The rule tests work on tests/fixtures/data (with the real schemas), so that a content
edit in data/ never breaks them; the real data is checked by properties elsewhere."""
from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from conftest import ROOT
from macros.load import load
from macros.problems import DataError

FIXTURES = ROOT / "tests" / "fixtures"
TODAY = date(2026, 6, 1)   # the fixture's "today": its review dates lie before it


def copy_data(tmp_path: Path) -> Path:
    """The synthetic data files with the real schemas (and the fixture's example files
    beside them, as examples/ sits beside data/), ready to break."""
    dest = tmp_path / "data"
    shutil.copytree(FIXTURES / "data", dest)
    shutil.copytree(ROOT / "data" / "schema", dest / "schema")
    shutil.copytree(FIXTURES / "examples", tmp_path / "examples")
    shutil.copy(FIXTURES / "requirements-examples.txt", tmp_path / "requirements-examples.txt")
    return dest


def edit(data_dir: Path, name: str, old: str, new: str, count: int = 1) -> None:
    """Replace text in a data file; fails loudly if the text is not there."""
    path = data_dir / name
    text = path.read_text(encoding="utf-8")
    assert text.count(old) >= count, f"{old!r} not found in {name}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def line_of(data_dir: Path, name: str, needle: str, nth: int = 1) -> int:
    """1-based line number of the nth line containing needle."""
    hits = [n for n, line in enumerate((data_dir / name).read_text(encoding="utf-8").splitlines(), 1) if needle in line]
    assert len(hits) >= nth, f"{needle!r} not in {name}"
    return hits[nth - 1]


def fixture_data(tmp_path: Path):
    """The synthetic data as records."""
    return load(copy_data(tmp_path), FIXTURES / "docs", today=TODAY)


def problems(data_dir: Path) -> list[str]:
    """The lines a contributor would read for this data folder (it must be invalid)."""
    with pytest.raises(DataError) as info:
        load(data_dir, FIXTURES / "docs", today=TODAY)
    return [str(p) for p in info.value.problems]


def copy_project(tmp_path: Path) -> Path:
    """A copy of everything a build reads, so a test can change the data and build it."""
    project = tmp_path / "project"
    project.mkdir(parents=True)
    for item in ("mkdocs.yml", "docs", "overrides", "macros", "data", "examples", "requirements-examples.txt"):
        src = ROOT / item
        if src.is_dir():
            shutil.copytree(src, project / item, ignore=shutil.ignore_patterns("__pycache__"))
        elif src.is_file():
            shutil.copy(src, project / item)
    if (ROOT / "node_modules").is_dir():   # the post-build step's esbuild, as in the real project
        (project / "node_modules").symlink_to(ROOT / "node_modules", target_is_directory=True)
    return project


THIRD = {"id": "airflow", "name": "Airflow", "package": "apache-airflow", "version": '"3.1.0"', "license": "Apache-2.0",
         "homepage": "https://airflow.apache.org", "docs": "https://airflow.apache.org/docs/",
         "repository": "https://github.com/apache/airflow", "hosted": "Astro",
         "official_sources": ["https://airflow.apache.org/"]}


def add_third_tool(data_dir: Path) -> None:
    """A fixture's third tool, with an entry in every criterion: only data changes.
    Edited as text, so the files keep their comments (the contributor guide includes
    a marked section of criteria.yml)."""
    tools = data_dir / "tools.yml"
    entry = [f"  - id: {THIRD['id']}"] + [
        f"    {k}: {v}" if not isinstance(v, list) else f"    {k}:\n" + "\n".join(f"      - {x}" for x in v)
        for k, v in THIRD.items() if k != "id"]
    tools.write_text(tools.read_text(encoding="utf-8").rstrip("\n") + "\n" + "\n".join(entry) + "\n", encoding="utf-8")
    out, criterion, in_last_tool = [], None, False
    lines = (data_dir / "criteria.yml").read_text(encoding="utf-8").splitlines()
    for n, line in enumerate(lines):
        if line.startswith("  - id: "):
            criterion = line.split(":", 1)[1].strip()
        out.append(line)
        in_last_tool = in_last_tool or line == "      prefect:"
        following = lines[n + 1] if n + 1 < len(lines) else ""
        if in_last_tool and not following.startswith("        "):
            out += ["      airflow:", f"        cell: Airflow cell {criterion}", "        note: A fixture note.",
                    "        availability: open-source", "        sources:",
                    "          - https://airflow.apache.org/docs/", "        reviewed: 2026-11-01"]
            in_last_tool = False
    (data_dir / "criteria.yml").write_text("\n".join(out) + "\n", encoding="utf-8")
    releases = data_dir / "releases.yml"   # its release figures, as --write-releases would add them
    releases.write_text(releases.read_text(encoding="utf-8").rstrip("\n") + "\n" + "\n".join([
        f"  {THIRD['id']}:", f"    package: {THIRD['package']}", "    line: 3.x", "    count: 0", "    other_lines: 0",
        "    minor_versions: []", "    reviewed:", f"      version: {THIRD['version']}", "      date: '2026-10-01'",
        "    requires_python: '>=3.10'"]) + "\n", encoding="utf-8")
    for name in ("self_hosting.yml", "moving.yml"):
        _add_topic_sides(data_dir / name)


def _add_topic_sides(path: Path) -> None:
    """Give the third tool a side in every topic of a topic file (/self-hosting/, /moving/)."""
    import yaml

    if not path.is_file():
        return
    text = path.read_text(encoding="utf-8")
    doc = yaml.safe_load(text)
    for topic in doc.get("topics", []):
        topic["tools"][THIRD["id"]] = {
            "summary": f"Airflow side {topic['id']}",
            "points": [{"text": "A fixture point.", "sources": ["https://airflow.apache.org/docs/"],
                        "reviewed": "2026-11-01"}]}
    first = text.splitlines()[0]
    path.write_text(first + "\n" + yaml.safe_dump(doc, sort_keys=False, allow_unicode=True), encoding="utf-8")
