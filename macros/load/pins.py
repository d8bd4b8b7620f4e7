"""The pinned versions the examples run against (requirements-examples.txt): the
versions this site says it reviewed. Read by the loader, the tests and the freshness
script."""
from __future__ import annotations

import re
from pathlib import Path

from ..problems import Problem, format_path
from .yamlsource import Document, mappings

PIN = re.compile(r"^([A-Za-z0-9._-]+)==([^\s#;]+)")
REQUIREMENTS = "requirements-examples.txt"   # beside data/
VERSION = re.compile(r"^\d+\.\d+\.\d+$")          # the schema's rule; other spellings are its to report


def canonical(name: str) -> str:
    """A package name as the index compares it: 'Apache_Airflow' -> 'apache-airflow'."""
    return re.sub(r"[-_.]+", "-", name).lower()


def read_pin_lines(path: Path) -> dict[str, tuple[str, int]]:
    """canonical package name -> (exact pinned version, line), for every `name==version` line."""
    pins = {}
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        m = PIN.match(line.strip())
        if m:
            pins[canonical(m.group(1))] = (m.group(2), n)
    return pins


def read_pins(path: Path) -> dict[str, str]:
    """package (lower case) -> exact pinned version, for every `name==version` line."""
    pins = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        m = PIN.match(line.strip())
        if m:
            pins[m.group(1).lower()] = m.group(2)
    return pins


def check(tools_doc: Document | None, examples_doc: Document | None, project_dir: Path) -> list[Problem]:
    """A tool with example files names a `package` pinned exactly in requirements-examples.txt,
    and its `version` is that pin: the examples run against it, so the site reviewed it."""
    value = examples_doc.value if examples_doc is not None else None
    with_examples = {tool_id for _, x in (mappings(value.get("examples")) if isinstance(value, dict) else [])
                     for tool_id in (x.get("tools") if isinstance(x.get("tools"), dict) else {})}
    tools = tools_doc.value.get("tools") if tools_doc is not None and isinstance(tools_doc.value, dict) else None
    wanted = [(i, t) for i, t in mappings(tools) if t.get("id") in with_examples and isinstance(t.get("package"), str)]
    if not wanted:
        return []
    path = project_dir / REQUIREMENTS
    if not path.is_file():
        return [Problem(REQUIREMENTS, 0, "", "file is missing; it pins the package of every tool that has examples")]
    pins = read_pin_lines(path)
    problems = []
    for i, t in wanted:
        package, version = t["package"], t.get("version")
        pin = pins.get(canonical(package))
        if pin is None:
            where = ("tools", i, "package")
            problems.append(Problem(tools_doc.file, tools_doc.line_of(where), format_path(where),
                                    f"'{package}' has no exact pin in {REQUIREMENTS}; the {t['id']} examples run "
                                    f"against it: add a line '{package}=={version or 'X.Y.Z'}' there"))
        elif isinstance(version, str) and VERSION.match(version) and version != pin[0]:
            where = ("tools", i, "version")
            problems.append(Problem(tools_doc.file, tools_doc.line_of(where), format_path(where),
                                    f"'{version}' differs from the pin {package}=={pin[0]} "
                                    f"({REQUIREMENTS}:{pin[1]}); the examples run against the pin, so write "
                                    f"'{pin[0]}' or change the pin after reviewing the criteria"))
    return problems
