"""The comparison tables and what is built from the same rows: the full comparison,
one factor's rows and questions, a tool's facts, what needs a tool's hosted product."""
from __future__ import annotations

from datetime import date

from markupsafe import Markup

from .. import urls
from ..records import SiteData
from . import render


def _context(data: SiteData, page_url: str) -> dict:
    return {"data": data, "urls": urls, "href": urls.resolver(page_url)}


def reviewed_note(data: SiteData) -> Markup:
    first, last = data.review_span()
    return Markup(render("reviewed_note.html", data=data, first=first, last=last))


def legend(data: SiteData) -> str:
    """What the availability marks in every table mean."""
    return render("legend.html", tools=data.tools)


def comparison(data: SiteData, page_url: str, today: date) -> str:
    """Filters, then one group per factor: a Markdown heading (for the table of contents) and its table.
    Cells reviewed more than about six months before `today` say so."""
    stale = {(c.id, tool_id) for c, tool_id, _ in data.stale(today)}
    return render("comparison.html", reviewed_note=reviewed_note(data), legend=Markup(legend(data)),
                  scorecard=Markup(render("scorecard.html", data=data)), stale=stale, **_context(data, page_url))


def factor_table(data: SiteData, factor_id: str, page_url: str) -> str:
    """A compact table of one factor's criteria, each linking to its full row."""
    return render("factor_table.html", factor=data.factor(factor_id), **_context(data, page_url))


def factor_questions(data: SiteData, factor_id: str, page_url: str) -> str:
    """The question each of a factor's rows helps a team answer, linked to the row."""
    return render("factor_questions.html", factor=data.factor(factor_id), **_context(data, page_url))


def tool_facts(data: SiteData, tool_id: str) -> str:
    """A tool's identity card, from the same data as the tables."""
    first, last = data.review_span()
    return render("tool_facts.html", tool=data.tool(tool_id), first=first, last=last)


def hosted_features(data: SiteData, tool_id: str, page_url: str) -> str:
    """Every row where a tool's capability, or part of it, needs the tool's hosted product."""
    tool = data.tool(tool_id)
    rows = [(c, c.entry(tool_id)) for c in data.criteria
            if c.entry(tool_id).hosted_only or c.entry(tool_id).hosted_adds]
    return render("hosted_features.html", tool=tool, rows=rows, **_context(data, page_url))


def entry(data: SiteData, criterion_id: str, tool_id: str, page_url: str) -> str:
    """One tool's cell of one row, in full: text, mark, note, sources and review date."""
    c = data.criterion(criterion_id)
    return render("entry.html", c=c, e=c.entry(tool_id), tool=data.tool(tool_id), **_context(data, page_url))
