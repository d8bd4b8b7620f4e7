"""Rules for data/cost.yml across files: vendors are known tools, every figure is sourced
on its own tool's official sites, checked dates are not in the future, ids are unique.
Tolerant of schema errors, like the other rules, so every problem shows at once."""
from __future__ import annotations

from datetime import date

from ..problems import Problem, format_path
from .rules import _official, _unofficial
from .yamlsource import Document, mappings


def _list(value, key) -> list[tuple[int, dict]]:
    return mappings(value.get(key)) if isinstance(value, dict) else []


def check(doc: Document | None, tools_doc: Document | None, today: date) -> list[Problem]:
    if doc is None or not isinstance(doc.value, dict):
        return []
    official = _official(tools_doc)
    tools = list(official)
    problems: list[Problem] = []

    def at(path: tuple, message: str, key: bool = False) -> None:
        line = doc.key_line_of(path) if key else doc.line_of(path)
        problems.append(Problem(doc.file, line, format_path(path), message))

    def dated(path: tuple, value) -> None:
        try:
            when = date.fromisoformat(value) if isinstance(value, str) else None
        except ValueError:
            return   # the schema reports the format
        if when and when > today:
            at(path, f"'{value}' is in the future (today is {today.isoformat()}); write the date you read the source")

    dated(("reviewed",), doc.value.get("reviewed"))
    seen_tools: dict[str, int] = {}
    plan_ids: dict[str, tuple] = {}
    for i, v in _list(doc.value, "vendors"):
        tool_id = v.get("tool")
        if isinstance(tool_id, str):
            if tools and tool_id not in tools:
                at(("vendors", i, "tool"), f"'{tool_id}' is not a tool id (known: {', '.join(tools)})")
            if tool_id in seen_tools:
                at(("vendors", i, "tool"), f"'{tool_id}' already has an entry at vendors[{seen_tools[tool_id]}]; one per tool")
            seen_tools.setdefault(tool_id, i)
        if isinstance(v.get("pricing_page"), str):
            _one(problems, doc, ("vendors", i, "pricing_page"), v["pricing_page"], official.get(tool_id))
        for k, u in _list(v, "units"):
            _one(problems, doc, ("vendors", i, "units", k, "source"), u.get("source"), official.get(tool_id))
            dated(("vendors", i, "units", k, "checked"), u.get("checked"))
        figures = [(("vendors", i, "limits", k), f) for k, f in _list(v, "limits")]
        for k, p in _list(v, "plans"):
            pid = p.get("id")
            if isinstance(pid, str):
                if pid in plan_ids:
                    at(("vendors", i, "plans", k, "id"), f"plan id '{pid}' is already used at {format_path(plan_ids[pid])}; ids must be unique")
                plan_ids.setdefault(pid, ("vendors", i, "plans", k, "id"))
            measures: set[str] = set()
            for n, f in _list(p, "figures"):
                figures.append((("vendors", i, "plans", k, "figures", n), f))
                m = f.get("measure")
                if isinstance(m, str):
                    if m in measures:
                        at(("vendors", i, "plans", k, "figures", n, "measure"), f"'{m}' is given twice for this plan")
                    measures.add(m)
        for path, f in figures:
            _one(problems, doc, path + ("source",), f.get("source"), official.get(tool_id))
            dated(path + ("checked",), f.get("checked"))
    seen_workloads: dict[str, int] = {}
    for i, w in _list(doc.value, "workloads"):
        wid = w.get("id")
        if isinstance(wid, str):
            if wid in seen_workloads or wid in plan_ids:
                at(("workloads", i, "id"), f"id '{wid}' is already used; workload and plan ids are anchors on /cost/ and must be unique")
            seen_workloads.setdefault(wid, i)
    for i, s in _list(doc.value, "self_hosting"):
        tool_id = s.get("tool")
        if isinstance(tool_id, str) and tools and tool_id not in tools:
            at(("self_hosting", i, "tool"), f"'{tool_id}' is not a tool id (known: {', '.join(tools)})")
        if tool_id in official:
            problems.extend(_unofficial(doc, ("self_hosting", i, "sources"), s.get("sources"), official[tool_id]))
    return problems


def _one(problems: list[Problem], doc: Document, path: tuple, url, tool) -> None:
    """A single URL must be on its tool's official sites."""
    if tool is None or not isinstance(url, str):
        return
    for p in _unofficial(doc, path, [url], tool):   # names the path with a trailing [0]
        problems.append(Problem(p.file, doc.line_of(path), format_path(path), p.message))
