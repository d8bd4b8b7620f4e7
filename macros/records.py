"""The site's facts as frozen records, and lookups that name what they could not find.

No I/O here: renderers and tests build and read these without YAML or jsonschema.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Iterable, TypeVar

STALE_AFTER_DAYS = 183   # about six months: a cell reviewed longer ago is flagged


class UnknownId(LookupError):
    """A lookup by an id that the data does not have (e.g. a typo in a page's macro call)."""

    def __init__(self, kind: str, wanted: str, known: Iterable[str]):
        self.kind, self.wanted, self.known = kind, wanted, tuple(known)
        super().__init__(f"unknown {kind} id '{wanted}' (known: {', '.join(self.known) or 'none'})")


T = TypeVar("T")


def find(items: Iterable[T], wanted: str, kind: str) -> T:
    """The item whose .id is `wanted`, or UnknownId listing the known ids."""
    items = tuple(items)
    for item in items:
        if item.id == wanted:
            return item
    raise UnknownId(kind, wanted, (i.id for i in items))


def by_tool(pairs: tuple[tuple[str, T], ...], tool_id: str) -> T:
    """The value for a tool in (tool id, value) pairs, or UnknownId naming the tools present."""
    for tid, value in pairs:
        if tid == tool_id:
            return value
    raise UnknownId("tool", tool_id, (tid for tid, _ in pairs))


@dataclass(frozen=True)
class Tool:
    id: str
    name: str
    package: str               # the PyPI package pinned in requirements-examples.txt
    version: str               # the exact release reviewed, equal to that pin
    license: str
    homepage: str
    docs: str
    repository: str
    hosted: str                # the vendor's hosted product, e.g. "Dagster+"
    official_sources: tuple[str, ...] = ()
    license_source: str | None = None


@dataclass(frozen=True)
class Factor:
    id: str
    title: str
    question: str


OPEN_SOURCE, HOSTED_ONLY = "open-source", "hosted-only"


@dataclass(frozen=True)
class Entry:
    """What one criterion says about one tool."""
    cell: str
    note: str
    sources: tuple[str, ...]
    reviewed: str
    availability: str = OPEN_SOURCE   # or HOSTED_ONLY: only in the tool's hosted product
    hosted_adds: str | None = None    # what the hosted product adds to an open-source capability

    @property
    def hosted_only(self) -> bool:
        return self.availability == HOSTED_ONLY


@dataclass(frozen=True)
class Criterion:
    id: str
    title: str
    factor: str
    why: str                                 # why it matters to a team
    ask: str                                 # the question it helps a team answer about itself
    entries: tuple[tuple[str, Entry], ...]   # (tool id, entry), in tool order
    distinctive: tuple[str, ...] = ()        # tools whose own capability this row exists to show

    def entry(self, tool_id: str) -> Entry:
        return by_tool(self.entries, tool_id)


@dataclass(frozen=True)
class ExampleCode:
    """One tool's version of an example: the file that is shown and tested."""
    path: str                    # "examples/retries/dagster_example.py", from the project root
    follows: tuple[str, ...]     # the official pages it follows
    asserts: str                 # what its test checks


@dataclass(frozen=True)
class Example:
    id: str
    title: str
    summary: str
    criteria: tuple[str, ...]
    differences: str
    code: tuple[tuple[str, ExampleCode], ...]   # (tool id, code), in tool order

    @property
    def tool_ids(self) -> tuple[str, ...]:
        return tuple(tid for tid, _ in self.code)

    def for_tool(self, tool_id: str) -> ExampleCode:
        return by_tool(self.code, tool_id)


# --- The decision guide --------------------------------------------------------

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
class ResultAnswer:
    id: str
    label: str
    comparison: tuple[tuple[str, str], ...] = ()   # comparison filter (URL parameters) it applies


@dataclass(frozen=True)
class ResultQuestion:
    """Asked beside every result; its answer narrows the result's links to the comparison."""
    id: str
    text: str
    help: str | None
    answers: tuple[ResultAnswer, ...]


@dataclass(frozen=True)
class Guide:
    start: str
    questions: tuple[Question, ...]
    outcomes: tuple[Outcome, ...]
    result_question: ResultQuestion | None = None

    def node(self, node_id: str) -> Question | Outcome:
        return find(self.questions + self.outcomes, node_id, "guide question or outcome")

    def remaining(self, node_id: str) -> int:
        """The most questions still to answer from a node (0 at an outcome). The tree is acyclic."""
        node = self.node(node_id)
        if isinstance(node, Outcome):
            return 0
        return 1 + max(self.remaining(a.next) for a in node.answers)

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


@dataclass(frozen=True)
class Redirect:
    old: str                   # a path that used to be a page, e.g. '/guide/'
    new: str                   # the page it now leads to, e.g. '/decision-guide/'


@dataclass(frozen=True)
class SiteData:
    tools: tuple[Tool, ...]
    factors: tuple[Factor, ...]
    criteria: tuple[Criterion, ...]
    guide: Guide
    examples: tuple[Example, ...] = ()
    redirects: tuple[Redirect, ...] = ()

    def tool(self, tool_id: str) -> Tool:
        return find(self.tools, tool_id, "tool")

    def factor(self, factor_id: str) -> Factor:
        return find(self.factors, factor_id, "factor")

    def criterion(self, criterion_id: str) -> Criterion:
        return find(self.criteria, criterion_id, "criterion")

    def example(self, example_id: str) -> Example:
        return find(self.examples, example_id, "example")

    def examples_for(self, criterion_id: str) -> tuple[Example, ...]:
        """The examples that illustrate a criterion (its row links to them)."""
        return tuple(e for e in self.examples if criterion_id in e.criteria)

    def criteria_for(self, factor_id: str) -> tuple[Criterion, ...]:
        self.factor(factor_id)
        return tuple(c for c in self.criteria if c.factor == factor_id)

    def stale(self, today: date, days: int = STALE_AFTER_DAYS) -> tuple[tuple[Criterion, str, Entry], ...]:
        """(criterion, tool id, entry) for every cell last reviewed more than `days` before today."""
        return tuple((c, tid, e) for c in self.criteria for tid, e in c.entries
                     if (today - date.fromisoformat(e.reviewed)).days > days)

    def review_span(self) -> tuple[str, str]:
        dates = [e.reviewed for c in self.criteria for _, e in c.entries]
        return min(dates), max(dates)
