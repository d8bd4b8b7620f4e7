"""Parsed and schema-valid data files kept between builds, by a hash of what decides them.

A file's Document and its schema verdict depend only on its bytes, the schemas, the
reading and validating code, and the pinned toolchain (requirements.txt pins
jsonschema and PyYAML). A file that read and validated cleanly is stored under the
hash of all of those, so a repeat build or a `mkdocs serve` reload after an edit to
one file reads and validates only that file. Files with problems are never stored:
their problems are worked out afresh each time. Cross-file rules always run.
"""
from __future__ import annotations

import hashlib
import os
import pickle
from pathlib import Path

from ..cachedir import folder
from .yamlsource import Document

ROOT = Path(__file__).resolve().parents[2]
_CODE = (Path(__file__).parent / "yamlsource.py", Path(__file__).parent / "schema.py", Path(__file__),
         ROOT / "requirements.txt")
FORMAT = b"data-cache 1"


def stamp(schema_dir: Path) -> bytes:
    """What every file's verdict depends on besides its own bytes."""
    h = hashlib.sha256(FORMAT)
    for p in (*_CODE, *sorted(schema_dir.glob("*.schema.json"))):
        h.update(p.name.encode() + b"\0")
        h.update(p.read_bytes() if p.is_file() else b"-")
        h.update(b"\0")
    return h.digest()


def key(common: bytes, raw: bytes, display: str, schema_name: str) -> str:
    return hashlib.sha256(b"\0".join((common, display.encode(), schema_name.encode(), raw))).hexdigest()


def get(name: str) -> Document | None:
    try:
        data = (folder("data") / f"{name}.pickle").read_bytes()
    except OSError:
        return None
    try:
        doc = pickle.loads(data)   # our own files, written below; never data from elsewhere
    except Exception:  # noqa: BLE001 - a damaged cache entry is a miss
        return None
    return doc if isinstance(doc, Document) else None


def put(name: str, doc: Document) -> None:
    """Store a clean document (atomic; a folder that cannot be written means no cache)."""
    target = folder("data") / f"{name}.pickle"
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_suffix(f".{os.getpid()}.tmp")
        partial.write_bytes(pickle.dumps(doc, protocol=pickle.HIGHEST_PROTOCOL))
        partial.replace(target)
    except OSError:
        pass
