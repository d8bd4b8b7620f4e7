"""Rules across data files: ids, references between files, dates. They run even on
files that failed their schema, on whatever is well-formed, so that a contributor
sees every problem in one go."""
from __future__ import annotations

import re
from collections import Counter
from datetime import date
from pathlib import Path

from ..problems import Problem, format_path
from . import guide_rules, sources
from .yamlsource import Document, mappings


EXAMPLE_FILE = "examples/{example}/{tool}_example.py"   # an example's code, from the project root


def _items(doc: Document | None, key: str) -> list[tuple[int, dict]]:
    """(index, item) for the well-formed mappings of a top-level list; tolerant of schema errors."""
    value = doc.value if doc is not None else None
    return mappings(value.get(key)) if isinstance(value, dict) else []


def _ids(doc: Document | None, key: str) -> list[str]:
    return [item["id"] for _, item in _items(doc, key) if isinstance(item.get("id"), str)]


def _duplicates(doc: Document | None, key: str) -> list[Problem]:
    seen: dict[str, int] = {}
    problems = []
    for i, item in _items(doc, key):
        item_id = item.get("id")
        if not isinstance(item_id, str):
            continue
        if item_id in seen:
            problems.append(Problem(doc.file, doc.line_of((key, i, "id")), format_path((key, i, "id")),
                                    f"id '{item_id}' is already used by {key}[{seen[item_id]}]; ids must be unique"))
        else:
            seen[item_id] = i
    return problems


def _official(tools_doc: Document | None) -> dict:
    """tool id -> (name, official source prefixes), for the tools that declare them."""
    return {t["id"]: (t.get("name", t["id"]), t["official_sources"]) for _, t in _items(tools_doc, "tools")
            if isinstance(t.get("id"), str) and isinstance(t.get("official_sources"), list)}


def _official_sources(crit: Document, i: int, entries: dict, official: dict) -> list[Problem]:
    """A tool's facts are sourced on that tool's own official sites, not on a blog or the other tool's docs."""
    problems = []
    for tool_id, e in entries.items():
        if tool_id in official and isinstance(e, dict):
            problems += _unofficial(crit, ("criteria", i, "tools", tool_id, "sources"), e.get("sources"), official[tool_id])
    return problems


def _off_site(url, tool: tuple) -> str | None:
    """Why a URL is not on one of the tool's official sites, or None when it is (or is no URL)."""
    name, prefixes = tool
    prefixes = tuple(p for p in prefixes if isinstance(p, str))
    # Text that is not an http(s) URL at all is the schema's to report (once).
    if isinstance(url, str) and url.startswith(("http://", "https://")):
        return sources.judge(url, prefixes, name)
    return None


def _unofficial(doc: Document, where: tuple, urls, tool: tuple) -> list[Problem]:
    """A problem for each URL in a list that is not on one of the tool's official sites."""
    problems = []
    for k, url in enumerate(urls if isinstance(urls, list) else []):
        message = _off_site(url, tool)
        if message:
            path = where + (k,)
            problems.append(Problem(doc.file, doc.line_of(path), format_path(path), message))
    return problems


def _mixed_cells(crit: Document | None, tools_doc: Document | None) -> list[Problem]:
    """The rule for mixed cells (criteria.yml's header, /contributing/): a cell is open-source
    when the free distribution covers any part of the row, and hosted_adds names what the
    hosted product adds; hosted-only means the free distribution covers none of it. So a
    hosted-only cell has no hosted_adds, and an open-source cell whose note names the hosted
    product says in hosted_adds what that product adds."""
    hosted = {t["id"]: t["hosted"] for _, t in _items(tools_doc, "tools")
              if isinstance(t.get("id"), str) and isinstance(t.get("hosted"), str) and t["hosted"].strip()}
    problems = []
    for i, c in _items(crit, "criteria"):
        entries = c.get("tools")
        for tool_id, e in (entries.items() if isinstance(entries, dict) else ()):
            if not isinstance(e, dict):
                continue
            where = ("criteria", i, "tools", tool_id)
            adds, note, product = e.get("hosted_adds"), e.get("note"), hosted.get(tool_id)
            if e.get("availability") == "hosted-only" and adds is not None:
                problems.append(Problem(crit.file, crit.line_of(where + ("hosted_adds",)), format_path(where + ("hosted_adds",)),
                                        "a hosted-only cell has no hosted_adds (no open-source part to add to); "
                                        "mark the cell open-source if the open-source distribution covers part of the row, "
                                        "or remove hosted_adds"))
            if (e.get("availability") == "open-source" and not adds and product
                    and isinstance(note, str) and product in note):
                problems.append(Problem(crit.file, crit.line_of(where + ("note",)), format_path(where + ("note",)),
                                        f"names {product}, but hosted_adds is empty; say in hosted_adds what {product} "
                                        f"adds to this open-source cell, or leave {product} out of the note"))
    return problems


def _prefix_problems(tools_doc: Document | None) -> list[Problem]:
    """Each official_sources entry is an https host + path prefix, written in normal form."""
    problems = []
    for i, t in _items(tools_doc, "tools"):
        entries = t.get("official_sources")
        for k, text in enumerate(entries if isinstance(entries, list) else []):
            problem = sources.prefix(text)[1] if isinstance(text, str) else None
            if problem:
                path = ("tools", i, "official_sources", k)
                problems.append(Problem(tools_doc.file, tools_doc.line_of(path), format_path(path),
                                        f"'{text}' {problem}"))
    return problems


def _future_dates(crit: Document | None, today: date) -> list[Problem]:
    """A review date says when someone checked the sources: it cannot be later than today."""
    problems = []
    for i, c in _items(crit, "criteria"):
        entries = c.get("tools")
        for tool_id, e in (entries.items() if isinstance(entries, dict) else ()):
            reviewed = e.get("reviewed") if isinstance(e, dict) else None
            try:
                when = date.fromisoformat(reviewed) if isinstance(reviewed, str) else None
            except ValueError:
                continue  # the schema reports the format
            if when and when > today:
                path = ("criteria", i, "tools", tool_id, "reviewed")
                problems.append(Problem(crit.file, crit.line_of(path), format_path(path),
                                        f"'{reviewed}' is in the future (today is {today.isoformat()}); "
                                        "write the date you checked the sources"))
    return problems


def cross_check(docs: dict[str, Document | None], docs_dir: Path | None = None,
                today: date | None = None) -> list[Problem]:
    """References between files. Runs even when a file failed its schema, on whatever is
    well-formed, so that a contributor sees every problem in one go."""
    tools_doc, factors_doc, crit = docs.get("tools.yml"), docs.get("factors.yml"), docs.get("criteria.yml")
    problems = _duplicates(tools_doc, "tools") + _duplicates(factors_doc, "factors") + _duplicates(crit, "criteria")
    tools, factors = _ids(tools_doc, "tools"), _ids(factors_doc, "factors")
    official = _official(tools_doc)
    problems += _prefix_problems(tools_doc)
    per_factor = Counter()
    for i, c in _items(crit, "criteria"):
        factor, cid, entries = c.get("factor"), c.get("id"), c.get("tools")
        if isinstance(factor, str) and factors:
            if factor in factors:
                per_factor[factor] += 1
            else:
                problems.append(Problem(crit.file, crit.line_of(("criteria", i, "factor")),
                                        format_path(("criteria", i, "factor")),
                                        f"'{factor}' is not a factor id (known: {', '.join(factors)})"))
        if isinstance(cid, str) and cid in factors:
            problems.append(Problem(crit.file, crit.line_of(("criteria", i, "id")), format_path(("criteria", i, "id")),
                                    f"'{cid}' is also a factor id; row anchors on /comparison/ must differ from factor anchors"))
        if not isinstance(entries, dict) or not tools:
            continue
        for tool_id in entries:
            if tool_id not in tools:
                problems.append(Problem(crit.file, crit.key_line_of(("criteria", i, "tools", tool_id)),
                                        format_path(("criteria", i, "tools", tool_id)),
                                        f"'{tool_id}' is not a tool id (known: {', '.join(tools)})"))
        for k, tool_id in enumerate(c.get("distinctive") or []):
            if isinstance(tool_id, str) and tool_id not in tools:
                path = ("criteria", i, "distinctive", k)
                problems.append(Problem(crit.file, crit.line_of(path), format_path(path),
                                        f"'{tool_id}' is not a tool id (known: {', '.join(tools)})"))
        problems += _official_sources(crit, i, entries, official)
        for tool_id in tools:
            if tool_id not in entries:
                problems.append(Problem(crit.file, crit.key_line_of(("criteria", i, "tools")),
                                        format_path(("criteria", i, "tools")),
                                        f"missing an entry for tool '{tool_id}'; every tool needs one in every criterion"))
    problems += _mixed_cells(crit, tools_doc)
    problems += _future_dates(crit, today or date.today())
    problems += guide_rules.check(docs.get("guide.yml"), factors, crit, docs_dir)
    if _items(crit, "criteria"):
        for j, item in _items(factors_doc, "factors"):
            if isinstance(item.get("id"), str) and per_factor[item["id"]] == 0:
                problems.append(Problem(factors_doc.file, factors_doc.line_of(("factors", j)), format_path(("factors", j)),
                                        f"factor '{item['id']}' has no criteria; add at least one in criteria.yml"))
    return problems


def example_rules(doc: Document | None, docs: dict, project_dir: Path) -> list[Problem]:
    """Every example's code exists for each tool it names, its criteria exist, and it follows official pages."""
    tools_doc, crit = docs.get("tools.yml"), docs.get("criteria.yml")
    tools, criteria = _ids(tools_doc, "tools"), _ids(crit, "criteria")
    official = _official(tools_doc)
    problems = _duplicates(doc, "examples")
    for i, x in _items(doc, "examples"):
        for k, cid in enumerate(x.get("criteria") or []):
            if criteria and isinstance(cid, str) and cid not in criteria:
                path = ("examples", i, "criteria", k)
                problems.append(Problem(doc.file, doc.line_of(path), format_path(path),
                                        f"'{cid}' is not a criterion id in criteria.yml"))
        entries = x.get("tools") if isinstance(x.get("tools"), dict) else {}
        for tool_id, e in entries.items():
            path = ("examples", i, "tools", tool_id)
            if tools and tool_id not in tools:
                problems.append(Problem(doc.file, doc.key_line_of(path), format_path(path),
                                        f"'{tool_id}' is not a tool id (known: {', '.join(tools)})"))
                continue
            if isinstance(x.get("id"), str):
                file = EXAMPLE_FILE.format(example=x["id"], tool=tool_id)
                if not (project_dir / file).is_file():
                    problems.append(Problem(doc.file, doc.key_line_of(path), format_path(path),
                                            f"{file} does not exist; write the example there"))
            if isinstance(e, dict) and tool_id in official:
                problems += _unofficial(doc, path + ("follows",), e.get("follows"), official[tool_id])
    return problems


def release_rules(doc: Document | None, docs: dict) -> list[Problem]:
    """releases.yml describes the tools and versions that tools.yml names, and has figures
    for every tool of every row that shows them (`releases: true`)."""
    tools_doc, crit = docs.get("tools.yml"), docs.get("criteria.yml")
    tools = {t["id"]: t for _, t in _items(tools_doc, "tools") if isinstance(t.get("id"), str)}
    value = doc.value if doc is not None else None
    figures = value.get("tools") if isinstance(value, dict) else None
    if not isinstance(figures, dict) or not tools:
        return []
    again = "; run `python scripts/freshness.py --write-releases` to read the figures again"
    problems = []
    for tool_id, f in figures.items():
        path = ("tools", tool_id)
        if tool_id not in tools:
            problems.append(Problem(doc.file, doc.key_line_of(path), format_path(path),
                                    f"'{tool_id}' is not a tool id (known: {', '.join(tools)})"))
            continue
        if not isinstance(f, dict):
            continue
        tool = tools[tool_id]
        if isinstance(f.get("package"), str) and f["package"] != tool.get("package"):
            problems.append(Problem(doc.file, doc.line_of(path + ("package",)), format_path(path + ("package",)),
                                    f"'{f['package']}' is not {tool_id}'s package in tools.yml ('{tool.get('package')}')"
                                    + again))
        reviewed = f.get("reviewed")
        version = reviewed.get("version") if isinstance(reviewed, dict) else None
        exact = isinstance(tool.get("version"), str) and re.fullmatch(r"\d+\.\d+\.\d+", tool["version"])
        if isinstance(version, str) and exact and version != tool["version"]:   # else tools.yml's own problem
            where = path + ("reviewed", "version")
            problems.append(Problem(doc.file, doc.line_of(where), format_path(where),
                                    f"'{version}' is not the version tools.yml reviews ('{tool.get('version')}')" + again))
    for i, c in _items(crit, "criteria"):
        if c.get("releases") is not True:
            continue
        for tool_id in tools:
            if tool_id not in figures:
                path = ("criteria", i, "releases")
                problems.append(Problem(crit.file, crit.line_of(path), format_path(path),
                                        f"releases.yml has no figures for tool '{tool_id}'" + again))
    return problems


# --- /self-hosting/ and /moving/ ----------------------------------------------------

TOPIC_FILES = ("self_hosting.yml", "moving.yml")


def _future(doc: Document, path: tuple, value, today: date) -> list[Problem]:
    try:
        when = date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return []   # the schema reports the format
    if when and when > today:
        return [Problem(doc.file, doc.line_of(path), format_path(path),
                        f"'{value}' is in the future (today is {today.isoformat()}); write the date you checked")]
    return []


def _side_rules(doc: Document, where: tuple, side, tool: tuple, today: date) -> list[Problem]:
    """A tool's side of a topic: every source and issue link on the tool's official sites, no future dates."""
    if not isinstance(side, dict):
        return []
    problems = []
    for key in ("points", "limits"):
        for k, item in mappings(side.get(key)):
            path = where + (key, k)
            problems += _unofficial(doc, path + ("sources",), item.get("sources"), tool)
            problems += _future(doc, path + ("reviewed",), item.get("reviewed"), today)
            issue = item.get("issue")
            if isinstance(issue, dict):
                problems += _issue_link(doc, path + ("issue", "url"), issue.get("url"), tool)
                problems += _future(doc, path + ("issue", "checked"), issue.get("checked"), today)
    return problems


def _issue_link(doc: Document, path: tuple, url, tool: tuple) -> list[Problem]:
    """An issue link is a source like any other: it must be in the tool's own repository."""
    message = _off_site(url, tool)
    return [Problem(doc.file, doc.line_of(path), format_path(path), message)] if message else []


def topic_rules(docs: dict[str, Document | None], today: date | None = None) -> list[Problem]:
    """The claims of /self-hosting/ and /moving/ follow the same rules as the comparison:
    known tools, every tool present, sources on each tool's official sites, dates not ahead."""
    today = today or date.today()
    tools = _ids(docs.get("tools.yml"), "tools")
    official = _official(docs.get("tools.yml"))
    problems = []
    for name in TOPIC_FILES:
        doc = docs.get(name)
        if doc is None:
            continue
        problems += _duplicates(doc, "topics") + _duplicates(doc, "concept_map")
        for i, topic in _items(doc, "topics"):
            entries = topic.get("tools")
            if not isinstance(entries, dict) or not tools:
                continue
            for tool_id, side in entries.items():
                path = ("topics", i, "tools", tool_id)
                if tool_id not in tools:
                    problems.append(Problem(doc.file, doc.key_line_of(path), format_path(path),
                                            f"'{tool_id}' is not a tool id (known: {', '.join(tools)})"))
                elif tool_id in official:
                    problems += _side_rules(doc, path, side, official[tool_id], today)
            for tool_id in tools:
                if tool_id not in entries:
                    path = ("topics", i, "tools")
                    problems.append(Problem(doc.file, doc.key_line_of(path), format_path(path),
                                            f"missing a side for tool '{tool_id}'; every tool needs one in every topic"))
        topic_ids = set(_ids(doc, "topics"))
        for i, pair in _items(doc, "concept_map"):
            if pair.get("id") in topic_ids:
                path = ("concept_map", i, "id")
                problems.append(Problem(doc.file, doc.line_of(path), format_path(path),
                                        f"'{pair['id']}' is also a topic id; anchors on the page must differ"))
            problems += _future(doc, ("concept_map", i, "reviewed"), pair.get("reviewed"), today)
            sides = {}
            for end in ("from", "to"):
                side = pair.get(end)
                tool_id = side.get("tool") if isinstance(side, dict) else None
                if not isinstance(tool_id, str) or not tools:
                    continue
                path = ("concept_map", i, end, "tool")
                if tool_id not in tools:
                    problems.append(Problem(doc.file, doc.line_of(path), format_path(path),
                                            f"'{tool_id}' is not a tool id (known: {', '.join(tools)})"))
                    continue
                sides[end] = tool_id
                if tool_id in official:
                    problems += _unofficial(doc, ("concept_map", i, end, "sources"), side.get("sources"), official[tool_id])
            if len(sides) == 2 and sides["from"] == sides["to"]:
                path = ("concept_map", i, "to", "tool")
                problems.append(Problem(doc.file, doc.line_of(path), format_path(path),
                                        f"'{sides['to']}' is also the 'from' tool; a pair maps one tool's concept to another tool's"))
    return problems
