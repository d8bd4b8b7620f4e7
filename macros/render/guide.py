"""The decision guide's container: the tree for the script, and the whole tree as a map."""
from __future__ import annotations

import json

from .. import urls
from ..records import Guide, SiteData
from . import render


def payload(guide: Guide, data: SiteData, page_url: str) -> dict:
    """What the script needs, with every URL resolved and every count worked out:
    it holds no rules of its own."""
    href = lambda path: urls.relative(path, page_url)  # noqa: E731
    return {
        "start": guide.start,
        "questions": {q.id: {"text": q.text, "help": q.help, "remaining": guide.remaining(q.id),
                             "answers": [{"id": a.id, "label": a.label, "next": a.next} for a in q.answers]}
                      for q in guide.questions},
        "outcomes": {o.id: {"title": o.title, "why": o.why, "href": href(o.target),
                            "related": [{"title": data.criterion(c).title, "href": href(urls.comparison_row(c))}
                                        for c in o.related]}
                     for o in guide.outcomes},
    }


def guide(data: SiteData, page_url: str) -> str:
    """The JSON travels in an escaped attribute: Material's instant navigation re-creates
    inline scripts (running a JSON script as JavaScript), and an attribute cannot be broken
    out of. The map of the whole tree is also the complete no-JavaScript fallback."""
    blob = json.dumps(payload(data.guide, data, page_url), ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    return render("guide.html", guide=data.guide, payload=blob, href=lambda path: urls.relative(path, page_url))
