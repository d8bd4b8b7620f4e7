"""The decision guide and its result pages.

Everything the reader can see is rendered here, at build time: the first question,
a linked map of the whole guide (the version without JavaScript), and one result
panel holding every row any answer can bring, with both tools' cells, their
availability marks and what the hosted product adds. The script only chooses which
of those rows to show, says which answer brought each, and adds up the marks the
build put on them (see docs/js/guide.js); the payload it reads holds the tree and
the links, never a fact about a tool.
"""
from __future__ import annotations

import json

from markupsafe import Markup

from .. import urls
from ..records import Guide, Outcome, SiteData
from . import render

RESULT_PAGE = "/decision-guide/result/{outcome}/"


def result_page(outcome_id: str) -> str:
    return RESULT_PAGE.format(outcome=outcome_id)


# How a suggested page is named in a result ("Also read: ..."); other pages fall back to their path.
READ_TITLES = {"/cost/": "What the hosted products cost", "/self-hosting/": "Running it yourselves",
               "/moving/": "Moving between tools"}


def _read_title(path: str) -> str:
    return READ_TITLES.get(path, path.strip("/").replace("-", " ").capitalize())


def payload(guide: Guide, data: SiteData, page_url: str) -> dict:
    """The tree for the script, with every URL resolved and every count of questions worked out."""
    href = urls.resolver(page_url)

    def answer(a) -> dict:
        out = {"id": a.id, "label": a.label, "rows": list(a.rows)}
        if a.next:
            out["next"] = a.next
        if a.view:
            out["view"] = a.view
        if a.read:
            out["read"] = [{"href": href(p), "title": _read_title(p)} for p in a.read]
        return out

    return {
        "start": guide.start,
        "questions": {q.id: {"text": q.text, "help": q.help, "remaining": guide.remaining(q.id),
                             "multiple": q.multiple, "next": q.next,
                             "answers": [answer(a) for a in q.answers]}
                      for q in guide.questions},
        "outcomes": {o.id: {"title": o.title, "why": o.why, "href": href(o.target), "section": _section(data, o),
                            "page": href(result_page(o.id))}
                     for o in guide.outcomes},
        "legacy": [{"answers": dict(l.answers), "outcome": l.outcome} for l in guide.legacy],
        "tools": [{"id": t.id, "name": t.name, "hosted": t.hosted} for t in data.tools],
    }


def _factor(data: SiteData, o: Outcome):
    anchor = urls.split(o.target)[1]
    return next((f for f in data.factors if f.id == anchor), None)


def _section(data: SiteData, o: Outcome) -> str:
    f = _factor(data, o)
    return f"Read the section on {f.title.lower()}" if f else "Read the section"


def _rows(data: SiteData) -> list:
    """Every criterion some answer touches, in the comparison's order."""
    touched = {r for q in data.guide.questions for a in q.answers for r in a.rows}
    return [c for c in data.criteria if c.id in touched]


# Stand-ins in a row's markup for what differs between results (control characters, which
# the data rules keep out of every text): whether the row starts shown, and why.
STATE, BY = "\x01state\x01", "\x01by\x01"
_MEMO: dict = {}


def _per_depth(kind: str, data: SiteData, page_url: str, make):
    """What a renderer makes once for pages at one depth (links are relative to the site root,
    so the nine result pages share it), for one build's data at a time."""
    if _MEMO.get("data") is not data:
        _MEMO.clear()
        _MEMO["data"] = data
    key = (kind, urls.root_prefix(page_url))
    if key not in _MEMO:
        _MEMO[key] = make()
    return _MEMO[key]


def _row_html(data: SiteData, page_url: str) -> dict[str, Markup]:
    """Every row's markup: the same for every result page at one depth."""
    def make():
        href = urls.resolver(page_url)
        return {c.id: Markup(render("guide_row.html", c=c, data=data, href=href, urls=urls,
                                    STATE=Markup(STATE), BY=Markup(BY)))
                for c in _rows(data)}
    return _per_depth("rows", data, page_url, make)


def _result(data: SiteData, page_url: str, outcome: Outcome | None) -> str:
    """The result panel. On a result page it starts with that outcome's rows shown (the rows
    every route to it touches); on the guide page it starts empty and hidden."""
    shown = set(data.guide.common_rows(outcome.id)) if outcome else set()
    return Markup(render("guide_result.html", data=data, outcome=outcome, rows=_rows(data), shown=shown,
                         row_html=_row_html(data, page_url), STATE=STATE, BY=BY,
                  section=_section(data, outcome) if outcome else "Read the section",
                  href=urls.resolver(page_url), urls=urls))


def _blob(data: SiteData, page_url: str) -> str:
    return _per_depth("payload", data, page_url, lambda: json.dumps(
        payload(data.guide, data, page_url), ensure_ascii=False, separators=(",", ":"), sort_keys=True))


def guide(data: SiteData, page_url: str) -> str:
    """The JSON travels in an escaped attribute: Material's instant navigation re-creates
    inline scripts (running a JSON script as JavaScript), and an attribute cannot be broken
    out of. The first question is rendered here as the script would render it, so nothing
    moves when the script starts; the linked map of every question is the no-JavaScript version."""
    g = data.guide
    return render("guide.html", guide=g, start=g.node(g.start), remaining=g.remaining(g.start),
                  payload=_blob(data, page_url), result=_result(data, page_url, None),
                  href=urls.resolver(page_url), result_page=result_page)


def result(data: SiteData, outcome_id: str, page_url: str) -> str:
    """A result's own page: its heading, why, section link and rows, readable without
    JavaScript; with answers in the query the script adds the rows those answers brought."""
    o = data.guide.outcome(outcome_id)
    return render("guide_page.html", outcome=o, payload=_blob(data, page_url),
                  result=_result(data, page_url, o), href=urls.resolver(page_url))
