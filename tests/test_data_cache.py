"""The data cache (macros/load/cache.py): a repeat load reads files that read and validated
cleanly before from .cache/data, and nothing it keeps can hide a problem."""
from __future__ import annotations

import json

import pytest

from datafix import FIXTURES, TODAY, copy_data, edit, problems
from macros.load import cache, load


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("SITE_CACHE_DIR", str(folder))
    return folder / "data"


def test_a_repeat_load_reads_the_cache_and_gives_the_same_records(tmp_path, cache_dir, monkeypatch):
    data_dir = copy_data(tmp_path)
    first = load(data_dir, FIXTURES / "docs", today=TODAY)
    stored = sorted(cache_dir.glob("*.pickle"))
    assert len(stored) == len(list(data_dir.glob("*.yml")))   # one entry per clean file
    read_again = []
    monkeypatch.setattr("macros.load.read", lambda *a: read_again.append(a) or pytest.fail("read a cached file"))
    assert load(data_dir, FIXTURES / "docs", today=TODAY) == first
    assert read_again == []


def test_an_edit_is_read_and_the_old_entry_is_not_used(tmp_path, cache_dir):
    data_dir = copy_data(tmp_path)
    load(data_dir, FIXTURES / "docs", today=TODAY)
    edit(data_dir, "criteria.yml", "cell: ", "cell: Edited ")
    data = load(data_dir, FIXTURES / "docs", today=TODAY)
    assert any(e.cell.startswith("Edited ") for c in data.criteria for _, e in c.entries)


def test_a_file_with_problems_is_never_stored(tmp_path, cache_dir):
    data_dir = copy_data(tmp_path)
    edit(data_dir, "tools.yml", "name: ", "nme: ")
    first = problems(data_dir)
    assert first and any("tools.yml" in p for p in first)
    assert len(list(cache_dir.glob("*.pickle"))) == len(list(data_dir.glob("*.yml"))) - 1
    assert problems(data_dir) == first   # the same lines the second time


def test_a_schema_change_re_validates_a_cached_file(tmp_path, cache_dir):
    """A file cached as valid must fail once the schema it was checked against tightens."""
    data_dir = copy_data(tmp_path)
    load(data_dir, FIXTURES / "docs", today=TODAY)
    path = data_dir / "schema" / "tools.schema.json"
    schema = json.loads(path.read_text(encoding="utf-8"))
    schema["properties"]["tools"]["maxItems"] = 1
    path.write_text(json.dumps(schema), encoding="utf-8")
    assert any("tools.yml" in p and "keep it to 1 at most" in p for p in problems(data_dir))


def test_a_damaged_entry_is_a_miss(tmp_path, cache_dir):
    data_dir = copy_data(tmp_path)
    first = load(data_dir, FIXTURES / "docs", today=TODAY)
    for entry in cache_dir.glob("*.pickle"):
        entry.write_bytes(b"not a pickle")
    assert load(data_dir, FIXTURES / "docs", today=TODAY) == first


def test_the_key_covers_the_code_that_reads_and_validates(tmp_path):
    names = {p.name for p in cache._CODE}
    assert {"yamlsource.py", "schema.py", "cache.py", "requirements.txt"} <= names


def test_the_theme_hook_keeps_compiled_templates_and_sees_an_edit(tmp_path, monkeypatch):
    """macros/cachedir.py's on_env (a MkDocs hook in mkdocs.yml): the theme's templates are
    compiled once into .cache/theme-jinja/, and an edited template is compiled afresh."""
    import re

    from jinja2 import Environment, FileSystemLoader

    from conftest import ROOT
    from macros import cachedir

    assert re.search(r"^hooks:\n(  - .*\n)*  - macros/cachedir\.py$", (ROOT / "mkdocs.yml").read_text(encoding="utf-8"), re.M)
    monkeypatch.setenv("SITE_CACHE_DIR", str(tmp_path / "cache"))
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "page.html").write_text("first {{ x }}", encoding="utf-8")

    def render():
        env = cachedir.on_env(Environment(loader=FileSystemLoader(str(templates))), config=None, files=None)
        assert env.bytecode_cache is not None
        return env.get_template("page.html").render(x=1)

    assert render() == "first 1"
    assert list((tmp_path / "cache" / "theme-jinja").iterdir())   # stored
    (templates / "page.html").write_text("second {{ x }}", encoding="utf-8")
    assert render() == "second 1"
