"""The decision guide: graph rules, records, and the pure renderer.

The tree lives in data/guide.yml. Rules beyond the schema: one start, every
answer leads somewhere that exists, no cycles, everything reachable, at most
MAX_DEPTH questions on any path, related criteria exist, every factor is
reachable, and every target page exists (anchors are checked on the built site).
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from .html import esc
from .problems import Problem, format_path
from .yamlsource import mappings

MAX_DEPTH = 5


@dataclass(frozen=True)
class Answer:
    id: str
    label: str
    next: str


@dataclass(frozen=True)
class Question:
    id: str
    factor: str
    text: str
    help: str | None
    answers: tuple[Answer, ...]


@dataclass(frozen=True)
class Outcome:
    id: str
    title: str
    why: str
    target: str
    related: tuple[str, ...]
    line: int = field(default=0, compare=False)   # where `target` is written, for messages


@dataclass(frozen=True)
class Guide:
    start: str
    questions: tuple[Question, ...]
    outcomes: tuple[Outcome, ...]

    def node(self, node_id: str) -> Question | Outcome:
        return next(n for n in self.questions + self.outcomes if n.id == node_id)

    def paths(self) -> list[tuple[tuple[tuple[str, str], ...], str]]:
        """Every path: ((question id, answer id), ...) and the outcome it reaches."""
        out = []

        def walk(node_id, trail):
            node = self.node(node_id)
            if isinstance(node, Outcome):
                out.append((trail, node.id))
                return
            for a in node.answers:
                walk(a.next, trail + ((node.id, a.id),))

        walk(self.start, ())
        return out


def build(doc) -> Guide:
    raw = doc.value
    return Guide(
        start=raw["start"],
        questions=tuple(Question(id=q["id"], factor=q["factor"], text=q["text"], help=q.get("help"),
                                 answers=tuple(Answer(**a) for a in q["answers"])) for q in raw["questions"]),
        outcomes=tuple(Outcome(id=o["id"], title=o["title"], why=o["why"], target=o["target"],
                               related=tuple(o["related"]), line=doc.line_of(("outcomes", i, "target")))
                       for i, o in enumerate(raw["outcomes"])),
    )


def page_file(docs_dir: Path, target: str) -> Path | None:
    """The Markdown file that serves a site path, if any ('/a/' -> a.md or a/index.md)."""
    path = target.split("#")[0].strip("/")
    candidates = [docs_dir / "index.md"] if not path else [docs_dir / f"{path}.md", docs_dir / path / "index.md"]
    return next((c for c in candidates if c.is_file()), None)


def check(doc, factor_ids: list[str], criterion_ids: list[str], docs_dir: Path | None) -> list[Problem]:
    """Graph rules on a guide document that may have failed its schema (checks what is well-formed)."""
    value = doc.value if doc is not None and isinstance(doc.value, dict) else None
    if value is None:
        return []
    problems: list[Problem] = []

    def add(path, message):
        problems.append(Problem(doc.file, doc.line_of(path), format_path(path), message))

    def items(key):
        return [(i, x) for i, x in mappings(value.get(key)) if isinstance(x.get("id"), str)]

    questions, outcomes = items("questions"), items("outcomes")
    where: dict[str, tuple] = {}
    for key, entries in (("questions", questions), ("outcomes", outcomes)):
        for i, item in entries:
            if item["id"] in where:
                add((key, i, "id"), f"id '{item['id']}' is already used by {format_path(where[item['id']])}; "
                                    "question and outcome ids must all be unique")
            else:
                where[item["id"]] = (key, i)
    qmap = {q["id"]: (i, q) for i, q in questions}
    omap = {o["id"]: (i, o) for i, o in outcomes}

    start = value.get("start")
    if isinstance(start, str) and start not in qmap:
        add(("start",), f"'{start}' is not a question id" + (" (it is an outcome)" if start in omap else ""))

    edges: dict[str, list[str]] = {}
    for i, q in questions:
        if factor_ids and isinstance(q.get("factor"), str) and q["factor"] not in factor_ids:
            add(("questions", i, "factor"), f"'{q['factor']}' is not a factor id (known: {', '.join(factor_ids)})")
        seen = set()
        for j, a in mappings(q.get("answers")):
            if isinstance(a.get("id"), str):
                if a["id"] in seen:
                    add(("questions", i, "answers", j, "id"), f"answer id '{a['id']}' is used twice in this question")
                seen.add(a["id"])
            nxt = a.get("next")
            if isinstance(nxt, str):
                if nxt in where:
                    edges.setdefault(q["id"], []).append(nxt)
                else:
                    add(("questions", i, "answers", j, "next"), f"'{nxt}' is not a question or outcome id")

    for i, o in outcomes:
        for k, rel in enumerate(o.get("related") or []):
            if criterion_ids and isinstance(rel, str) and rel not in criterion_ids:
                add(("outcomes", i, "related", k), f"'{rel}' is not a criterion id in criteria.yml")
        target = o.get("target")
        if docs_dir is not None and isinstance(target, str) and target.startswith("/") and page_file(docs_dir, target) is None:
            add(("outcomes", i, "target"), f"'{target}' is not a page of this site (no matching file in docs/)")

    if not isinstance(start, str) or start not in qmap:
        return problems

    # One depth-first walk from the start finds cycles, path lengths and what is reachable.
    state: dict[str, int] = {}  # questions: 1 = on the current path, 2 = done
    depth: dict[str, int] = {}  # questions on the longest path from a node to an outcome
    outcomes_reached: set[str] = set()

    def visit(node: str, trail: list[str]) -> int:
        if node in omap:
            outcomes_reached.add(node)
            return 0
        if state.get(node) == 1:
            i, _ = qmap[node]
            cycle = " -> ".join(trail[trail.index(node):] + [node])
            add(("questions", i, "id"), f"answers loop back to '{node}' ({cycle}); the guide must not have cycles")
            return 0
        if state.get(node) == 2:
            return depth[node]
        state[node] = 1
        depth[node] = 1 + max((visit(n, trail + [node]) for n in edges.get(node, [])), default=0)
        state[node] = 2
        return depth[node]

    longest = visit(start, [])
    if longest > MAX_DEPTH:
        add(("start",), f"a path from '{start}' asks {longest} questions; keep every path to {MAX_DEPTH} at most")

    reached = state.keys() | outcomes_reached
    for key, entries in (("questions", questions), ("outcomes", outcomes)):
        for i, item in entries:
            if item["id"] not in reached:
                add((key, i, "id"), f"'{item['id']}' cannot be reached from the start question '{start}'")

    reached_targets = {omap[n][1].get("target", "") for n in outcomes_reached}
    for f in factor_ids:
        if not any(isinstance(t, str) and t.endswith(f"#{f}") for t in reached_targets):
            add(("outcomes",), f"no reachable outcome points to the '{f}' factor (target '/how-to-choose/#{f}')")
    return problems


# --- Rendering -----------------------------------------------------------------

def href(root: str, target: str) -> str:
    """A site path made relative to the page: ('../', '/how-to-choose/#x') -> '../how-to-choose/#x'."""
    return root + target.lstrip("/")


def payload(guide: Guide, criteria_titles: dict[str, str], root: str) -> dict:
    """What the script needs, with every URL already resolved; it holds no rules of its own."""
    return {
        "start": guide.start,
        "questions": {q.id: {"text": q.text, "help": q.help,
                             "answers": [{"id": a.id, "label": a.label, "next": a.next} for a in q.answers]}
                      for q in guide.questions},
        "outcomes": {o.id: {"title": o.title, "why": o.why, "href": href(root, o.target),
                            "related": [{"title": criteria_titles[c], "href": href(root, f"/comparison/#{c}")}
                                        for c in o.related]}
                     for o in guide.outcomes},
    }


def _map_node(guide: Guide, node_id: str, root: str) -> str:
    node = guide.node(node_id)
    if isinstance(node, Outcome):
        return f'<a class="guide-outcome" href="{esc(href(root, node.target))}">{esc(node.title)}</a>'
    answers = "".join(
        f'<li><span class="guide-answer">{esc(a.label)}</span>{_map_node(guide, a.next, root)}</li>'
        for a in node.answers)
    return f'<div class="guide-q">{esc(node.text)}</div><ul>{answers}</ul>'


def render(guide: Guide, criteria_titles: dict[str, str], root: str) -> str:
    """The guide's container: data for the script, and the whole tree as nested lists.

    The tree is the map of the guide and the complete no-JavaScript fallback.
    The JSON travels in an escaped attribute: Material's instant navigation
    re-creates inline scripts, and an attribute cannot be broken out of.
    """
    data = json.dumps(payload(guide, criteria_titles, root), ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    return (
        f'<div class="guide" data-guide="{esc(data)}">'
        '<div class="guide-app" hidden></div>'
        '<div class="guide-map" role="region" aria-labelledby="guide-map-title">'
        '<p class="guide-map-title" id="guide-map-title"><strong>Map of the whole guide</strong>: '
        'every question, every answer and where it leads.</p>'
        f'<div class="guide-tree">{_map_node(guide, guide.start, root)}</div>'
        "</div></div>"
    )


# --- Checking targets against a built site ------------------------------------

class _Ids(HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids = set()

    def handle_starttag(self, tag, attrs):
        for k, v in attrs:
            if k == "id" and v:
                self.ids.add(v)


def target_problems(guide: Guide, site_dir: Path, file: str = "data/guide.yml") -> list[Problem]:
    """Every outcome target must exist in the built site, anchor included."""
    problems = []
    for i, o in enumerate(guide.outcomes):
        path, _, anchor = o.target.partition("#")
        page = site_dir / path.strip("/") / "index.html" if path.strip("/") else site_dir / "index.html"
        where = format_path(("outcomes", i, "target"))
        if not page.is_file():
            problems.append(Problem(file, o.line, where, f"'{o.target}': the built site has no page {path}"))
            continue
        parser = _Ids()
        parser.feed(page.read_text(encoding="utf-8"))
        if anchor and anchor not in parser.ids:
            problems.append(Problem(file, o.line, where, f"'{o.target}': page {path} has no anchor #{anchor}"))
    return problems
