"""A MkDocs hook (mkdocs.yml `hooks:`): under `mkdocs serve`, a rebuild indexes for search
only the pages whose HTML changed.

Material's search plugin parses every page's HTML into sections on every build. That was
0.25 s of a 0.86 s rebuild after an edit to data/criteria.yml, and 0.19 s of it went to
pages the edit did not touch (the examples' highlighted code alone took 0.11 s). Under
serve, this hook keeps each page's search entries with a key made of everything the plugin
makes them from: the page's HTML, URL, title, table of contents and the `title`, `search`
and `tags` front matter. A page whose key is unchanged gets a copy of its entries back; any
other page is indexed as before. `mkdocs build` does not load the cache: each build starts
afresh. tests/test_searchcache.py checks that a served rebuild writes the same search index,
byte for byte, as a fresh build of the same files."""
from __future__ import annotations

import hashlib
import json
import logging

log = logging.getLogger("mkdocs.hooks.searchcache")


def on_startup(command, dirty):
    if command == "serve":
        install()


def install():
    """Wrap Material's per-page indexing once per process (MkDocs loads the hooks again
    for every rebuild; the wrapper, on Material's class, stays)."""
    try:
        from material.plugins.search.plugin import SearchIndex
    except ImportError:   # another theme or no search plugin: nothing to speed up
        return
    original = getattr(SearchIndex, "add_entry_from_context", None)
    if original is None or hasattr(original, "counts"):
        return
    kept = {}   # page URL -> (key, entries): only a page's latest version is kept

    def add_entry_from_context(self, page):
        key = page_key(page)
        found = kept.get(page.url)
        if found and found[0] == key:
            self.entries.extend(_copies(found[1]))
            add_entry_from_context.counts["reused"] += 1
            return
        start = len(self.entries)
        original(self, page)
        kept[page.url] = (key, _copies(self.entries[start:]))
        add_entry_from_context.counts["indexed"] += 1

    add_entry_from_context.counts = {"reused": 0, "indexed": 0}
    SearchIndex.add_entry_from_context = add_entry_from_context
    log.debug("Search entries of unchanged pages are reused across rebuilds.")


def page_key(page) -> str:
    """A hash of everything Material's indexing reads from a page."""
    meta = {k: page.meta.get(k) for k in ("title", "search", "tags")}
    parts = [page.content or "", page.url, str(page.title), json.dumps(meta, sort_keys=True, default=str),
             json.dumps(_toc(page.toc), sort_keys=True)]
    return hashlib.sha256("\x00".join(parts).encode("utf-8")).hexdigest()


def _toc(items) -> list:
    return [[item.id, item.url, item.title, _toc(item.children)] for item in items]


def _copies(entries: list[dict]) -> list[dict]:
    """Entries are flat dicts of strings, with a list of tags at most."""
    return [{k: list(v) if isinstance(v, list) else v for k, v in e.items()} for e in entries]
