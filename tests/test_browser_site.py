"""The site as a reader sees it, in a real Chromium."""
from __future__ import annotations

import re

import pytest

from conftest import ROOT, serve
from publicurls import FACTOR_ANCHORS, read_public_urls

PAGES = [u for u in read_public_urls(ROOT / "tests" / "public_urls.txt") if "#" not in u and not u.endswith((".json", ".csv"))]


@pytest.mark.parametrize("url", PAGES)
def test_page_loads_cleanly(page, url):
    # The `page` fixture fails the test on any console error or foreign request.
    response = page.goto(url)
    assert response.ok
    page.wait_for_load_state("networkidle")
    assert page.locator("h1").first.is_visible()


def test_pages_served_gzipped_as_github_pages_does(site_dir, new_page):
    # GitHub Pages gzips HTML, CSS and JS; so does the server the Lighthouse runs use
    # (serve(compress=True)). A reader's page works so, and the files really came gzipped.
    server = serve(site_dir, compress=True)
    try:
        page = new_page(server.url)
        encodings = {}
        page.on("response", lambda r: encodings.setdefault(r.url.rsplit("?")[0], r.headers.get("content-encoding")))
        page.goto("/comparison/")
        assert page.locator("h1").first.inner_text().startswith("Comparison")
        assert page.locator("#modelling-unit").is_visible()
        page.locator("form[data-cmp-filters] input[value=workflow-design]").uncheck()   # the filter module runs
        assert page.locator("#modelling-unit").is_hidden()
        assert page.locator(".cmp-filter-status").inner_text().startswith("Showing")
        css = [u for u in encodings if u.endswith(".css")]
        scripts = [u for u in encodings if u.endswith(".js")]
        assert encodings[server.url + "/comparison/"] == "gzip"
        assert css and scripts and all(encodings[u] == "gzip" for u in css + scripts), encodings
        image = page.request.get(server.url + "/assets/images/favicon.png", headers={"Accept-Encoding": "gzip"})
        assert image.ok and image.headers.get("content-encoding") is None   # images go as they are
        data = page.request.get(server.url + "/comparison.json", headers={"Accept-Encoding": "gzip"})
        assert data.headers.get("content-encoding") == "gzip" and data.json()["criteria"]
        assert page.request.get(server.url + "/comparison.json", headers={"Accept-Encoding": "identity"}) \
            .headers.get("content-encoding") is None
    finally:
        server.close()


def test_dark_mode_toggle(page):
    page.emulate_media(color_scheme="light")
    page.goto("/")
    body = page.locator("body")
    assert body.get_attribute("data-md-color-scheme") == "default"
    # The toggle cycles auto -> light -> dark; click until the dark scheme shows.
    for _ in range(3):
        page.locator("form[data-md-component=palette] label:visible").first.click()
        if body.get_attribute("data-md-color-scheme") == "slate":
            break
    assert body.get_attribute("data-md-color-scheme") == "slate"
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    r, g, b = map(int, re.findall(r"\d+", background)[:3])
    assert r + g + b < 200, f"dark scheme background is {background}"
    # The choice sticks across pages.
    page.goto("/prefect/")
    assert page.locator("body").get_attribute("data-md-color-scheme") == "slate"


def test_search_for_prefect_leads_to_prefect_page(page):
    page.goto("/")
    search = page.locator("input.md-search__input")
    search.click()
    search.press_sequentially("Prefect")
    result = page.locator(".md-search-result__link").filter(has_text=re.compile(r"^\s*Prefect")).first
    result.wait_for()
    result.click()
    page.wait_for_url(re.compile(r"/prefect/"))
    assert page.title().startswith("Prefect - ")


@pytest.mark.parametrize("anchor", FACTOR_ANCHORS)
def test_factor_deep_link_scrolls_into_view(page, anchor):
    page.goto(f"/how-to-choose/#{anchor}")
    heading = page.locator(f"#{anchor}")
    heading.wait_for()
    page.wait_for_function(
        "(id) => { const r = document.getElementById(id).getBoundingClientRect();"
        " return r.top >= 0 && r.top < window.innerHeight / 2; }", arg=anchor)


def test_phone_reader_reaches_every_page_and_factor(phone):
    phone.goto("/")
    for title in ["Dagster", "Prefect", "How to choose", "Conclusion"]:
        phone.locator("label.md-header__button[for=__drawer]").click()
        link = phone.locator("nav.md-nav--primary a.md-nav__link", has_text=title).first
        link.wait_for(state="visible")
        link.click()
        phone.wait_for_function("(t) => document.title.startsWith(t + ' - ')", arg=title)
    # Every factor is reachable from the overview by plain links.
    phone.goto("/")
    for anchor in FACTOR_ANCHORS:
        assert phone.locator(f"a[href$='how-to-choose/#{anchor}']").count() >= 1


def test_the_landing_page_leads_to_the_guide_and_the_comparison_first(phone):
    """In its first screen on a phone, a reader sees where to start: the decision guide
    and the comparison, before any other link of the page."""
    phone.goto("/")
    links = phone.locator("article a[href]:not(.headerlink):not(.md-content__button)")
    first_two = [links.nth(n).get_attribute("href") for n in range(2)]
    assert [h.rstrip("/").split("/")[-1] for h in first_two] == ["decision-guide", "comparison"]
    for n in range(2):
        box = links.nth(n).bounding_box()
        assert box["y"] >= 0 and box["y"] + box["height"] <= 844, box
        assert box["height"] >= 44
    links.nth(0).tap()
    phone.wait_for_url("**/decision-guide/")
