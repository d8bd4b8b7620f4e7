"""The pinned versions the examples run against (requirements-examples.txt): the
versions this site says it reviewed. Read by the tests and the freshness script."""
from __future__ import annotations

import re
from pathlib import Path

PIN = re.compile(r"^([A-Za-z0-9._-]+)==([^\s#;]+)")


def read_pins(path: Path) -> dict[str, str]:
    """package (lower case) -> exact pinned version, for every `name==version` line."""
    pins = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        m = PIN.match(line.strip())
        if m:
            pins[m.group(1).lower()] = m.group(2)
    return pins
