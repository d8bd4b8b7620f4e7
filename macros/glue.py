"""define_env: thin glue between validated data and the pages.

Data is loaded and validated once, when MkDocs reads its configuration; any
problem stops the build before a single page is written.
"""
from __future__ import annotations

import sys
from pathlib import Path

from . import guide, schemadoc, tables
from .data import FILES, load
from .html import root_prefix
from .problems import DataError
from .schema import load_schemas


class DataProblems(SystemExit):
    """Stops MkDocs with the problems already printed, and no traceback."""


def define_env(env):
    try:
        docs_dir = env.conf.get("docs_dir") or Path(env.project_dir) / "docs"
        data = load(Path(env.project_dir) / "data", Path(docs_dir))
    except DataError as e:
        print(e.report(), file=sys.stderr)
        raise DataProblems(1) from None

    def root() -> str:
        return root_prefix(env.page.url)

    @env.macro
    def comparison_table() -> str:
        return tables.comparison(data, root())

    @env.macro
    def factor_table(factor_id: str) -> str:
        return tables.factor_table(data, factor_id, root())

    @env.macro
    def tool_facts(tool_id: str) -> str:
        return tables.tool_facts(data, tool_id)

    @env.macro
    def decision_guide() -> str:
        titles = {c.id: c.title for c in data.criteria}
        return guide.render(data.guide, titles, root())

    @env.macro
    def field_reference() -> str:
        schemas = load_schemas(Path(env.project_dir) / "data" / "schema")
        return schemadoc.reference(schemas, FILES)
