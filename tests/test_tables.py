"""Renderers are pure functions: records in, HTML out. Tested without MkDocs, on the
small synthetic data, and with hostile text that must come out inert."""
from __future__ import annotations

import json
from dataclasses import replace
from html.parser import HTMLParser

import pytest

from conftest import run_build
from datafix import TODAY, add_third_tool, copy_project
from macros import urls
from macros.records import Entry, UnknownId
from macros.render import tables


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


def test_urls_are_relative_to_the_page_asking():
    assert urls.root_prefix("") == "./"
    assert urls.root_prefix("comparison/") == "../"
    assert urls.root_prefix("a/b/") == "../../"
    assert urls.relative(urls.factor_section("design"), "comparison/") == "../how-to-choose/#design"
    assert urls.relative(urls.comparison_row("retries"), "") == "./comparison/#retries"


def test_comparison_has_every_criterion_row_with_its_anchor(small_data):
    html = tables.comparison(small_data, "comparison/", TODAY)
    for c in small_data.criteria:
        assert f'<tr id="{c.id}" class="cmp-row">' in html
        assert f'href="#{c.id}"' in html
    for f in small_data.factors:
        assert f"## {f.title} {{ #{f.id} }}" in html           # the group heading and its anchor
        assert f'href="../how-to-choose/#{f.id}"' in html     # links to its factor section


def test_markdown_around_the_tables_survives_rendering(small_data):
    """Blank lines end an HTML block in Markdown, and indentation makes code blocks:
    a group is a heading between blank lines, then a table with no blank line inside."""
    html = tables.comparison(small_data, "comparison/", TODAY)
    table = html[html.index("<table"):html.index("</table>")]
    assert "\n\n" not in table
    assert all(not line.startswith((" ", "\t")) for line in html.splitlines())
    assert "\n\n## Operations { #operations }\n\n" in html


def without_scorecard(html: str) -> str:
    """The comparison's own tables, without the trial scorecard (a table of other columns)."""
    if '<section class="scorecard' not in html:
        return html
    start = html.index('<section class="scorecard')
    return html[:start] + html[html.index("</section>", start) + len("</section>"):]


def test_every_row_has_one_cell_per_tool_labelled_with_its_name(small_data):
    html = without_scorecard(tables.comparison(small_data, "comparison/", TODAY))
    parsed = cells(html)
    body_rows = [r for r in parsed.rows if r and r[0] == "th" and "td" in r]
    assert len(body_rows) == len(small_data.criteria)
    assert all(r.count("td") == len(small_data.tools) for r in body_rows)
    assert html.count('<span class="cmp-label">Alpha</span>') == len(small_data.criteria)


def test_factor_table_links_rows_to_the_full_comparison(small_data):
    html = tables.factor_table(small_data, "operations", "how-to-choose/")
    assert 'href="../comparison/#retries"' in html and 'href="../comparison/#schedules"' in html
    assert "#unit-of-work" not in html
    assert 'href="../comparison/#operations"' in html


def test_tool_facts_come_from_the_data(small_data):
    t = small_data.tool("beta")
    html = tables.tool_facts(small_data, "beta")
    for value in (t.license, t.version, t.docs, t.repository, t.homepage):
        assert value in html or urls_short(value) in html
    assert '<time datetime="2026-01-04">2026-01-02 to 2026-01-04</time>' in html


def urls_short(url: str) -> str:
    return url.split("://", 1)[-1]


@pytest.mark.parametrize("call,kind,wanted", [
    (lambda d: tables.tool_facts(d, "alpah"), "tool", "alpah"),
    (lambda d: tables.factor_table(d, "desgin", "how-to-choose/"), "factor", "desgin"),
])
def test_a_lookup_by_an_unknown_id_names_it_and_the_known_ones(small_data, call, kind, wanted):
    with pytest.raises(UnknownId) as info:
        call(small_data)
    known = {"tool": "alpha, beta", "factor": "design, operations"}[kind]
    assert str(info.value) == f"unknown {kind} id '{wanted}' (known: {known})"


def _hostile(data, title="<script>alert(1)</script>", url="javascript:alert(1)"):
    c = data.criteria[0]
    bad = Entry(cell="<b>bold</b> {{ x }} *a* _b_", note="</details><script>x()</script>", sources=(url,), reviewed="2026-01-01")
    crit = replace(c, title=title, why="a & b", ask="<i>q</i>?", entries=tuple((t.id, bad) for t in data.tools))
    return replace(data, criteria=(crit,) + data.criteria[1:])


@pytest.mark.parametrize("render", [
    lambda d: tables.comparison(d, "comparison/", TODAY),
    lambda d: tables.factor_table(d, d.criteria[0].factor, "how-to-choose/"),
])
def test_text_from_data_is_escaped(small_data, render):
    html = render(_hostile(small_data))
    parsed = cells(html)
    assert parsed.scripts == 0
    assert "<script>" not in html and "<b>" not in html and "{{" not in html and "*a*" not in html
    assert "<script>alert(1)</script>" in parsed.text   # shown as text, not run
    assert "*a* _b_" in parsed.text


def test_non_http_urls_are_never_links(small_data):
    html = tables.comparison(_hostile(small_data), "comparison/", TODAY)
    assert all(not (h or "").startswith("javascript:") for h in cells(html).hrefs)
    assert "javascript:alert(1)" in cells(html).text


def test_tool_filter_only_when_more_than_two_tools(small_data):
    assert 'name="tool"' not in tables.comparison(small_data, "comparison/", TODAY)
    third = replace(small_data.tools[0], id="gamma", name="Gamma")
    gamma = replace(small_data, tools=small_data.tools + (third,),
                    criteria=tuple(replace(c, entries=c.entries + (("gamma", c.entries[0][1]),)) for c in small_data.criteria))
    assert tables.comparison(gamma, "comparison/", TODAY).count('name="tool"') == 3


# --- A third tool, end to end: only data changes ---------------------------

def test_a_third_tool_becomes_a_third_column_everywhere(tmp_path):
    project = copy_project(tmp_path)
    add_third_tool(project / "data")
    site = tmp_path / "site"
    result = run_build(site, cwd=project)
    assert result.returncode == 0, result.stderr
    for page in ("comparison", "how-to-choose", "self-hosting"):
        parsed = cells(without_scorecard((site / page / "index.html").read_text(encoding="utf-8")))
        body_rows = [r for r in parsed.rows if r and r[0] == "th" and "td" in r]
        assert body_rows and all(r.count("td") == 3 for r in body_rows), page
    comparison = (site / "comparison" / "index.html").read_text(encoding="utf-8")
    assert comparison.count('name="tool"') == 3
    assert "Airflow cell failure-handling" in comparison
    assert "Airflow 3.1.0" in comparison
    assert "Airflow side upgrades" in (site / "self-hosting" / "index.html").read_text(encoding="utf-8")
    assert "Airflow side from-airflow" in (site / "moving" / "index.html").read_text(encoding="utf-8")


def test_cells_reviewed_more_than_six_months_ago_say_so(small_data):
    from datetime import date

    fresh = tables.comparison(small_data, "comparison/", TODAY)
    assert "more than six months ago" not in fresh and "cmp-stale-mark" not in fresh
    later = tables.comparison(small_data, "comparison/", date(2026, 7, 3))   # 182 days after 2026-01-02
    assert later.count("more than six months ago") == 0
    much_later = tables.comparison(small_data, "comparison/", date(2026, 7, 5))
    stale = [(c.id, t) for c, t, _ in small_data.stale(date(2026, 7, 5))]
    # 2026-01-02 is 184 days before 2026-07-05; 2026-01-03 is 183, which is not more than six months.
    assert stale == [("unit-of-work", "alpha"), ("retries", "alpha"), ("retries", "beta"), ("schedules", "beta")]
    assert much_later.count("more than six months ago") == len(stale)
    row = much_later[much_later.index('<tr id="schedules"'):]
    assert 'data-tool="alpha"' in row and "cmp-stale-mark" not in row[:row.index('data-tool="beta"')]


# --- Release figures (data/releases.yml) in the rows that ask for them ------------

def _figures(**alpha):
    from macros.records import Release, ReleaseFigures, ToolReleases

    a = dict(package="alpha", line="1.x", count=3, first=Release("1.1.0", "2026-01-05"),
             last=Release("1.2.3", "2026-05-01"), reviewed=Release("1.2.3", "2026-05-01"),
             requires_python=">=3.10,<3.14", other_lines=0, minor_versions=(Release("1.2.0", "2026-03-01"),))
    a.update(alpha)
    b = ToolReleases(package="beta", line="4.x", count=1, first=Release("4.5.6", "2026-02-02"),
                     last=Release("4.5.6", "2026-02-02"), reviewed=Release("4.5.6", "2026-02-02"),
                     requires_python=">=3.11", other_lines=2)
    return ReleaseFigures(fetched="2026-05-30", start="2025-05-31", end="2026-05-30", months=12,
                          tools=(("alpha", ToolReleases(**a)), ("beta", b)))


@pytest.mark.parametrize("spec, shown", [
    (">=3.10,<3.15", "Python 3.10 to 3.14"), ("<3.16,>=3.11", "Python 3.11 to 3.15"),
    (">=3.11", "Python 3.11 or later"), (">=3.12,<3.13", "Python 3.12"),
    (">=3.9,!=3.9.1,<3.13", "Python 3.9 to 3.12"),
    ("~=3.10", "Requires-Python ~=3.10"), ("<4", "Requires-Python <4"), ("nonsense", "Requires-Python nonsense"),
])
def test_a_python_range_is_read_from_requires_python(spec, shown):
    from macros.releases import python_range

    assert python_range(spec) == shown


def test_a_row_with_releases_shows_figures_from_the_record(small_data):
    from macros.releases import with_figures

    c = replace(small_data.criterion("retries"), releases=True)
    (alpha, beta) = [e for _, e in with_figures((c,), small_data.tools, _figures())[0].entries]
    assert alpha.cell == "Python 3.10 to 3.13; 3 final 1.x releases in 12 months; Alpha retries"
    assert alpha.note == (
        "Alpha note on retries. Counted from PyPI on 2026-05-30, the same way for every tool: 3 final 1.x releases "
        "of the alpha package (no pre-releases or development releases) first published from 2025-05-31 to "
        "2026-05-30, from 1.1.0 on 2026-01-05 to 1.2.3 on 2026-05-01; a new minor version: 1.2.0 on 2026-03-01. "
        "Alpha 1.2.3, the version reviewed here, was released on 2026-05-01 and declares Requires-Python >=3.10,<3.14.")
    assert beta.cell.startswith("Python 3.11 or later; 1 final 4.x release in 12 months; ")
    assert "from 4.5.6 on" not in beta.note and ": 4.5.6 on 2026-02-02; no new minor version." in beta.note
    assert "2 releases of other major lines in the same span are not counted." in beta.note
    untouched = with_figures((small_data.criterion("retries"),), small_data.tools, _figures())[0]
    assert untouched == small_data.criterion("retries")   # rows without `releases` keep their typed text
    none = with_figures((c,), small_data.tools, _figures(count=0, first=None, last=None, minor_versions=()))
    assert "0 final 1.x releases in 12 months" in none[0].entry("alpha").cell


def test_release_figures_reach_the_table_and_the_exports_alike(small_data):
    from macros.releases import with_figures
    from macros.render import exports

    criteria = with_figures(tuple(replace(c, releases=c.id == "retries") for c in small_data.criteria),
                            small_data.tools, _figures(requires_python=">=3.10,<3.14&<b>"))
    data = replace(small_data, criteria=criteria)
    html = tables.comparison(data, "comparison/", TODAY)
    assert "Python 3.10 to 3.13" not in html   # an odd specifier is shown as written, and escaped
    assert "Requires-Python &gt;=3.10,&lt;3.14&amp;&lt;b&gt;; 3 final 1.x releases in 12 months; Alpha retries" in html
    exported = json.loads(exports.as_json(data, "https://example.org/site/"))
    row = next(c for c in exported["criteria"] if c["id"] == "retries")
    assert row["tools"]["alpha"]["cell"] == data.criterion("retries").entry("alpha").cell
    assert row["tools"]["beta"]["note"].endswith("declares Requires-Python >=3.11.")
    assert data.criterion("retries").entry("alpha").cell in exports.as_csv(data, "https://example.org/site/")


def test_the_real_release_row_renders_its_figures_from_the_data(site_data):
    c = site_data.criterion("python-and-releases")
    assert c.releases and site_data.releases is not None
    for tool in site_data.tools:
        figures = site_data.releases.tool(tool.id)
        assert figures.reviewed.version == tool.version
        e = c.entry(tool.id)
        assert e.cell.startswith("Python ")
        assert f"{figures.count} final {figures.line} releases in {site_data.releases.months} months" in e.cell
        assert f"Requires-Python {figures.requires_python}." in e.note
