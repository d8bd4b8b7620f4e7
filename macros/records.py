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
    trial: str                               # a task to try in every tool, with an observable pass condition
    entries: tuple[tuple[str, Entry], ...]   # (tool id, entry), in tool order
    distinctive: tuple[str, ...] = ()        # tools whose own capability this row exists to show
    releases: bool = False                   # its cells end with figures from data/releases.yml

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


@dataclass(frozen=True)
class Release:
    version: str
    date: str                    # YYYY-MM-DD, the day its first file was uploaded


@dataclass(frozen=True)
class ToolReleases:
    """One tool's release figures (data/releases.yml), counted the same way for every tool."""
    package: str
    line: str                    # the reviewed major line, e.g. "1.x": only its releases are counted
    count: int                   # final releases of the core package on that line within the span
    first: Release | None        # the first and last of them (None when count is 0)
    last: Release | None
    reviewed: Release            # the version this site reviews
    requires_python: str         # the reviewed version's Requires-Python, as declared
    other_lines: int = 0         # final releases of other major lines within the span
    minor_versions: tuple[Release, ...] = ()   # new minor versions (x.y.0) among those counted


@dataclass(frozen=True)
class ReleaseFigures:
    fetched: str                 # when the figures were read from the package index
    start: str                   # the span counted: from start to end, both included
    end: str
    months: int
    tools: tuple[tuple[str, ToolReleases], ...]

    def tool(self, tool_id: str) -> ToolReleases:
        return by_tool(self.tools, tool_id)
# --- Self-hosting and moving ----------------------------------------------------

@dataclass(frozen=True)
class Claim:
    """One sourced statement about one tool."""
    text: str
    sources: tuple[str, ...]
    reviewed: str


@dataclass(frozen=True)
class KnownLimit:
    """A limit users reported in the tool's own issue tracker, with what was checked."""
    text: str
    sources: tuple[str, ...]
    reviewed: str
    issue: str                 # the issue or discussion URL
    checked: str               # when its state was read
    state: str                 # "open" or "closed" on that day
    fixed_in_reviewed: str     # "yes", "no" or "unknown"
    fix_basis: str             # what was read to say so


@dataclass(frozen=True)
class TopicSide:
    summary: str
    points: tuple[Claim, ...]
    limits: tuple[KnownLimit, ...] = ()


@dataclass(frozen=True)
class Topic:
    """A section of /self-hosting/ or /moving/: one side per tool."""
    id: str
    title: str
    question: str
    sides: tuple[tuple[str, TopicSide], ...]   # (tool id, side), in tool order

    def side(self, tool_id: str) -> TopicSide:
        return by_tool(self.sides, tool_id)


@dataclass(frozen=True)
class ConceptSide:
    tool: str
    term: str
    sources: tuple[str, ...]


@dataclass(frozen=True)
class ConceptPair:
    """A row of the concept map on /moving/, read from `source` to `target`."""
    id: str
    source: ConceptSide
    target: ConceptSide
    differs: str
    reviewed: str


# --- The decision guide --------------------------------------------------------

@dataclass(frozen=True)
class Answer:
    id: str
    label: str
    next: str | None                 # None for the answers of a multiple question
    rows: tuple[str, ...] = ()       # criterion ids this answer touches (at most 4)
    view: str | None = None          # first question only: open-source, hosted or both
    read: tuple[str, ...] = ()       # pages of this site worth reading because of it


@dataclass(frozen=True)
class Question:
    id: str
    factor: str
    text: str
    help: str | None
    answers: tuple[Answer, ...]
    multiple: bool = False           # checkboxes: any number of answers, then `next`
    next: str | None = None          # only for a multiple question

    def answer(self, answer_id: str) -> Answer:
        return find(self.answers, answer_id, f"answer of '{self.id}'")

    def nexts(self) -> tuple[str, ...]:
        return (self.next,) if self.multiple else tuple(a.next for a in self.answers)


@dataclass(frozen=True)
class Outcome:
    id: str
    title: str
    why: str
    target: str
    line: int = field(default=0, compare=False)   # where `target` is written, for messages


@dataclass(frozen=True)
class Legacy:
    """An answer path of an earlier tree, sent to an outcome so old links still open a result."""
    answers: tuple[tuple[str, str], ...]
    outcome: str


# One step of a path: (question id, answer ids). A single-choice question has one answer id.
Step = tuple[str, tuple[str, ...]]


@dataclass(frozen=True)
class Guide:
    start: str
    questions: tuple[Question, ...]
    outcomes: tuple[Outcome, ...]
    legacy: tuple[Legacy, ...] = ()

    def node(self, node_id: str) -> Question | Outcome:
        return find(self.questions + self.outcomes, node_id, "guide question or outcome")

    def question(self, question_id: str) -> Question:
        return find(self.questions, question_id, "guide question")

    def outcome(self, outcome_id: str) -> Outcome:
        return find(self.outcomes, outcome_id, "guide outcome")

    def remaining(self, node_id: str) -> int:
        """The most questions still to answer from a node (0 at an outcome). The graph is acyclic."""
        node = self.node(node_id)
        if isinstance(node, Outcome):
            return 0
        return 1 + max(self.remaining(n) for n in node.nexts())

    def routes(self) -> list[tuple[tuple[tuple[str, str], ...], str]]:
        """Every route through the single-choice answers: ((question id, answer id), ...) and its
        outcome. A multiple question is crossed with no answer ticked (its ticks never route)."""
        out = []

        def walk(node_id, trail):
            node = self.node(node_id)
            if isinstance(node, Outcome):
                out.append((trail, node.id))
            elif node.multiple:
                walk(node.next, trail)
            else:
                for a in node.answers:
                    walk(a.next, trail + ((node.id, a.id),))

        walk(self.start, ())
        return out

    def view(self, steps: Iterable[Step]) -> str:
        """The availability view the answers choose (the first question's answer), else 'both'."""
        for qid, answer_ids in steps:
            if qid == self.start and answer_ids:
                return self.question(qid).answer(answer_ids[0]).view or "both"
        return "both"

    def touched(self, steps: Iterable[Step]) -> dict[str, tuple[tuple[str, str], ...]]:
        """Criterion id -> the (question id, answer id) pairs that brought it, in answer order.
        The one rule for which rows a result shows: the rows its answers name."""
        rows: dict[str, list[tuple[str, str]]] = {}
        for qid, answer_ids in steps:
            q = self.question(qid)
            for aid in answer_ids:
                for row in q.answer(aid).rows:
                    rows.setdefault(row, []).append((qid, aid))
        return {row: tuple(by) for row, by in rows.items()}

    def common_rows(self, outcome_id: str) -> tuple[str, ...]:
        """Rows that every route to an outcome touches (what its page shows without answers)."""
        rows = [tuple(self.touched((q, (a,)) for q, a in trail)) for trail, o in self.routes() if o == outcome_id]
        if not rows:
            return ()
        common = set.intersection(*map(set, rows))
        return tuple(r for r in rows[0] if r in common)


# --- What the hosted products bill (data/cost.yml) --------------------------------

PUBLISHED, NOT_PUBLISHED, NOT_READABLE = "published", "not-published", "not-readable"


@dataclass(frozen=True)
class Figure:
    """One price, included amount or limit, in one of three states."""
    measure: str
    state: str                          # PUBLISHED, NOT_PUBLISHED or NOT_READABLE
    source: str
    checked: str
    value: float | bool | None = None   # only when PUBLISHED
    note: str | None = None

    @property
    def published(self) -> bool:
        return self.state == PUBLISHED


@dataclass(frozen=True)
class BillingUnit:
    id: str
    name: str
    counts: str
    source: str
    checked: str


@dataclass(frozen=True)
class Plan:
    id: str
    name: str
    figures: tuple[Figure, ...]

    def figure(self, measure: str) -> Figure | None:
        return next((f for f in self.figures if f.measure == measure), None)


@dataclass(frozen=True)
class RequestAssumptions:
    """What the site assumes a run sends to a rate-limited API: its own lower bounds."""
    api_requests_per_run: int
    api_requests_note: str
    events_per_step: int
    events_note: str


@dataclass(frozen=True)
class Vendor:
    tool: str
    product: str
    billing: str                        # "metered" or "tiers"
    pricing_page: str
    summary: str
    units: tuple[BillingUnit, ...]
    limits: tuple[Figure, ...]          # hold on every plan
    plans: tuple[Plan, ...]
    assumptions: RequestAssumptions | None = None

    def plan(self, plan_id: str) -> Plan:
        return find(self.plans, plan_id, "plan")


@dataclass(frozen=True)
class RunKind:
    label: str
    per_month: int
    steps: int
    step_seconds: int
    materializations_per_step: int
    partitions_per_step: int


@dataclass(frozen=True)
class Workload:
    id: str
    title: str
    summary: str
    runs: tuple[RunKind, ...]
    pipelines: int
    environments: int
    editors: int
    viewers: int
    peak_runs_per_minute: int
    log_lines_per_step: int
    history_days: int
    own_infrastructure: bool


@dataclass(frozen=True)
class SelfHosting:
    tool: str
    items: tuple[str, ...]
    sources: tuple[str, ...]


@dataclass(frozen=True)
class CostData:
    reviewed: str
    month_days: int
    currency: str
    vendors: tuple[Vendor, ...]
    workloads: tuple[Workload, ...]
    self_hosting: tuple[SelfHosting, ...] = ()

    def vendor(self, tool_id: str) -> Vendor:
        for v in self.vendors:
            if v.tool == tool_id:
                return v
        raise UnknownId("vendor", tool_id, (v.tool for v in self.vendors))

    def workload(self, workload_id: str) -> Workload:
        return find(self.workloads, workload_id, "workload")


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
    releases: ReleaseFigures | None = None
    cost: CostData | None = None
    self_hosting: tuple[Topic, ...] = ()       # the sections of /self-hosting/
    moving: tuple[Topic, ...] = ()             # the sections of /moving/ after the map
    concept_map: tuple[ConceptPair, ...] = ()  # the rows of the map on /moving/
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

    def concepts_from(self, tool_id: str) -> tuple[ConceptPair, ...]:
        """The concept map's rows read from one tool to another, in file order."""
        self.tool(tool_id)
        return tuple(p for p in self.concept_map if p.source.tool == tool_id)

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
