"""The comparison in Chromium: row links, narrowing, phones, print, no JavaScript."""
from __future__ import annotations

import pytest

from conftest import run_build, serve
from datafix import add_third_tool, copy_project

ROW = "failure-handling"   # a public row anchor (tests/public_urls.txt)


def in_view(page, element_id: str) -> bool:
    return page.evaluate(
        "(id) => { const r = document.getElementById(id).getBoundingClientRect();"
        " return r.top >= 0 && r.top < window.innerHeight; }", element_id)


def test_row_link_gives_a_url_that_scrolls_to_the_row(page, new_page):
    page.goto("/comparison/")
    row_link = page.locator(f"#{ROW} a.cmp-rowlink")
    assert row_link.is_visible()
    row_link.click()
    page.wait_for_url(f"**/comparison/#{ROW}")
    shared = page.url
    other = new_page()
    other.goto(shared)
    other.wait_for_function("(id) => { const r = document.getElementById(id).getBoundingClientRect();"
                            " return r.top >= 0 && r.top < window.innerHeight / 2; }", arg=ROW)
    assert other.evaluate(f"document.getElementById('{ROW}').matches(':target')")


def visible_groups(page) -> list[str]:
    return page.eval_on_selector_all(".cmp-group", "gs => gs.filter(g => !g.hidden).map(g => g.dataset.factor)")


def test_narrowing_by_factor_lives_in_the_url(page, site_data):
    page.goto("/comparison/")
    assert visible_groups(page) == [f.id for f in site_data.factors]
    for f in site_data.factors:
        if f.id not in ("team-structure", "pace-of-growth"):
            page.get_by_role("checkbox", name=f.title).uncheck()
    assert visible_groups(page) == ["team-structure", "pace-of-growth"]
    assert "factor=team-structure,pace-of-growth" in page.url
    assert page.get_by_role("status").inner_text().startswith("Showing 2 of 5 factors")
    page.reload()
    assert visible_groups(page) == ["team-structure", "pace-of-growth"]
    assert not page.locator(f"#{site_data.criteria_for('workflow-design')[0].id}").is_visible()
    page.get_by_role("button", name="Show everything").click()
    assert visible_groups(page) == [f.id for f in site_data.factors]
    assert "factor=" not in page.url


def test_unknown_values_in_the_url_are_ignored(page, site_data):
    page.goto("/comparison/?factor=nope,<script>&tool=zzz")
    assert visible_groups(page) == [f.id for f in site_data.factors]


def test_filters_survive_instant_navigation_without_duplicate_listeners(page):
    page.goto("/comparison/")
    page.locator("nav.md-nav--primary a.md-nav__link", has_text="Conclusion").first.click()
    page.wait_for_function("document.title.startsWith('Conclusion')")
    page.locator("nav.md-nav--primary a.md-nav__link", has_text="Comparison").first.click()
    page.wait_for_function("document.title.startsWith('Comparison')")
    page.get_by_role("checkbox", name="Product goals").uncheck()
    assert "product-goals" not in visible_groups(page)
    assert page.url.count("factor=") == 1
    page.get_by_role("checkbox", name="Product goals").check()
    assert "product-goals" in visible_groups(page)


def test_without_javascript_everything_is_visible(no_js_page, site_data):
    no_js_page.goto("/comparison/")
    assert not no_js_page.locator("form.cmp-filters").is_visible()
    for c in site_data.criteria:
        assert no_js_page.locator(f"#{c.id}").is_visible()
    no_js_page.locator(f"#{ROW} summary").first.click()
    assert no_js_page.locator(f"#{ROW} .cmp-sources a").first.is_visible()


def test_notes_open_by_keyboard(page):
    page.goto("/comparison/")
    summary = page.locator(f"#{ROW} summary").first
    summary.focus()
    page.keyboard.press("Enter")
    assert page.locator(f"#{ROW} details").first.get_attribute("open") is not None
    assert page.locator(f"#{ROW} .cmp-sources a").first.is_visible()


def test_print_shows_every_column_and_note(page):
    page.goto("/comparison/")
    page.emulate_media(media="print")
    note = page.locator(f"#{ROW} details p").first
    assert note.is_visible()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    for table in page.locator("table.cmp-table").all():
        assert table.evaluate("t => t.scrollWidth <= t.clientWidth + 1")


@pytest.fixture(scope="module")
def three_tool_url(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("three")
    project = copy_project(tmp)
    add_third_tool(project / "data")
    site = tmp / "site"
    result = run_build(site, cwd=project)
    assert result.returncode == 0, result.stderr
    server = serve(site)
    yield server.url
    server.close()


def test_narrowing_to_chosen_tools_lives_in_the_url(new_page, three_tool_url):
    page = new_page(three_tool_url)
    page.goto("/comparison/")
    page.get_by_role("checkbox", name="Airflow").uncheck()
    assert "tool=dagster,prefect" in page.url
    airflow = page.locator(f"#{ROW} td[data-tool=airflow]")
    assert not airflow.is_visible()
    assert page.locator(f"#{ROW} td[data-tool=prefect]").is_visible()
    page.reload()
    assert not page.locator(f"#{ROW} td[data-tool=airflow]").is_visible()
    assert not page.locator("th[data-tool=airflow]").first.is_visible()
    page.get_by_role("checkbox", name="Airflow").check()
    assert page.locator(f"#{ROW} td[data-tool=airflow]").is_visible()
