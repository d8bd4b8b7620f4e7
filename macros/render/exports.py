"""The comparison as data files for reuse: JSON (described by a published JSON Schema)
and CSV (one row per criterion, a column per tool's cell). Built from the same records
as the pages, so nothing is typed twice."""
from __future__ import annotations

import csv
import io
import json

from .. import urls
from ..records import SiteData

JSON_PATH, CSV_PATH, SCHEMA_PATH = urls.EXPORTS["json"], urls.EXPORTS["csv"], urls.EXPORTS["schema"]
SCHEMA_SOURCE = "comparison-export.schema.json"   # in data/schema/, published at SCHEMA_PATH


def absolute(site_url: str, path: str) -> str:
    return site_url.rstrip("/") + path


def as_json(data: SiteData, site_url: str) -> str:
    doc = {
        "$schema": absolute(site_url, SCHEMA_PATH),
        "site": absolute(site_url, "/"),
        "tools": [{"id": t.id, "name": t.name, "version": t.version, "license": t.license,
                   "hosted_product": t.hosted, "homepage": t.homepage, "docs": t.docs,
                   "repository": t.repository} for t in data.tools],
        "factors": [{"id": f.id, "title": f.title, "question": f.question,
                     "url": absolute(site_url, urls.factor_section(f.id))} for f in data.factors],
        "criteria": [{
            "id": c.id, "title": c.title, "factor": c.factor, "why": c.why, "ask": c.ask,
            "url": absolute(site_url, urls.comparison_row(c.id)),
            "tools": {tid: {"cell": e.cell, "note": e.note, "availability": e.availability,
                            "hosted_adds": e.hosted_adds, "sources": list(e.sources), "reviewed": e.reviewed}
                      for tid, e in c.entries},
        } for c in data.criteria],
    }
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def _cell(text: str | None) -> str:
    """Spreadsheets run a cell that starts with = + - @ as a formula: keep such text inert."""
    text = text or ""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def as_csv(data: SiteData, site_url: str) -> str:
    """UTF-8 with a byte-order mark and CRLF line ends, so spreadsheet tools open it as
    UTF-8 text in columns."""
    out = io.StringIO()
    writer = csv.writer(out)   # excel dialect: comma, quotes where needed, \r\n
    header = ["criterion_id", "factor", "criterion"]
    for t in data.tools:
        header += [t.name, f"{t.name} availability"]
    writer.writerow(header + ["url"])
    for c in data.criteria:
        row = [c.id, data.factor(c.factor).title, _cell(c.title)]
        for t in data.tools:
            e = c.entry(t.id)
            row += [_cell(e.cell), e.availability]
        writer.writerow(row + [absolute(site_url, urls.comparison_row(c.id))])
    return "\ufeff" + out.getvalue()
