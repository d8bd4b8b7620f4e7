"""Read a YAML data file safely, remembering the line of every value.

PyYAML composes the document into nodes (which carry positions); we build plain
Python values from those nodes ourselves so that every value's line is known,
duplicate keys are caught, dates stay strings, and anchors/aliases (which could
expand into huge documents) are refused before anything is built.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml
from yaml.constructor import SafeConstructor

from .problems import Problem, format_path

_SCALARS = {
    "tag:yaml.org,2002:str", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool", "tag:yaml.org,2002:null",
}
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
# libyaml's parser when PyYAML was built with it (about ten times faster); same safe rules.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass
class Document:
    """A parsed file: its value, and the line of each path (keys as tuples)."""

    file: str
    value: object = None
    lines: dict = field(default_factory=dict)       # path tuple -> line of the value
    key_lines: dict = field(default_factory=dict)   # path tuple -> line of its key

    def line_of(self, path) -> int:
        path = tuple(path)
        while path not in self.lines and path:
            path = path[:-1]
        return self.lines.get(path, 1)

    def key_line_of(self, path) -> int:
        return self.key_lines.get(tuple(path)) or self.line_of(path)


def mappings(value) -> list[tuple[int, dict]]:
    """(index, item) for the items of a list that are mappings; [] if value is not a list.

    Cross-file checks use it to look at whatever is well-formed in a file that
    may have failed its schema."""
    return [(i, item) for i, item in enumerate(value) if isinstance(item, dict)] if isinstance(value, list) else []


def read(path: Path, display: str) -> tuple[Document | None, list[Problem]]:
    """Parse one file; return (document, []) or (None, problems)."""
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        line = raw[: e.start].count(b"\n") + 1
        return None, [Problem(display, line, "", f"byte 0x{raw[e.start]:02x} is not valid UTF-8; save the file as UTF-8")]

    problems = [
        Problem(display, n, "", "tab character in indentation; YAML must be indented with spaces")
        for n, line in enumerate(text.splitlines(), 1)
        if "\t" in line[: len(line) - len(line.lstrip(" \t"))]
    ]
    if problems:
        return None, problems

    try:
        for event in yaml.parse(text, Loader=_LOADER):
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                problems.append(Problem(display, event.start_mark.line + 1, "",
                                        "YAML anchors and aliases (&name, *name) are not allowed; write the value out"))
        if problems:
            return None, problems
        root = yaml.compose(text, Loader=_LOADER)
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        line = mark.line + 1 if mark else 0
        detail = " ".join(x for x in (e.context, e.problem) if x)
        return None, [Problem(display, line, "", f"YAML syntax error: {detail}")]
    except yaml.YAMLError as e:  # pragma: no cover - reader errors without a mark
        return None, [Problem(display, 0, "", f"YAML error: {e}")]

    if root is None:
        return None, [Problem(display, 0, "", "file is empty; expected a mapping of data")]

    doc = Document(display)
    doc.value = _build(root, (), doc, problems, SafeConstructor())
    return (None, problems) if problems else (doc, [])


def _build(node, path, doc: Document, problems: list[Problem], scalars: SafeConstructor):
    doc.lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        out: dict = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                problems.append(Problem(doc.file, key_node.start_mark.line + 1, format_path(path),
                                        "keys must be plain text"))
                continue
            key = key_node.value
            if key in out:
                first = doc.key_lines[path + (key,)]
                problems.append(Problem(doc.file, key_node.start_mark.line + 1, format_path(path + (key,)),
                                        f"duplicate key '{key}' (first defined on line {first})"))
                continue
            doc.key_lines[path + (key,)] = key_node.start_mark.line + 1
            out[key] = _build(value_node, path + (key,), doc, problems, scalars)
        return out
    if isinstance(node, yaml.SequenceNode):
        return [_build(item, path + (i,), doc, problems, scalars) for i, item in enumerate(node.value)]
    if node.tag == _TIMESTAMP:
        return node.value  # keep dates as written; the schema checks their format
    if node.tag in _SCALARS:
        return scalars.construct_object(node)
    problems.append(Problem(doc.file, node.start_mark.line + 1, format_path(path),
                            f"unsupported YAML tag {node.tag!r}; write a plain value"))
    return None
