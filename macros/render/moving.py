"""/moving/: the concept map in both directions and the migration topics, from
data/moving.yml, and the map's rows as JSON and CSV (as_json, as_csv)."""
from __future__ import annotations

import json

from .. import urls
from ..records import SiteData
from . import render, topics
from .exports import absolute

PAGE = urls.page("moving")
JSON_PATH, CSV_PATH = urls.PAGE_EXPORTS["moving"]["json"], urls.PAGE_EXPORTS["moving"]["csv"]   # written by macros/postbuild.py


def directions(data: SiteData) -> list[dict]:
    """One table per ordered pair of tools that has rows: 'From Dagster to Prefect', then the reverse."""
    out = []
    for source in data.tools:
        for target in data.tools:
            pairs = tuple(p for p in data.concepts_from(source.id) if p.target.tool == target.id)
            if source.id != target.id and pairs:
                out.append({"source": source, "target": target, "pairs": pairs,
                            "anchor": f"{source.id}-to-{target.id}",
                            "title": f"From {source.name} to {target.name}"})
    return out


def concept_map(data: SiteData) -> str:
    return render("concept_map.html", directions=directions(data))


def sections(data: SiteData) -> str:
    return topics.sections(data, data.moving)


def glance(data: SiteData) -> str:
    return topics.glance(data, data.moving, "moving-glance", "Routes at a glance: "
                         + ", ".join(f"{t.name} {t.version}" for t in data.tools))


def map_rows(data: SiteData, site_url: str) -> list[dict]:
    return [{"id": p.id, "from_tool": p.source.tool, "from": p.source.term, "from_sources": list(p.source.sources),
             "to_tool": p.target.tool, "to": p.target.term, "to_sources": list(p.target.sources),
             "not_quite_the_same_because": p.differs, "reviewed": p.reviewed,
             "url": absolute(site_url, urls.section("moving", p.id))} for p in data.concept_map]


def as_json(data: SiteData, site_url: str) -> str:
    doc = {"site": absolute(site_url, "/"), "page": absolute(site_url, PAGE),
           "tools": [{"id": t.id, "name": t.name, "version": t.version} for t in data.tools],
           "concept_map": map_rows(data, site_url),
           "topics": topics.topic_rows(data, data.moving, absolute(site_url, PAGE))}
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def as_csv(data: SiteData, site_url: str) -> str:
    """The concept map, one row per pair."""
    return topics.csv_text(
        ["id", "from_tool", "from", "to_tool", "to", "not_quite_the_same_because", "sources", "reviewed", "url"],
        [[r["id"], r["from_tool"], r["from"], r["to_tool"], r["to"], r["not_quite_the_same_because"],
          " ".join(r["from_sources"] + r["to_sources"]), r["reviewed"], r["url"]] for r in map_rows(data, site_url)])
