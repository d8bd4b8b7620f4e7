"""The decision guide's tree: one located message per broken rule; the page embeds the data.

Rules run on the synthetic guide in tests/fixtures/data; the real guide is checked
by properties (every path ends in an outcome, every factor is reachable)."""
from __future__ import annotations

import json
import subprocess
import sys
from html.parser import HTMLParser

from conftest import ROOT
from datafix import FIXTURES, copy_data, edit, line_of, problems
from macros.load import guide_rules
from macros.records import Answer, Guide, Outcome, Question
from macros.render import guide as guide_render
from macros.sitecheck import target_problems

FIXTURE_RESULTS = FIXTURES / "docs" / "decision-guide" / "result"


def test_real_tree_is_small_complete_and_reaches_every_factor(site_data):
    guide = site_data.guide
    routes = guide.routes()
    assert guide.remaining(guide.start) <= guide_rules.MAX_DEPTH
    assert {o for _, o in routes} == {o.id for o in guide.outcomes}
    targets = {o.target for o in guide.outcomes}
    for f in site_data.factors:
        assert f"/how-to-choose/#{f.id}" in targets
    assert {q.factor for q in guide.questions} == {f.id for f in site_data.factors}


def test_real_tree_asks_hosting_first_and_reaches_every_criterion(site_data):
    guide = site_data.guide
    first = guide.question(guide.start)
    assert "host" in first.text and all(a.view for a in first.answers)
    everything = guide.touched((q.id, tuple(a.id for a in q.answers)) for q in guide.questions)
    assert set(everything) == {c.id for c in site_data.criteria}
    assert all(len(a.rows) <= guide_rules.MAX_ROWS_PER_ANSWER for q in guide.questions for a in q.answers)
    assert max(len(guide.touched((q, (a,)) for q, a in trail)) for trail, _ in guide.routes()) <= guide_rules.MAX_ROUTE_ROWS
    # The hard requirements are one question of checkboxes on every route.
    multiple = [q for q in guide.questions if q.multiple]
    assert len(multiple) == 1 and len(multiple[0].answers) >= 7
    assert all(len(trail) == max(len(t) for t, _ in guide.routes()) or o for trail, o in guide.routes())


def test_every_shipped_answer_path_has_a_legacy_outcome(site_data):
    """The nine answer paths of the earlier tree and the two result URLs in the public-URL list."""
    shipped = {("few-people", "organise-pipelines", "conventions"): "structured-design",
               ("few-people", "organise-pipelines", "simple-first"): "start-simple",
               ("few-people", "automate-tasks", "many-more"): "growth-in-scale",
               ("few-people", "automate-tasks", "experiments"): "growth-by-iteration",
               ("few-people", "automate-tasks", "about-the-same"): "run-a-trial",
               ("few-people", "not-agreed"): "clarify-goals",
               ("several-teams", "platform-group"): "separate-teams",
               ("several-teams", "authors", "affected-data"): "on-call-data",
               ("several-teams", "authors", "retry-and-notify"): "on-call-runs"}
    legacy = {tuple(a for _, a in l.answers): l.outcome for l in site_data.guide.legacy}
    assert legacy == shipped


def test_start_must_be_a_question(tmp_path):
    d = copy_data(tmp_path)
    edit(d, "guide.yml", "start: hosting", "start: read-design")
    line = line_of(d, "guide.yml", "start: read-design")
    assert f"data/guide.yml:{line}: start: 'read-design' is not a question id (it is an outcome)" in problems(d)


def test_answer_must_lead_somewhere(tmp_path):
    d = copy_data(tmp_path)
    edit(d, "guide.yml", "next: read-operations", "next: read-operation")
    line = line_of(d, "guide.yml", "next: read-operation")
    found = problems(d)
    assert f"data/guide.yml:{line}: questions[3].answers[0].next: 'read-operation' is not a question or outcome id" in found
    # ...and the outcome it used to reach is now an orphan.
    assert any("'read-operations' cannot be reached from the start question" in p for p in found)


def test_no_cycles(tmp_path):
    d = copy_data(tmp_path)
    edit(d, "guide.yml", "next: read-operations", "next: size")
    line = line_of(d, "guide.yml", "- id: size")
    found = problems(d)
    assert (f"data/guide.yml:{line}: questions[2].id: answers loop back to 'size' "
            f"(size -> rhythm -> size); the guide must not have cycles") in found


def test_everything_reachable(tmp_path):
    d = copy_data(tmp_path)
    edit(d, "guide.yml", "outcomes:\n", "outcomes:\n  - id: orphan\n    title: Orphan\n    why: Nobody gets here.\n"
                                         "    target: /how-to-choose/#design\n")
    (FIXTURE_RESULTS / "orphan.md").write_text("stub", encoding="utf-8")
    try:
        line = line_of(d, "guide.yml", "- id: orphan")
        assert problems(d) == [f"data/guide.yml:{line}: outcomes[0].id: 'orphan' cannot be reached from the start question 'hosting'"]
    finally:
        (FIXTURE_RESULTS / "orphan.md").unlink()


def test_at_most_eight_questions_on_a_path(tmp_path):
    d = copy_data(tmp_path)
    chain = "".join(
        f"  - id: extra-{n}\n    factor: design\n    text: Extra question {n}?\n    answers:\n"
        f"      - id: yes\n        label: Yes\n        rows: []\n        next: {'extra-' + str(n + 1) if n < 5 else 'read-design'}\n"
        f"      - id: no\n        label: No\n        rows: []\n        next: read-design\n" for n in range(1, 6))
    edit(d, "guide.yml", "questions:\n", "questions:\n" + chain)
    edit(d, "guide.yml", "        label: Weekly\n        rows: [schedules]\n        next: read-design",
         "        label: Weekly\n        rows: [schedules]\n        next: extra-1")
    line = line_of(d, "guide.yml", "start: hosting")
    assert f"data/guide.yml:{line}: start: a path from 'hosting' asks 9 questions; keep every path to 8 at most" in problems(d)


def test_rows_must_be_criteria(tmp_path):
    d = copy_data(tmp_path)
    edit(d, "guide.yml", "rows: [retries, schedules]", "rows: [retries, schedule]")
    line = line_of(d, "guide.yml", "rows: [retries, schedule]")
    assert problems(d) == [f"data/guide.yml:{line}: questions[3].answers[0].rows[1]: 'schedule' is not a criterion id in criteria.yml"]


def test_at_most_four_rows_per_answer(tmp_path):
    d = copy_data(tmp_path)
    edit(d, "guide.yml", "rows: [retries, schedules]", "rows: [retries, schedules, unit-of-work, a, b]")
    line = line_of(d, "guide.yml", "rows: [retries, schedules, unit")
    assert f"data/guide.yml:{line}: questions[3].answers[0].rows: has 5 items; keep it to 4 at most" in problems(d)


def test_a_criterion_no_answer_touches_is_reported_at_the_criterion(tmp_path):
    d = copy_data(tmp_path)
    edit(d, "guide.yml", "rows: [unit-of-work, retries]", "rows: [retries]")
    edit(d, "guide.yml", "rows: [unit-of-work]", "rows: []")
    line = line_of(d, "criteria.yml", "- id: unit-of-work")
    assert problems(d) == [f"data/criteria.yml:{line}: criteria[0].id: no decision-guide answer touches 'unit-of-work'; in "
                           "guide.yml, add it to the 'rows' of the answer whose reader needs this row "
                           "(the answer that settles its 'ask')"]


def test_a_route_touching_too_many_rows_is_reported(tmp_path, monkeypatch):
    d = copy_data(tmp_path)
    monkeypatch.setattr(guide_rules, "MAX_ROUTE_ROWS", 2)
    line = line_of(d, "guide.yml", "start: hosting")
    found = problems(d)
    assert len(found) == 2   # both hosting answers, then small and nightly
    assert (f"data/guide.yml:{line}: questions: the route hosting=self-host, size=small, rhythm=nightly "
            "(to 'read-operations') touches 3 rows; keep a result to 2 rows besides ticked requirements "
            "by naming fewer rows in its answers") in found


def test_multiple_question_names_next_once(tmp_path):
    d = copy_data(tmp_path)
    edit(d, "guide.yml", "        rows: [retries]\n", "        rows: [retries]\n        next: size\n")
    line = line_of(d, "guide.yml", "next: size", nth=2)
    assert problems(d) == [f"data/guide.yml:{line}: questions[1].answers[0].next: the answers of a question with "
                           "'multiple: true' do not name 'next'; the question does"]
    d = copy_data(tmp_path / "b")
    edit(d, "guide.yml", "    next: size\n", "")
    assert any("a question with 'multiple: true' needs 'next'" in p for p in problems(d))


def test_only_the_first_question_sets_the_view(tmp_path):
    d = copy_data(tmp_path)
    edit(d, "guide.yml", "        view: hosted\n", "")
    edit(d, "guide.yml", "        label: Small\n", "        label: Small\n        view: hosted\n")
    found = problems(d)
    assert any("questions[0].answers[1]: the first question's answers each set 'view'" in p for p in found), found
    assert any("questions[2].answers[0].view: only the first question ('hosting') sets the availability view" in p
               for p in found), found


def test_every_outcome_has_its_result_page(tmp_path):
    d = copy_data(tmp_path)
    edit(d, "guide.yml", "  - id: read-design\n", "  - id: read-designs\n")
    edit(d, "guide.yml", "next: read-design\n", "next: read-designs\n", count=2)
    found = problems(d)
    line = line_of(d, "guide.yml", "- id: read-designs")
    assert (f"data/guide.yml:{line}: outcomes[0].id: outcome 'read-designs' has no result page: add "
            "docs/decision-guide/result/read-designs.md containing {{ guide_result('read-designs') }} and list it "
            "under not_in_nav in mkdocs.yml") in found
    assert ("docs/decision-guide/result/read-design.md: 'read-design' is not an outcome id in guide.yml; "
            "delete the page or add the outcome") in found


def test_legacy_outcome_must_exist(tmp_path):
    d = copy_data(tmp_path)
    edit(d, "guide.yml", "    outcome: read-operations", "    outcome: read-ops")
    line = line_of(d, "guide.yml", "outcome: read-ops")
    assert problems(d) == [f"data/guide.yml:{line}: legacy[0].outcome: 'read-ops' is not an outcome id"]


def test_target_page_exists(tmp_path):
    d = copy_data(tmp_path)
    edit(d, "guide.yml", "target: /how-to-choose/#operations", "target: /choose/#operations")
    line = line_of(d, "guide.yml", "target: /choose/")
    found = problems(d)
    assert f"data/guide.yml:{line}: outcomes[1].target: '/choose/#operations' is not a page of this site (no matching file in docs/)" in found


def test_target_format(tmp_path):
    d = copy_data(tmp_path)
    edit(d, "guide.yml", "target: /how-to-choose/#design", "target: how-to-choose.md#design")
    line = line_of(d, "guide.yml", "target: how-to-choose.md")
    assert any(p.startswith(f"data/guide.yml:{line}: outcomes[0].target: 'how-to-choose.md#design' is not a path on this site")
               for p in problems(d))


def test_every_factor_reachable(tmp_path):
    d = copy_data(tmp_path)
    edit(d, "guide.yml", "target: /how-to-choose/#operations", "target: /how-to-choose/#design")
    assert any("no reachable outcome points to the 'operations' factor (target '/how-to-choose/#operations')" in p
               for p in problems(d))


def test_duplicate_ids(tmp_path):
    d = copy_data(tmp_path)
    edit(d, "guide.yml", "  - id: read-operations\n", "  - id: rhythm\n")
    edit(d, "guide.yml", "next: read-operations", "next: rhythm")
    line = line_of(d, "guide.yml", "  - id: rhythm", nth=2)
    assert (f"data/guide.yml:{line}: outcomes[1].id: id 'rhythm' is already used by questions[3]; "
            "question and outcome ids must all be unique") in problems(d)


def test_answer_ids_unique_within_a_question(tmp_path):
    d = copy_data(tmp_path)
    edit(d, "guide.yml", "- id: large", "- id: small")
    line = line_of(d, "guide.yml", "- id: small", nth=2)
    assert problems(d) == [f"data/guide.yml:{line}: questions[2].answers[1].id: answer id 'small' is used twice in this question"]


def test_question_factor_exists(tmp_path):
    d = copy_data(tmp_path)
    edit(d, "guide.yml", "factor: operations", "factor: ops")
    line = line_of(d, "guide.yml", "factor: ops")
    assert problems(d) == [f"data/guide.yml:{line}: questions[3].factor: 'ops' is not a factor id (known: design, operations)"]


def test_rows_a_result_shows_follow_the_answers_only(small_data):
    g = small_data.guide
    rows = g.touched([("hosting", ("self-host",)), ("needs", ("must-model",)), ("size", ("small",)), ("rhythm", ("nightly",))])
    assert rows == {"schedules": (("hosting", "self-host"), ("rhythm", "nightly")),
                    "unit-of-work": (("needs", "must-model"), ("size", "small")),
                    "retries": (("needs", "must-model"), ("rhythm", "nightly"))}
    assert g.view([("hosting", ("self-host",))]) == "open-source" and g.view([]) == "both"
    # What a result page shows without answers: the rows every route to it touches.
    assert g.common_rows("read-operations") == ("schedules", "unit-of-work", "retries")
    assert g.common_rows("read-design") == ()


# --- Against the built site ----------------------------------------------------

class GuideAttr(HTMLParser):
    def __init__(self):
        super().__init__()
        self.payload = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "data-guide" in a:
            self.payload = json.loads(a["data-guide"])


def test_embedded_tree_matches_the_data(site_dir, site_data):
    parser = GuideAttr()
    parser.feed((site_dir / "decision-guide" / "index.html").read_text(encoding="utf-8"))
    assert parser.payload == guide_render.payload(site_data.guide, site_data, "decision-guide/")


def test_payload_carries_the_tree_and_links_but_no_tool_facts(small_data):
    payload = guide_render.payload(small_data.guide, small_data, "decision-guide/")
    assert payload["questions"]["hosting"]["remaining"] == 4
    assert payload["questions"]["needs"]["multiple"] is True and payload["questions"]["needs"]["next"] == "size"
    assert payload["questions"]["hosting"]["answers"][0] == {"id": "self-host", "label": "We do", "rows": ["schedules"],
                                                             "next": "needs", "view": "open-source"}
    assert payload["outcomes"]["read-operations"]["page"] == "../decision-guide/result/read-operations/"
    assert payload["outcomes"]["read-operations"]["section"] == "Read the section on operations"
    assert payload["legacy"] == [{"answers": {"size": "small", "rhythm": "nightly"}, "outcome": "read-operations"}]
    # No cell text travels in the payload: the rows are in the page, rendered at build time.
    blob = json.dumps(payload)
    for c in small_data.criteria:
        for _, e in c.entries:
            assert e.cell not in blob


def test_every_row_is_in_the_page_with_every_tools_cell_and_marks(small_data):
    html = guide_render.guide(small_data, "decision-guide/")
    for c in small_data.criteria:
        assert f'data-row="{c.id}" data-distinctive="{" ".join(c.distinctive)}" hidden' in html
        for t in small_data.tools:
            e = c.entry(t.id)
            assert f'<dd data-tool="{t.id}" data-availability="{e.availability}">{e.cell}' in html


def test_a_result_page_shows_the_rows_every_route_touches(small_data):
    html = guide_render.result(small_data, "read-operations", "decision-guide/result/read-operations/")
    assert "<h1" in html and "Read about operations" in html
    shown = [c.id for c in small_data.criteria if f'data-row="{c.id}" data-distinctive="{" ".join(c.distinctive)}" data-common' in html]
    assert sorted(shown) == sorted(small_data.guide.common_rows("read-operations"))


def test_every_target_exists_in_the_built_site(site_dir, site_data):
    assert target_problems(site_data.guide, site_dir) == []
    result = subprocess.run([sys.executable, "-m", "macros", "check", "--site", str(site_dir)],
                            cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_a_missing_anchor_in_the_built_site_is_reported(site_dir):
    guide = Guide(start="q", questions=(Question("q", "f", "Q?", None, (Answer("a", "A", "o"), Answer("b", "B", "o"))),),
                  outcomes=(Outcome("o", "O", "why", "/how-to-choose/#trial-run", line=7),
                            Outcome("p", "P", "why", "/nowhere/", line=9)))
    assert [str(p) for p in target_problems(guide, site_dir)] == [
        "data/guide.yml:7: outcomes[0].target: '/how-to-choose/#trial-run': page /how-to-choose/ has no anchor #trial-run",
        "data/guide.yml:9: outcomes[1].target: '/nowhere/': the built site has no page /nowhere/",
    ]


def test_text_cannot_break_out_of_the_container(small_data):
    from dataclasses import replace

    hostile = Guide(start="size", questions=(Question(
        id="size", factor="design", text='"></div><script>alert(1)</script>', help=None,
        answers=(Answer("a", "<img src=x onerror=alert(1)>", "o", rows=("retries",)), Answer("b", "b", "o"))),),
        outcomes=(Outcome("o", "</div>", "why", "/how-to-choose/#x"),))
    html = guide_render.guide(replace(small_data, guide=hostile), "decision-guide/")
    assert "<script>" not in html and "<img" not in html
    assert '<a class="guide-outcome" href="../decision-guide/result/o/">&lt;/div&gt;</a>' in html
    parser = GuideAttr()
    parser.feed(html)
    assert parser.payload["questions"]["size"]["text"] == '"></div><script>alert(1)</script>'


def test_every_result_page_previews_as_its_result(site_dir, site_data):
    import re as _re
    from html import unescape

    for o in site_data.guide.outcomes:
        html = (site_dir / "decision-guide" / "result" / o.id / "index.html").read_text(encoding="utf-8")
        meta = {k: unescape(v) for k, v in _re.findall(r'<meta (?:property|name)="([^"]+)" content="([^"]*)"', html)}
        assert meta["og:title"] == f"{o.title} - Dagster or Prefect?"
        assert meta["og:description"] == o.why == meta["description"]
        assert meta["og:image"].endswith(f"/decision-guide/result/{o.id}/social.png")
        assert (site_dir / "decision-guide" / "result" / o.id / "social.png").is_file()
