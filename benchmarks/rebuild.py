"""What `mkdocs serve` does after an edit, without the server: build once, then edit
data/criteria.yml and build again in the same process (the macros module stays
imported, as it does under serve), printing each rebuild's seconds as JSON.

    cd PROJECT && python benchmarks/rebuild.py SITE_DIR [N]

The file watcher's delay and the browser's reload come on top (Material reloads the
page over livereload when the build ends)."""
from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config

site_dir, runs = sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 5
criteria = Path("data/criteria.yml")
original = criteria.read_text(encoding="utf-8")


def once() -> float:
    start = time.perf_counter()
    config = load_config("mkdocs.yml", site_dir=site_dir)   # serve reloads the configuration too
    config.plugins.on_startup(command="serve", dirty=False)
    build(config, serve_url=None, dirty=False)
    config.plugins.on_shutdown()
    return time.perf_counter() - start


once()   # the first build of a serve session
times = []
try:
    for n in range(runs):
        # An editor's change: a cell's wording (the first 'cell:' line of the file).
        criteria.write_text(original.replace("cell: ", f"cell: Edit {n} ", 1), encoding="utf-8")
        times.append(once())
finally:
    criteria.write_text(original, encoding="utf-8")
print(json.dumps(times))
