"""Problems found in data/: one located, human-readable line each."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    file: str          # e.g. "data/criteria.yml"
    line: int          # 1-based; 0 when the whole file is concerned
    path: str          # e.g. "criteria[3].tools.prefect.sources[0]"; "" for the file itself
    message: str       # what is wrong and what is expected

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.path}: {self.message}" if self.path else f"{where}: {self.message}"

    def github_annotation(self) -> str:
        """A GitHub Actions workflow command that pins the problem to the PR diff."""
        text = f"{self.path}: {self.message}" if self.path else self.message
        text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        line = f",line={self.line}" if self.line else ""
        return f"::error file={self.file}{line}::{text}"


class DataError(Exception):
    """Raised with every problem found, never just the first."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(set(problems))
        super().__init__(self.report())

    def report(self) -> str:
        n = len(self.problems)
        lines = [str(p) for p in self.problems]
        lines.append(f"data/ has {n} problem{'s' if n != 1 else ''}; nothing was built.")
        return "\n".join(lines)


def format_path(parts) -> str:
    """('criteria', 3, 'tools', 'prefect') -> 'criteria[3].tools.prefect'"""
    out = ""
    for part in parts:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out
