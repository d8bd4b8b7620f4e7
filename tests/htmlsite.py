"""Small helpers to read the built site's HTML without a browser."""
from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path


class PageParser(HTMLParser):
    """Collects ids, links and every resource reference of one page."""

    RESOURCE_ATTRS = {"script": "src", "img": "src", "iframe": "src", "source": "src",
                      "video": "src", "audio": "src", "embed": "src", "object": "data"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids: list[str] = []
        self.links: list[str] = []
        self.resources: list[str] = []
        self.meta: dict[str, str] = {}

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if a.get("id"):
            self.ids.append(a["id"])
        if tag == "a" and a.get("href") is not None:
            self.links.append(a["href"])
        if tag == "link" and a.get("href"):
            rel = (a.get("rel") or "").split()
            if {"stylesheet", "icon", "preload", "modulepreload", "manifest", "prefetch"} & set(rel):
                self.resources.append(a["href"])
        attr = self.RESOURCE_ATTRS.get(tag)
        if attr and a.get(attr):
            self.resources.append(a[attr])
        if tag in ("img", "source") and a.get("srcset"):
            self.resources += [part.split()[0] for part in a["srcset"].split(",") if part.strip()]
        if tag == "meta" and a.get("name"):
            self.meta[a["name"]] = a.get("content", "")


def parse(path: Path) -> PageParser:
    parser = PageParser()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def is_redirect(path: Path) -> bool:
    """A stub written by mkdocs-redirects for an old URL."""
    return 'http-equiv="refresh"' in path.read_text(encoding="utf-8")[:2000]


def pages(site: Path) -> list[Path]:
    """Every content page a reader can reach (not the 404 template, not redirect stubs)."""
    return sorted(p for p in site.rglob("*.html") if p.name != "404.html" and not is_redirect(p))


def url_to_file(site: Path, url_path: str) -> Path:
    """'/how-to-choose/' -> site/how-to-choose/index.html"""
    rel = url_path.lstrip("/")
    if rel == "" or rel.endswith("/"):
        rel += "index.html"
    return site / rel


# The five factor anchors the issues fix as public URLs (in this order).
FACTOR_ANCHORS = ["workflow-design", "product-goals", "team-structure", "day-to-day-operations", "pace-of-growth"]


def read_public_urls(path: Path) -> list[str]:
    return [line.strip() for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.lstrip().startswith("#")]
