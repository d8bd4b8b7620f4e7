"""Read a YAML data file safely, remembering the line of every value.

Before anything is built, the raw file is checked for what a reviewer cannot
see or what could hurt: oversize files, bytes that are not UTF-8, invisible or
direction-changing characters, tabs in indentation, anchors and aliases (which
could expand into huge documents), YAML tags, and nesting deeper than any data
file needs. Syntax errors are explained in plain words with the offending line.
PyYAML then composes the document into nodes (which carry positions) and we
build plain values from them, so every value's line is known, duplicate keys
are caught, and dates stay strings.
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from yaml.constructor import SafeConstructor

from ..problems import Problem, format_path

MAX_BYTES = 1_000_000       # the largest data file today is under 40 kB
MAX_NESTING = 20            # the deepest real data nests 6 levels

_SCALARS = {
    "tag:yaml.org,2002:str", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool", "tag:yaml.org,2002:null",
}
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
# libyaml's parser when PyYAML was built with it (about ten times faster); same safe rules.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_CONTROL_NAMES = {"\x00": "NULL", "\x1b": "ESCAPE", "\x7f": "DELETE", "\x85": "NEXT LINE", "\r": "CARRIAGE RETURN"}


@dataclass
class Document:
    """A parsed file: its value, and the line of each path (keys as tuples)."""

    file: str
    value: object = None
    lines: dict = field(default_factory=dict)       # path tuple -> line of the value
    key_lines: dict = field(default_factory=dict)   # path tuple -> line of its key
    text: str = ""

    def line_of(self, path) -> int:
        path = tuple(path)
        while path not in self.lines and path:
            path = path[:-1]
        return self.lines.get(path, 1)

    def key_line_of(self, path) -> int:
        return self.key_lines.get(tuple(path)) or self.line_of(path)

    def path_at(self, line: int) -> tuple:
        """The deepest path whose value starts last on or before a line: where a character sits."""
        candidates = [(at, len(path), path) for path, at in self.lines.items() if at <= line]
        return max(candidates, key=lambda c: c[:2])[2] if candidates else ()


def mappings(value) -> list[tuple[int, dict]]:
    """(index, item) for the items of a list that are mappings; [] if value is not a list.

    Cross-file checks use it to look at whatever is well-formed in a file that
    may have failed its schema."""
    return [(i, item) for i, item in enumerate(value) if isinstance(item, dict)] if isinstance(value, list) else []


def caret(lines: list[str], line: int, column: int) -> str:
    """The offending line and a caret under the column (both 1-based)."""
    if not 1 <= line <= len(lines):
        return ""
    gutter = f"{line:>5} | "
    return f"{gutter}{lines[line - 1]}\n{' ' * (len(gutter) - 2)}| {' ' * (column - 1)}^"


_UNSAFE = ("Cc", "Cf", "Co", "Cs", "Zl", "Zp")


def _unsafe_characters(text: str) -> list[tuple[int, int, str]]:
    """(line, column, description) of every invisible or direction-changing character."""
    # Fast path: look at each distinct character once; only a file that has one of
    # them (beyond tabs and line ends) is walked character by character.
    if {ch for ch in set(text) if unicodedata.category(ch) in _UNSAFE} <= {"\t", "\n"}:
        return []
    found = []
    for n, line in enumerate(text.split("\n"), 1):
        for col, ch in enumerate(line, 1):
            if ch == "\t" or (ch == "\r" and col == len(line)) or (ch == "\ufeff" and n == col == 1):
                continue
            if unicodedata.category(ch) in _UNSAFE:
                name = unicodedata.name(ch, "") or _CONTROL_NAMES.get(ch, "a control character")
                found.append((n, col, f"U+{ord(ch):04X} ({name})"))
    return found


def read(path: Path, display: str) -> tuple[Document | None, list[Problem]]:
    """Parse one file; return (document, []) or (None, problems)."""
    size = path.stat().st_size
    if size > MAX_BYTES:
        return None, [Problem(display, 0, "", f"file is {size / 1e6:.1f} MB; a data file must stay under "
                                                f"{MAX_BYTES / 1e6:.0f} MB (split it, or remove what does not belong)")]
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        line = raw[: e.start].count(b"\n") + 1
        return None, [Problem(display, line, "", f"byte 0x{raw[e.start]:02x} is not valid UTF-8; save the file as UTF-8")]
    unsafe = _unsafe_characters(text)
    if unsafe:   # reported below; blanked out here so the rest of the file can still be located and checked
        spots = {(n, col) for n, col, _ in unsafe}
        text = "\n".join("".join(" " if (n, col) in spots else ch for col, ch in enumerate(line, 1))
                          for n, line in enumerate(text.split("\n"), 1))
    lines = text.split("\n")
    problems = [
        Problem(display, n, "", "tab character in indentation; YAML must be indented with spaces")
        for n, line in enumerate(lines, 1)
        if "\t" in line[: len(line) - len(line.lstrip(" \t"))]
    ]
    if problems:
        return None, problems + _character_problems(display, unsafe, None)

    problems = _scan_events(text, display, lines)
    if problems:
        return None, problems + _character_problems(display, unsafe, None)
    try:
        root = yaml.compose(text, Loader=_LOADER)
    except yaml.MarkedYAMLError as e:  # pragma: no cover - the event scan reports syntax errors first
        return None, [_syntax_problem(e, display, lines)]

    if root is None:
        return None, [Problem(display, 0, "", "file is empty; expected a mapping of data")]

    doc = Document(display, text=text)
    doc.value = _build(root, (), doc, problems, SafeConstructor())
    problems += _character_problems(display, unsafe, doc)
    return (None, problems) if problems else (doc, [])


def _character_problems(display: str, unsafe, doc: Document | None) -> list[Problem]:
    return [Problem(display, n, format_path(doc.path_at(n)) if doc else "",
                    f"character {what} at column {col} is invisible or changes the direction of text; delete it",
                    column=col)
            for n, col, what in unsafe]


def _written_tag(tag: str) -> str:
    return "!!" + tag.removeprefix("tag:yaml.org,2002:") if tag.startswith("tag:yaml.org,2002:") else tag


def _scan_events(text: str, display: str, lines: list[str]) -> list[Problem]:
    """Refuse anchors, aliases, tags and deep nesting before anything is built; explain syntax errors."""
    problems, depth = [], 0
    try:
        for event in yaml.parse(text, Loader=_LOADER):
            line = event.start_mark.line + 1
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                problems.append(Problem(display, line, "",
                                        "YAML anchors and aliases (&name, *name) are not allowed; write the value out"))
            elif getattr(event, "tag", None) and not (isinstance(event, yaml.ScalarEvent) and event.tag == "!"):
                problems.append(Problem(display, line, "", f"YAML tags such as '{_written_tag(event.tag)}' are not "
                                                           "allowed in data files; write a plain value"))
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
                if depth > MAX_NESTING:
                    problems.append(Problem(display, line, "", f"values are nested more than {MAX_NESTING} levels deep "
                                                               "here; data files never need that many"))
                    break
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
    except yaml.MarkedYAMLError as e:
        problems.append(_syntax_problem(e, display, lines))
    return problems


def _syntax_problem(e: yaml.MarkedYAMLError, display: str, lines: list[str]) -> Problem:
    """A YAML syntax error in plain words, pointing at the line and column to look at."""
    problem, context = e.problem or "", e.context or ""
    mark = e.problem_mark or e.context_mark
    opened = e.context_mark
    opened_at = f"line {opened.line + 1}" if opened else "an earlier line"
    if "quoted scalar" in context:
        mark = opened or mark
        message = f"a quoted value starts here but its closing quote is missing (opened on {opened_at})"
    elif "flow sequence" in context or "expected ',' or ']'" in problem:
        mark = opened or mark
        message = f"a list opened with '[' on {opened_at} is not closed with ']'"
    elif "flow mapping" in context or "expected ',' or '}'" in problem:
        mark = opened or mark
        message = f"a mapping opened with '{{' on {opened_at} is not closed with '}}'"
    elif "mapping values are not allowed" in problem:
        above = _key_above(lines, mark.line) if mark else None
        if above and _indent(lines[mark.line]) > above[1]:
            message = (f"this line is indented more than the key '{above[2]}' on line {above[0]}, so YAML reads it "
                       "as the rest of that value; indent it like the keys around it")
        else:
            message = ("a second 'key: value' starts on this line: if the colon is part of the text, put the whole "
                       "value in quotes; otherwise start the key on its own line")
    elif "could not find expected ':'" in problem:
        mark = opened or mark
        message = "this line has a key without a colon after it; write 'key: value'"
    elif any(p in problem for p in ("did not find expected key", "expected <block end>", "expected '-' indicator")):
        at = lines[mark.line].lstrip() if mark and mark.line < len(lines) else ""
        if at.startswith("- "):
            message = "this list item does not line up with the items above it; start it with '- ' at the same indentation"
        else:
            message = ("the indentation of this line does not match the lines above it; indent it like the other "
                       "keys of the same item (spaces only)")
    elif "cannot start any token" in problem:
        message = "this character cannot start a value; put the value in quotes"
    else:
        message = f"this line cannot be read as YAML ({problem or context})"
    line, column = (mark.line + 1, mark.column + 1) if mark else (0, 0)
    return Problem(display, line, "", f"YAML syntax: {message}", column=column, context=caret(lines, line, column))


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _key_above(lines: list[str], index: int) -> tuple[int, int, str] | None:
    """(line number, column, key) of the nearest 'key: value' line above a 0-based index."""
    for n in range(index - 1, -1, -1):
        text = lines[n]
        body = text.lstrip(" ")
        if not body or body.startswith("#"):
            continue
        column = len(text) - len(body)
        while body.startswith("- "):
            body, column = body[2:], column + 2
        key, sep, value = body.partition(": ")
        return (n + 1, column, key) if sep and value.strip() else None
    return None


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
                            f"unsupported YAML value of type {_written_tag(node.tag)!r}; write plain text, a number or true/false"))
    return None
