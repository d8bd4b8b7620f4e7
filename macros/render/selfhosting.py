"""/self-hosting/: what running each tool yourselves takes, from data/self_hosting.yml,
and the same rows as JSON and CSV (as_json, as_csv) for the post-build step."""
from __future__ import annotations

import json

from .. import urls
from ..records import SiteData
from . import topics
from .exports import absolute

PAGE = urls.page("self-hosting")
JSON_PATH, CSV_PATH = urls.PAGE_EXPORTS["self-hosting"]["json"], urls.PAGE_EXPORTS["self-hosting"]["csv"]   # written by macros/postbuild.py
TABLE_ID = "self-hosting-glance"


def glance(data: SiteData) -> str:
    return topics.glance(data, data.self_hosting, TABLE_ID, "Running it yourselves at a glance: "
                         + ", ".join(f"{t.name} {t.version}" for t in data.tools))


def sections(data: SiteData) -> str:
    return topics.sections(data, data.self_hosting)


def as_json(data: SiteData, site_url: str) -> str:
    doc = {"site": absolute(site_url, "/"), "page": absolute(site_url, PAGE),
           "tools": [{"id": t.id, "name": t.name, "version": t.version} for t in data.tools],
           "rows": topics.topic_rows(data, data.self_hosting, absolute(site_url, PAGE))}
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def as_csv(data: SiteData, site_url: str) -> str:
    rows = topics.topic_rows(data, data.self_hosting, absolute(site_url, PAGE))
    return topics.csv_text(
        ["topic", "tool", "kind", "text", "sources", "reviewed", "issue", "issue_state", "fixed_in_reviewed", "url"],
        [[r["topic"], r["tool"], r["kind"], r["text"], " ".join(r["sources"]), r["reviewed"],
          r.get("issue", {}).get("url", ""), r.get("issue", {}).get("state", ""),
          r.get("issue", {}).get("fixed_in_reviewed", ""), r["url"]] for r in rows])
