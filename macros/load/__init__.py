"""Load data/ into validated records: the only place that reads data files.

Order: read each YAML file safely -> validate its structure with its JSON Schema
-> check references across files -> build frozen records. Every problem from a
stage is collected; a DataError carries all of them.
"""
from __future__ import annotations

from datetime import date
from pathlib import Path

from ..problems import DataError, Problem
from ..records import (Claim, ConceptPair, ConceptSide, Criterion, Entry, Example, ExampleCode, Factor, KnownLimit,
                       Release, ReleaseFigures, SiteData, Tool, ToolReleases, Topic, TopicSide)
from ..releases import with_figures
from . import cache, cost_rules, guide_rules, pins, redirects, schema
from .cost_records import build_cost
from .rules import EXAMPLE_FILE, cross_check, example_rules, release_rules, topic_rules
from .yamlsource import Document, read

ROOT = Path(__file__).resolve().parent.parent.parent

# data file -> its schema; the order is the order problems are checked in.
FILES = {
    "tools.yml": "tools.schema.json",
    "factors.yml": "factors.schema.json",
    "criteria.yml": "criteria.schema.json",
    "guide.yml": "guide.schema.json",
    "examples.yml": "examples.schema.json",
    "releases.yml": "releases.schema.json",
    "cost.yml": "cost.schema.json",
    "self_hosting.yml": "self_hosting.schema.json",
    "moving.yml": "moving.schema.json",
    "redirects.yml": "redirects.schema.json",
}


def relative(path: Path) -> str:
    """How a contributor sees the file: relative to the working directory, else 'data/x.yml'."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return f"{path.parent.name}/{path.name}"


def read_documents(data_dir: Path) -> tuple[dict[str, Document], list[Problem]]:
    """Read and structurally validate every data file (a file that cannot be parsed maps to None)."""
    docs, problems = {}, []
    common = cache.stamp(data_dir / "schema")
    for name, schema_name in FILES.items():
        path = data_dir / name
        display = relative(path)
        docs[name] = None
        if not path.is_file():
            problems.append(Problem(display, 0, "", "file is missing"))
            continue
        key = cache.key(common, path.read_bytes(), display, schema_name)
        doc = cache.get(key)
        if doc is None:
            doc, found = read(path, display)
            if doc is not None:
                found = schema.validate(doc, data_dir / "schema", schema_name)
                if not found:
                    cache.put(key, doc)
            problems += found
        docs[name] = doc
    return docs, problems


def build_records(docs: dict[str, Document]) -> SiteData:
    tools = tuple(Tool(**{**t, "official_sources": tuple(t["official_sources"])}) for t in docs["tools.yml"].value["tools"])
    factors = tuple(Factor(**f) for f in docs["factors.yml"].value["factors"])
    order = {f.id: n for n, f in enumerate(factors)}

    def entry(raw: dict) -> Entry:
        return Entry(cell=raw["cell"], note=raw["note"], sources=tuple(raw["sources"]), reviewed=raw["reviewed"],
                     availability=raw["availability"], hosted_adds=raw.get("hosted_adds"))

    criteria = tuple(sorted(
        (Criterion(id=c["id"], title=c["title"], factor=c["factor"], why=c["why"], ask=c["ask"], trial=c["trial"],
                   entries=tuple((t.id, entry(c["tools"][t.id])) for t in tools),
                   distinctive=tuple(c.get("distinctive", ())), releases=c.get("releases", False))
         for c in docs["criteria.yml"].value["criteria"]),
        key=lambda c: order[c.factor],  # stable: keeps file order within a factor
    ))
    examples = tuple(
        Example(id=x["id"], title=x["title"], summary=x["summary"], criteria=tuple(x["criteria"]),
                differences=x["differences"],
                code=tuple((t.id, ExampleCode(path=EXAMPLE_FILE.format(example=x["id"], tool=t.id),
                                              follows=tuple(x["tools"][t.id]["follows"]),
                                              asserts=x["tools"][t.id]["asserts"]))
                           for t in tools if t.id in x["tools"]))
        for x in docs["examples.yml"].value["examples"])
    def topic(raw: dict) -> Topic:
        def side(s: dict) -> TopicSide:
            return TopicSide(
                summary=s["summary"],
                points=tuple(Claim(text=c["text"], sources=tuple(c["sources"]), reviewed=c["reviewed"])
                             for c in s["points"]),
                limits=tuple(KnownLimit(text=k["text"], sources=tuple(k["sources"]), reviewed=k["reviewed"],
                                        issue=k["issue"]["url"], checked=k["issue"]["checked"],
                                        state=k["issue"]["state"], fixed_in_reviewed=k["issue"]["fixed_in_reviewed"],
                                        fix_basis=k["issue"]["fix_basis"])
                             for k in s.get("limits", ())))
        return Topic(id=raw["id"], title=raw["title"], question=raw["question"],
                     sides=tuple((t.id, side(raw["tools"][t.id])) for t in tools))

    def concept(raw: dict) -> ConceptSide:
        return ConceptSide(tool=raw["tool"], term=raw["term"], sources=tuple(raw["sources"]))

    moving = docs["moving.yml"].value
    figures = release_figures(docs["releases.yml"].value)
    return SiteData(tools=tools, factors=factors, criteria=with_figures(criteria, tools, figures),
                    guide=guide_rules.build(docs["guide.yml"]), examples=examples, releases=figures,
                    cost=build_cost(docs["cost.yml"].value),
                    self_hosting=tuple(topic(t) for t in docs["self_hosting.yml"].value["topics"]),
                    moving=tuple(topic(t) for t in moving["topics"]),
                    concept_map=tuple(ConceptPair(id=p["id"], source=concept(p["from"]), target=concept(p["to"]),
                                                  differs=p["differs"], reviewed=p["reviewed"])
                                      for p in moving["concept_map"]),
                    redirects=redirects.build(docs["redirects.yml"]))



def release_figures(raw: dict) -> ReleaseFigures:
    def release(r: dict | None) -> Release | None:
        return Release(version=r["version"], date=r["date"]) if r else None

    return ReleaseFigures(
        fetched=raw["fetched"], start=raw["span"]["start"], end=raw["span"]["end"], months=raw["span"]["months"],
        tools=tuple((tool_id, ToolReleases(package=t["package"], line=t["line"], count=t["count"],
                                           first=release(t.get("first")), last=release(t.get("last")),
                                           reviewed=release(t["reviewed"]), requires_python=t["requires_python"],
                                           other_lines=t["other_lines"],
                                           minor_versions=tuple(release(r) for r in t["minor_versions"])))
                    for tool_id, t in raw["tools"].items()))


def load(data_dir: Path = ROOT / "data", docs_dir: Path | None = None, today: date | None = None) -> SiteData:
    """Validated records, or a DataError listing every problem found.

    docs_dir (default: docs/ beside data_dir) is where guide targets must exist as pages."""
    docs, problems = read_documents(data_dir)
    docs_dir = docs_dir if docs_dir is not None else data_dir.parent / "docs"
    # Cross-references also run on files with schema errors: report everything at once.
    problems += cross_check(docs, docs_dir if docs_dir.is_dir() else None, today)
    problems += example_rules(docs.get("examples.yml"), docs, data_dir.parent)
    problems += release_rules(docs.get("releases.yml"), docs)
    problems += cost_rules.check(docs.get("cost.yml"), docs.get("tools.yml"), today or date.today())
    problems += topic_rules(docs, today)
    problems += pins.check(docs.get("tools.yml"), docs.get("examples.yml"), data_dir.parent)
    problems += redirects.check(docs.get("redirects.yml"), docs_dir if docs_dir.is_dir() else None)
    if problems:
        raise DataError(problems)
    return build_records(docs)
