"""Every cell of every table is whole on screen on a phone and at 200% zoom."""
from __future__ import annotations

import pytest

from readable import unreadable

# (viewport width, device scale): two phones, and a 1280 px desktop at 200% zoom.
WIDTHS = [(360, 3), (390, 3), (640, 2)]


def _open_notes(page):
    page.eval_on_selector_all("details.cmp-details", "ds => ds.forEach(d => { d.open = true; })")


def comparison_items(data) -> list[tuple[str, str]]:
    items = []
    for c in data.criteria:
        items.append((f"#{c.id} th .cmp-title", c.title))
        for t in data.tools:
            e = c.entry(t.id)
            cell = f"#{c.id} td[data-tool={t.id}]"
            items += [(f"{cell} .cmp-label", t.name), (f"{cell} .cmp-cell", e.cell),
                      (f"{cell} .cmp-details > p:first-of-type", e.note)]
            items += [(f"{cell} .cmp-sources a:nth-of-type({n})", "") for n in range(1, len(e.sources) + 1)]
    return items


@pytest.fixture(params=["light", "dark"])
def small_screen(request, new_page):
    def make(width, scale):
        return new_page(viewport={"width": width, "height": 800}, device_scale_factor=scale,
                        is_mobile=width < 600, has_touch=width < 600, color_scheme=request.param)
    return make


@pytest.mark.parametrize("width,scale", WIDTHS)
def test_every_comparison_cell_is_whole_on_screen(small_screen, site_data, width, scale):
    page = small_screen(width, scale)
    page.goto("/comparison/")
    _open_notes(page)
    assert unreadable(page, comparison_items(site_data)) == []
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


@pytest.mark.parametrize("width,scale", WIDTHS)
def test_every_factor_table_cell_is_whole_on_screen(small_screen, site_data, width, scale):
    page = small_screen(width, scale)
    page.goto("/how-to-choose/")
    items = []
    for c in site_data.criteria:
        row = f".cmp-compact tr:has(a[href$='comparison/#{c.id}'])"
        items.append((f"{row} th a", c.title))
        for t in site_data.tools:
            items += [(f"{row} td[data-tool={t.id}] .cmp-label", t.name),
                      (f"{row} td[data-tool={t.id}]", c.entry(t.id).cell)]
    assert unreadable(page, items) == []
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


@pytest.mark.parametrize("width,scale", WIDTHS)
def test_tool_facts_are_whole_on_screen(small_screen, site_data, width, scale):
    page = small_screen(width, scale)
    for t in site_data.tools:
        page.goto(f"/{t.id}/")
        rows = page.locator(".cmp-facts tr").count()
        assert rows >= 5
        items = [(f".cmp-facts tr:nth-child({n}) {cell}", "") for n in range(1, rows + 1) for cell in ("th", "td")]
        items.append((".cmp-facts", t.version))
        assert unreadable(page, items) == []
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_wide_tables_keep_their_headers_in_view(page, site_data):
    """On a desktop, a table's column headers stay visible below the site header while
    its rows scroll by, and the row under them stays readable."""
    page.goto("/comparison/")
    factor = max(site_data.factors, key=lambda f: len(site_data.criteria_for(f.id)))
    last = site_data.criteria_for(factor.id)[-1]
    group = f".cmp-group[data-factor={factor.id}]"
    # Scroll until the header's own place in the table is well above the viewport.
    page.evaluate("(sel) => { const t = document.querySelector(sel + ' table');"
                  " window.scrollBy(0, t.getBoundingClientRect().top + 120); }", group)
    assert page.evaluate(f"document.querySelector('{group} table').getBoundingClientRect().top < -100")
    header = [(f"{group} thead th[data-tool={t.id}]", t.name) for t in site_data.tools]
    assert page.evaluate("(sel) => { const r = document.querySelector(sel).getBoundingClientRect();"
                         " return r.top >= 0 && r.top < 100; }", header[0][0])
    last_cells = [(f"#{last.id} td[data-tool={t.id}] .cmp-cell", last.entry(t.id).cell) for t in site_data.tools]
    assert unreadable(page, header + last_cells) == []


def cost_items(page) -> list[tuple[str, str]]:
    """Every cell of every table on /cost/, by position (the tables are computed, so the
    test reads their shape from the page and their texts from the data elsewhere)."""
    items = []
    for table_id in page.eval_on_selector_all("table.cost-table", "ts => ts.map(t => t.id)"):
        rows = page.locator(f"#{table_id} tbody tr").count()
        cells = page.locator(f"#{table_id} tbody tr:first-child > *").count()
        items += [(f"#{table_id} tbody tr:nth-child({r}) > :nth-child({c})", "")
                  for r in range(1, rows + 1) for c in range(1, cells + 1)]
    return items


def concept_map_items(data) -> list[tuple[str, str]]:
    items = []
    for p in data.concept_map:
        row = f"#{p.id}"
        items += [(f"{row} th .cmp-cell", p.source.term), (f"{row} td[data-col=target] .cmp-cell", p.target.term),
                  (f"{row} td[data-col=differs] .sh-differs", p.differs)]
        items += [(f"{row} th .sh-term-source a:nth-of-type({n})", "") for n in range(1, len(p.source.sources) + 1)]
        items += [(f"{row} td[data-col=target] .sh-term-source a:nth-of-type({n})", "")
                  for n in range(1, len(p.target.sources) + 1)]
    return items


def topic_items(data, topics, glance_id: str) -> list[tuple[str, str]]:
    items = []
    for topic in topics:
        row = f"#{glance_id} tr[data-topic={topic.id}]"
        items.append((f"{row} th a", topic.title))
        for t in data.tools:
            side = topic.side(t.id)
            items += [(f"{row} td[data-tool={t.id}] .cmp-label", t.name), (f"{row} td[data-tool={t.id}] .cmp-cell", side.summary)]
            box = f".sh-sides[data-topic={topic.id}] .sh-side[data-tool={t.id}]"
            items += [(f"{box} h3", t.name), (f"{box} .sh-summary", side.summary)]
            items += [(f"{box} .sh-points > li:nth-child({n}) .sh-text", c.text) for n, c in enumerate(side.points, 1)]
            items += [(f"{box} .sh-limits > li:nth-child({n}) .sh-issue a", "") for n in range(1, len(side.limits) + 1)]
    return items


@pytest.mark.parametrize("width,scale", WIDTHS)
def test_every_cost_table_cell_is_whole_on_screen(small_screen, site_data, width, scale):
    page = small_screen(width, scale)
    page.goto("/cost/")
    items = cost_items(page)
    cost = site_data.cost
    assert len(items) >= len(cost.workloads) * sum(len(v.plans) for v in cost.vendors)
    # The plan names label each plan's figure on a phone, and the first figure is shown.
    for v in cost.vendors:
        for p in v.plans:
            items.append((f"#plans-{v.tool} tbody tr:first-child td[data-plan={p.id}] .cmp-label", p.name))
    assert unreadable(page, items) == []
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


@pytest.mark.parametrize("width,scale", WIDTHS)
def test_every_concept_map_and_moving_cell_is_whole_on_screen(small_screen, site_data, width, scale):
    page = small_screen(width, scale)
    page.goto("/moving/")
    assert unreadable(page, concept_map_items(site_data) + topic_items(site_data, site_data.moving, "moving-glance")) == []
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


@pytest.mark.parametrize("width,scale", WIDTHS)
def test_every_self_hosting_cell_and_point_is_whole_on_screen(small_screen, site_data, width, scale):
    page = small_screen(width, scale)
    page.goto("/self-hosting/")
    assert unreadable(page, topic_items(site_data, site_data.self_hosting, "self-hosting-glance")) == []
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
