"""The public URLs and anchors that wikis link to (tests/public_urls.txt)."""
from __future__ import annotations

from pathlib import Path

# The five factor anchors the issues fix as public URLs (in this order).
FACTOR_ANCHORS = ["workflow-design", "product-goals", "team-structure", "day-to-day-operations", "pace-of-growth"]


def read_public_urls(path: Path) -> list[str]:
    return [line.strip() for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.lstrip().startswith("#")]
