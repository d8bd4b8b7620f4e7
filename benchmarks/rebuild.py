"""What `mkdocs serve` does after an edit, without the server: build once, then edit
data/criteria.yml and build again in the same process (the macros module stays
imported, as it does under serve), printing each rebuild's seconds as JSON.

    cd PROJECT && python benchmarks/rebuild.py SITE_DIR [N]

The file watcher's delay and the browser's reload come on top (Material reloads the
page over livereload when the build ends). tests/test_searchcache.py builds the same
way with `served_build`."""
from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config


def served_build(site_dir: str) -> float:
    """One build of the project in the working folder, as `mkdocs serve` runs it; its seconds."""
    start = time.perf_counter()
    config = load_config("mkdocs.yml", site_dir=site_dir)   # serve reloads the configuration too
    config.plugins.on_startup(command="serve", dirty=False)
    build(config, serve_url=None, dirty=False)
    config.plugins.on_shutdown()
    return time.perf_counter() - start


def main(site_dir: str, runs: int) -> None:
    criteria = Path("data/criteria.yml")
    original = criteria.read_text(encoding="utf-8")
    served_build(site_dir)   # the first build of a serve session
    times = []
    try:
        for n in range(runs):
            # An editor's change: a cell's wording (the first 'cell:' line of the file).
            criteria.write_text(original.replace("cell: ", f"cell: Edit {n} ", 1), encoding="utf-8")
            times.append(served_build(site_dir))
    finally:
        criteria.write_text(original, encoding="utf-8")
    print(json.dumps(times))


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 5)
