"""The decision guide's tree: one located message per broken rule; the page embeds the data."""
from __future__ import annotations

import json
import subprocess
import sys
from html.parser import HTMLParser

import pytest

from conftest import ROOT
from datafix import copy_data, edit, line_of, problems
from macros import guide
from macros.data import load

DATA = load(ROOT / "data")


def test_real_tree_is_small_complete_and_neutral():
    paths = DATA.guide.paths()
    assert max(len(trail) for trail, _ in paths) <= guide.MAX_DEPTH
    assert {o for _, o in paths} == {o.id for o in DATA.guide.outcomes}
    targets = {o.target for o in DATA.guide.outcomes}
    for f in DATA.factors:
        assert f"/how-to-choose/#{f.id}" in targets
    assert {q.factor for q in DATA.guide.questions} == {f.id for f in DATA.factors}


def test_start_must_be_a_question(tmp_path):
    d = copy_data(tmp_path)
    edit(d, "guide.yml", "start: team-size", "start: run-a-trial")
    line = line_of(d, "guide.yml", "start: run-a-trial")
    assert f"data/guide.yml:{line}: start: 'run-a-trial' is not a question id (it is an outcome)" in problems(d)


def test_answer_must_lead_somewhere(tmp_path):
    d = copy_data(tmp_path)
    edit(d, "guide.yml", "next: separate-teams", "next: separate-team")
    line = line_of(d, "guide.yml", "next: separate-team")
    found = problems(d)
    assert f"data/guide.yml:{line}: questions[1].answers[0].next: 'separate-team' is not a question or outcome id" in found
    # ...and the outcome it used to reach is now an orphan.
    assert any("'separate-teams' cannot be reached from the start question" in p for p in found)


def test_no_cycles(tmp_path):
    d = copy_data(tmp_path)
    edit(d, "guide.yml", "next: structured-design", "next: team-size")
    line = line_of(d, "guide.yml", "- id: team-size")
    found = problems(d)
    assert (f"data/guide.yml:{line}: questions[0].id: answers loop back to 'team-size' "
            f"(team-size -> main-job -> layout -> team-size); the guide must not have cycles") in found


def test_everything_reachable(tmp_path):
    d = copy_data(tmp_path)
    edit(d, "guide.yml", "outcomes:\n", "outcomes:\n  - id: orphan\n    title: Orphan\n    why: Nobody gets here.\n"
                                         "    target: /how-to-choose/#team-structure\n    related: [integrations]\n")
    line = line_of(d, "guide.yml", "- id: orphan")
    assert problems(d) == [f"data/guide.yml:{line}: outcomes[0].id: 'orphan' cannot be reached from the start question 'team-size'"]


def test_at_most_five_questions_on_a_path(tmp_path):
    d = copy_data(tmp_path)
    chain = "".join(
        f"  - id: extra-{n}\n    factor: team-structure\n    text: Extra question {n}?\n    answers:\n"
        f"      - id: yes\n        label: Yes\n        next: {'extra-' + str(n + 1) if n < 4 else 'run-a-trial'}\n"
        f"      - id: no\n        label: No\n        next: run-a-trial\n" for n in range(1, 5))
    edit(d, "guide.yml", "questions:\n", "questions:\n" + chain)
    edit(d, "guide.yml", "next: run-a-trial\n\noutcomes", "next: extra-1\n\noutcomes")
    line = line_of(d, "guide.yml", "start: team-size")
    assert f"data/guide.yml:{line}: start: a path from 'team-size' asks 7 questions; keep every path to 5 at most" in problems(d)


def test_related_criteria_exist(tmp_path):
    d = copy_data(tmp_path)
    edit(d, "guide.yml", "related: [iteration-speed, production-footprint]", "related: [iteration-speed, footprint]")
    line = line_of(d, "guide.yml", "related: [iteration-speed, footprint]")
    assert problems(d) == [f"data/guide.yml:{line}: outcomes[8].related[1]: 'footprint' is not a criterion id in criteria.yml"]


def test_target_page_exists(tmp_path):
    d = copy_data(tmp_path)
    edit(d, "guide.yml", "target: /how-to-choose/#run-a-small-trial", "target: /trial/#run-a-small-trial")
    line = line_of(d, "guide.yml", "target: /trial/")
    assert problems(d) == [f"data/guide.yml:{line}: outcomes[8].target: '/trial/#run-a-small-trial' is not a page of this site (no matching file in docs/)"]


def test_target_format(tmp_path):
    d = copy_data(tmp_path)
    edit(d, "guide.yml", "target: /how-to-choose/#run-a-small-trial", "target: how-to-choose.md#trial")
    line = line_of(d, "guide.yml", "target: how-to-choose.md")
    [message] = problems(d)
    assert message.startswith(f"data/guide.yml:{line}: outcomes[8].target: 'how-to-choose.md#trial' is not a path on this site")


def test_every_factor_reachable(tmp_path):
    d = copy_data(tmp_path)
    edit(d, "guide.yml", "target: /how-to-choose/#team-structure", "target: /how-to-choose/#run-a-small-trial")
    assert any("no reachable outcome points to the 'team-structure' factor" in p for p in problems(d))


def test_duplicate_ids(tmp_path):
    d = copy_data(tmp_path)
    edit(d, "guide.yml", "  - id: run-a-trial\n", "  - id: layout\n")
    edit(d, "guide.yml", "next: run-a-trial", "next: layout")
    line = line_of(d, "guide.yml", "  - id: layout", nth=2)
    assert (f"data/guide.yml:{line}: outcomes[8].id: id 'layout' is already used by questions[4]; "
            "question and outcome ids must all be unique") in problems(d)


def test_answer_ids_unique_within_a_question(tmp_path):
    d = copy_data(tmp_path)
    edit(d, "guide.yml", "- id: several-teams", "- id: few-people")
    line = line_of(d, "guide.yml", "- id: few-people", nth=2)
    assert problems(d) == [f"data/guide.yml:{line}: questions[0].answers[1].id: answer id 'few-people' is used twice in this question"]


def test_question_factor_exists(tmp_path):
    d = copy_data(tmp_path)
    edit(d, "guide.yml", "factor: pace-of-growth", "factor: growth")
    line = line_of(d, "guide.yml", "factor: growth")
    [message] = problems(d)
    assert message.startswith(f"data/guide.yml:{line}: questions[5].factor: 'growth' is not a factor id")


# --- Against the built site ----------------------------------------------------

class GuideAttr(HTMLParser):
    def __init__(self):
        super().__init__()
        self.payload = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "data-guide" in a:
            self.payload = json.loads(a["data-guide"])


def test_embedded_tree_matches_the_data(site_dir):
    parser = GuideAttr()
    parser.feed((site_dir / "decision-guide" / "index.html").read_text(encoding="utf-8"))
    titles = {c.id: c.title for c in DATA.criteria}
    assert parser.payload == guide.payload(DATA.guide, titles, "../")


def test_every_target_exists_in_the_built_site(site_dir):
    assert guide.target_problems(DATA.guide, site_dir) == []
    result = subprocess.run([sys.executable, "-m", "macros", "check", "--site", str(site_dir)],
                            cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_a_missing_anchor_in_the_built_site_is_reported(tmp_path, site_dir):
    d = copy_data(tmp_path)
    edit(d, "guide.yml", "target: /how-to-choose/#run-a-small-trial", "target: /how-to-choose/#trial-run")
    line = line_of(d, "guide.yml", "#trial-run")
    data = load(d, ROOT / "docs")
    assert [str(p) for p in guide.target_problems(data.guide, site_dir)] == [
        f"data/guide.yml:{line}: outcomes[8].target: '/how-to-choose/#trial-run': page /how-to-choose/ has no anchor #trial-run"]


def test_text_cannot_break_out_of_the_container():
    hostile = guide.Guide(start="q", questions=(guide.Question(
        id="q", factor="f", text='"></div><script>alert(1)</script>', help=None,
        answers=(guide.Answer("a", "<img src=x onerror=alert(1)>", "o"), guide.Answer("b", "b", "o"))),),
        outcomes=(guide.Outcome("o", "</div>", "why", "/how-to-choose/#x", ("c",)),))
    html = guide.render(hostile, {"c": "<b>"}, "../")
    assert "<script>" not in html and "<img" not in html and "<b>" not in html
    parser = GuideAttr()
    parser.feed(html)
    assert parser.payload["questions"]["q"]["text"] == '"></div><script>alert(1)</script>'
