"""`python -m macros check [DATA_DIR]`: validate data/ like the build does."""
from __future__ import annotations

import os
import sys
from pathlib import Path

from .data import ROOT, load
from .problems import DataError


def main(argv: list[str]) -> int:
    if not argv or argv[0] != "check" or len(argv) > 2:
        print("usage: python -m macros check [DATA_DIR]", file=sys.stderr)
        return 2
    data_dir = Path(argv[1]) if len(argv) == 2 else ROOT / "data"
    try:
        data = load(data_dir)
    except DataError as e:
        for problem in e.problems:
            print(problem, file=sys.stderr)
            if os.environ.get("GITHUB_ACTIONS") == "true":
                print(problem.github_annotation())
        print(e.report().splitlines()[-1], file=sys.stderr)
        return 1
    print(f"data/ is valid: {len(data.tools)} tools, {len(data.factors)} factors, {len(data.criteria)} criteria.")
    return 0


sys.exit(main(sys.argv[1:]))
