"""Validation runs on schemas with their $refs inlined (macros/load/schema.py, for speed):
it must find exactly the errors the referencing validator finds."""
from __future__ import annotations

import copy

import pytest
from jsonschema import Draft202012Validator

from conftest import ROOT
from datafix import FIXTURES
from macros.load import FILES
from macros.load.schema import _schemas, inline
from macros.load.yamlsource import read

SCHEMAS, REGISTRY = _schemas(ROOT / "data" / "schema")


def leaves(value, path=()):
    if isinstance(value, dict):
        for k, v in value.items():
            yield from leaves(v, path + (k,))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from leaves(v, path + (i,))
    yield path


def variants(doc):
    """The document, then one broken copy per place: a wrong type, empty text, an extra key."""
    yield doc
    for path in list(leaves(doc)):
        if not path:
            continue
        for bad in (5, "", "  ", {"unexpected": 1}, [], "Best of all"):
            broken = copy.deepcopy(doc)
            target = broken
            for part in path[:-1]:
                target = target[part]
            target[path[-1]] = bad
            yield broken


def errors(validator, doc):
    return sorted((tuple(map(str, e.absolute_path)), e.validator, e.message) for e in validator.iter_errors(doc))


@pytest.mark.parametrize("file", list(FILES))
def test_inlined_and_referencing_validation_agree(file):
    schema_name = FILES[file]
    source = FIXTURES / "data" / file
    doc, problems = read(source, file)
    assert doc is not None, problems
    by_ref = Draft202012Validator(SCHEMAS[schema_name], registry=REGISTRY,
                                  format_checker=Draft202012Validator.FORMAT_CHECKER)
    inlined = Draft202012Validator(inline(SCHEMAS[schema_name], schema_name, SCHEMAS),
                                   format_checker=Draft202012Validator.FORMAT_CHECKER)
    count = 0
    for variant in variants(doc.value):
        assert errors(inlined, variant) == errors(by_ref, variant)
        count += 1
    assert count > 1
