"""The decision guide's container: the tree for the script, its first question already
in place, and the whole tree as a map."""
from __future__ import annotations

import json

from .. import urls
from ..records import Guide, SiteData
from . import render


def payload(guide: Guide, data: SiteData, page_url: str) -> dict:
    """What the script needs, with every URL resolved, every count worked out and every
    related row's cells copied from the data: the script holds no rules or facts."""
    href = urls.resolver(page_url)

    def row(criterion_id: str) -> dict:
        c = data.criterion(criterion_id)
        return {"id": c.id, "title": c.title, "href": href(urls.comparison_row(c.id)),
                "cells": [{"tool": t.name, "hosted": t.hosted, "cell": c.entry(t.id).cell,
                           "hostedOnly": c.entry(t.id).hosted_only, "hostedAdds": c.entry(t.id).hosted_adds}
                          for t in data.tools]}

    rq = guide.result_question
    return {
        "start": guide.start,
        "comparison": href(urls.page("comparison")),
        "questions": {q.id: {"text": q.text, "help": q.help, "remaining": guide.remaining(q.id),
                             "answers": [{"id": a.id, "label": a.label, "next": a.next} for a in q.answers]}
                      for q in guide.questions},
        "outcomes": {o.id: {"title": o.title, "why": o.why, "href": href(o.target),
                            "related": [row(c) for c in o.related]}
                     for o in guide.outcomes},
        "resultQuestion": rq and {"id": rq.id, "text": rq.text, "help": rq.help,
                                  "answers": [{"id": a.id, "label": a.label, "comparison": dict(a.comparison)}
                                              for a in rq.answers]},
    }


def guide(data: SiteData, page_url: str) -> str:
    """The JSON travels in an escaped attribute: Material's instant navigation re-creates
    inline scripts (running a JSON script as JavaScript), and an attribute cannot be broken
    out of. The first question is rendered here as the script would render it, so nothing
    moves when the script starts; the map of the whole tree is the no-JavaScript version."""
    g = data.guide
    blob = json.dumps(payload(g, data, page_url), ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    start = g.node(g.start)
    return render("guide.html", guide=g, start=start, remaining=g.remaining(g.start), payload=blob,
                  href=urls.resolver(page_url))
