"""The command line, sharing the build's problem reporter.

    python -m macros check [DATA_DIR] [--site SITE_DIR]
        validate data/ like the build does; with --site, also check that every guide
        outcome's target page and anchor exist in an already built site.
    python -m macros postbuild SITE_DIR [-f CONFIG_FILE]
        after a Zensical build (which runs no post-build hook): write the exports,
        preview images, minified own assets and redirect stubs into SITE_DIR, exactly
        as `mkdocs build` does (macros/postbuild.py).

Needs Python and the pinned packages only."""
from __future__ import annotations

import sys
from pathlib import Path

from .load import ROOT, load
from .problems import DataError, report
from .sitecheck import target_problems

USAGE = ("usage: python -m macros check [DATA_DIR] [--site SITE_DIR]\n"
         "       python -m macros postbuild SITE_DIR [-f CONFIG_FILE]")


def _option(argv: list[str], name: str) -> tuple[list[str], str | None, bool]:
    """(argv without the option, its value, ok)."""
    if name not in argv:
        return argv, None, True
    at = argv.index(name)
    if at + 1 >= len(argv):
        return argv, None, False
    return argv[:at] + argv[at + 2:], argv[at + 1], True


def check(argv: list[str]) -> int:
    argv, site, ok = _option(argv, "--site")
    if not ok or len(argv) > 1:
        print(USAGE, file=sys.stderr)
        return 2
    data_dir = Path(argv[0]) if argv else ROOT / "data"
    try:
        data = load(data_dir)
        if site is not None:
            problems = target_problems(data.guide, Path(site))
            if problems:
                raise DataError(problems)
    except DataError as e:
        report(e.problems, e.summary())
        return 1
    print(f"data/ is valid: {len(data.tools)} tools, {len(data.factors)} factors, "
          f"{len(data.criteria)} criteria, {len(data.guide.questions)} guide questions.")
    return 0


def postbuild(argv: list[str]) -> int:
    from . import postbuild as step

    argv, config_file, ok = _option(argv, "-f")
    if not ok or len(argv) != 1:
        print(USAGE, file=sys.stderr)
        return 2
    site = Path(argv[0])
    config_path = Path(config_file) if config_file else ROOT / "mkdocs.yml"
    if not (site / "index.html").is_file():
        print(f"{site}: no built site here (run the build first)", file=sys.stderr)
        return 2
    config = step.read_config(config_path)
    try:
        data = load(config_path.parent / "data", Path(config["docs_dir"]))
    except DataError as e:
        report(e.problems, e.summary())
        return 1
    done = step.run(data, site, config)
    print(f"{site}: " + ", ".join(f"{len(v)} {k}" for k, v in done.items()))
    return 0


def main(argv: list[str]) -> int:
    commands = {"check": check, "postbuild": postbuild}
    if not argv or argv[0] not in commands:
        print(USAGE, file=sys.stderr)
        return 2
    return commands[argv[0]](argv[1:])


sys.exit(main(sys.argv[1:]))
