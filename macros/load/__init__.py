"""Load data/ into validated records: the only place that reads data files.

Order: read each YAML file safely -> validate its structure with its JSON Schema
-> check references across files -> build frozen records. Every problem from a
stage is collected; a DataError carries all of them.
"""
from __future__ import annotations

from datetime import date
from pathlib import Path

from ..problems import DataError, Problem
from ..records import Criterion, Entry, Example, ExampleCode, Factor, SiteData, Tool
from . import guide_rules, pins, redirects, schema
from .rules import EXAMPLE_FILE, cross_check, example_rules
from .yamlsource import Document, read

ROOT = Path(__file__).resolve().parent.parent.parent

# data file -> its schema; the order is the order problems are checked in.
FILES = {
    "tools.yml": "tools.schema.json",
    "factors.yml": "factors.schema.json",
    "criteria.yml": "criteria.schema.json",
    "guide.yml": "guide.schema.json",
    "examples.yml": "examples.schema.json",
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


def build_records(docs: dict[str, Document]) -> SiteData:
    tools = tuple(Tool(**{**t, "official_sources": tuple(t["official_sources"])}) for t in docs["tools.yml"].value["tools"])
    factors = tuple(Factor(**f) for f in docs["factors.yml"].value["factors"])
    order = {f.id: n for n, f in enumerate(factors)}

    def entry(raw: dict) -> Entry:
        return Entry(cell=raw["cell"], note=raw["note"], sources=tuple(raw["sources"]), reviewed=raw["reviewed"],
                     availability=raw["availability"], hosted_adds=raw.get("hosted_adds"))

    criteria = tuple(sorted(
        (Criterion(id=c["id"], title=c["title"], factor=c["factor"], why=c["why"], ask=c["ask"],
                   entries=tuple((t.id, entry(c["tools"][t.id])) for t in tools),
                   distinctive=tuple(c.get("distinctive", ())))
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
    return SiteData(tools=tools, factors=factors, criteria=criteria, guide=guide_rules.build(docs["guide.yml"]),
                    examples=examples, redirects=redirects.build(docs["redirects.yml"]))


def load(data_dir: Path = ROOT / "data", docs_dir: Path | None = None, today: date | None = None) -> SiteData:
    """Validated records, or a DataError listing every problem found.

    docs_dir (default: docs/ beside data_dir) is where guide targets must exist as pages."""
    docs, problems = read_documents(data_dir)
    docs_dir = docs_dir if docs_dir is not None else data_dir.parent / "docs"
    # Cross-references also run on files with schema errors: report everything at once.
    problems += cross_check(docs, docs_dir if docs_dir.is_dir() else None, today)
    problems += example_rules(docs.get("examples.yml"), docs, data_dir.parent)
    problems += pins.check(docs.get("tools.yml"), docs.get("examples.yml"), data_dir.parent)
    problems += redirects.check(docs.get("redirects.yml"), docs_dir if docs_dir.is_dir() else None)
    if problems:
        raise DataError(problems)
    return build_records(docs)
