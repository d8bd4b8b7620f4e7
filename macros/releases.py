"""Release figures as words: the text a row with `releases: true` shows, made from
data/releases.yml so that no count, date or Python range is typed by hand.

Pure functions over records. The loader applies them once, when it builds the
records, so every place that shows a cell (tables, a factor's table, the guide's
results, the JSON and CSV exports) carries the same text.
"""
from __future__ import annotations

from dataclasses import replace

from packaging.specifiers import InvalidSpecifier, SpecifierSet
from packaging.version import InvalidVersion, Version

from .records import Criterion, ReleaseFigures, Tool, ToolReleases


def python_range(requires_python: str) -> str:
    """'>=3.10,<3.15' -> 'Python 3.10 to 3.14'; '>=3.10' -> 'Python 3.10 or later'.
    A specifier this cannot read as a range is shown as written."""
    try:
        specs = list(SpecifierSet(requires_python))
    except InvalidSpecifier:
        return f"Requires-Python {requires_python}"
    low = high = None
    try:
        for s in specs:
            v = Version(s.version)
            if s.operator == ">=" and len(v.release) == 2:
                low = v if low is None or v > low else low
            elif s.operator == "<" and len(v.release) == 2 and v.release[1] > 0:
                top = Version(f"{v.release[0]}.{v.release[1] - 1}")
                high = top if high is None or top < high else high
            elif s.operator != "!=":
                return f"Requires-Python {requires_python}"
    except InvalidVersion:
        return f"Requires-Python {requires_python}"
    if low is None:
        return f"Requires-Python {requires_python}"
    if high is None:
        return f"Python {low} or later"
    return f"Python {low}" if high == low else f"Python {low} to {high}"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _listed(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def cell_figures(t: ToolReleases, figures: ReleaseFigures) -> str:
    """The few words that open the cell: 'Python 3.10 to 3.14; 47 final 1.x releases in 12 months'."""
    return f"{python_range(t.requires_python)}; {_plural(t.count, f'final {t.line} release')} in {figures.months} months"


def note_sentences(tool: Tool, t: ToolReleases, figures: ReleaseFigures) -> str:
    """The sentences that end the note, saying what was counted and how."""
    counted = (f"Counted from PyPI on {figures.fetched}, the same way for every tool: "
               f"{_plural(t.count, f'final {t.line} release')} of the {t.package} package (no pre-releases or "
               f"development releases) first published from {figures.start} to {figures.end}")
    if t.first is not None and t.last is not None and t.count > 1:
        counted += f", from {t.first.version} on {t.first.date} to {t.last.version} on {t.last.date}"
    elif t.last is not None:
        counted += f": {t.last.version} on {t.last.date}"
    minors = [f"{r.version} on {r.date}" for r in t.minor_versions]
    counted += ("; no new minor version" if not minors else
                f"; {'a new minor version' if len(minors) == 1 else 'new minor versions'}: {_listed(minors)}")
    sentences = [counted + "."]
    if t.other_lines:
        sentences.append(f"{_plural(t.other_lines, 'release')} of other major lines in the same span "
                         f"{'is' if t.other_lines == 1 else 'are'} not counted.")
    sentences.append(f"{tool.name} {t.reviewed.version}, the version reviewed here, was released on "
                     f"{t.reviewed.date} and declares Requires-Python {t.requires_python}.")
    return " ".join(sentences)


def with_figures(criteria: tuple[Criterion, ...], tools: tuple[Tool, ...],
                 figures: ReleaseFigures | None) -> tuple[Criterion, ...]:
    """Criteria whose rows ask for release figures get them: the cell opens with the
    figures and the typed text follows; the note ends with how they were counted."""
    if figures is None:
        return criteria
    names = {t.id: t for t in tools}
    out = []
    for c in criteria:
        if c.releases:
            entries = []
            for tool_id, e in c.entries:
                t = figures.tool(tool_id)
                entries.append((tool_id, replace(
                    e, cell=f"{cell_figures(t, figures)}; {e.cell}",
                    note=f"{e.note} {note_sentences(names[tool_id], t, figures)}")))
            c = replace(c, entries=tuple(entries))
        out.append(c)
    return tuple(out)
