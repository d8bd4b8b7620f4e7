"""Problems found in data/ or in a page: one located, human-readable line each,
reported the same way by the build, `mkdocs serve` and `python -m macros check`."""
from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from typing import TextIO


@dataclass(frozen=True, order=True)
class Problem:
    file: str          # e.g. "data/criteria.yml"
    line: int          # 1-based; 0 when the whole file is concerned
    path: str          # e.g. "criteria[3].tools.prefect.sources[0]"; "" for the file itself
    message: str       # what is wrong and what is expected
    column: int = field(default=0, compare=False)   # 1-based, when known
    context: str = field(default="", compare=False)  # the offending line with a caret under it

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        if self.line and self.column:
            where += f":{self.column}"
        return f"{where}: {self.path}: {self.message}" if self.path else f"{where}: {self.message}"

    def full(self) -> str:
        """The line, followed by the offending source line and a caret when known."""
        return f"{self}\n{self.context}" if self.context else str(self)

    def github_annotation(self) -> str:
        """A GitHub Actions workflow command that pins the problem to the PR diff."""
        text = f"{self.path}: {self.message}" if self.path else self.message
        text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        line = f",line={self.line}" if self.line else ""
        col = f",col={self.column}" if self.line and self.column else ""
        return f"::error file={self.file}{line}{col}::{text}"


class DataError(Exception):
    """Raised with every problem found, never just the first."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(set(problems))
        super().__init__(self.summary())

    def summary(self) -> str:
        n = len(self.problems)
        return f"data/ has {n} problem{'s' if n != 1 else ''}; nothing was built."


def report(problems: list[Problem], summary: str = "", stream: TextIO | None = None) -> None:
    """Print every problem (with its context), then the summary; on GitHub Actions also
    print an annotation per problem so it shows on the pull request's diff."""
    stream = stream or sys.stderr
    for problem in problems:
        print(problem.full(), file=stream)
    if summary:
        print(summary, file=stream)
    if os.environ.get("GITHUB_ACTIONS") == "true":
        for problem in problems:
            print(problem.github_annotation(), file=sys.stdout)
    stream.flush()


def format_path(parts) -> str:
    """('criteria', 3, 'tools', 'prefect') -> 'criteria[3].tools.prefect'"""
    out = ""
    for part in parts:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


def show(value) -> str:
    """A value as a contributor wrote it in YAML, never in Python's words ('None', 'dict')."""
    if value is None:
        return "nothing"
    if value is True or value is False:
        return "true" if value else "false"
    if isinstance(value, str):
        return repr(value) if "'" not in value else '"' + value.replace('"', '\\"') + '"'
    if isinstance(value, list):
        inner = ", ".join(show(v) for v in value[:5])
        return f"[{inner}{', ...' if len(value) > 5 else ''}]"
    if isinstance(value, dict):
        inner = ", ".join(f"{k}: {show(v)}" for k, v in list(value.items())[:3])
        return f"{{{inner}{', ...' if len(value) > 3 else ''}}}"
    return str(value)
