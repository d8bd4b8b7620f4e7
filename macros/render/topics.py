"""The sections shared by /self-hosting/ and /moving/: an at-a-glance table of the
topics' one-line summaries, then one section per topic with each tool's points,
sources and known limits. Pure: records in, HTML out."""
from __future__ import annotations

import csv
import io

from ..records import SiteData, Topic
from . import render


def glance(data: SiteData, topics: tuple[Topic, ...], table_id: str, caption: str) -> str:
    """One row per topic, one cell per tool: the summary, linked to the topic's section."""
    return render("topic_glance.html", tools=data.tools, topics=topics, table_id=table_id, caption=caption)


def sections(data: SiteData, topics: tuple[Topic, ...]) -> str:
    return render("topic_sections.html", tools=data.tools, topics=topics)


def topic_rows(data: SiteData, topics: tuple[Topic, ...], page_url: str) -> list[dict]:
    """Every claim and known limit as a flat row: the shape of the JSON and CSV exports."""
    rows = []
    for topic in topics:
        for t in data.tools:
            side = topic.side(t.id)
            base = {"topic": topic.id, "topic_title": topic.title, "tool": t.id, "summary": side.summary,
                    "url": page_url + "#" + topic.id}
            rows += [{**base, "kind": "point", "text": c.text, "sources": list(c.sources), "reviewed": c.reviewed}
                     for c in side.points]
            rows += [{**base, "kind": "limit", "text": k.text, "sources": list(k.sources), "reviewed": k.reviewed,
                      "issue": {"url": k.issue, "checked": k.checked, "state": k.state,
                                "fixed_in_reviewed": k.fixed_in_reviewed, "fix_basis": k.fix_basis}}
                     for k in side.limits]
    return rows


def cell(text: str | None) -> str:
    """Spreadsheets run a cell that starts with = + - @ as a formula: keep such text inert."""
    text = text or ""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def csv_text(header: list[str], rows: list[list[str]]) -> str:
    """UTF-8 with a byte-order mark and CRLF line ends, like the comparison's CSV."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows([[cell(v) for v in row] for row in rows])
    return "\ufeff" + out.getvalue()
