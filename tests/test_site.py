"""The built site: strict build, public URLs, no third-party resources."""
from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from conftest import ROOT
from macros.sitecheck import pages, parse
from macros.urls import built_file
from publicurls import FACTOR_ANCHORS, read_public_urls

PUBLIC_URLS = read_public_urls(ROOT / "tests" / "public_urls.txt")


def test_strict_build_has_no_warnings(built_site):
    _, log = built_site
    problems = [line for line in log.splitlines() if re.match(r"\s*(WARNING|ERROR)\b", line)]
    assert problems == []


@pytest.mark.parametrize("url", PUBLIC_URLS)
def test_public_url_exists(site_dir, url):
    url, _, query = url.partition("?") if "?" in url else (url, "", "")
    path, _, anchor = url.partition("#")
    file = built_file(site_dir, path)
    assert file.is_file(), f"{url}: page is gone (add a redirect instead of breaking links)"
    if anchor:
        assert anchor in parse(file).ids, f"{url}: anchor #{anchor} is gone"


def test_every_factor_anchor_is_public():
    for anchor in FACTOR_ANCHORS:
        assert f"/how-to-choose/#{anchor}" in PUBLIC_URLS


def _is_third_party(ref: str) -> bool:
    parts = urlsplit(ref)
    return bool(parts.netloc) or parts.scheme not in ("", "data")


def test_no_page_references_a_third_party_resource(site_dir):
    offenders = []
    for page in pages(site_dir):
        for ref in parse(page).resources:
            if _is_third_party(ref):
                offenders.append(f"{page.relative_to(site_dir)}: {ref}")
    assert offenders == []


def test_no_stylesheet_imports_a_third_party_resource(site_dir):
    offenders = []
    for css in site_dir.rglob("*.css"):
        for ref in re.findall(r"""url\(\s*['"]?([^'")]+)""", css.read_text(encoding="utf-8")):
            if _is_third_party(ref):
                offenders.append(f"{css.relative_to(site_dir)}: {ref}")
    assert offenders == []


def test_every_page_has_its_own_meta_description(site_dir):
    descriptions = {}
    for page in pages(site_dir):
        meta = parse(page).meta
        assert meta.get("description"), f"{page.relative_to(site_dir)} has no meta description"
        descriptions[page] = meta["description"]
    assert len(set(descriptions.values())) == len(descriptions), "pages share a description"


def test_every_page_has_an_edit_link(site_dir):
    for page in pages(site_dir):
        links = parse(page).links
        assert any("/edit/main/docs/" in href for href in links), page


def test_shared_guide_answers_still_lead_to_a_result(site_data):
    """A guide result linked from a wiki must keep working: its ids stay valid."""
    from urllib.parse import parse_qsl

    guide = site_data.guide
    shared = [u.split("?", 1)[1] for u in PUBLIC_URLS if u.startswith("/decision-guide/?")]
    assert shared
    for query in shared:
        answers = dict(parse_qsl(query))
        node = guide.start
        while node in {q.id for q in guide.questions}:
            question = guide.node(node)
            chosen = [a for a in question.answers if a.id == answers.get(node)]
            assert chosen, f"{query}: no valid answer for question '{node}'"
            node = chosen[0].next
        assert node in {o.id for o in guide.outcomes}
