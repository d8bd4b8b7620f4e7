"""Side-by-side code: the versions the site names are the pins the examples run against,
every Python block on the site is a tested file, and examples and rows link to each other.
The examples themselves run in their own environment: `make test-examples`."""
from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from playwright.sync_api import expect

from conftest import ROOT, wait_ready
from macros.load.pins import read_pins
from macros.sitecheck import pages, parse


def pins() -> dict[str, str]:
    return read_pins(ROOT / "requirements-examples.txt")


def test_reviewed_versions_are_the_pinned_versions(site_data):
    pinned = pins()
    for t in site_data.tools:
        assert pinned.get(t.package) == t.version, (
            f"data/tools.yml says {t.name} {t.version} was reviewed, but requirements-examples.txt pins "
            f"{t.package}=={pinned.get(t.package)}: review the criteria against the new release and update both")


def test_dependabot_bumps_the_example_pins_together():
    import yaml

    config = yaml.safe_load((ROOT / ".github" / "dependabot.yml").read_text(encoding="utf-8"))
    pip = next(u for u in config["updates"] if u["package-ecosystem"] == "pip" and u["directory"] == "/")
    patterns = {p for g in pip.get("groups", {}).values() for p in g["patterns"]}
    assert {"dagster", "prefect"} <= patterns


def test_the_site_names_the_exact_versions(site_dir, site_data):
    for page in ("comparison", "examples"):
        html = (site_dir / page / "index.html").read_text(encoding="utf-8")
        for t in site_data.tools:
            assert f"{t.name} {t.version}" in html, (page, t.id)
    for t in site_data.tools:
        html = re.sub(r"\s+", " ", (site_dir / t.id / "index.html").read_text(encoding="utf-8"))
        assert f"{t.name} {t.version}" in html


class CodeBlocks(HTMLParser):
    """The text of every highlighted code block, with its language."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.blocks: list[tuple[str, str]] = []
        self._language = None
        self._in_code = False
        self._text = []
        self._stack = []

    def handle_starttag(self, tag, attrs):
        classes = (dict(attrs).get("class") or "").split()
        lang = next((c.removeprefix("language-") for c in classes if c.startswith("language-")), None)
        self._stack.append(lang)
        if tag == "code" and any(self._stack):
            self._in_code, self._text = True, []
            self._language = next(x for x in reversed(self._stack) if x)

    def handle_endtag(self, tag):
        if tag == "code" and self._in_code:
            self.blocks.append((self._language, "".join(self._text)))
            self._in_code = False
        if self._stack:
            self._stack.pop()

    def handle_data(self, data):
        if self._in_code:
            self._text.append(data)


def python_blocks(site_dir):
    for page in pages(site_dir):
        parser = CodeBlocks()
        parser.feed(page.read_text(encoding="utf-8"))
        for language, text in parser.blocks:
            if language in ("python", "py", "pycon"):
                yield page.relative_to(site_dir), text


def test_every_python_block_on_the_site_is_a_tested_example_file(site_dir, site_data):
    """A block can only be an examples/ file, which the examples suite runs against the
    pins; so no Python on the site can drift from code that runs."""
    files = {c.path: (ROOT / c.path).read_text(encoding="utf-8") for x in site_data.examples for _, c in x.code}
    shown = {}
    for page, text in python_blocks(site_dir):
        match = [path for path, source in files.items() if source.rstrip("\n") == text.rstrip("\n")]
        assert match, f"{page}: a Python block is not one of the tested example files:\n{text[:300]}"
        shown[match[0]] = page
    assert set(shown) == set(files), f"example files not shown on the site: {set(files) - set(shown)}"
    tested = (ROOT / "examples" / "test_examples.py").read_text(encoding="utf-8")
    for x in site_data.examples:
        assert f'"{x.id}"' in tested, f"examples/test_examples.py has no test for {x.id}"


def test_examples_page_has_an_anchor_and_a_tab_per_tool_for_each_example(site_dir, site_data):
    html = (site_dir / "examples" / "index.html").read_text(encoding="utf-8")
    ids = parse(site_dir / "examples" / "index.html").ids
    for x in site_data.examples:
        assert x.id in ids
        section = html[html.index(f'id="{x.id}"'):]
        for t in site_data.tools:
            if t.id in x.tool_ids:
                assert f">{t.name}</label>" in section[:section.index("</div>\n</div>") + 20] or f">{t.name}<" in section


def test_examples_and_rows_link_to_each_other(site_dir, site_data):
    comparison = parse(site_dir / "comparison" / "index.html").links
    examples = parse(site_dir / "examples" / "index.html").links
    for x in site_data.examples:
        assert f"../examples/#{x.id}" in comparison
        for cid in x.criteria:
            assert f"../comparison/#{cid}" in examples


# --- In Chromium ---------------------------------------------------------------

def test_picking_a_tool_once_switches_every_pair_of_tabs(page, site_data):
    page.goto("/examples/")
    second = site_data.tools[1]
    page.locator(".tabbed-labels label", has_text=second.name).first.click()
    for x in site_data.examples:
        block = page.locator(f"[id='{x.id}'] ~ .tabbed-set").first
        block.scroll_into_view_if_needed()   # as a reader reaches it: code is drawn near the screen
        visible = block.locator(".tabbed-block").filter(has=page.locator("pre")).locator("visible=true")
        assert visible.count() == 1
        expect(visible.first.locator(".filename")).to_contain_text(f"{second.id}_example.py", use_inner_text=True)


def test_every_code_block_has_a_copy_button_when_the_reader_reaches_it(page):
    """Material sets a block up when it first comes into view (content.lazy): each block a
    reader scrolls to shows its copy button, which copies that block's code."""
    page.goto("/examples/")
    page.locator(".tabbed-labels label").nth(1).click()
    blocks = page.locator(".tabbed-block:visible pre")
    assert blocks.count() >= 8
    for n in range(blocks.count()):
        blocks.nth(n).scroll_into_view_if_needed()
        expect(blocks.nth(n).locator("button.md-code__button[data-md-type=copy]")).to_have_count(1)
    button = blocks.nth(0).locator("button.md-code__button[data-md-type=copy]")
    assert button.get_attribute("data-clipboard-target") == f"#{blocks.nth(0).get_attribute('id')} > code"


def test_without_javascript_both_tabs_are_readable(no_js_page, site_data):
    no_js_page.goto("/examples/")
    x = site_data.examples[0]
    tabs = no_js_page.locator(f"[id='{x.id}'] ~ .tabbed-set").first
    for t in site_data.tools:
        tabs.locator(".tabbed-labels label", has_text=t.name).click()
        code = tabs.locator(".tabbed-block:visible pre")
        assert code.is_visible()
        source = (ROOT / x.for_tool(t.id).path).read_text(encoding="utf-8")
        assert code.inner_text().strip().splitlines()[0] == source.splitlines()[0]


def test_code_blocks_reached_after_instant_navigation_are_fixed_on_a_phone(phone):
    """A phone reader who comes to the examples from another page (Material's instant
    navigation swaps the content, and sets code blocks up as they come into view): each
    block that scrolls sideways is made focusable (tabindex; Chromium focuses such a block
    on its own, other browsers need the attribute), and its copy button is not a
    navigation landmark of its own."""
    phone.goto("/conclusion/")
    phone.locator("label.md-header__button[for=__drawer]").click()
    link = phone.locator("nav.md-nav--primary a.md-nav__link", has_text="Side-by-side code").first
    link.wait_for(state="visible")
    link.click()
    phone.wait_for_function("document.title.startsWith('Side-by-side code - ')")
    wait_ready(phone)
    assert not phone.evaluate("matchMedia('(hover)').matches")   # a touch screen: Material leaves focus out
    blocks = phone.locator(".tabbed-block:visible pre > code")
    overflowing = 0
    for n in range(blocks.count()):
        block = blocks.nth(n)
        block.scroll_into_view_if_needed()
        expect(block.locator("xpath=..").locator("nav.md-code__nav")).to_have_attribute("role", "none")
        if block.evaluate("c => c.scrollWidth > c.clientWidth"):
            overflowing += 1
            expect(block).to_have_attribute("tabindex", "0")
    assert overflowing >= 1   # at 390 px some code is wider than the screen
