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


def test_search_finds_a_cell_where_the_reader_can_see_it(site_dir, site_data):
    """The guide's rows repeat the comparison's and are hidden until an answer brings
    them: a search hit there would land on text the reader cannot see."""
    import json

    docs = json.loads((site_dir / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    cell = site_data.criteria[0].entries[0][1].cell
    hits = {d["location"].split("#")[0] for d in docs if cell in d["text"]}
    assert "comparison/" in hits
    assert not any(h.startswith("decision-guide/") for h in hits), hits
    assert any(d["location"].startswith("decision-guide/") for d in docs)   # the guide itself is searched


def test_every_page_has_an_edit_link(site_dir):
    for page in pages(site_dir):
        links = parse(page).links
        assert any("/edit/main/docs/" in href for href in links), page


def test_shared_guide_answers_still_lead_to_a_result(site_data):
    """A guide result linked from a wiki must keep working: its ids stay valid."""
    from urllib.parse import parse_qsl

    guide = site_data.guide
    shared = [u.split("?", 1)[1] for u in PUBLIC_URLS if u.startswith("/decision-guide/") and "?" in u]
    assert shared
    questions = {q.id: q for q in guide.questions}
    for query in shared:
        answers = dict(parse_qsl(query))
        # Either the answers walk the current tree to an outcome, or an old path names its outcome.
        node = guide.start
        while node in questions:
            q = questions[node]
            given = answers.get(node)
            if given is None:
                break
            node = q.next if q.multiple else next((a.next for a in q.answers if a.id == given), None)
        legacy = [l.outcome for l in guide.legacy if all(answers.get(k) == v for k, v in l.answers)]
        assert node in {o.id for o in guide.outcomes} or legacy, f"{query}: opens no result"


# --- Content: neutral, balanced, own words --------------------------------------

def _ranking_pattern() -> re.Pattern:
    import json

    common = json.loads((ROOT / "data" / "schema" / "common.schema.json").read_text(encoding="utf-8"))
    return re.compile(common["$defs"]["text"]["not"]["pattern"])


def test_pages_use_no_ranking_words():
    """The data's neutral-wording rule also holds for the prose; the contributor guide
    may quote the words it forbids."""
    pattern = _ranking_pattern()
    found = []
    for page in sorted((ROOT / "docs").glob("*.md")):
        if page.name == "contributing.md":
            continue
        for n, line in enumerate(page.read_text(encoding="utf-8").splitlines(), 1):
            found += [f"docs/{page.name}:{n}: '{m.group(0)}'" for m in pattern.finditer(line)]
    assert found == []


def test_ranking_word_rule_catches_a_ranking_sentence():
    assert _ranking_pattern().search("Prefect is the better choice") is not None


def _words(text: str) -> int:
    return len(re.findall(r"[A-Za-z0-9][\w'.+-]*", text))


def test_both_tools_get_as_many_words_in_the_comparison(site_data):
    """Balance you can see: each tool's cells and notes together within 15% of the other's."""
    totals = {t.id: sum(_words(c.entry(t.id).cell) + _words(c.entry(t.id).note) for c in site_data.criteria)
              for t in site_data.tools}
    low, high = min(totals.values()), max(totals.values())
    assert high <= low * 1.15, totals


def test_every_factor_shows_a_capability_of_each_tool(site_data):
    for f in site_data.factors:
        shown = {t for c in site_data.criteria_for(f.id) for t in c.distinctive}
        assert shown >= {t.id for t in site_data.tools}, (f.id, shown)


def test_criteria_are_enough_and_use_both_availabilities(site_data):
    assert len(site_data.criteria) >= 30
    for f in site_data.factors:
        assert len(site_data.criteria_for(f.id)) >= 4, f.id
    for t in site_data.tools:
        assert {c.entry(t.id).availability for c in site_data.criteria} == {"open-source", "hosted-only"}, t.id


def test_tool_pages_have_the_same_structure_and_similar_depth(site_dir, site_data):
    from macros.sitecheck import PageParser

    class Article(PageParser):
        def __init__(self):
            super().__init__()
            self.depth, self.text, self.h2 = 0, [], []
            self._in_h2 = False

        def handle_starttag(self, tag, attrs):
            super().handle_starttag(tag, attrs)
            if tag == "article":
                self.depth += 1
            self._in_h2 = self._in_h2 or tag == "h2"
            if self._in_h2 and tag == "h2":
                self.h2.append("")

        def handle_endtag(self, tag):
            if tag == "article":
                self.depth -= 1
            if tag == "h2":
                self._in_h2 = False

        def handle_data(self, data):
            if self.depth:
                self.text.append(data)
            if self._in_h2:
                self.h2[-1] += data

    pages = {}
    for t in site_data.tools:
        a = Article()
        a.feed((site_dir / t.id / "index.html").read_text(encoding="utf-8"))
        headings = [h.replace("¶", "").replace(t.hosted, "<hosted>").strip() for h in a.h2]
        pages[t.id] = (headings, _words(" ".join(a.text)))
    (h1, w1), (h2, w2) = pages.values()
    assert h1 == h2
    assert max(w1, w2) <= min(w1, w2) * 1.15, pages


def test_the_contributor_guide_shows_a_complete_criterion_that_passes_the_schema(site_dir, site_data, tmp_path):
    """The copyable example on /contributing/ is written out from the data, and is valid."""
    from test_examples_site import CodeBlocks

    from macros.load.schema import validate
    from macros.load.yamlsource import read

    parser = CodeBlocks()
    parser.feed((site_dir / "contributing" / "index.html").read_text(encoding="utf-8"))
    [example] = [text for language, text in parser.blocks if language == "yaml" and text.startswith("criteria:")]
    path = tmp_path / "criteria.yml"
    path.write_text(example, encoding="utf-8")
    doc, problems = read(path, "criteria.yml")
    assert problems == []
    assert validate(doc, ROOT / "data" / "schema", "criteria.schema.json") == []
    [item] = doc.value["criteria"]
    c = site_data.criterion(item["id"])
    assert item["tools"][site_data.tools[0].id]["note"] == c.entry(site_data.tools[0].id).note
    assert {"availability", "sources", "reviewed"} <= set(item["tools"][site_data.tools[1].id])
