"""Tiny, safe HTML helpers shared by the renderers."""
from __future__ import annotations

import re
from html import escape
from urllib.parse import urlsplit

_HTTP = re.compile(r"^https?://", re.IGNORECASE)


def esc(text: str) -> str:
    """Escape text for HTML content or a quoted attribute, and keep macros/Markdown inert."""
    out = escape(str(text), quote=True)
    # Jinja delimiters and Markdown specials would be re-read by later stages.
    return (out.replace("{", "&#123;").replace("}", "&#125;")
               .replace("*", "&#42;").replace("_", "&#95;").replace("`", "&#96;")
               .replace("[", "&#91;").replace("]", "&#93;"))


def link(url: str, text: str | None = None) -> str:
    """An external link if the URL is http(s); otherwise the URL as inert text."""
    if not _HTTP.match(url or ""):
        return esc(text if text is not None else url)
    return f'<a href="{esc(url)}">{esc(text if text is not None else short_url(url))}</a>'


def short_url(url: str) -> str:
    """'https://docs.dagster.io/guides/automate' -> 'docs.dagster.io/guides/automate'"""
    parts = urlsplit(url)
    return (parts.netloc + parts.path).rstrip("/") or url


def root_prefix(page_url: str) -> str:
    """Relative path from a page ('how-to-choose/') back to the site root ('../')."""
    depth = page_url.strip("/").count("/") + 1 if page_url.strip("/") else 0
    return "../" * depth or "./"
