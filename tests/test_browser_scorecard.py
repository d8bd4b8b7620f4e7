"""The trial scorecard on /comparison/ in Chromium: marks, URL state, history, keyboard,
the plan it gathers, its CSV and Markdown, print on A4, a phone, and the guide's link to it."""
from __future__ import annotations

import csv
import io

from conftest import real_data, wait_ready
from readable import unreadable
from test_quality import axe_violations

DATA = real_data()
CRITERIA = list(DATA.criteria) if DATA else []
MUST = [CRITERIA[0].id, CRITERIA[-1].id] if DATA else []
NICE = [CRITERIA[5].id] if DATA else []


def mark(page, criterion_id: str, which: str):
    title = DATA.criterion(criterion_id).title
    group = page.get_by_role("radiogroup", name=f"Priority in your trial: {title}")
    group.get_by_role("radio", name=which, exact=True).check()


def plan_rows(page) -> list[str]:
    return page.locator("#scorecard-table tbody tr:visible").evaluate_all("rs => rs.map(r => r.dataset.row)")


def test_marking_rows_builds_the_plan_and_keeps_it_in_the_url(page):
    page.goto("/comparison/")
    assert page.locator(".scorecard-status").inner_text() == "No row is marked yet."
    assert not page.locator("#scorecard-table").is_visible()
    mark(page, NICE[0], "Nice-to-have")
    for cid in MUST:
        mark(page, cid, "Must-have")
    assert page.url.split("#")[0].endswith(f"/comparison/?must={','.join(sorted(MUST, key=[c.id for c in CRITERIA].index))}&nice={NICE[0]}")
    # Must-haves first, each group in the comparison's order; every row with its task and both tools' marks.
    assert plan_rows(page) == MUST + NICE
    assert page.locator(".scorecard-status").inner_text() == "2 must-have and 1 nice-to-have rows in your trial plan."
    for cid in MUST + NICE:
        c = DATA.criterion(cid)
        row = page.locator(f"#scorecard-table tr[data-row='{cid}']")
        assert row.locator(".sc-trial").inner_text().strip().endswith(c.trial)
        assert row.locator(".sc-priority .sc-value").inner_text() == ("Must-have" if cid in MUST else "Nice-to-have")
        for t in DATA.tools:
            e = c.entry(t.id)
            cell = row.locator(f"td[data-tool='{t.id}'] .sc-value").inner_text()
            assert (f"{t.hosted} only" if e.hosted_only else "Open source") in cell
            assert ("dedicated feature" in cell) == (t.id in c.distinctive)
    # Not needed takes a row out again.
    mark(page, NICE[0], "Not needed")
    assert "nice=" not in page.url and plan_rows(page) == MUST


def test_the_marks_survive_reload_and_back_and_forward(page):
    page.goto(f"/comparison/?must={MUST[0]}&nice={NICE[0]}")
    assert plan_rows(page) == [MUST[0], NICE[0]]
    page.reload()
    assert plan_rows(page) == [MUST[0], NICE[0]]
    assert page.get_by_role("radiogroup", name=f"Priority in your trial: {DATA.criterion(MUST[0]).title}") \
        .get_by_role("radio", name="Must-have").is_checked()
    page.locator("nav.md-nav--primary a.md-nav__link", has_text="Conclusion").first.click()
    page.wait_for_function("document.title.startsWith('Conclusion')")
    page.go_back()
    page.wait_for_function("document.title.startsWith('Comparison')")
    page.locator("#scorecard-table").wait_for()
    assert plan_rows(page) == [MUST[0], NICE[0]]
    page.go_forward()
    page.wait_for_function("document.title.startsWith('Conclusion')")
    page.go_back()
    page.wait_for_function("document.title.startsWith('Comparison')")
    assert plan_rows(page) == [MUST[0], NICE[0]]


def test_marks_by_keyboard_with_named_radio_groups(page):
    page.goto("/comparison/")
    first = CRITERIA[0]
    group = page.get_by_role("radiogroup", name=f"Priority in your trial: {first.title}")
    assert [r.get_attribute("value") for r in group.get_by_role("radio").all()] == ["must", "nice", ""]
    group.get_by_role("radio", name="Not needed").focus()
    page.keyboard.press("ArrowLeft")    # to Nice-to-have
    page.keyboard.press("ArrowLeft")    # to Must-have
    assert group.get_by_role("radio", name="Must-have").is_checked()
    assert plan_rows(page) == [first.id]
    assert f"must={first.id}" in page.url


def test_csv_and_markdown_exports_hold_one_line_per_marked_row(page):
    page.goto(f"/comparison/?must={','.join(MUST)}&nice={NICE[0]}")
    with page.expect_download() as info:
        page.get_by_role("button", name="Download CSV").click()
    rows = list(csv.reader(io.StringIO(open(info.value.path(), encoding="utf-8").read())))
    tools = [t.name for t in DATA.tools]
    assert rows[0] == ["Criterion", "Link", "Priority", "What to try",
                       *[f"{n}: {k}" for n in tools for k in ("availability", "pass / fail")], "Notes"]
    assert len(rows) == 1 + len(MUST) + len(NICE)
    for line, cid in zip(rows[1:], MUST + NICE):
        c = DATA.criterion(cid)
        assert line[0] == c.title and line[1].endswith(f"/comparison/#{cid}") and "?" not in line[1]
        assert line[2] == ("Must-have" if cid in MUST else "Nice-to-have") and line[3] == c.trial
        for n, t in enumerate(DATA.tools):
            assert line[4 + 2 * n].startswith(f"{t.hosted} only" if c.entry(t.id).hosted_only else "Open source")
            assert line[5 + 2 * n] == ""
        assert line[-1] == ""
    with page.expect_download() as info:
        page.get_by_role("button", name="Download Markdown").click()
    md = open(info.value.path(), encoding="utf-8").read().splitlines()
    assert md[0].startswith("| Criterion | Link | Priority | What to try |") and set(md[1]) <= set("|- ")
    assert len(md) == 2 + len(MUST) + len(NICE)


def test_the_plan_prints_on_a4_with_every_cell_whole(new_page):
    page = new_page(viewport={"width": 794, "height": 1123})    # A4 at 96 dpi
    page.goto(f"/comparison/?must={','.join(MUST)}&nice={NICE[0]}")
    page.evaluate("document.documentElement.dataset.print = 'plan'")
    page.emulate_media(media="print")
    assert not page.locator(".cmp-group").first.is_visible()
    assert not page.locator(".cmp-filters").is_visible()
    clipped = page.locator("#scorecard-table tr:visible > *").evaluate_all("""cs => cs.filter(c => {
        const r = c.getBoundingClientRect();
        return c.scrollWidth > c.clientWidth + 1 || r.left < 0 || r.right > window.innerWidth; }).map(c => c.textContent)""")
    assert clipped == []
    assert page.locator("#scorecard-table tbody tr:visible").count() == len(MUST) + len(NICE)
    assert len(page.pdf(format="A4")) > 1000


def test_the_plan_reads_whole_on_a_phone(phone):
    phone.goto(f"/comparison/?must={','.join(MUST)}&nice={NICE[0]}")
    items = []
    for cid in MUST + NICE:
        row = f"#scorecard-table tr[data-row='{cid}']"
        items += [(f"{row} th a", DATA.criterion(cid).title), (f"{row} .sc-trial .sc-value", DATA.criterion(cid).trial)]
        items += [(f"{row} td[data-tool='{t.id}'] .sc-value", "") for t in DATA.tools]
    assert unreadable(phone, items) == []
    assert phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_no_accessibility_violations_with_a_plan(page):
    page.goto(f"/comparison/?must={','.join(MUST)}&nice={NICE[0]}")
    page.locator("#scorecard-table").wait_for()
    assert axe_violations(page) == []


def test_a_guide_result_opens_its_scorecard_pre_marked(page):
    guide = DATA.guide
    requirements = next(q for q in guide.questions if q.multiple)
    ticked = requirements.answers[0]
    trail, outcome = guide.routes()[0]
    steps, node = [], guide.start
    given = dict(trail)
    while node in {q.id for q in guide.questions}:
        q = guide.question(node)
        if q.multiple:
            steps.append(f"{q.id}={ticked.id}")
            node = q.next
        else:
            steps.append(f"{q.id}={given[q.id]}")
            node = q.answer(given[q.id]).next
    page.goto(f"/decision-guide/?{'&'.join(steps)}")
    shown = page.locator(".guide-row:visible").evaluate_all("ls => ls.map(l => l.dataset.row)")
    page.get_by_role("link", name="Turn these rows into a trial scorecard").click()
    page.wait_for_url("**/comparison/?must=*#scorecard")
    wait_ready(page)
    must = set(ticked.rows)
    assert {r for r in plan_rows(page)} == set(shown)
    for cid in shown:
        which = "Must-have" if cid in must else "Nice-to-have"
        assert page.get_by_role("radiogroup", name=f"Priority in your trial: {DATA.criterion(cid).title}") \
            .get_by_role("radio", name=which).is_checked(), (cid, which)
