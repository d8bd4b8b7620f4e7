"""`mkdocs serve` reuses the search entries of pages a rebuild did not change
(macros/searchcache.py): the index it writes must be the one a fresh build writes."""
from __future__ import annotations

import json
import os
import subprocess
import sys

from conftest import QUIET, ROOT, run_build
from datafix import copy_project

EDIT = "Searchable edit 7f3"

# Two builds in one process, as serve runs them (benchmarks/rebuild.py): the first, then one
# after an edit to data/criteria.yml. Prints how many pages the cache reused and indexed in the second.
SERVED_REBUILD = """import json, sys
from pathlib import Path
sys.path.insert(0, %r)
from rebuild import served_build

served_build(sys.argv[1])
from material.plugins.search.plugin import SearchIndex
first = dict(SearchIndex.add_entry_from_context.counts)
path = Path("data/criteria.yml")
path.write_text(path.read_text(encoding="utf-8").replace("cell: ", "cell: %s ", 1), encoding="utf-8")
served_build(sys.argv[2])
after = SearchIndex.add_entry_from_context.counts
print(json.dumps({k: after[k] - first[k] for k in after}))
""" % (str(ROOT / "benchmarks"), EDIT)


def test_a_served_rebuild_writes_the_same_search_index_as_a_fresh_build(tmp_path):
    project = copy_project(tmp_path)
    served = subprocess.run([sys.executable, "-c", SERVED_REBUILD, str(tmp_path / "first"), str(tmp_path / "rebuilt")],
                            cwd=project, capture_output=True, text=True, timeout=300, env={**os.environ, **QUIET})
    assert served.returncode == 0, served.stdout + served.stderr
    counts = json.loads(served.stdout.strip().splitlines()[-1])
    fresh = run_build(tmp_path / "fresh", cwd=project)   # the edited files, a new process, no cache
    assert fresh.returncode == 0, fresh.stdout + fresh.stderr

    index = (tmp_path / "rebuilt" / "search" / "search_index.json").read_bytes()
    assert index == (tmp_path / "fresh" / "search" / "search_index.json").read_bytes()
    assert EDIT in index.decode("utf-8")
    # The cache did its work: the pages the edit left alone were reused (the examples, the
    # contributor guide, cost...), and the ones it changed were indexed again.
    assert counts["reused"] >= 5 and counts["indexed"] >= 1, counts


def test_a_build_indexes_every_page_afresh(tmp_path):
    """`mkdocs build` never installs the cache: nothing carries over between builds."""
    check = ("from material.plugins.search.plugin import SearchIndex; import mkdocs.__main__, sys; "
             "sys.argv = ['mkdocs', 'build', '-q', '--site-dir', sys.argv[1]]\n"
             "try:\n    mkdocs.__main__.cli()\nexcept SystemExit:\n    pass\n"
             "print(hasattr(SearchIndex.add_entry_from_context, 'counts'))")
    project = copy_project(tmp_path)
    result = subprocess.run([sys.executable, "-c", check, str(tmp_path / "site")], cwd=project,
                            capture_output=True, text=True, timeout=300, env={**os.environ, **QUIET})
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip().splitlines()[-1] == "False"
