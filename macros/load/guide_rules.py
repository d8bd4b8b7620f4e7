"""The decision guide's graph rules, beyond its schema.

One start, every answer leads somewhere that exists, no cycles, everything
reachable, at most MAX_DEPTH questions on any path, every row an answer names
exists, every criterion is touched by at least one answer, no route touches more
than MAX_ROUTE_ROWS rows, the first question sets the availability view, every
factor is reachable, every target page exists (anchors are checked on the built
site by macros.sitecheck), every outcome has its result page and every legacy
path opens an outcome.
"""
from __future__ import annotations

from pathlib import Path

from .. import urls
from ..problems import Problem, format_path
from ..records import Answer, Guide, Legacy, Outcome, Question
from .yamlsource import mappings

MAX_DEPTH = 8
MAX_ROWS_PER_ANSWER = 4      # also in the schema (maxItems), stated here for the messages
MAX_ROUTE_ROWS = 12          # rows one route of single-choice answers may touch; ticked requirements add theirs
NONE = "none"                # the URL value of a multiple question answered with nothing ticked
RESULT_PAGES = "decision-guide/result"   # docs/<this>/<outcome id>.md, one per outcome


def build(doc) -> Guide:
    raw = doc.value
    return Guide(
        start=raw["start"],
        questions=tuple(Question(id=q["id"], factor=q["factor"], text=q["text"], help=q.get("help"),
                                 multiple=bool(q.get("multiple")), next=q.get("next"),
                                 answers=tuple(Answer(id=a["id"], label=a["label"], next=a.get("next"),
                                                      rows=tuple(a.get("rows") or ()), view=a.get("view"),
                                                      read=tuple(a.get("read") or ()))
                                               for a in q["answers"]))
                        for q in raw["questions"]),
        outcomes=tuple(Outcome(id=o["id"], title=o["title"], why=o["why"], target=o["target"],
                               line=doc.line_of(("outcomes", i, "target")))
                       for i, o in enumerate(raw["outcomes"])),
        legacy=tuple(Legacy(answers=tuple(l["answers"].items()), outcome=l["outcome"]) for l in raw.get("legacy") or ()),
    )


def check(doc, factor_ids: list[str], crit, docs_dir: Path | None) -> list[Problem]:
    """Graph rules on a guide document that may have failed its schema (checks what is well-formed).
    crit is the criteria document: a criterion that no answer touches is reported at its own line."""
    criteria = [(i, c["id"]) for i, c in mappings(crit.value.get("criteria") if crit is not None and isinstance(crit.value, dict) else None)
                if isinstance(c.get("id"), str)]
    criterion_ids = [cid for _, cid in criteria]
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

    def leads(path, nxt, edges):
        if isinstance(nxt, str):
            if nxt in where:
                edges.append(nxt)
            else:
                add(path, f"'{nxt}' is not a question or outcome id")

    edges: dict[str, list[str]] = {}
    touched: set[str] = set()
    for i, q in questions:
        if factor_ids and isinstance(q.get("factor"), str) and q["factor"] not in factor_ids:
            add(("questions", i, "factor"), f"'{q['factor']}' is not a factor id (known: {', '.join(factor_ids)})")
        multiple = q.get("multiple") is True
        out = edges.setdefault(q["id"], [])
        if multiple:
            if "next" not in q:
                add(("questions", i), "a question with 'multiple: true' needs 'next': the question or outcome that follows it")
            leads(("questions", i, "next"), q.get("next"), out)
        elif "next" in q:
            add(("questions", i, "next"), "only a question with 'multiple: true' names 'next'; here each answer names its own")
        seen = set()
        for j, a in mappings(q.get("answers")):
            here = ("questions", i, "answers", j)
            if isinstance(a.get("id"), str):
                if a["id"] in seen:
                    add(here + ("id",), f"answer id '{a['id']}' is used twice in this question")
                if multiple and a["id"] == NONE:
                    add(here + ("id",), f"'{NONE}' is the URL value for 'nothing ticked'; give this answer another id")
                seen.add(a["id"])
            if multiple and "next" in a:
                add(here + ("next",), "the answers of a question with 'multiple: true' do not name 'next'; the question does")
            elif not multiple:
                if "next" not in a:
                    add(here, "each answer needs 'next': the question or outcome it leads to")
                leads(here + ("next",), a.get("next"), out)
            for k, row in enumerate(a.get("rows") or []):
                if isinstance(row, str):
                    touched.add(row)
                    if criterion_ids and row not in criterion_ids:
                        add(here + ("rows", k), f"'{row}' is not a criterion id in criteria.yml")
            for k, page in enumerate(a.get("read") or []):
                if docs_dir is not None and isinstance(page, str) and page.startswith("/") and urls.source_file(docs_dir, page) is None:
                    add(here + ("read", k), f"'{page}' is not a page of this site (no matching file in docs/)")
            if "view" in a and q["id"] != start:
                add(here + ("view",), f"only the first question ('{start}') sets the availability view")
            if "view" not in a and q["id"] == start:
                add(here, "the first question's answers each set 'view' (open-source, hosted or both): "
                          "the hosting answer decides what the result marks as available")

    for i, c in criteria:
        if c not in touched:
            problems.append(Problem(crit.file, crit.line_of(("criteria", i, "id")), format_path(("criteria", i, "id")),
                                    f"no decision-guide answer touches '{c}'; in guide.yml, add it to the 'rows' of the "
                                    "answer whose reader needs this row (the answer that settles its 'ask')"))

    for i, o in outcomes:
        target = o.get("target")
        if docs_dir is not None and isinstance(target, str) and target.startswith("/") and urls.source_file(docs_dir, target) is None:
            add(("outcomes", i, "target"), f"'{target}' is not a page of this site (no matching file in docs/)")
    if docs_dir is not None:
        problems += _result_pages(doc, outcomes, docs_dir)

    for i, entry in mappings(value.get("legacy")):
        o = entry.get("outcome")
        if isinstance(o, str) and o not in omap:
            add(("legacy", i, "outcome"), f"'{o}' is not an outcome id")

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
            add(("outcomes",), f"no reachable outcome points to the '{f}' factor (target '{urls.factor_section(f)}')")

    if not problems:   # the graph is sound: count the rows each route touches
        problems += _route_rows(doc, build(doc))
    return problems


def _route_rows(doc, guide: Guide) -> list[Problem]:
    problems = []
    for trail, outcome in guide.routes():
        rows = guide.touched((q, (a,)) for q, a in trail)
        if len(rows) > MAX_ROUTE_ROWS:
            route = ", ".join(f"{q}={a}" for q, a in trail)
            problems.append(Problem(doc.file, doc.line_of(("start",)), "questions",
                                    f"the route {route} (to '{outcome}') touches {len(rows)} rows; keep a result to "
                                    f"{MAX_ROUTE_ROWS} rows besides ticked requirements by naming fewer rows in its answers"))
    return problems


def _result_pages(doc, outcomes, docs_dir: Path) -> list[Problem]:
    """Outcomes and their stub pages match one for one (macros cannot create pages)."""
    problems = []
    folder = docs_dir / RESULT_PAGES
    ids = {o["id"] for _, o in outcomes}
    for i, o in outcomes:
        if not (folder / f"{o['id']}.md").is_file():
            problems.append(Problem(doc.file, doc.line_of(("outcomes", i, "id")), format_path(("outcomes", i, "id")),
                                    f"outcome '{o['id']}' has no result page: add docs/{RESULT_PAGES}/{o['id']}.md "
                                    f"containing {{{{ guide_result('{o['id']}') }}}} and list it under not_in_nav in mkdocs.yml"))
    for stub in sorted(folder.glob("*.md")) if folder.is_dir() else ():
        if stub.stem not in ids:
            problems.append(Problem(f"docs/{RESULT_PAGES}/{stub.name}", 0, "",
                                    f"'{stub.stem}' is not an outcome id in guide.yml; delete the page or add the outcome"))
    return problems
