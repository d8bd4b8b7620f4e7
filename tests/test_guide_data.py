"""The decision guide's tree: one located message per broken rule; the page embeds the data.

Rules run on the synthetic guide in tests/fixtures/data; the real guide is checked
by properties (every path ends in an outcome, every factor is reachable)."""
from __future__ import annotations

import json
import subprocess
import sys
from html.parser import HTMLParser

from conftest import ROOT
from datafix import copy_data, edit, line_of, problems
from macros.load import guide_rules
from macros.records import Answer, Guide, Outcome, Question
from macros.render import guide as guide_render
from macros.sitecheck import target_problems


def test_real_tree_is_small_complete_and_reaches_every_factor(site_data):
    guide = site_data.guide
    paths = guide.paths()
    assert max(len(trail) for trail, _ in paths) <= guide_rules.MAX_DEPTH
    assert {o for _, o in paths} == {o.id for o in guide.outcomes}
    targets = {o.target for o in guide.outcomes}
    for f in site_data.factors:
        assert f"/how-to-choose/#{f.id}" in targets
    assert {q.factor for q in guide.questions} == {f.id for f in site_data.factors}
    assert guide.remaining(guide.start) == max(len(trail) for trail, _ in paths)


def test_start_must_be_a_question(tmp_path):
    d = copy_data(tmp_path)
    edit(d, "guide.yml", "start: size", "start: read-design")
    line = line_of(d, "guide.yml", "start: read-design")
    assert f"data/guide.yml:{line}: start: 'read-design' is not a question id (it is an outcome)" in problems(d)


def test_answer_must_lead_somewhere(tmp_path):
    d = copy_data(tmp_path)
    edit(d, "guide.yml", "next: read-operations", "next: read-operation")
    line = line_of(d, "guide.yml", "next: read-operation")
    found = problems(d)
    assert f"data/guide.yml:{line}: questions[1].answers[0].next: 'read-operation' is not a question or outcome id" in found
    # ...and the outcome it used to reach is now an orphan.
    assert any("'read-operations' cannot be reached from the start question" in p for p in found)


def test_no_cycles(tmp_path):
    d = copy_data(tmp_path)
    edit(d, "guide.yml", "next: read-operations", "next: size")
    line = line_of(d, "guide.yml", "- id: size")
    found = problems(d)
    assert (f"data/guide.yml:{line}: questions[0].id: answers loop back to 'size' "
            f"(size -> rhythm -> size); the guide must not have cycles") in found


def test_everything_reachable(tmp_path):
    d = copy_data(tmp_path)
    edit(d, "guide.yml", "outcomes:\n", "outcomes:\n  - id: orphan\n    title: Orphan\n    why: Nobody gets here.\n"
                                         "    target: /how-to-choose/#design\n    related: [retries]\n")
    line = line_of(d, "guide.yml", "- id: orphan")
    assert problems(d) == [f"data/guide.yml:{line}: outcomes[0].id: 'orphan' cannot be reached from the start question 'size'"]


def test_at_most_five_questions_on_a_path(tmp_path):
    d = copy_data(tmp_path)
    chain = "".join(
        f"  - id: extra-{n}\n    factor: design\n    text: Extra question {n}?\n    answers:\n"
        f"      - id: yes\n        label: Yes\n        next: {'extra-' + str(n + 1) if n < 4 else 'read-design'}\n"
        f"      - id: no\n        label: No\n        next: read-design\n" for n in range(1, 5))
    edit(d, "guide.yml", "questions:\n", "questions:\n" + chain)
    edit(d, "guide.yml", "        label: Weekly\n        next: read-design", "        label: Weekly\n        next: extra-1")
    line = line_of(d, "guide.yml", "start: size")
    assert f"data/guide.yml:{line}: start: a path from 'size' asks 6 questions; keep every path to 5 at most" in problems(d)


def test_related_criteria_exist(tmp_path):
    d = copy_data(tmp_path)
    edit(d, "guide.yml", "related: [retries, schedules]", "related: [retries, schedule]")
    line = line_of(d, "guide.yml", "related: [retries, schedule]")
    assert problems(d) == [f"data/guide.yml:{line}: outcomes[1].related[1]: 'schedule' is not a criterion id in criteria.yml"]


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
    assert (f"data/guide.yml:{line}: outcomes[1].id: id 'rhythm' is already used by questions[1]; "
            "question and outcome ids must all be unique") in problems(d)


def test_answer_ids_unique_within_a_question(tmp_path):
    d = copy_data(tmp_path)
    edit(d, "guide.yml", "- id: large", "- id: small")
    line = line_of(d, "guide.yml", "- id: small", nth=2)
    assert problems(d) == [f"data/guide.yml:{line}: questions[0].answers[1].id: answer id 'small' is used twice in this question"]


def test_question_factor_exists(tmp_path):
    d = copy_data(tmp_path)
    edit(d, "guide.yml", "factor: operations", "factor: ops")
    line = line_of(d, "guide.yml", "factor: ops")
    assert problems(d) == [f"data/guide.yml:{line}: questions[1].factor: 'ops' is not a factor id (known: design, operations)"]


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


def test_payload_carries_what_the_script_would_otherwise_compute(small_data):
    payload = guide_render.payload(small_data.guide, small_data, "decision-guide/")
    assert payload["questions"]["size"]["remaining"] == 2
    assert payload["questions"]["rhythm"]["remaining"] == 1
    related = payload["outcomes"]["read-operations"]["related"]
    assert [(r["title"], r["href"]) for r in related] == [("Retries", "../comparison/#retries"),
                                                          ("Schedules", "../comparison/#schedules")]
    # Each related row carries every tool's cell and availability, copied from the data.
    assert related[1]["cells"] == [
        {"tool": "Alpha", "hosted": "Alpha Cloud", "cell": "Alpha schedules", "hostedOnly": True, "hostedAdds": None},
        {"tool": "Beta", "hosted": "Beta Plus", "cell": "Beta schedules", "hostedOnly": False, "hostedAdds": None}]
    assert payload["resultQuestion"]["answers"][0] == {"id": "self-host", "label": "We do",
                                                       "comparison": {"availability": "open-source"}}
    assert payload["comparison"] == "../comparison/"


def test_result_question_id_must_differ_from_question_ids(tmp_path):
    d = copy_data(tmp_path)
    edit(d, "guide.yml", "result_question:\n  id: hosting", "result_question:\n  id: rhythm")
    line = line_of(d, "guide.yml", "id: rhythm", nth=2)
    assert problems(d) == [f"data/guide.yml:{line}: result_question.id: id 'rhythm' is already used by questions[1]; "
                           "the result question's id is a URL key and must differ from every question id"]


def test_result_question_filters_are_limited_to_known_ones(tmp_path):
    d = copy_data(tmp_path)
    edit(d, "guide.yml", "        availability: open-source", "        availability: hosted")
    line = line_of(d, "guide.yml", "availability: hosted")
    assert problems(d) == [f"data/guide.yml:{line}: result_question.answers[0].comparison.availability: "
                           "'hosted' is not one of: open-source"]


def test_every_target_exists_in_the_built_site(site_dir, site_data):
    assert target_problems(site_data.guide, site_dir) == []
    result = subprocess.run([sys.executable, "-m", "macros", "check", "--site", str(site_dir)],
                            cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_a_missing_anchor_in_the_built_site_is_reported(site_dir):
    guide = Guide(start="q", questions=(Question("q", "f", "Q?", None, (Answer("a", "A", "o"), Answer("b", "B", "o"))),),
                  outcomes=(Outcome("o", "O", "why", "/how-to-choose/#trial-run", (), line=7),
                            Outcome("p", "P", "why", "/nowhere/", (), line=9)))
    assert [str(p) for p in target_problems(guide, site_dir)] == [
        "data/guide.yml:7: outcomes[0].target: '/how-to-choose/#trial-run': page /how-to-choose/ has no anchor #trial-run",
        "data/guide.yml:9: outcomes[1].target: '/nowhere/': the built site has no page /nowhere/",
    ]


def test_text_cannot_break_out_of_the_container(small_data):
    from dataclasses import replace

    hostile = Guide(start="size", questions=(Question(
        id="size", factor="design", text='"></div><script>alert(1)</script>', help=None,
        answers=(Answer("a", "<img src=x onerror=alert(1)>", "o"), Answer("b", "b", "o"))),),
        outcomes=(Outcome("o", "</div>", "why", "/how-to-choose/#x", ("retries",)),))
    html = guide_render.guide(replace(small_data, guide=hostile), "decision-guide/")
    assert "<script>" not in html and "<img" not in html
    assert '<a class="guide-outcome" href="../how-to-choose/#x">&lt;/div&gt;</a>' in html
    parser = GuideAttr()
    parser.feed(html)
    assert parser.payload["questions"]["size"]["text"] == '"></div><script>alert(1)</script>'
