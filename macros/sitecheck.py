"""Checks of the built site: the one HTML reader the build check and the tests share."""
from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

from . import urls
from .problems import Problem, format_path
from .records import Guide


class PageParser(HTMLParser):
    """Collects a page's ids, links, meta tags and every resource it would load."""

    RESOURCE_ATTRS = {"script": "src", "img": "src", "iframe": "src", "source": "src",
                      "video": "src", "audio": "src", "embed": "src", "object": "data"}
    RESOURCE_RELS = {"stylesheet", "icon", "preload", "modulepreload", "manifest", "prefetch"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids: list[str] = []
        self.links: list[str] = []
        self.resources: list[str] = []
        self.meta: dict[str, str] = {}        # <meta name=...> and <meta property=...>
        self.link_rels: dict[str, str] = {}   # <link rel=canonical ...> and friends
        self.title = ""                       # the text of <title>
        self._in_title = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self._in_title = tag == "title" and not self.title
        if a.get("id"):
            self.ids.append(a["id"])
        if tag == "a" and a.get("href") is not None:
            self.links.append(a["href"])
        if tag == "link" and a.get("href"):
            rels = set((a.get("rel") or "").split())
            if self.RESOURCE_RELS & rels:
                self.resources.append(a["href"])
            for rel in rels:
                self.link_rels.setdefault(rel, a["href"])
        attr = self.RESOURCE_ATTRS.get(tag)
        if attr and a.get(attr):
            self.resources.append(a[attr])
        if tag in ("img", "source") and a.get("srcset"):
            self.resources += [part.split()[0] for part in a["srcset"].split(",") if part.strip()]
        if tag == "meta" and (a.get("name") or a.get("property")):
            self.meta.setdefault(a.get("property") or a.get("name"), a.get("content", ""))


    def handle_endtag(self, tag):
        self._in_title = False

    def handle_data(self, data):
        if self._in_title:
            self.title += data


def parse(path: Path) -> PageParser:
    parser = PageParser()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def is_redirect(path: Path) -> bool:
    """A redirect stub for an old URL (macros/postbuild.py writes them)."""
    return 'http-equiv="refresh"' in path.read_text(encoding="utf-8")[:2000]


def pages(site: Path) -> list[Path]:
    """Every content page a reader can reach (not the 404 template, not redirect stubs)."""
    return sorted(p for p in site.rglob("*.html") if p.name != "404.html" and not is_redirect(p))


def target_problems(guide: Guide, site_dir: Path, file: str = "data/guide.yml") -> list[Problem]:
    """Every outcome target must exist in the built site, anchor included."""
    problems = []
    for i, o in enumerate(guide.outcomes):
        path, anchor = urls.split(o.target)
        page = urls.built_file(site_dir, path)
        where = format_path(("outcomes", i, "target"))
        if not page.is_file():
            problems.append(Problem(file, o.line, where, f"'{o.target}': the built site has no page {path}"))
        elif anchor and anchor not in parse(page).ids:
            problems.append(Problem(file, o.line, where, f"'{o.target}': page {path} has no anchor #{anchor}"))
    return problems
