"""Structural validation with jsonschema, turned into located, readable problems."""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from jsonschema import Draft202012Validator
from referencing import Registry, Resource

from .problems import Problem, format_path
from .yamlsource import Document

JSON_TYPES = {dict: "a mapping", list: "a list", str: "text", bool: "true/false",
              int: "a number", float: "a number", type(None): "nothing (null)"}
TYPE_NAMES = {"object": "a mapping", "array": "a list", "string": "text", "boolean": "true or false",
              "integer": "a whole number", "number": "a number", "null": "nothing"}


@lru_cache(maxsize=None)
def _schemas(schema_dir: Path) -> tuple[dict, Registry]:
    schemas = {p.name: json.loads(p.read_text(encoding="utf-8")) for p in sorted(schema_dir.glob("*.schema.json"))}
    registry = Registry().with_resources(
        (name, Resource.from_contents(schema)) for name, schema in schemas.items()
    )
    return schemas, registry


def load_schemas(schema_dir: Path) -> dict:
    """All schemas in the folder, by file name."""
    return _schemas(schema_dir.resolve())[0]


def validate(doc: Document, schema_dir: Path, schema_name: str) -> list[Problem]:
    schemas, registry = _schemas(schema_dir.resolve())
    validator = Draft202012Validator(schemas[schema_name], registry=registry,
                                     format_checker=Draft202012Validator.FORMAT_CHECKER)
    problems = []
    for error in validator.iter_errors(doc.value):
        problems.extend(_explain(error, doc))
    return problems


def _describe(value) -> str:
    return JSON_TYPES.get(type(value), type(value).__name__)


def _explain(error, doc: Document) -> list[Problem]:
    path = tuple(error.absolute_path)
    where = format_path(path)
    line = doc.line_of(path)
    schema, value, kind = error.schema, error.instance, error.validator

    def one(message, at_line=line, at_where=where):
        return [Problem(doc.file, at_line, at_where, message)]

    if kind == "required":
        missing = [k for k in error.validator_value if isinstance(value, dict) and k not in value]
        return [Problem(doc.file, line, where, f"missing required key '{k}'") for k in missing]
    if kind == "additionalProperties" and isinstance(value, dict):
        allowed = sorted(schema.get("properties", {}))
        extra = [k for k in value if k not in schema.get("properties", {})]
        return [Problem(doc.file, doc.key_line_of(path + (k,)), format_path(path + (k,)),
                        f"unknown key '{k}' (allowed: {', '.join(allowed)})") for k in extra]
    if kind == "type":
        expected = error.validator_value
        names = " or ".join(TYPE_NAMES.get(t, t) for t in ([expected] if isinstance(expected, str) else expected))
        return one(f"expected {names}, found {_describe(value)} {value!r}")
    if kind in ("pattern", "format") and "x-expected" in schema:
        return one(f"{value!r} is not {schema['x-expected']}")
    if kind == "not" and "x-not" in schema:
        return one(f"{value!r} breaks the rule: {schema['x-not']}")
    if kind == "minItems":
        return one(f"needs at least {error.validator_value} item{'s' if error.validator_value != 1 else ''}")
    if kind == "minProperties":
        return one(f"needs at least {error.validator_value} entr{'ies' if error.validator_value != 1 else 'y'}")
    if kind == "maxLength":
        return one(f"is {len(value)} characters long; keep it to {error.validator_value} at most")
    if kind == "enum":
        return one(f"{value!r} is not one of: {', '.join(map(str, error.validator_value))}")
    if kind == "propertyNames":
        return one(f"key {value!r} is not a kebab-case id")
    return one(error.message)
