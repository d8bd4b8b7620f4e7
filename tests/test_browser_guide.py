"""The decision guide in Chromium: every outcome with every requirement, URL state, result
pages, legacy links, history, keyboard, no JavaScript."""
from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from conftest import real_data, wait_ready

DATA = real_data()
GUIDE = DATA.guide if DATA else None
ROUTES = GUIDE.routes() if GUIDE else []
QUESTIONS = {q.id: q for q in GUIDE.questions} if GUIDE else {}
OUTCOMES = {o.id: o for o in GUIDE.outcomes} if GUIDE else {}
REQUIREMENTS = next(q for q in GUIDE.questions if q.multiple) if GUIDE else None
# One route per outcome, the first in the tree's order.
FIRST = {}
for _trail, _outcome in ROUTES:
    FIRST.setdefault(_outcome, _trail)


def label(question_id: str, answer_id: str) -> str:
    return next(a.label for a in QUESTIONS[question_id].answers if a.id == answer_id)


def answer(page, question_id, answer_id):
    page.locator(".guide-app fieldset:not([hidden]) legend").filter(has_text=QUESTIONS[question_id].text).wait_for()
    page.get_by_role("button", name=label(question_id, answer_id), exact=True).click()


def steps_for(trail, ticked=()):
    """The full answer list of a route, with the requirements question answered by `ticked`."""
    out = []
    for qid in _order(trail):
        out.append((qid, tuple(ticked)) if QUESTIONS[qid].multiple else (qid, (dict(trail)[qid],)))
    return out


def _order(trail):
    """The questions a route asks, in order, with the multiple question in its place."""
    given, node, order = dict(trail), GUIDE.start, []
    while node in QUESTIONS:
        order.append(node)
        q = QUESTIONS[node]
        node = q.next if q.multiple else next(a.next for a in q.answers if a.id == given[node])
    return order


def query(steps) -> str:
    return "&".join(f"{q}={','.join(ids) if ids else 'none'}" for q, ids in steps)


def expected_rows(steps):
    """Counted here from the data, not with the site's own code: the rows the answers name."""
    rows: dict[str, list[str]] = {}
    for qid, ids in steps:
        for aid in ids:
            a = next(a for a in QUESTIONS[qid].answers if a.id == aid)
            for r in a.rows:
                rows.setdefault(r, []).append(a.label)
    return rows


def result_title(page) -> str:
    return page.locator(".guide-result h2").inner_text()


SHOWN = """root => [...root.querySelectorAll('.guide-row')].filter(li => li.checkVisibility()).map(li => ({
    id: li.dataset.row,
    title: li.querySelector('.guide-row-title').checkVisibility() && li.querySelector('.guide-row-title').textContent,
    by: li.querySelector('.guide-by').textContent,
    cells: Object.fromEntries([...li.querySelectorAll('dd')].map(d => [d.dataset.tool, d.checkVisibility() ? d.textContent : null])),
  }))"""
COUNTS = """root => Object.fromEntries([...root.querySelectorAll('.guide-counts li[data-tool]')].map(li =>
    [li.dataset.tool, [...li.querySelectorAll('.guide-count')].map(c => c.textContent)]))"""
# The rows and counts read in one go, once the rows shown are the ones wanted, so both come
# from the same render (two separate reads once straddled a re-render of the content).
READ = f"""ids => {{ const root = document.querySelector('.guide-result');
    const shown = root ? ({SHOWN})(root) : [];
    return shown.map(r => r.id).sort().join() === ids && {{ shown, counts: ({COUNTS})(root) }}; }}"""


def check_result(page, steps):
    """What the reader sees, read in one pass: the rows shown, their cells, who brought them, the counts."""
    rows = expected_rows(steps)
    result = page.locator(".guide-result")
    try:   # the script renders on load and on popstate
        read = page.wait_for_function(READ, arg=",".join(sorted(rows)), timeout=5000).json_value()
    except PlaywrightTimeout:   # the assertion below shows the difference
        read = {"shown": result.evaluate(SHOWN), "counts": result.evaluate(COUNTS)}
    shown = {r["id"]: r for r in read["shown"]}
    assert sorted(shown) == sorted(rows)
    for cid, labels in rows.items():
        c, seen = DATA.criterion(cid), shown[cid]
        assert seen["title"] == c.title
        for lab in labels:
            assert lab in seen["by"], (cid, lab, seen["by"])
        for t in DATA.tools:
            assert seen["cells"][t.id] is not None and c.entry(t.id).cell in seen["cells"][t.id], (cid, t.id)
    counts = read["counts"]
    for t in DATA.tools:
        picked = [DATA.criterion(r) for r in rows]
        dedicated = sum(t.id in c.distinctive for c in picked)
        hosted = sum(c.entry(t.id).hosted_only for c in picked)
        assert counts[t.id] == [str(dedicated), str(len(picked) - hosted), str(hosted)], (t.id, counts)


@pytest.mark.parametrize("outcome", sorted(FIRST))
def test_every_outcome_with_no_each_and_all_requirements(page, outcome):
    trail = FIRST[outcome]
    variants = [()] + [(a.id,) for a in REQUIREMENTS.answers] + [tuple(a.id for a in REQUIREMENTS.answers)]
    page.goto(f"/decision-guide/?{query(steps_for(trail))}")
    for ticked in variants:
        steps = steps_for(trail, ticked)
        # Moving through history re-reads the URL as a reload would, without reloading the page.
        page.evaluate("u => { history.pushState(null, '', u); dispatchEvent(new PopStateEvent('popstate')); }",
                      f"?{query(steps)}")
        page.wait_for_function("t => (document.querySelector('.guide-result h2') || {}).textContent === t",
                               arg=OUTCOMES[outcome].title, timeout=5000)
        check_result(page, steps)


@pytest.mark.parametrize("outcome", sorted(FIRST))
def test_clicking_through_reaches_the_outcome_and_its_section(page, outcome):
    trail = FIRST[outcome]
    page.goto("/decision-guide/")
    tick = REQUIREMENTS.answers[len(outcome) % len(REQUIREMENTS.answers)]
    for step, qid in enumerate(_order(trail), 1):
        page.locator(".guide-app fieldset:not([hidden]) legend").filter(has_text=QUESTIONS[qid].text).wait_for()
        assert page.locator(".guide-progress").text_content().startswith(f"Question {step} of at most")
        if QUESTIONS[qid].multiple:
            page.get_by_label(tick.label).check()
            page.get_by_role("button", name="Continue").click()
        else:
            answer(page, qid, dict(trail)[qid])
    assert result_title(page) == OUTCOMES[outcome].title
    steps = steps_for(trail, (tick.id,))
    assert page.url.endswith(f"/decision-guide/?{query(steps)}")
    check_result(page, steps)
    page.locator(".guide-result .guide-section").click()
    path, anchor = OUTCOMES[outcome].target.split("#")
    page.wait_for_url(re.compile(re.escape(path) + "#" + anchor + "$"))
    assert page.locator(f"[id='{anchor}']").count() == 1


def test_hosting_sets_the_availability_view(page):
    hosted_only = [c for c in DATA.criteria if any(e.hosted_only for _, e in c.entries)]
    adds = [c for c in DATA.criteria if any(e.hosted_adds for _, e in c.entries)]
    assert hosted_only and adds
    trail = FIRST["separate-teams"]
    for hosting in QUESTIONS[GUIDE.start].answers:
        steps = [(GUIDE.start, (hosting.id,))] + steps_for(trail, tuple(a.id for a in REQUIREMENTS.answers))[1:]
        page.goto(f"/decision-guide/?{query(steps)}")
        result = page.locator(".guide-result")
        assert result.get_attribute("data-view") == hosting.view
        rows = expected_rows(steps)
        notes = result.locator(".guide-row:visible .guide-if-open:visible").count()
        plus = result.locator(".guide-row:visible .guide-if-hosted:visible").count()
        n_hosted_only = sum(e.hosted_only for r in rows for _, e in DATA.criterion(r).entries)
        n_adds = sum(bool(e.hosted_adds) for r in rows for _, e in DATA.criterion(r).entries)
        assert notes == (0 if hosting.view == "hosted" else n_hosted_only)
        assert plus == (0 if hosting.view == "open-source" else n_adds)
        assert page.locator(".guide-view").is_visible()


def test_shipped_result_urls_open_a_result(page):
    for legacy in GUIDE.legacy:
        q = "&".join(f"{k}={v}" for k, v in legacy.answers)
        page.goto(f"/decision-guide/?{q}")
        page.wait_for_url(f"**/decision-guide/result/{legacy.outcome}/?{q}")
        wait_ready(page)
        assert page.locator("article h1").inner_text() == OUTCOMES[legacy.outcome].title
        kept = [(k, (v,)) for k, v in legacy.answers
                if k in QUESTIONS and any(a.id == v for a in QUESTIONS[k].answers)]
        shown = set(page.locator(".guide-row:visible").evaluate_all("ls => ls.map(l => l.dataset.row)"))
        assert shown == set(GUIDE.common_rows(legacy.outcome)) | set(expected_rows(kept))
    page.goto("/decision-guide/?team-size=several-teams&on-call=platform-group&hosting=self-host")
    page.wait_for_url("**/decision-guide/result/separate-teams/?team-size=several-teams&on-call=platform-group&hosting=self-host")
    wait_ready(page)
    assert page.locator(".guide-result").get_attribute("data-view") == "open-source"


def test_a_result_page_adds_the_rows_its_answers_brought(page, new_page):
    outcome = "separate-teams"
    common = set(GUIDE.common_rows(outcome))
    assert common
    steps = steps_for(FIRST[outcome], (REQUIREMENTS.answers[0].id,))
    page.goto(f"/decision-guide/result/{outcome}/?{query(steps)}")
    assert page.locator("article h1").inner_text() == OUTCOMES[outcome].title
    shown = set(page.locator(".guide-row:visible").evaluate_all("ls => ls.map(l => l.dataset.row)"))
    assert shown == common | set(expected_rows(steps))
    for cid, labels in expected_rows(steps).items():
        assert labels[0] in page.locator(f".guide-row[data-row='{cid}'] .guide-by").inner_text()


def test_copy_link_gives_the_result_page_with_the_answers(new_page):
    page = new_page(permissions=["clipboard-read", "clipboard-write"])
    steps = steps_for(FIRST["run-a-trial"], (REQUIREMENTS.answers[1].id,))
    page.goto(f"/decision-guide/?{query(steps)}")
    page.get_by_role("button", name="Copy link to this result").click()
    page.get_by_text("Link copied.").wait_for()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.endswith(f"/decision-guide/result/run-a-trial/?{query(steps)}")
    # The guide keeps its own address while answering.
    assert "/decision-guide/?" in page.url
    fresh = new_page()
    fresh.goto(copied)
    assert fresh.locator("article h1").inner_text() == OUTCOMES["run-a-trial"].title
    assert set(fresh.locator(".guide-row:visible").evaluate_all("ls => ls.map(l => l.dataset.row)")) == \
        set(GUIDE.common_rows("run-a-trial")) | set(expected_rows(steps))


def test_result_pages_without_javascript(no_js_page):
    for o in GUIDE.outcomes:
        no_js_page.goto(f"/decision-guide/result/{o.id}/")
        assert no_js_page.locator("article h1").inner_text() == o.title
        assert no_js_page.get_by_text(o.why, exact=True).is_visible()
        path, anchor = o.target.split("#")
        assert no_js_page.locator(".guide-section").get_attribute("href") == f"../../..{path}#{anchor}"
        shown = no_js_page.locator(".guide-row:visible").evaluate_all("ls => ls.map(l => l.dataset.row)")
        assert sorted(shown) == sorted(GUIDE.common_rows(o.id))
        for cid in shown:
            for t in DATA.tools:
                assert DATA.criterion(cid).entry(t.id).cell in no_js_page.locator(
                    f".guide-row[data-row='{cid}'] dd[data-tool='{t.id}']").inner_text()


def test_without_javascript_the_map_links_every_question_and_result(no_js_page):
    no_js_page.goto("/decision-guide/")
    assert not no_js_page.locator(".guide-app").is_visible()
    tree = no_js_page.locator(".guide-tree")
    for q in GUIDE.questions:
        assert tree.locator(f"[id='map-{q.id}']").get_by_text(q.text, exact=True).is_visible()
        for a in q.answers:
            assert tree.get_by_text(a.label, exact=True).count() >= 1
    hrefs = set(tree.locator("a.guide-outcome").evaluate_all("ls => ls.map(l => l.href)"))
    assert {h.rstrip("/").rsplit("/", 1)[-1] for h in hrefs} == set(OUTCOMES)
    for href in sorted(hrefs):
        no_js_page.goto(href)
        assert no_js_page.locator("article h1").inner_text() in {o.title for o in GUIDE.outcomes}


def test_back_change_and_restart(page):
    trail = FIRST["on-call-runs"]
    page.goto(f"/decision-guide/?{query(steps_for(trail))}")
    assert result_title(page) == OUTCOMES["on-call-runs"].title
    page.get_by_role("button", name="Back", exact=True).click()
    assert page.locator(".guide-app fieldset:not([hidden]) legend").inner_text() == QUESTIONS[_order(trail)[-1]].text
    page.get_by_role("button", name=f"Change your answer to: {QUESTIONS[GUIDE.start].text}").click()
    assert page.locator(".guide-app fieldset:not([hidden]) legend").inner_text() == QUESTIONS[GUIDE.start].text
    assert "?" not in page.url
    page.get_by_role("button", name=QUESTIONS[GUIDE.start].answers[1].label).click()
    assert f"{GUIDE.start}={QUESTIONS[GUIDE.start].answers[1].id}" in page.url
    page.get_by_role("button", name="Restart").click()
    assert page.locator(".guide-app fieldset:not([hidden]) legend").inner_text() == QUESTIONS[GUIDE.start].text
    assert page.locator(".guide-summary").count() == 0


def test_browser_back_and_forward_step_through_answers(page):
    trail = FIRST["growth-in-scale"]
    page.goto("/decision-guide/")
    order = _order(trail)
    for qid in order:
        if QUESTIONS[qid].multiple:
            page.locator(".guide-app fieldset:not([hidden]) legend").filter(has_text=QUESTIONS[qid].text).wait_for()
            page.get_by_role("button", name="Continue").click()
        else:
            answer(page, qid, dict(trail)[qid])
    assert "requirements=none" in page.url
    page.go_back()
    assert page.locator(".guide-app fieldset:not([hidden]) legend").inner_text() == QUESTIONS[order[-1]].text
    page.go_back()
    assert page.locator(".guide-app fieldset:not([hidden]) legend").inner_text() == QUESTIONS[order[-2]].text
    page.go_forward()
    page.go_forward()
    assert result_title(page) == OUTCOMES["growth-in-scale"].title


@pytest.mark.parametrize("garbage", [
    "?hosting=nonsense",
    "?main-job=automate-tasks",
    "?hosting=hosted&requirements=%3Cscript%3E&team-size=few-people",
    "?hosting=hosted&requirements=dbt-models,nope&team-size",
    "?%E0%A4%A=1&&&=&hosting",
])
def test_garbage_urls_keep_the_valid_part_and_never_throw(page, garbage):
    # The page fixture fails on any console error or uncaught exception.
    page.goto(f"/decision-guide/{garbage}")
    legend = page.locator(".guide-app fieldset:not([hidden]) legend")
    if "dbt-models,nope" in garbage:
        assert legend.inner_text() == QUESTIONS["team-size"].text
        assert page.url.endswith("/decision-guide/?hosting=hosted&requirements=dbt-models")
    elif "hosting=hosted" in garbage:
        assert legend.inner_text() == QUESTIONS["requirements"].text
        assert page.url.endswith("/decision-guide/?hosting=hosted")
    else:
        assert legend.inner_text() == QUESTIONS[GUIDE.start].text
        assert page.url.endswith("/decision-guide/")


def test_keyboard_only_walk_with_focus_and_announcements(page):
    trail = FIRST["clarify-goals"]
    page.goto("/decision-guide/")
    for qid in _order(trail):
        page.locator(".guide-app fieldset:not([hidden]) legend").filter(has_text=QUESTIONS[qid].text).wait_for()
        if QUESTIONS[qid].multiple:
            page.keyboard.press("Tab")
            assert page.evaluate("document.activeElement.type") == "checkbox"
            page.keyboard.press("Space")
            for _ in range(20):
                page.keyboard.press("Tab")
                if page.evaluate("document.activeElement.textContent") == "Continue":
                    break
            page.keyboard.press("Enter")
            continue
        for _ in range(40):
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.dataset.answer || ''") == dict(trail)[qid]:
                break
        else:
            pytest.fail(f"could not reach answer {dict(trail)[qid]} by keyboard")
        page.keyboard.press("Enter")
    assert f"requirements={REQUIREMENTS.answers[0].id}" in page.url
    assert page.evaluate("document.activeElement.id") == "guide-result-title"
    assert page.locator("[aria-live]").inner_text() == f"Result: {OUTCOMES['clarify-goals'].title}"


def test_guide_works_after_instant_navigation_away_and_back(page):
    page.goto("/decision-guide/")
    answer(page, GUIDE.start, QUESTIONS[GUIDE.start].answers[0].id)
    page.locator("nav.md-nav--primary a.md-nav__link", has_text="Conclusion").first.click()
    page.wait_for_function("document.title.startsWith('Conclusion')")
    page.locator("nav.md-nav--primary a.md-nav__link", has_text="Decision guide").first.click()
    page.wait_for_function("document.title.startsWith('Decision guide')")
    wait_ready(page)
    legend = page.locator(".guide-app fieldset:not([hidden]) legend")
    assert legend.inner_text() == QUESTIONS[GUIDE.start].text
    answer(page, GUIDE.start, QUESTIONS[GUIDE.start].answers[0].id)
    page.wait_for_url(lambda url: "?" in url)   # the answer is in the address: Back returns to the question
    page.go_back()
    assert urlsplit(page.url).path.endswith("/decision-guide/"), page.url
    assert legend.inner_text() == QUESTIONS[GUIDE.start].text
    assert page.locator(".guide-app").count() == 1


def test_a_result_names_itself_in_the_title_and_heading(page):
    page.goto("/decision-guide/")
    generic = page.title()
    page.goto(f"/decision-guide/?{query(steps_for(FIRST['start-simple']))}")
    title = OUTCOMES["start-simple"].title
    assert page.title() == f"{title} - {generic}"
    assert page.locator("article h1").inner_text().startswith(f"Decision guide: {title}")
    page.get_by_role("button", name="Restart").click()
    assert page.title() == generic
    assert title not in page.locator("article h1").inner_text()


def test_guide_result_on_a_phone_is_readable(phone):
    steps = steps_for(FIRST["separate-teams"], tuple(a.id for a in REQUIREMENTS.answers))
    phone.goto(f"/decision-guide/?{query(steps)}")
    assert result_title(phone) == OUTCOMES["separate-teams"].title
    assert phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    # Every cell of every row shown fits the screen's width.
    widths = phone.locator(".guide-row:visible dd").evaluate_all(
        "ds => ds.map(d => { const r = d.getBoundingClientRect(); return [r.left, r.right]; })")
    assert widths and all(left >= 0 and right <= 390 for left, right in widths)


def test_a_result_prints_without_the_site_around_it(page):
    steps = steps_for(FIRST["on-call-data"], (REQUIREMENTS.answers[0].id,))
    page.goto(f"/decision-guide/?{query(steps)}")
    assert page.get_by_role("button", name="Print this result").is_visible()
    page.emulate_media(media="print")
    for hidden in (".md-header", ".md-sidebar--primary", ".md-footer", ".guide-map", ".guide-controls", ".guide-share"):
        assert not page.locator(hidden).first.is_visible(), hidden
    assert result_title(page) == OUTCOMES["on-call-data"].title
    for qid, ids in steps:
        if ids:
            assert page.locator(".guide-summary").get_by_text(label(qid, ids[0]), exact=False).first.is_visible()
    assert page.locator(".guide-row:visible").count() == len(expected_rows(steps))


def test_the_first_question_is_in_the_page_before_the_script_runs(page, base_url):
    """The page renders the start question exactly as the script does, so nothing moves."""
    import urllib.request

    raw = urllib.request.urlopen(f"{base_url}/decision-guide/").read().decode("utf-8")
    start = QUESTIONS[GUIDE.start]
    assert f">{start.text}</legend>" in raw
    page.goto("/decision-guide/")
    rendered = page.evaluate("""() => { const app = document.querySelector('.guide-app');
        return [...app.children].filter(e => !e.matches('.visually-hidden')).map(e => e.outerHTML).join(''); }""")
    served = page.evaluate("""(html) => { const d = new DOMParser().parseFromString(html, 'text/html');
        return [...d.querySelector('.guide-app').children].map(e => e.outerHTML).join(''); }""", raw)
    assert rendered == served


def test_back_between_steps_keeps_the_reader_on_the_step_without_fetching_the_page(page):
    """Back and Forward inside the guide only change the query: the guide shows the step,
    with focus on it, and the theme does not fetch the page and swap it in again
    (which used to take the focus away, and raced the guide's own rendering)."""
    page.goto("/decision-guide/")
    first, second = GUIDE.start, QUESTIONS[GUIDE.start].answers[0].next
    answer(page, first, QUESTIONS[first].answers[0].id)
    if QUESTIONS[second].multiple:
        page.locator(".guide-app fieldset:not([hidden]) legend").filter(has_text=QUESTIONS[second].text).wait_for()
        page.get_by_role("button", name="Continue").click()
    else:
        answer(page, second, QUESTIONS[second].answers[0].id)
    root = page.locator(".guide[data-guide]").element_handle()
    fetched = []
    page.on("request", lambda r: "/decision-guide/" in r.url and fetched.append(r.url))
    page.go_back()
    legend = page.locator(".guide-app fieldset:not([hidden]) legend")
    assert legend.inner_text() == QUESTIONS[second].text
    page.wait_for_timeout(500)   # time for a fetch and swap, had one started
    assert page.evaluate("document.activeElement.textContent") == QUESTIONS[second].text
    page.go_forward()
    assert legend.inner_text() != QUESTIONS[second].text
    page.wait_for_timeout(500)
    assert fetched == []
    assert page.evaluate("r => r.isConnected", root)   # the same content, not a fresh copy
