"""Links that travel: link previews on every page, exports that match the data,
tables that paste, results that print."""
from __future__ import annotations

import csv
import io
import json

import pytest
from PIL import Image

from conftest import ROOT
from macros.sitecheck import pages, parse

SITE_URL = "https://dagster-or-prefect.github.io/dagster-or-prefect/"


def local(site_dir, url: str):
    assert url.startswith(SITE_URL), url
    path = url[len(SITE_URL):]
    return site_dir / (path + "index.html" if path == "" or path.endswith("/") else path)


def preview(meta: dict, title: str) -> dict:
    """What a chat or wiki tool shows for a pasted link: Open Graph first, then the
    Twitter card tags, then the page's own <title> (as Slack and Teams read pages)."""
    return {
        "title": meta.get("og:title") or meta.get("twitter:title") or title,
        "description": meta.get("og:description") or meta.get("twitter:description") or meta.get("description"),
        "image": meta.get("og:image") or meta.get("twitter:image"),
    }


class Title(__import__("html.parser").parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.title, self._in = "", False

    def handle_starttag(self, tag, attrs):
        self._in = tag == "title"

    def handle_endtag(self, tag):
        self._in = False

    def handle_data(self, data):
        if self._in:
            self.title += data


@pytest.mark.parametrize("twitter_only", [False, True])
def test_every_page_has_a_link_preview_with_an_image_in_the_build(site_dir, twitter_only):
    seen_images = set()
    for page in pages(site_dir):
        parsed = parse(page)
        meta = dict(parsed.meta)
        if twitter_only:   # a reader that ignores Open Graph still gets everything
            meta = {k: v for k, v in meta.items() if not k.startswith("og:")}
        t = Title()
        t.feed(page.read_text(encoding="utf-8"))
        card = preview(meta, t.title)
        where = page.relative_to(site_dir)
        assert card["title"] and card["description"], where
        image = local(site_dir, card["image"])
        assert image.is_file(), f"{where}: {card['image']} is not in the build"
        with Image.open(image) as img:
            assert (img.format, img.size) == ("PNG", (1200, 630)), where
        seen_images.add(card["image"])
        if not twitter_only:
            canonical = parsed.link_rels["canonical"]
            assert meta["og:url"] == canonical and local(site_dir, canonical) == page
            assert meta["og:type"] == "website" and meta["og:site_name"] == "Dagster or Prefect?"
            assert (meta["og:image:width"], meta["og:image:height"]) == ("1200", "630")
            assert meta["og:image:alt"].startswith(card["title"])
            assert meta["twitter:card"] == "summary_large_image"
            assert meta["og:title"] == meta["twitter:title"] and meta["og:description"] == meta["twitter:description"]
            assert meta["og:description"] == meta["description"]   # the page's own description
    assert len(seen_images) == len(pages(site_dir)), "each page has its own image"


def test_exports_validate_against_their_published_schema_and_match_the_data(site_dir, site_data):
    from jsonschema import Draft202012Validator

    exported = json.loads((site_dir / "comparison.json").read_text(encoding="utf-8"))
    schema = json.loads((site_dir / "comparison.schema.json").read_text(encoding="utf-8"))
    Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER).validate(exported)
    assert exported["$schema"] == SITE_URL + "comparison.schema.json"
    assert [(t["id"], t["version"]) for t in exported["tools"]] == [(t.id, t.version) for t in site_data.tools]
    assert [f["id"] for f in exported["factors"]] == [f.id for f in site_data.factors]
    assert len(exported["criteria"]) == len(site_data.criteria)
    for row, c in zip(exported["criteria"], site_data.criteria):
        assert row["id"] == c.id and row["url"] == f"{SITE_URL}comparison/#{c.id}"
        for t in site_data.tools:
            e = c.entry(t.id)
            assert row["tools"][t.id] == {"cell": e.cell, "note": e.note, "availability": e.availability,
                                          "hosted_adds": e.hosted_adds, "sources": list(e.sources),
                                          "reviewed": e.reviewed}


def test_the_csv_opens_cleanly_in_a_spreadsheet(site_dir, site_data):
    raw = (site_dir / "comparison.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")                        # UTF-8 byte-order mark
    assert b"\r\n" in raw and raw.count(b"\r\n") == raw.count(b"\n")   # CRLF everywhere
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    header = ["criterion_id", "factor", "criterion"]
    for t in site_data.tools:
        header += [t.name, f"{t.name} availability"]
    assert rows[0] == header + ["url"]
    assert len(rows) == len(site_data.criteria) + 1
    for row, c in zip(rows[1:], site_data.criteria):
        assert row[0] == c.id and row[1] == site_data.factor(c.factor).title and row[2] == c.title
        for n, t in enumerate(site_data.tools):
            assert row[3 + 2 * n:5 + 2 * n] == [c.entry(t.id).cell, c.entry(t.id).availability]


def test_csv_cells_cannot_become_spreadsheet_formulas(small_data):
    from dataclasses import replace

    from macros.render import exports

    c = small_data.criteria[0]
    hostile = replace(c, title="=HYPERLINK(\"http://x\")", entries=tuple(
        (tid, replace(e, cell="+1+1")) for tid, e in c.entries))
    data = replace(small_data, criteria=(hostile,) + small_data.criteria[1:])
    row = list(csv.reader(io.StringIO(exports.as_csv(data, SITE_URL).lstrip("\ufeff"))))[1]
    assert row[2] == "'=HYPERLINK(\"http://x\")" and row[3] == "'+1+1"


def test_the_comparison_links_its_downloads(page):
    page.goto("/comparison/")
    for name, file in (("JSON", "comparison.json"), ("CSV", "comparison.csv")):
        link = page.locator(".cmp-downloads").get_by_role("link", name=name, exact=True)
        assert link.get_attribute("href").endswith(file)
        assert page.request.get(link.evaluate("a => a.href")).ok


def test_copy_table_puts_html_and_tab_separated_text_on_the_clipboard(new_page, site_data):
    page = new_page(permissions=["clipboard-read", "clipboard-write"])
    page.goto("/comparison/")
    factor = site_data.factors[0]
    page.get_by_role("button", name=f"Copy table: {factor.title}").click()
    page.get_by_text("Table copied", exact=False).first.wait_for()
    copied = page.evaluate("""async () => {
        const [item] = await navigator.clipboard.read();
        const out = {};
        for (const type of item.types) out[type] = await (await item.getType(type)).text();
        return out; }""")
    rows = site_data.criteria_for(factor.id)
    lines = copied["text/plain"].rstrip("\n").split("\n")
    assert lines[0].split("\t") == ["Criterion"] + [f"{t.name} {t.version}" for t in site_data.tools]
    assert len(lines) == len(rows) + 1
    first = lines[1].split("\t")
    e = rows[0].entry(site_data.tools[0].id)
    assert first[0] == rows[0].title
    assert first[1] == f"{e.cell} ({site_data.tools[0].hosted + ' only' if e.hosted_only else 'Open source'})"
    html = copied["text/html"]
    assert html.count("<tr>") == len(rows) + 1 and f"#{rows[0].id}" in html and "<table>" in html


def test_copy_table_falls_back_to_selected_text_without_the_clipboard(page, site_data):
    page.add_init_script("Object.defineProperty(navigator, 'clipboard', { value: undefined })")
    page.goto("/how-to-choose/")
    factor = site_data.factors[1]
    page.get_by_role("button", name=f"Copy table: {factor.title}").click()
    field = page.get_by_role("textbox", name="The table as tab-separated text")
    assert len(field.input_value().rstrip("\n").split("\n")) == len(site_data.criteria_for(factor.id)) + 1
    assert page.evaluate("document.activeElement.tagName") == "TEXTAREA"
