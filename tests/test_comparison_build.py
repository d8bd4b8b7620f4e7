"""The comparison as built: rows, anchors, factor embeds, sources."""
from __future__ import annotations

from urllib.parse import urlsplit

from macros.sitecheck import parse


def test_every_criterion_has_its_row_anchor_on_the_comparison(site_dir, site_data):
    ids = parse(site_dir / "comparison" / "index.html").ids
    for c in site_data.criteria:
        assert ids.count(c.id) == 1, c.id
    for f in site_data.factors:
        assert ids.count(f.id) == 1, f.id
    assert len(ids) == len(set(ids)), "duplicate ids on /comparison/"


def test_every_criterion_appears_in_its_factor_section(site_dir, site_data):
    html = (site_dir / "how-to-choose" / "index.html").read_text(encoding="utf-8")
    for f in site_data.factors:
        start = html.index(f'id="{f.id}"')
        following = [html.find(f'id="{g.id}"', start + 1) for g in site_data.factors]
        end = min([p for p in following if p > start] + [html.index('id="run-a-small-trial"')])
        section = html[start:end]
        for c in site_data.criteria:
            linked = f'href="../comparison/#{c.id}"' in section
            assert linked == (c.factor == f.id), (f.id, c.id)


def test_every_source_is_an_http_link(site_dir, site_data):
    links = parse(site_dir / "comparison" / "index.html").links
    for c in site_data.criteria:
        for _, entry in c.entries:
            for url in entry.sources:
                assert urlsplit(url).scheme in ("http", "https")
                assert url in links, url


def test_tool_pages_show_the_tools_facts(site_dir, site_data):
    for tool in site_data.tools:
        html = (site_dir / tool.id / "index.html").read_text(encoding="utf-8")
        assert f"{tool.name} at a glance" in html
        for url in (tool.docs, tool.repository):
            assert f'href="{url}"' in html
        assert tool.version in html


def test_comparison_states_versions_and_review_dates(site_dir, site_data):
    html = (site_dir / "comparison" / "index.html").read_text(encoding="utf-8")
    first, last = site_data.review_span()
    for tool in site_data.tools:
        assert f"{tool.name} {tool.version}" in html
    assert last in html and first in html
