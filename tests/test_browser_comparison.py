"""The comparison in Chromium: row links that copy, narrowing (factors, self-hosting,
tools), links that win over filters, touch targets, print, no JavaScript."""
from __future__ import annotations

import pytest

from conftest import read_through, run_build, serve, wait_ready
from datafix import add_third_tool, copy_project

ROW = "failure-handling"   # a public row anchor (tests/public_urls.txt)


def visible_groups(page) -> list[str]:
    return page.eval_on_selector_all(".cmp-group", "gs => gs.filter(g => !g.hidden).map(g => g.dataset.factor)")


def status(page) -> str:
    return page.locator(".cmp-filter-status").inner_text()


def test_row_anchor_gives_a_url_that_scrolls_to_the_row(page, new_page):
    page.goto("/comparison/")
    row_link = page.locator(f"#{ROW} a.cmp-rowlink")
    assert row_link.is_visible()
    row_link.click()
    page.wait_for_url(f"**/comparison/#{ROW}")
    other = new_page()
    other.goto(page.url)
    other.wait_for_function("(id) => { const r = document.getElementById(id).getBoundingClientRect();"
                            " return r.top >= 0 && r.top < window.innerHeight / 2; }", arg=ROW)
    assert other.evaluate(f"document.getElementById('{ROW}').matches(':target')")


def test_a_row_reached_by_its_link_is_marked_and_shows_its_column_headers(page, site_data):
    from readable import unreadable

    page.goto(f"/comparison/#{ROW}")
    page.wait_for_function("(id) => document.getElementById(id).getBoundingClientRect().top < 300", arg=ROW)
    row = page.locator(f"#{ROW}")
    marked = row.locator("th").evaluate("th => getComputedStyle(th).boxShadow")
    assert marked != "none"
    factor = site_data.criterion(ROW).factor
    headers = [(f".cmp-group[data-factor={factor}] thead th[data-tool={t.id}]", t.name) for t in site_data.tools]
    cells = [(f"#{ROW} td[data-tool={t.id}] .cmp-cell", site_data.criterion(ROW).entry(t.id).cell) for t in site_data.tools]
    # Both the headers and the row are whole on screen, without scrolling anything.
    on_screen = page.evaluate("""(sels) => sels.map(s => { const r = document.querySelector(s).getBoundingClientRect();
        return r.top >= 0 && r.bottom <= innerHeight; })""", [s for s, _ in headers + cells])
    assert all(on_screen), on_screen
    assert unreadable(page, headers + cells) == []


def test_copy_link_puts_the_rows_full_url_on_the_clipboard(new_page, site_data):
    page = new_page(permissions=["clipboard-read", "clipboard-write"])
    page.goto("/comparison/?factor=day-to-day-operations")
    title = site_data.criterion(ROW).title
    button = page.get_by_role("button", name=f"Copy link to the row: {title}")
    button.click()
    page.locator(f"#{ROW} .cmp-copy-status").get_by_text("Link copied.").wait_for()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.endswith(f"/comparison/#{ROW}") and copied.startswith("http://127.0.0.1:")


def test_copy_link_falls_back_to_a_selected_field_without_the_clipboard(page, site_data):
    page.add_init_script("Object.defineProperty(navigator, 'clipboard', { value: undefined })")
    page.goto("/comparison/")
    title = site_data.criterion(ROW).title
    page.get_by_role("button", name=f"Copy link to the row: {title}").click()
    field = page.get_by_role("textbox", name=f"Link to the row: {title}")
    assert field.input_value().endswith(f"/comparison/#{ROW}")
    assert page.evaluate("document.activeElement.value").endswith(f"#{ROW}")


def test_narrowing_by_factor_lives_in_the_url(page, site_data):
    page.goto("/comparison/")
    assert visible_groups(page) == [f.id for f in site_data.factors]
    for f in site_data.factors:
        if f.id not in ("team-structure", "pace-of-growth"):
            page.get_by_role("checkbox", name=f.title).uncheck()
    assert visible_groups(page) == ["team-structure", "pace-of-growth"]
    assert "factor=team-structure,pace-of-growth" in page.url
    assert status(page) == f"Showing 2 of {len(site_data.factors)} factors."
    page.reload()
    assert visible_groups(page) == ["team-structure", "pace-of-growth"]
    assert not page.locator(f"#{site_data.criteria_for('workflow-design')[0].id}").is_visible()
    page.get_by_role("button", name="Show everything").click()
    assert visible_groups(page) == [f.id for f in site_data.factors]
    assert "factor=" not in page.url


def test_only_this_factor_in_one_tap(phone, site_data):
    phone.goto("/comparison/")
    factor = site_data.factors[2]
    phone.get_by_role("button", name=f"Show only {factor.title}").tap()
    assert visible_groups(phone) == [factor.id]
    assert f"factor={factor.id}" in phone.url


def test_an_empty_filter_says_how_to_get_rows_back(page, site_data):
    page.goto("/comparison/")
    for f in site_data.factors:
        page.get_by_role("checkbox", name=f.title).uncheck()
    assert visible_groups(page) == []
    empty = page.locator(".cmp-empty")
    assert empty.is_visible() and "no rows are shown" in empty.inner_text()
    empty.get_by_role("button", name="Show every factor").click()
    assert visible_groups(page) == [f.id for f in site_data.factors]
    assert not empty.is_visible()


def test_a_linked_row_is_shown_even_when_the_url_filter_would_hide_it(page, site_data):
    factor = site_data.criterion(ROW).factor
    other = next(f.id for f in site_data.factors if f.id != factor)
    page.goto(f"/comparison/?factor={other}#{ROW}")
    assert page.locator(f"#{ROW}").is_visible()
    assert set(visible_groups(page)) == {factor, other}
    note = page.locator(".cmp-relaxed")
    assert note.is_visible() and "shown again" in note.inner_text()
    assert f"factor={','.join(f.id for f in site_data.factors if f.id in (factor, other))}" in page.url


def _hosted_cells(site_data):
    return [(c, t) for c in site_data.criteria for t in site_data.tools if c.entry(t.id).hosted_only]


def test_every_cell_shows_its_availability_and_the_legend_explains_it(page, site_data):
    page.goto("/comparison/")
    legend = page.locator(".avail-legend")
    assert legend.is_visible()
    for t in site_data.tools:
        assert legend.get_by_text(f"{t.hosted} only").is_visible()
    for c in site_data.criteria:
        for t in site_data.tools:
            e = c.entry(t.id)
            mark = page.locator(f"#{c.id} td[data-tool={t.id}] .avail").inner_text()
            assert mark == (f"{t.hosted} only" if e.hosted_only else "Open source"), (c.id, t.id)
            adds = page.locator(f"#{c.id} td[data-tool={t.id}] .cmp-adds")
            assert adds.count() == (1 if e.hosted_adds else 0)


def test_self_host_filter_hides_hosted_only_cells_and_survives_a_reload(page, site_data):
    hosted = _hosted_cells(site_data)
    assert hosted, "the data must have hosted-only cells"
    page.goto("/comparison/")
    page.get_by_role("checkbox", name="Only what I can self-host").check()
    assert "availability=open-source" in page.url
    assert "only what can be self-hosted" in status(page)
    for reload in (False, True):
        if reload:
            page.reload()
            assert page.get_by_role("checkbox", name="Only what I can self-host").is_checked()
        for c, t in hosted:
            cell = page.locator(f"#{c.id} td[data-tool={t.id}]")
            assert not cell.locator(".cmp-cell").is_visible()
            assert cell.locator(".cmp-excluded").is_visible()
            assert t.hosted in cell.locator(".cmp-excluded").inner_text()
        # What can be self-hosted stays, without the hosted product's additions.
        open_cell = next((c, t) for c in site_data.criteria for t in site_data.tools if c.entry(t.id).hosted_adds)
        cell = page.locator(f"#{open_cell[0].id} td[data-tool={open_cell[1].id}]")
        assert cell.locator(".cmp-cell").is_visible() and not cell.locator(".cmp-adds").is_visible()
    page.get_by_role("checkbox", name="Only what I can self-host").uncheck()
    assert "availability" not in page.url
    c, t = hosted[0]
    assert page.locator(f"#{c.id} td[data-tool={t.id}] .cmp-cell").is_visible()


def test_unknown_values_in_the_url_are_ignored(page, site_data):
    page.goto("/comparison/?factor=nope,<script>&tool=zzz&availability=maybe")
    assert visible_groups(page) == [f.id for f in site_data.factors]
    assert not page.get_by_role("checkbox", name="Only what I can self-host").is_checked()


def test_filters_survive_instant_navigation_without_duplicate_listeners(page):
    page.goto("/comparison/")
    page.locator("nav.md-nav--primary a.md-nav__link", has_text="Conclusion").first.click()
    page.wait_for_function("document.title.startsWith('Conclusion')")
    page.locator("nav.md-nav--primary a.md-nav__link", has_text="Comparison").first.click()
    page.wait_for_function("document.title.startsWith('Comparison')")
    wait_ready(page)
    page.get_by_role("checkbox", name="Product goals").uncheck()
    assert "product-goals" not in visible_groups(page)
    assert page.url.count("factor=") == 1
    page.get_by_role("checkbox", name="Product goals").check()
    assert "product-goals" in visible_groups(page)


TARGETS = ".cmp-filters input, .cmp-filters button, .cmp-rowlink, .cmp-copy, summary"


@pytest.mark.parametrize("device,minimum", [("desktop", 24), ("phone", 44)])
def test_touch_targets_are_big_enough(new_page, device, minimum):
    """WCAG 2.2: 24 x 24 CSS px everywhere; 44 px for the main controls on phones.
    A checkbox counts with its label, which is part of the target."""
    options = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True} if device == "phone" else {}
    page = new_page(**options)
    page.goto("/comparison/")
    read_through(page)   # the tables further down are drawn as the reader nears them
    sizes = page.eval_on_selector_all(TARGETS, """els => els.filter(e => e.checkVisibility()).map(e => {
        const t = e.closest('label') || e; const r = t.getBoundingClientRect();
        return [e.outerHTML.slice(0, 60), Math.round(r.width), Math.round(r.height)]; })""")
    assert len(sizes) > 40
    small = [s for s in sizes if min(s[1], s[2]) < (minimum if not s[0].startswith("<summary") else 24)]
    assert small == []


def test_without_javascript_everything_is_visible(no_js_page, site_data):
    no_js_page.goto("/comparison/")
    assert not no_js_page.locator("form.cmp-filters").is_visible()
    assert no_js_page.locator(".cmp-copy").first.is_hidden()
    for c in site_data.criteria:
        assert no_js_page.locator(f"#{c.id}").is_visible()
    for c, t in _hosted_cells(site_data):
        assert no_js_page.locator(f"#{c.id} td[data-tool={t.id}] .cmp-cell").is_visible()
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
    page.goto("/comparison/?factor=team-structure&availability=open-source")
    page.emulate_media(media="print")
    note = page.locator(f"#{ROW} details p").first
    assert note.is_visible()
    assert page.locator(f"#{ROW}").is_visible()   # print shows every group, whatever the filter
    assert not page.locator("form.cmp-filters").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    for table in page.locator("table.cmp-table").all():
        assert table.evaluate("t => t.scrollWidth <= t.clientWidth + 1")
    # On screen a table is drawn only as the reader nears it; on paper every one is, at once.
    undrawn = page.eval_on_selector_all("table.cmp-table tr.cmp-row", """rows => rows
        .filter(r => !r.checkVisibility({ contentVisibilityAuto: true })).map(r => r.id)""")
    assert undrawn == []


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
