"""Rules for data/redirects.yml: an old URL is not a page any more, and leads to one that is."""
from __future__ import annotations

from pathlib import Path

from .. import urls
from ..problems import Problem, format_path
from ..records import Redirect
from .yamlsource import Document, mappings


def _entries(doc: Document | None) -> list[tuple[int, dict]]:
    value = doc.value if doc is not None else None
    return mappings(value.get("redirects")) if isinstance(value, dict) else []


def check(doc: Document | None, docs_dir: Path | None) -> list[Problem]:
    problems, seen = [], {}
    for i, r in _entries(doc):
        old, new = r.get("from"), r.get("to")
        if isinstance(old, str):
            where = ("redirects", i, "from")
            if old in seen:
                problems.append(Problem(doc.file, doc.line_of(where), format_path(where),
                                        f"'{old}' already redirects (redirects[{seen[old]}]); each old URL once"))
            seen.setdefault(old, i)
            if docs_dir is not None and urls.source_file(docs_dir, old) is not None:
                problems.append(Problem(doc.file, doc.line_of(where), format_path(where),
                                        f"'{old}' is a page in docs/; a redirect would replace it"))
        if isinstance(new, str) and docs_dir is not None and urls.source_file(docs_dir, new) is None:
            where = ("redirects", i, "to")
            problems.append(Problem(doc.file, doc.line_of(where), format_path(where),
                                    f"'{new}' is not a page of the site (no matching file in docs/)"))
    return problems


def build(doc: Document) -> tuple[Redirect, ...]:
    return tuple(Redirect(old=r["from"], new=r["to"]) for _, r in _entries(doc))
