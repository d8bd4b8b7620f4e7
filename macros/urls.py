"""Every public path of the site, in one place: wikis link to these, so they are an API.

Paths are written from the site root ('/comparison/#failure-handling'); `relative`
turns one into a link that works from a given page, whatever the site's base URL.
"""
from __future__ import annotations

from pathlib import Path

# Page name -> its public path. A page file in docs/ is named after its path.
PAGES = {
    "home": "/",
    "dagster": "/dagster/",
    "prefect": "/prefect/",
    "how-to-choose": "/how-to-choose/",
    "comparison": "/comparison/",
    "cost": "/cost/",
    "decision-guide": "/decision-guide/",
    "examples": "/examples/",
    "conclusion": "/conclusion/",
    "self-hosting": "/self-hosting/",
    "moving": "/moving/",
    "contributing": "/contributing/",
}


# Files built beside the pages for reuse (see render/exports.py).
EXPORTS = {"json": "/comparison.json", "csv": "/comparison.csv", "schema": "/comparison.schema.json"}
# The same for the other pages with tables: page name -> kind -> public path.
PAGE_EXPORTS = {
    "cost": {"json": "/cost.json", "csv": "/cost.csv", "schema": "/cost.schema.json"},
    "self-hosting": {"json": "/self-hosting.json", "csv": "/self-hosting.csv"},
    "moving": {"json": "/moving.json", "csv": "/moving.csv"},
}


def page(name: str) -> str:
    return PAGES[name]


def tool_page(tool_id: str) -> str:
    return f"/{tool_id}/"


def factor_section(factor_id: str) -> str:
    """A factor's section on /how-to-choose/."""
    return f"{PAGES['how-to-choose']}#{factor_id}"


def comparison_group(factor_id: str) -> str:
    """A factor's group of rows on /comparison/."""
    return f"{PAGES['comparison']}#{factor_id}"


def comparison_row(criterion_id: str) -> str:
    return f"{PAGES['comparison']}#{criterion_id}"


def example(example_id: str) -> str:
    """An example's section on /examples/."""
    return f"{PAGES['examples']}#{example_id}"


def section(page_name: str, anchor: str) -> str:
    """A section or row of a page, e.g. ('self-hosting', 'upgrades') -> '/self-hosting/#upgrades'."""
    return f"{PAGES[page_name]}#{anchor}"


def root_prefix(page_url: str) -> str:
    """Relative path from a page ('how-to-choose/') back to the site root ('../')."""
    depth = page_url.strip("/").count("/") + 1 if page_url.strip("/") else 0
    return "../" * depth or "./"


def relative(path: str, from_page_url: str) -> str:
    """A site path as a link from a page: ('/how-to-choose/#x', 'comparison/') -> '../how-to-choose/#x'."""
    return root_prefix(from_page_url) + path.lstrip("/")


def resolver(from_page_url: str):
    """relative() bound to one page: what renderers pass to templates as `href`."""
    return lambda path: relative(path, from_page_url)


def split(path: str) -> tuple[str, str]:
    """'/how-to-choose/#x' -> ('/how-to-choose/', 'x'); query strings are dropped."""
    path, _, anchor = path.partition("#")
    return path.partition("?")[0], anchor


def source_file(docs_dir: Path, path: str) -> Path | None:
    """The Markdown file that serves a site path, if any ('/a/' -> a.md or a/index.md)."""
    rel = split(path)[0].strip("/")
    candidates = [docs_dir / "index.md"] if not rel else [docs_dir / f"{rel}.md", docs_dir / rel / "index.md"]
    return next((c for c in candidates if c.is_file()), None)


def built_file(site_dir: Path, path: str) -> Path:
    """The file a static host serves for a site path ('/how-to-choose/' -> site/how-to-choose/index.html)."""
    rel = split(path)[0].lstrip("/")
    if rel == "" or rel.endswith("/"):
        rel += "index.html"
    return site_dir / rel
