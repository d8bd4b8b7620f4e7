"""`python -m macros check [DATA_DIR] [--site SITE_DIR]`: validate data/ like the build does.

With --site, also check that every guide outcome's target page and anchor
exist in an already built site. Needs Python and the pinned packages only."""
from __future__ import annotations

import sys
from pathlib import Path

from .load import ROOT, load
from .problems import DataError, report
from .sitecheck import target_problems

USAGE = "usage: python -m macros check [DATA_DIR] [--site SITE_DIR]"


def main(argv: list[str]) -> int:
    site = None
    if "--site" in argv:
        at = argv.index("--site")
        if at + 1 >= len(argv):
            print(USAGE, file=sys.stderr)
            return 2
        site = Path(argv[at + 1])
        argv = argv[:at] + argv[at + 2:]
    if not argv or argv[0] != "check" or len(argv) > 2:
        print(USAGE, file=sys.stderr)
        return 2
    data_dir = Path(argv[1]) if len(argv) == 2 else ROOT / "data"
    try:
        data = load(data_dir)
        if site is not None:
            problems = target_problems(data.guide, site)
            if problems:
                raise DataError(problems)
    except DataError as e:
        report(e.problems, e.summary())
        return 1
    print(f"data/ is valid: {len(data.tools)} tools, {len(data.factors)} factors, "
          f"{len(data.criteria)} criteria, {len(data.guide.questions)} guide questions.")
    return 0


sys.exit(main(sys.argv[1:]))
