"""The decision guide in Chromium: every path, URL state, history, keyboard, no JavaScript."""
from __future__ import annotations

import re

import pytest

from conftest import real_data

GUIDE = real_data().guide if real_data() else None
PATHS = GUIDE.paths() if GUIDE else []
QUESTIONS = {q.id: q for q in GUIDE.questions} if GUIDE else {}
OUTCOMES = {o.id: o for o in GUIDE.outcomes} if GUIDE else {}


def label(question_id: str, answer_id: str) -> str:
    return next(a.label for a in QUESTIONS[question_id].answers if a.id == answer_id)


def answer(page, question_id, answer_id):
    page.locator(".guide-app legend").filter(has_text=QUESTIONS[question_id].text).wait_for()
    page.get_by_role("button", name=label(question_id, answer_id), exact=True).click()


def result_title(page) -> str:
    return page.locator(".guide-result h2").inner_text()


def query(trail) -> str:
    return "&".join(f"{q}={a}" for q, a in trail)


@pytest.mark.parametrize("trail,outcome", PATHS, ids=[o for _, o in PATHS])
def test_every_path_reaches_its_outcome_and_its_link_resolves(page, trail, outcome):
    page.goto("/decision-guide/")
    for step, (q, a) in enumerate(trail, 1):
        assert page.locator(".guide-progress").text_content().startswith(f"Question {step} of at most")
        answer(page, q, a)
    assert result_title(page) == OUTCOMES[outcome].title
    assert page.url.endswith(f"/decision-guide/?{query(trail)}")
    related = page.locator(".guide-result ul a")
    assert related.count() == len(OUTCOMES[outcome].related)
    page.get_by_role("link", name="Read the section").click()
    path, anchor = OUTCOMES[outcome].target.split("#")
    page.wait_for_url(re.compile(re.escape(path) + "#" + anchor + "$"))
    assert page.locator(f"[id='{anchor}']").count() == 1


def test_related_criteria_link_to_their_rows(page):
    trail, outcome = PATHS[0]
    page.goto(f"/decision-guide/?{query(trail)}")
    first = OUTCOMES[outcome].related[0]
    page.locator(".guide-result ul a").first.click()
    page.wait_for_url(f"**/comparison/#{first}")
    assert page.locator(f"tr[id='{first}']").is_visible()


def test_back_change_and_restart(page):
    trail, outcome = max(PATHS, key=lambda p: len(p[0]))
    page.goto("/decision-guide/")
    for q, a in trail:
        answer(page, q, a)
    assert result_title(page) == OUTCOMES[outcome].title
    page.get_by_role("button", name="Back", exact=True).click()
    assert page.locator(".guide-app legend").inner_text() == QUESTIONS[trail[-1][0]].text
    # Change the first answer from the summary: the guide returns to that question.
    page.get_by_role("button", name=f"Change your answer to: {QUESTIONS[trail[0][0]].text}").click()
    assert page.locator(".guide-app legend").inner_text() == QUESTIONS[GUIDE.start].text
    assert "?" not in page.url
    other = next(a for a in QUESTIONS[GUIDE.start].answers if a.id != trail[0][1])
    answer(page, GUIDE.start, other.id)
    assert f"{GUIDE.start}={other.id}" in page.url
    page.get_by_role("button", name="Restart").click()
    assert page.locator(".guide-app legend").inner_text() == QUESTIONS[GUIDE.start].text
    assert page.locator(".guide-summary").count() == 0


def test_a_shared_result_url_opens_the_same_result(page, new_page):
    trail, outcome = PATHS[-1]
    page.goto("/decision-guide/")
    for q, a in trail:
        answer(page, q, a)
    fresh = new_page()
    fresh.goto(page.url)
    assert result_title(fresh) == OUTCOMES[outcome].title


def test_copy_link_to_this_result(new_page):
    trail, _ = PATHS[2]
    page = new_page(permissions=["clipboard-read", "clipboard-write"])
    page.goto(f"/decision-guide/?{query(trail)}")
    page.get_by_role("button", name="Copy link to this result").click()
    page.get_by_text("Link copied.").wait_for()
    assert page.evaluate("navigator.clipboard.readText()") == page.url


def test_browser_back_and_forward_step_through_answers(page):
    trail, outcome = max(PATHS, key=lambda p: len(p[0]))
    page.goto("/decision-guide/")
    for q, a in trail:
        answer(page, q, a)
    page.go_back()
    assert page.locator(".guide-app legend").inner_text() == QUESTIONS[trail[-1][0]].text
    page.go_back()
    assert page.locator(".guide-app legend").inner_text() == QUESTIONS[trail[-2][0]].text
    page.go_forward()
    page.go_forward()
    assert result_title(page) == OUTCOMES[outcome].title


@pytest.mark.parametrize("garbage", [
    "?team-size=nonsense",
    "?main-job=automate-tasks",
    "?team-size=few-people&main-job=%3Cscript%3E&next-year=experiments",
    "?%E0%A4%A=1&&&=&team-size",
])
def test_garbage_urls_keep_the_valid_part_and_never_throw(page, garbage):
    # The page fixture fails on any console error or uncaught exception.
    page.goto(f"/decision-guide/{garbage}")
    legend = page.locator(".guide-app legend")
    if "team-size=few-people" in garbage:
        assert legend.inner_text() == QUESTIONS["main-job"].text
        assert page.url.endswith("/decision-guide/?team-size=few-people")
    else:
        assert legend.inner_text() == QUESTIONS[GUIDE.start].text
        assert page.url.endswith("/decision-guide/")


def test_keyboard_only_walk_with_focus_and_announcements(page):
    trail, outcome = PATHS[0]
    page.goto("/decision-guide/")
    for q, a in trail:
        page.locator(".guide-app legend").filter(has_text=QUESTIONS[q].text).wait_for()
        # Tab to the wanted answer, then press Enter: no mouse at all.
        for _ in range(40):
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.dataset.answer || ''") == a:
                break
        else:
            pytest.fail(f"could not reach answer {a} by keyboard")
        page.keyboard.press("Enter")
        if q != trail[-1][0]:
            assert page.evaluate("document.activeElement.tagName") == "LEGEND"
            assert "Question" in page.locator("[aria-live]").inner_text()
    assert page.evaluate("document.activeElement.id") == "guide-result-title"
    assert page.locator("[aria-live]").inner_text() == f"Result: {OUTCOMES[outcome].title}"


def test_guide_works_after_instant_navigation_away_and_back(page):
    page.goto("/decision-guide/")
    answer(page, GUIDE.start, QUESTIONS[GUIDE.start].answers[0].id)
    page.locator("nav.md-nav--primary a.md-nav__link", has_text="Conclusion").first.click()
    page.wait_for_function("document.title.startsWith('Conclusion')")
    page.locator("nav.md-nav--primary a.md-nav__link", has_text="Decision guide").first.click()
    page.wait_for_function("document.title.startsWith('Decision guide')")
    legend = page.locator(".guide-app legend")
    assert legend.inner_text() == QUESTIONS[GUIDE.start].text
    trail, outcome = PATHS[0]
    for q, a in trail:
        answer(page, q, a)
    assert result_title(page) == OUTCOMES[outcome].title
    # One listener per page: Back steps exactly one answer.
    page.go_back()
    assert legend.inner_text() == QUESTIONS[trail[-1][0]].text
    assert page.locator(".guide-app").count() == 1


def test_without_javascript_the_whole_tree_is_there(no_js_page):
    no_js_page.goto("/decision-guide/")
    assert not no_js_page.locator(".guide-app").is_visible()
    tree = no_js_page.locator(".guide-tree")
    for q in GUIDE.questions:
        assert tree.get_by_text(q.text, exact=True).count() >= 1
        for a in q.answers:
            assert tree.get_by_text(a.label, exact=True).count() >= 1
    links = tree.locator("a.guide-outcome")
    assert links.count() == len(PATHS)
    hrefs = set(links.evaluate_all("ls => ls.map(l => l.href)"))
    for href in hrefs:
        path, anchor = href.split("#")
        no_js_page.goto(href)
        assert no_js_page.locator(f"[id='{anchor}']").count() == 1


def test_guide_on_a_phone(phone):
    phone.goto("/decision-guide/")
    trail, outcome = PATHS[0]
    for q, a in trail:
        phone.locator(".guide-app legend").filter(has_text=QUESTIONS[q].text).wait_for()
        phone.get_by_role("button", name=label(q, a), exact=True).tap()
    assert result_title(phone) == OUTCOMES[outcome].title
    assert phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def _first_path_with_hosted_rows(site_data):
    """A path whose result lists a related row with a hosted-only cell, if the data has one."""
    for trail, outcome in PATHS:
        for cid in OUTCOMES[outcome].related:
            c = site_data.criterion(cid)
            if any(e.hosted_only for _, e in c.entries):
                return trail, outcome, c
    return PATHS[0] + (None,)


def test_a_result_names_itself_in_the_title_and_heading(page):
    trail, outcome = PATHS[0]
    page.goto("/decision-guide/")
    generic = page.title()
    for q, a in trail:
        answer(page, q, a)
    title = OUTCOMES[outcome].title
    assert page.title() == f"{title} - {generic}"
    assert page.locator("article h1").inner_text().startswith(f"Decision guide: {title}")
    page.get_by_role("button", name="Restart").click()
    assert page.title() == generic
    assert page.locator("article h1").inner_text().startswith("Decision guide")
    assert title not in page.locator("article h1").inner_text()
    # Two different results, two different history entries.
    other_trail, other = next((t, o) for t, o in PATHS if OUTCOMES[o].title != title)
    page.goto(f"/decision-guide/?{query(other_trail)}")
    assert page.title() == f"{OUTCOMES[other].title} - {generic}"


def test_a_result_shows_its_related_rows_with_each_tools_cell(page, site_data):
    trail, outcome = PATHS[0]
    page.goto(f"/decision-guide/?{query(trail)}")
    rows = page.locator(".guide-rows > li")
    assert rows.count() == len(OUTCOMES[outcome].related)
    for n, cid in enumerate(OUTCOMES[outcome].related):
        c = site_data.criterion(cid)
        row = rows.nth(n)
        assert row.get_by_role("link", name=c.title).get_attribute("href").endswith(f"comparison/#{cid}")
        for t in site_data.tools:
            e = c.entry(t.id)
            assert row.get_by_text(e.cell, exact=False).first.is_visible()
            assert row.locator(".avail").nth(site_data.tools.index(t)).inner_text() == (
                f"{t.hosted} only" if e.hosted_only else "Open source")


def test_the_hosting_question_narrows_the_result_links_and_stays_in_the_url(page, site_data):
    rq = GUIDE.result_question
    self_host = next(a for a in rq.answers if dict(a.comparison).get("availability") == "open-source")
    trail, outcome, hosted_row = _first_path_with_hosted_rows(site_data)
    page.goto(f"/decision-guide/?{query(trail)}")
    page.get_by_role("button", name=self_host.label).click()
    assert page.url.endswith(f"?{query(trail)}&{rq.id}={self_host.id}")
    assert page.get_by_role("button", name=self_host.label).get_attribute("aria-pressed") == "true"
    first = OUTCOMES[outcome].related[0]
    link = page.locator(".guide-rows a").first.get_attribute("href")
    assert link.endswith(f"comparison/?availability=open-source#{first}")
    if hosted_row is not None:
        assert page.get_by_text("Not available if you run it yourselves.").first.is_visible()
    # The narrowed comparison opens with the self-host filter on.
    page.get_by_role("link", name="Open the comparison, narrowed to what you can self-host").click()
    page.wait_for_url("**/comparison/?availability=open-source")
    assert page.get_by_role("checkbox", name="Only what I can self-host").is_checked()
    # A shared result URL keeps the answer; a garbage answer is dropped.
    page.goto(f"/decision-guide/?{query(trail)}&{rq.id}=nonsense")
    assert page.url.endswith(f"?{query(trail)}")


def test_a_result_prints_with_answers_rows_and_urls_without_the_site_around_it(page):
    trail, outcome = PATHS[0]
    page.goto(f"/decision-guide/?{query(trail)}")
    assert page.get_by_role("button", name="Print this result").is_visible()
    page.emulate_media(media="print")
    for hidden in (".md-header", ".md-sidebar--primary", ".md-footer", ".guide-map", ".guide-controls"):
        assert not page.locator(hidden).first.is_visible(), hidden
    assert result_title(page) == OUTCOMES[outcome].title
    assert page.locator(".guide-result p").first.is_visible()
    summary = page.locator(".guide-summary")
    for q, a in trail:
        assert summary.get_by_text(label(q, a), exact=True).is_visible()
    urls = page.locator(".guide-rows .print-only")
    assert urls.count() == len(OUTCOMES[outcome].related)
    for n, cid in enumerate(OUTCOMES[outcome].related):
        assert urls.nth(n).is_visible()
        assert urls.nth(n).inner_text().strip().startswith("http://127.0.0.1:")
        assert urls.nth(n).inner_text().strip().endswith(f"/comparison/#{cid}")


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
