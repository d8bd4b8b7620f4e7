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
