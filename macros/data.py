"""Load data/ into validated, typed records: the only place that reads data files.

Order: read each YAML file safely -> validate its structure with its JSON Schema
-> check references across files -> build frozen records. Every problem from a
stage is collected; a DataError carries all of them.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from . import guide as guide_rules
from . import schema
from .guide import Guide
from .problems import DataError, Problem, format_path
from .yamlsource import Document, mappings, read

ROOT = Path(__file__).resolve().parent.parent

# data file -> its schema; the order is the order problems are checked in.
FILES = {
    "tools.yml": "tools.schema.json",
    "factors.yml": "factors.schema.json",
    "criteria.yml": "criteria.schema.json",
    "guide.yml": "guide.schema.json",
}


@dataclass(frozen=True)
class Tool:
    id: str
    name: str
    version: str
    license: str
    homepage: str
    docs: str
    repository: str
    license_source: str | None = None


@dataclass(frozen=True)
class Factor:
    id: str
    title: str
    question: str


@dataclass(frozen=True)
class Entry:
    """What one criterion says about one tool."""
    cell: str
    note: str
    sources: tuple[str, ...]
    reviewed: str


@dataclass(frozen=True)
class Criterion:
    id: str
    title: str
    factor: str
    why: str
    entries: tuple[tuple[str, Entry], ...]   # (tool id, entry), in tool order

    def entry(self, tool_id: str) -> Entry:
        return dict(self.entries)[tool_id]


@dataclass(frozen=True)
class SiteData:
    tools: tuple[Tool, ...]
    factors: tuple[Factor, ...]
    criteria: tuple[Criterion, ...]
    guide: Guide

    def tool(self, tool_id: str) -> Tool:
        return next(t for t in self.tools if t.id == tool_id)

    def factor(self, factor_id: str) -> Factor:
        return next(f for f in self.factors if f.id == factor_id)

    def criteria_for(self, factor_id: str) -> tuple[Criterion, ...]:
        return tuple(c for c in self.criteria if c.factor == factor_id)

    def review_span(self) -> tuple[str, str]:
        dates = [e.reviewed for c in self.criteria for _, e in c.entries]
        return min(dates), max(dates)


def relative(path: Path) -> str:
    """How a contributor sees the file: relative to the working directory, else 'data/x.yml'."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return f"{path.parent.name}/{path.name}"


def read_documents(data_dir: Path) -> tuple[dict[str, Document], list[Problem]]:
    """Read and structurally validate every data file (a file that cannot be parsed maps to None)."""
    docs, problems = {}, []
    for name, schema_name in FILES.items():
        path = data_dir / name
        display = relative(path)
        docs[name] = None
        if not path.is_file():
            problems.append(Problem(display, 0, "", "file is missing"))
            continue
        doc, found = read(path, display)
        if doc is not None:
            found = schema.validate(doc, data_dir / "schema", schema_name)
        problems += found
        docs[name] = doc
    return docs, problems


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


def cross_check(docs: dict[str, Document | None], docs_dir: Path | None = None) -> list[Problem]:
    """References between files. Runs even when a file failed its schema, on whatever is
    well-formed, so that a contributor sees every problem in one go."""
    tools_doc, factors_doc, crit = docs.get("tools.yml"), docs.get("factors.yml"), docs.get("criteria.yml")
    problems = _duplicates(tools_doc, "tools") + _duplicates(factors_doc, "factors") + _duplicates(crit, "criteria")
    tools, factors = _ids(tools_doc, "tools"), _ids(factors_doc, "factors")
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
        for tool_id in tools:
            if tool_id not in entries:
                problems.append(Problem(crit.file, crit.line_of(("criteria", i, "tools")),
                                        format_path(("criteria", i, "tools")),
                                        f"missing an entry for tool '{tool_id}'; every tool needs one in every criterion"))
    problems += guide_rules.check(docs.get("guide.yml"), factors, _ids(crit, "criteria"), docs_dir)
    if _items(crit, "criteria"):
        for j, item in _items(factors_doc, "factors"):
            if isinstance(item.get("id"), str) and per_factor[item["id"]] == 0:
                problems.append(Problem(factors_doc.file, factors_doc.line_of(("factors", j)), format_path(("factors", j)),
                                        f"factor '{item['id']}' has no criteria; add at least one in criteria.yml"))
    return problems


def build_records(docs: dict[str, Document]) -> SiteData:
    tools = tuple(Tool(**t) for t in docs["tools.yml"].value["tools"])
    factors = tuple(Factor(**f) for f in docs["factors.yml"].value["factors"])
    order = {f.id: n for n, f in enumerate(factors)}
    criteria = tuple(sorted(
        (Criterion(
            id=c["id"], title=c["title"], factor=c["factor"], why=c["why"],
            entries=tuple((t.id, Entry(cell=c["tools"][t.id]["cell"], note=c["tools"][t.id]["note"],
                                       sources=tuple(c["tools"][t.id]["sources"]),
                                       reviewed=c["tools"][t.id]["reviewed"])) for t in tools),
        ) for c in docs["criteria.yml"].value["criteria"]),
        key=lambda c: order[c.factor],  # stable: keeps file order within a factor
    ))
    return SiteData(tools=tools, factors=factors, criteria=criteria, guide=guide_rules.build(docs["guide.yml"]))


def load(data_dir: Path = ROOT / "data", docs_dir: Path | None = None) -> SiteData:
    """Validated records, or a DataError listing every problem found.

    docs_dir (default: docs/ beside data_dir) is where guide targets must exist as pages."""
    docs, problems = read_documents(data_dir)
    docs_dir = docs_dir if docs_dir is not None else data_dir.parent / "docs"
    # Cross-references also run on files with schema errors: report everything at once.
    problems += cross_check(docs, docs_dir if docs_dir.is_dir() else None)
    if problems:
        raise DataError(problems)
    return build_records(docs)
