"""Renderers are pure functions: records in, HTML out. Tested without MkDocs."""
from __future__ import annotations

from dataclasses import replace
from html.parser import HTMLParser

import pytest

from conftest import ROOT, run_build
from datafix import add_third_tool, copy_project
from macros import tables
from macros.data import Criterion, Entry, load
from macros.html import root_prefix

DATA = load(ROOT / "data")


class Cells(HTMLParser):
    """Counts header and data cells per table row, and collects text and hrefs."""

    def __init__(self):
        super().__init__()
        self.rows: list[list[str]] = []
        self.hrefs: list[str] = []
        self.text = ""
        self.scripts = 0

    def handle_starttag(self, tag, attrs):
        if tag == "tr":
            self.rows.append([])
        if tag in ("th", "td") and self.rows:
            self.rows[-1].append(tag)
        if tag == "a":
            self.hrefs.append(dict(attrs).get("href"))
        if tag == "script":
            self.scripts += 1

    def handle_data(self, data):
        self.text += data


def cells(html: str) -> Cells:
    c = Cells()
    c.feed(html)
    return c


def test_root_prefix():
    assert root_prefix("") == "./"
    assert root_prefix("comparison/") == "../"
    assert root_prefix("a/b/") == "../../"


def test_comparison_has_every_criterion_row_with_its_anchor():
    html = tables.comparison(DATA, "../")
    for c in DATA.criteria:
        assert f'<tr id="{c.id}" class="cmp-row">' in html
        assert f'href="#{c.id}"' in html
    for f in DATA.factors:
        assert f"{{ #{f.id} }}" in html                       # the group heading anchor
        assert f'href="../how-to-choose/#{f.id}"' in html     # links to its factor section


def test_every_row_has_one_cell_per_tool():
    parsed = cells(tables.comparison(DATA, "../"))
    body_rows = [r for r in parsed.rows if r and r[0] == "th" and "td" in r]
    assert len(body_rows) == len(DATA.criteria)
    assert all(r.count("td") == len(DATA.tools) for r in body_rows)


def test_factor_table_links_rows_to_the_full_comparison():
    html = tables.factor_table(DATA, "team-structure", "../")
    for c in DATA.criteria_for("team-structure"):
        assert f'href="../comparison/#{c.id}"' in html
    others = [c for c in DATA.criteria if c.factor != "team-structure"]
    assert all(f"#{c.id}\"" not in html for c in others)


def test_tool_facts_come_from_the_data():
    t = DATA.tool("prefect")
    html = tables.tool_facts(DATA, "prefect")
    for value in (t.license, t.version, t.docs, t.repository, t.homepage):
        assert value in html


def _hostile(title="<script>alert(1)</script>", url="javascript:alert(1)"):
    c = DATA.criteria[0]
    bad = Entry(cell="<b>bold</b> {{ x }}", note="</details><script>x()</script>", sources=(url,), reviewed="2026-01-01")
    crit = Criterion(id=c.id, title=title, factor=c.factor, why="a & b", entries=tuple((t.id, bad) for t in DATA.tools))
    return replace(DATA, criteria=(crit,) + DATA.criteria[1:])


@pytest.mark.parametrize("render", [
    lambda d: tables.comparison(d, "../"),
    lambda d: tables.factor_table(d, d.criteria[0].factor, "../"),
])
def test_text_from_data_is_escaped(render):
    html = render(_hostile())
    parsed = cells(html)
    assert parsed.scripts == 0
    assert "<script>" not in html and "<b>" not in html and "{{" not in html
    assert "<script>alert(1)</script>" in parsed.text   # shown as text, not run


def test_non_http_urls_are_never_links():
    html = tables.comparison(_hostile(), "../")
    assert "javascript:" not in [h for h in cells(html).hrefs if h]
    assert all(not (h or "").startswith("javascript:") for h in cells(html).hrefs)
    assert "javascript:alert(1)" in cells(html).text


def test_tool_filter_only_when_more_than_two_tools():
    assert 'name="tool"' not in tables.filters(DATA)
    third = replace(DATA.tools[0], id="airflow", name="Airflow")
    assert tables.filters(replace(DATA, tools=DATA.tools + (third,))).count('name="tool"') == 3


# --- A third tool, end to end: only data changes ---------------------------

def test_a_third_tool_becomes_a_third_column_everywhere(tmp_path):
    project = copy_project(tmp_path)
    # yaml.safe_dump writes dates as strings already quoted; keep them as written.
    add_third_tool(project / "data")
    site = tmp_path / "site"
    result = run_build(site, cwd=project)
    assert result.returncode == 0, result.stderr
    for page in ("comparison", "how-to-choose"):
        parsed = cells((site / page / "index.html").read_text(encoding="utf-8"))
        body_rows = [r for r in parsed.rows if r and r[0] == "th" and "td" in r]
        assert body_rows and all(r.count("td") == 3 for r in body_rows), page
    comparison = (site / "comparison" / "index.html").read_text(encoding="utf-8")
    assert comparison.count('name="tool"') == 3
    assert "Airflow cell failure-handling" in comparison
    assert "Airflow 3.1" in comparison
