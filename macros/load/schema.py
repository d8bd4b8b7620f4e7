"""Structural validation with jsonschema, turned into located, readable problems."""
from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

from ..problems import Problem, format_path, show
from .yamlsource import Document

if TYPE_CHECKING:   # imported when a file is validated: a build whose files are all cached skips it
    from jsonschema import Draft202012Validator
    from referencing import Registry

JSON_TYPES = {dict: "a mapping", list: "a list", str: "text", bool: "true/false",
              int: "a number", float: "a number", type(None): "nothing"}
TYPE_NAMES = {"object": "a mapping", "array": "a list", "string": "text", "boolean": "true or false",
              "integer": "a whole number", "number": "a number", "null": "nothing"}

# Schemas by folder, remembered with the files' modification times so that an edit
# under `mkdocs serve` is picked up on the next rebuild.
_cache: dict[Path, list] = {}

ANNOTATIONS = {"description", "title", "$comment", "default", "examples"}


class _Cycle(Exception):
    pass


def inline(node, current: str, schemas: dict, stack: tuple = ()):
    """The schema with every $ref replaced by what it points to, so that validating
    looks nothing up (about three times faster on criteria.yml). A $ref with rules
    beside it becomes allOf [target] next to those rules, which is what 2020-12 means
    by it; annotations beside a $ref do not change what is valid and are dropped."""
    if isinstance(node, list):
        return [inline(x, current, schemas, stack) for x in node]
    if not isinstance(node, dict):
        return node
    if "$ref" not in node:
        return {k: inline(v, current, schemas, stack) for k, v in node.items()}
    ref = node["$ref"]
    file, _, pointer = ref.partition("#")
    file = file or current
    if (file, pointer) in stack:
        raise _Cycle(ref)
    target = schemas[file]
    for part in pointer.strip("/").split("/") if pointer else []:
        target = target[part]
    target = {k: v for k, v in inline(target, file, schemas, stack + ((file, pointer),)).items()
              if k not in ("$id", "$schema")}
    rest = {k: inline(v, current, schemas, stack) for k, v in node.items() if k != "$ref"}
    if not (set(rest) - ANNOTATIONS - {k for k in rest if k.startswith("x-")}):
        return target
    return {**rest, "allOf": [target, *rest.get("allOf", [])]}


def _schemas(schema_dir: Path) -> tuple[dict, Registry]:
    """The schemas by file name, and a registry of them for $refs that stay references."""
    cached = _load(schema_dir)
    if cached[2] is None:
        from referencing import Registry, Resource

        cached[2] = Registry().with_resources(
            (name, Resource.from_contents(schema)) for name, schema in cached[1].items())
    return cached[1], cached[2]


def _load(schema_dir: Path) -> list:
    """[stamp, schemas, registry (made when first needed), validators]: reading the files is
    all the field reference page needs."""
    schema_dir = schema_dir.resolve()
    files = sorted(schema_dir.glob("*.schema.json"))
    stamp = tuple((p.name, p.stat().st_mtime_ns, p.stat().st_size) for p in files)
    cached = _cache.get(schema_dir)
    if cached is None or cached[0] != stamp:
        schemas = {p.name: json.loads(p.read_text(encoding="utf-8")) for p in files}
        cached = _cache[schema_dir] = [stamp, schemas, None, {}]
    return cached


def _validator(schema_dir: Path, schema_name: str) -> Draft202012Validator:
    from jsonschema import Draft202012Validator

    schemas, registry = _schemas(schema_dir)
    validators = _load(schema_dir)[3]
    if schema_name not in validators:
        try:
            schema = inline(schemas[schema_name], schema_name, schemas)
        except _Cycle:   # a recursive schema: validate through the registry instead
            schema = schemas[schema_name]
        validators[schema_name] = Draft202012Validator(schema, registry=registry,
                                                       format_checker=Draft202012Validator.FORMAT_CHECKER)
    return validators[schema_name]


def load_schemas(schema_dir: Path) -> dict:
    """All schemas in the folder, by file name."""
    return _load(schema_dir)[1]


def validate(doc: Document, schema_dir: Path, schema_name: str) -> list[Problem]:
    validator = _validator(schema_dir, schema_name)
    problems = []
    for error in validator.iter_errors(doc.value):
        problems.extend(_explain(error, doc))
    return problems


def _explain(error, doc: Document) -> list[Problem]:
    path = tuple(error.absolute_path)
    where = format_path(path)
    line = doc.key_line_of(path)   # for a mapping or a list, the line of its key
    schema, value, kind = error.schema, error.instance, error.validator

    def one(message):
        return [Problem(doc.file, line, where, message)]

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
        if value is None:
            return one(f"is empty; expected {names}")
        return one(f"expected {names}, found {JSON_TYPES.get(type(value), 'a value')} {show(value)}")
    if kind in ("pattern", "format") and "x-expected" in schema:
        return one(f"{show(value)} is not {schema['x-expected']}")
    if kind == "not" and "x-not" in schema:
        return one(f"{show(value)} breaks the rule: {schema['x-not']}")
    if kind == "minItems":
        n = error.validator_value
        return one(f"needs at least {n} item{'s' if n != 1 else ''}" + ("; this list is empty" if value == [] else ""))
    if kind == "maxItems":
        return one(f"has {len(value)} items; keep it to {error.validator_value} at most")
    if kind == "minProperties":
        n = error.validator_value
        return one(f"needs at least {n} entr{'ies' if n != 1 else 'y'}")
    if kind == "maxLength":
        return one(f"is {len(value)} characters long; keep it to {error.validator_value} at most")
    if kind == "enum":
        return one(f"{show(value)} is not one of: {', '.join(map(str, error.validator_value))}")
    if kind == "const":
        return one(f"{show(value)} must be {show(error.validator_value)}")
    if kind == "propertyNames":
        return one(f"key {show(value)} is not a kebab-case id")
    if kind == "uniqueItems":
        return one("lists the same value twice; each value may appear once")
    return one(f"{show(value)} does not follow the schema's '{kind}' rule ({schema.get('description', 'see the schema')})")
