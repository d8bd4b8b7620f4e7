"""A field reference generated from the JSON Schemas, so the docs cannot drift from them."""
from __future__ import annotations

from . import render

TYPE_WORDS = {"object": "mapping", "array": "list", "string": "text", "integer": "whole number",
              "number": "number", "boolean": "true/false"}


def _resolve(schema: dict, schemas: dict, current: str) -> tuple[dict, str]:
    """Follow $ref (same file '#/$defs/x' or 'other.schema.json#/$defs/x'), merging sibling keywords."""
    while "$ref" in schema:
        ref = schema["$ref"]
        file, _, pointer = ref.partition("#")
        file = file or current
        target = schemas[file]
        for part in pointer.strip("/").split("/") if pointer else []:
            target = target[part]
        schema = {**target, **{k: v for k, v in schema.items() if k != "$ref"}}
        current = file
    return schema, current


def _rules(s: dict) -> str:
    rules = []
    if "x-expected" in s:
        rules.append(s["x-expected"])
    if "x-not" in s:
        rules.append(s["x-not"])
    if "maxLength" in s:
        rules.append(f"at most {s['maxLength']} characters")
    if "minItems" in s:
        rules.append(f"at least {s['minItems']} item{'s' if s['minItems'] != 1 else ''}")
    if s.get("additionalProperties") is False:
        rules.append("no other keys")
    return "; ".join(rules)


def fields(schema: dict, schemas: dict, current: str, path: str = "", required: bool = True) -> list[dict]:
    """Rows (path, kind, required, description, rules), depth first."""
    schema, current = _resolve(schema, schemas, current)
    rows = []
    if path:
        types = schema.get("type", "")
        kind = " or ".join(TYPE_WORDS.get(t, t) for t in (types if isinstance(types, list) else [types]))
        rows.append({"path": path, "kind": kind, "required": required,
                     "description": schema.get("description", ""), "rules": _rules(schema)})
    if schema.get("type") == "object":
        needed = set(schema.get("required", []))
        for key, sub in schema.get("properties", {}).items():
            rows += fields(sub, schemas, current, f"{path}.{key}" if path else key, key in needed)
        extra = schema.get("additionalProperties")
        if isinstance(extra, dict):
            rows += fields(extra, schemas, current, f"{path}.<tool id>", True)
    elif schema.get("type") == "array" and isinstance(schema.get("items"), dict):
        rows += fields(schema["items"], schemas, current, f"{path}[]", True)
    return rows


def reference(schemas: dict, data_files: dict[str, str]) -> str:
    """Markdown: one section per data file with a table of its fields."""
    sections = [{"file": data_file, "anchor": data_file.removesuffix(".yml").replace("_", "-"), "schema": schema_name,
                 "description": schemas[schema_name].get("description", ""),
                 "rows": fields(schemas[schema_name], schemas, schema_name)}
                for data_file, schema_name in data_files.items()]
    return render("fields.html", sections=sections)


def criterion_yaml(data, criterion_id: str) -> str:
    """One criterion written out as it is in data/criteria.yml, as a fenced YAML block:
    a complete example for contributors that cannot drift from the data or the schema.
    A code fence shows its text as is, so nothing is escaped; the fence is longer than
    any run of backticks in the text."""
    import re

    import yaml

    c = data.criterion(criterion_id)
    entry = lambda e: {k: v for k, v in (("cell", e.cell), ("note", e.note), ("availability", e.availability),  # noqa: E731
                                         ("hosted_adds", e.hosted_adds), ("sources", list(e.sources)),
                                         ("reviewed", e.reviewed)) if v is not None}
    item = {"id": c.id, "title": c.title, "factor": c.factor, "why": c.why, "ask": c.ask, "trial": c.trial}
    if c.distinctive:
        item["distinctive"] = list(c.distinctive)
    item["tools"] = {tid: entry(e) for tid, e in c.entries}
    text = yaml.safe_dump([item], sort_keys=False, allow_unicode=True, width=100, indent=2)
    text = re.sub(r"(?m)^reviewed: '(\d{4}-\d{2}-\d{2})'$", r"reviewed: \1", text)
    text = re.sub(r"(?m)^(\s+reviewed: )'(\d{4}-\d{2}-\d{2})'$", r"\1\2", text)
    fence = "`" * max(3, 1 + max((len(run) for run in re.findall(r"`+", text)), default=0))
    indented = "\n".join(("  " + line) if line else line for line in text.rstrip("\n").splitlines())
    return f"{fence}yaml\ncriteria:\n{indented}\n{fence}"
