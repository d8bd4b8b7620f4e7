"""Where the build keeps what it worked out before, outside site/: .cache/<kind>/ at the
project root, or under $SITE_CACHE_DIR when set (the benchmark's cold builds point it at
an empty folder). Every entry is named by a hash of everything it depends on, so a stale
entry is never read; deleting the folder only makes the next build slower."""
from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def folder(kind: str) -> Path:
    return Path(os.environ.get("SITE_CACHE_DIR") or ROOT / ".cache") / kind


def on_env(env, config, files):
    """A MkDocs hook (mkdocs.yml `hooks:`): the theme's templates compiled once and kept in
    .cache/theme-jinja/. MkDocs makes a new Jinja environment for every build, `mkdocs serve`'s
    rebuilds included, and compiling Material's templates was a third of a rebuild. Jinja checks
    each stored template against its source, so an edit to overrides/ is always seen."""
    if env.bytecode_cache is None:
        from jinja2 import FileSystemBytecodeCache

        target = folder("theme-jinja")
        try:
            target.mkdir(parents=True, exist_ok=True)
        except OSError:
            return env
        if os.access(target, os.W_OK):
            env.bytecode_cache = FileSystemBytecodeCache(str(target))
    return env
