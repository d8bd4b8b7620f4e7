"""The decision guide's graph rules, beyond its schema.

One start, every answer leads somewhere that exists, no cycles, everything
reachable, at most MAX_DEPTH questions on any path, related criteria exist,
every factor is reachable, and every target page exists (anchors are checked on
the built site by macros.sitecheck).
"""
from __future__ import annotations

from pathlib import Path

from .. import urls
from ..problems import Problem, format_path
from ..records import Answer, Guide, Outcome, Question, ResultAnswer, ResultQuestion
from .yamlsource import mappings

MAX_DEPTH = 5


def build(doc) -> Guide:
    raw = doc.value
    return Guide(
        start=raw["start"],
        questions=tuple(Question(id=q["id"], factor=q["factor"], text=q["text"], help=q.get("help"),
                                 answers=tuple(Answer(**a) for a in q["answers"])) for q in raw["questions"]),
        outcomes=tuple(Outcome(id=o["id"], title=o["title"], why=o["why"], target=o["target"],
                               related=tuple(o["related"]), line=doc.line_of(("outcomes", i, "target")))
                       for i, o in enumerate(raw["outcomes"])),
        result_question=_result_question(raw["result_question"]),
    )


def _result_question(raw: dict) -> ResultQuestion:
    return ResultQuestion(id=raw["id"], text=raw["text"], help=raw.get("help"),
                          answers=tuple(ResultAnswer(id=a["id"], label=a["label"],
                                                     comparison=tuple(sorted((a.get("comparison") or {}).items())))
                                        for a in raw["answers"]))


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
    rq = value.get("result_question")
    if isinstance(rq, dict) and isinstance(rq.get("id"), str) and rq["id"] in where:
        add(("result_question", "id"), f"id '{rq['id']}' is already used by {format_path(where[rq['id']])}; "
                                       "the result question's id is a URL key and must differ from every question id")
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
        if docs_dir is not None and isinstance(target, str) and target.startswith("/") and urls.source_file(docs_dir, target) is None:
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
            add(("outcomes",), f"no reachable outcome points to the '{f}' factor (target '{urls.factor_section(f)}')")
    return problems
