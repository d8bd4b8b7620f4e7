"""The comparison tables: the full comparison, one factor's rows, a tool's facts."""
from __future__ import annotations

from markupsafe import Markup

from .. import urls
from ..records import SiteData
from . import render


def _context(data: SiteData, page_url: str) -> dict:
    return {"data": data, "urls": urls, "href": lambda path: urls.relative(path, page_url)}


def reviewed_note(data: SiteData) -> Markup:
    first, last = data.review_span()
    return Markup(render("reviewed_note.html", data=data, first=first, last=last))


def comparison(data: SiteData, page_url: str) -> str:
    """Filters, then one group per factor: a Markdown heading (for the table of contents) and its table."""
    return render("comparison.html", reviewed_note=reviewed_note(data), **_context(data, page_url))


def factor_table(data: SiteData, factor_id: str, page_url: str) -> str:
    """A compact table of one factor's criteria, each linking to its full row."""
    return render("factor_table.html", factor=data.factor(factor_id), **_context(data, page_url))


def tool_facts(data: SiteData, tool_id: str) -> str:
    """A tool's identity card, from the same data as the tables."""
    first, last = data.review_span()
    return render("tool_facts.html", tool=data.tool(tool_id), first=first, last=last)
