"""Small synthetic data to break on purpose, and helpers to read what the checker says.

The rule tests work on tests/fixtures/data (with the real schemas), so that a content
edit in data/ never breaks them; the real data is checked by properties elsewhere."""
from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
import yaml

from conftest import ROOT
from macros.load import load
from macros.problems import DataError

FIXTURES = ROOT / "tests" / "fixtures"
TODAY = date(2026, 6, 1)   # the fixture's "today": its review dates lie before it


def copy_data(tmp_path: Path) -> Path:
    """The synthetic data files with the real schemas, ready to break."""
    dest = tmp_path / "data"
    shutil.copytree(FIXTURES / "data", dest)
    shutil.copytree(ROOT / "data" / "schema", dest / "schema")
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
    for item in ("mkdocs.yml", "docs", "overrides", "macros", "data", "examples"):
        src = ROOT / item
        if src.is_dir():
            shutil.copytree(src, project / item, ignore=shutil.ignore_patterns("__pycache__"))
        elif src.is_file():
            shutil.copy(src, project / item)
    return project


THIRD = {"id": "airflow", "name": "Airflow", "package": "apache-airflow", "version": "3.1.0", "license": "Apache-2.0",
         "homepage": "https://airflow.apache.org", "docs": "https://airflow.apache.org/docs/",
         "repository": "https://github.com/apache/airflow", "hosted": "Astro",
         "official_sources": ["https://airflow.apache.org/"]}


def add_third_tool(data_dir: Path) -> None:
    """A fixture's third tool, with an entry in every criterion: only data changes."""
    for name, change in (
        ("tools.yml", lambda doc: doc["tools"].append(THIRD)),
        ("criteria.yml", lambda doc: [c["tools"].update(airflow={
            "cell": f"Airflow cell {c['id']}", "note": "A fixture note.", "availability": "open-source",
            "sources": ["https://airflow.apache.org/docs/"], "reviewed": "2026-11-01"}) for c in doc["criteria"]]),
    ):
        path = data_dir / name
        header = path.read_text(encoding="utf-8").splitlines()[0]
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        change(doc)
        path.write_text(header + "\n" + yaml.safe_dump(doc, sort_keys=False, allow_unicode=True), encoding="utf-8")
