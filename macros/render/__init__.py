"""Pure renderers: records in, HTML (or Markdown with HTML) out.

Markup lives in templates/ and is rendered by a private Jinja environment
that escapes every `{{ value }}` by default (mkdocs-macros' own environment
does not). Escaping goes a step further than HTML: the output is pasted into
Markdown that mkdocs-macros and Python-Markdown read again, so characters that
Jinja or Markdown would act on ({ } * _ ` [ ]) become character references too.
Only a value already marked safe (the output of another template or of
`link`) passes through, so forgetting to escape is not possible.
"""
from __future__ import annotations

import re
from html import escape
from pathlib import Path
from urllib.parse import urlsplit

from jinja2 import Environment, FileSystemBytecodeCache, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from ..cachedir import folder as cache_folder
from ..rawhtml import block as raw_html

_HTTP = re.compile(r"^https?://", re.IGNORECASE)


def inert(text) -> str:
    """Text made safe for HTML content or a quoted attribute, and inert for Jinja and Markdown.
    A line break becomes a character reference too: in Markdown it would end a heading, a
    list item or a content tab's title (and with it an explicit { #id }); in HTML it
    still reads as the same whitespace."""
    out = escape(str(text), quote=True)
    out = out.replace("\r\n", "&#10;").replace("\r", "&#10;").replace("\n", "&#10;")
    return (out.replace("{", "&#123;").replace("}", "&#125;")
               .replace("*", "&#42;").replace("_", "&#95;").replace("`", "&#96;")
               .replace("[", "&#91;").replace("]", "&#93;"))


def _finalize(value):
    """Applied to every {{ value }}: plain values are escaped, safe markup passes."""
    if isinstance(value, Markup):
        return value
    return Markup(inert("" if value is None else value))


def short_url(url: str) -> str:
    """'https://docs.dagster.io/guides/automate' -> 'docs.dagster.io/guides/automate'"""
    parts = urlsplit(url)
    return (parts.netloc + parts.path).rstrip("/") or url


def link(url: str, text: str | None = None) -> Markup:
    """An external link if the URL is http(s); otherwise the URL as inert text."""
    shown = inert(text if text is not None else (short_url(url) if _HTTP.match(url or "") else url))
    if not _HTTP.match(url or ""):
        return Markup(shown)
    return Markup(f'<a href="{inert(url)}">{shown}</a>')


_PATH = re.compile(r"^[a-z0-9][a-z0-9/_.-]*$")


def file_path(path: str) -> Markup:
    """A repository path written as-is (in a code fence title or a snippet line, where
    character references would not be decoded). Only plain path characters pass."""
    if not _PATH.match(path) or ".." in path:
        raise ValueError(f"not a plain repository path: {path!r}")
    return Markup(path)


def _bytecode_cache() -> FileSystemBytecodeCache | None:
    """Compiled templates kept between builds (Jinja checks each one against its source).
    Compiling the templates is most of what rendering costs; without a writable folder
    they are compiled each time."""
    import os

    folder = cache_folder("jinja")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return FileSystemBytecodeCache(str(folder)) if os.access(folder, os.W_OK) else None


_env = Environment(
    loader=FileSystemLoader(Path(__file__).parent / "templates"),
    bytecode_cache=_bytecode_cache(),
    autoescape=True,
    finalize=_finalize,
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
    keep_trailing_newline=False,
)
_env.filters["link"] = link
_env.filters["path"] = file_path
_env.filters["raw_html"] = raw_html   # {% filter raw_html %}: a whole HTML block Markdown passes through unread


def render(template: str, strip: bool = True, **context) -> str:
    """A template's output, by default with indentation removed: inside Markdown, an
    indented line could read as a code block, and a blank line would end an HTML block
    early. Templates that write indented Markdown on purpose (content tabs) pass
    strip=False."""
    out = _env.get_template(template).render(**context)
    if not strip:
        return out.strip()
    return "\n".join(line.strip() for line in out.splitlines()).strip()
