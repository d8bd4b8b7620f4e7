"""Escaping as a property: hostile and awkward values planted in every text field reach
the reader exactly as text, in the body and in every head tag.

The fields are not listed by hand. Every string property of every JSON Schema is
enumerated (through $ref); a field that accepts the hostile value is planted in every
place the data uses it, and one that does not (an id, a URL, a date, an enum) is
proven to refuse it. Front matter: every key any page uses must be one this test
plants. Then the planted project is built (with MkDocs, strict, and the Zensical way) and each
value must appear whole in the page text and in the head tags (description, og:*,
twitter:*, <title>).
"""
from __future__ import annotations

import json
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from jsonschema import Draft202012Validator

from conftest import ROOT, run_build
from datafix import copy_project
from macros.load import FILES
from macros.load.schema import _schemas
from macros.render.fields import _resolve

SITE_NAME = "Dagster or Prefect?"


def hostile(n: int, tail: str = "", invisible: str = "") -> str:
    """Quotes, markup, an entity, Jinja openers of each kind, Markdown emphasis, code and
    link syntax and a newline; short enough for the tightest maxLength (40). The token in
    front finds the value again in the built site. The data files refuse invisible
    characters (macros/load/yamlsource.py); front matter and titles get a zero-width space."""
    return f'Zq{n:03d}"\'<i>&amp;{{{{x}}}}{{%y%}}{{#*_`[h](i){invisible}\nj{tail}'


# --- Which fields take text ------------------------------------------------------------

def string_fields(schema: dict, schemas: dict, current: str, path: tuple = ()) -> list[tuple[tuple, dict]]:
    """(path, resolved schema) for every string property; '[]' for list items, '*' for map values."""
    schema, current = _resolve(schema, schemas, current)
    out = []
    types = schema.get("type") if isinstance(schema.get("type"), list) else [schema.get("type")]
    if "string" in types:
        out.append((path, schema))
    for key in ("anyOf", "oneOf"):
        for sub in schema.get(key, []):
            out += string_fields(sub, schemas, current, path)
    if "object" in types:
        for key, sub in schema.get("properties", {}).items():
            out += string_fields(sub, schemas, current, path + (key,))
        for sub in [schema.get("additionalProperties"), *schema.get("patternProperties", {}).values()]:
            if isinstance(sub, dict):
                out += string_fields(sub, schemas, current, path + ("*",))
    if "array" in types and isinstance(schema.get("items"), dict):
        out += string_fields(schema["items"], schemas, current, path + ("[]",))
    return out


def takes_text(schema: dict, registry) -> str | None:
    """The tail that makes the hostile value valid for this field ('' or '?'), or None
    if the field refuses it (its pattern, format or enum keeps such characters out)."""
    validator = Draft202012Validator(schema, registry=registry, format_checker=Draft202012Validator.FORMAT_CHECKER)
    for tail in ("", "?"):
        if validator.is_valid(hostile(0, tail)):
            return tail
    return None


def places(value, path: tuple, at: tuple = ()):
    """Every (container, key) in the data that a schema path names."""
    if not path:
        return
    head, rest = path[0], path[1:]
    if head == "[]":
        items = list(enumerate(value)) if isinstance(value, list) else []
    elif head == "*":
        items = list(value.items()) if isinstance(value, dict) else []
    else:
        items = [(head, value[head])] if isinstance(value, dict) and head in value else []
    for key, child in items:
        if rest:
            yield from places(child, rest, at + (key,))
        elif isinstance(child, str):
            yield value, key


FIELDS = []   # (file, path, schema) for every string property of every schema
_SCHEMAS, _REGISTRY = _schemas(ROOT / "data" / "schema")
for _file, _schema_name in FILES.items():
    FIELDS += [(_file, p, s) for p, s in string_fields(_SCHEMAS[_schema_name], _SCHEMAS, _schema_name)]


def _front_matter(md: Path) -> dict:
    text = md.read_text(encoding="utf-8")
    if not text.startswith("---\n"):
        return {}
    return yaml.safe_load(text[4:text.index("\n---\n", 4)]) or {}


PLANTED_FRONT_MATTER = {"description"}   # the keys the head override reads from front matter


def test_every_front_matter_key_the_pages_use_is_planted():
    used = set().union(*(_front_matter(md) for md in (ROOT / "docs").glob("*.md")))
    assert used <= PLANTED_FRONT_MATTER, f"plant {sorted(used - PLANTED_FRONT_MATTER)} in this test"


@pytest.mark.parametrize("file,path,schema", [f for f in FIELDS if takes_text(f[2], _REGISTRY) is None],
                         ids=lambda v: ".".join(v) if isinstance(v, tuple) else (v if isinstance(v, str) else ""))
def test_a_field_that_is_not_planted_refuses_hostile_text(file, path, schema):
    """Not planted means the schema keeps such text out: there is no third kind of field."""
    validator = Draft202012Validator(schema, registry=_REGISTRY)
    for tail in ("", "?"):
        assert not validator.is_valid(hostile(0, tail))


# --- Plant, build, read --------------------------------------------------------------

class Reader(HTMLParser):
    """Text a reader sees (outside code blocks, scripts and styles), every attribute value,
    the strings inside attributes that carry JSON, and the head tags."""

    SKIP = {"code", "pre", "script", "style"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.texts, self.meta, self.title, self._skip, self._in_title = [], {}, "", 0, False

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIP:
            self._skip += 1
        self._in_title = tag == "title"
        for name, value in attrs:
            if value is None:
                continue
            try:   # a JSON payload for the page's script: the strings inside it
                self.texts += list(_strings(json.loads(value))) if value[:1] in "[{" else [value]
            except ValueError:
                self.texts.append(value)
        a = dict(attrs)
        if tag == "meta" and (a.get("name") or a.get("property")):
            self.meta[a.get("property") or a.get("name")] = a.get("content", "")

    def handle_endtag(self, tag):
        if tag in self.SKIP and self._skip:
            self._skip -= 1
        self._in_title = False

    def handle_data(self, data):
        if self._in_title:
            self.title += data
        elif not self._skip:
            self.texts.append(data)


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)
    elif isinstance(value, dict):
        for v in value.values():
            yield from _strings(v)


def squash(text: str) -> str:
    """Whitespace as a reader sees it (a newline in text reads as a space)."""
    return re.sub(r"[ \t\r\n\f]+", " ", text)


# Fields the real data leaves empty that share their schema ($ref) and their template with a
# field another file fills: /moving/ lists no known limits today, /self-hosting/ does.
UNFILLED_TWINS = {("moving.yml", "topics.[].tools.*.limits.[].text"): "self_hosting.yml",
                  ("moving.yml", "topics.[].tools.*.limits.[].issue.fix_basis"): "self_hosting.yml"}


def plant(project: Path, template_syntax_in_titles: bool = True) -> tuple[dict, dict, dict]:
    """A hostile value in every text field, every page's description and every nav title
    of a project copy: (data values by token, nav titles by page, descriptions by page)."""
    values, n = {}, 0
    for file in FILES:
        path = project / "data" / file
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        for f, field_path, schema in FIELDS:
            tail = takes_text(schema, _REGISTRY) if f == file else None
            if tail is None:
                continue
            found = 0
            for container, key in places(doc, field_path):
                n += 1
                container[key] = values[f"Zq{n:03d}"] = hostile(n, tail)
                found += 1
            twin = UNFILLED_TWINS.get((file, ".".join(field_path)))
            if twin and not found:   # the same schema and template as a field planted in the twin file
                assert any(f2 == twin and p2 == field_path for f2, p2, _ in FIELDS), (file, field_path, twin)
                continue
            assert found, f"{file}: {'.'.join(field_path)} takes text but the data has none to plant; add one"
        path.write_text(yaml.safe_dump(doc, sort_keys=False, allow_unicode=True, width=10_000), encoding="utf-8")
    descriptions = {}
    for md in sorted((project / "docs").glob("*.md")):
        text = md.read_text(encoding="utf-8")
        n += 1
        descriptions[md.stem] = value = hostile(n, invisible="\u200b")
        body = text[text.index("\n---\n", 4) + 5:] if text.startswith("---\n") else text
        md.write_text("---\n" + yaml.safe_dump({"description": value}, allow_unicode=True) + "---\n" + body, encoding="utf-8")
    titles = {}

    def nav_title(m):
        nonlocal n
        n += 1
        value = hostile(n, invisible="\u200b")
        if not template_syntax_in_titles:
            value = value.replace("{{x}}{%y%}{#", "")
        titles[m.group(2).removesuffix(".md")] = value
        return f"{m.group(1)}{json.dumps(value, ensure_ascii=False)}: {m.group(2)}"
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    (project / "mkdocs.yml").write_text(re.sub(r"(?m)^(  - )[^:\n]+: ([a-z-]+\.md)$", nav_title, config), encoding="utf-8")
    return values, titles, descriptions


@pytest.fixture(scope="module")
def planted_mkdocs(tmp_path_factory):
    """The planted project built strictly with MkDocs: (site, values, titles, descriptions)."""
    project = copy_project(tmp_path_factory.mktemp("escaping"))
    planted = plant(project)
    result = run_build(project / "site", cwd=project)
    assert result.returncode == 0, result.stdout + result.stderr
    return (project / "site", *planted)


@pytest.fixture(scope="module")
def planted_zensical(tmp_path_factory):
    """The same, built the Zensical way (zensical build, then the post-build command).
    Zensical 0.0.73 renders a page title that contains '{{', '{%' or '{#' as a template
    and has no page hook to keep it out (glue.on_pre_page_macros does that under
    MkDocs), so here the nav titles carry everything else but those."""
    project = copy_project(tmp_path_factory.mktemp("escaping-zensical"))
    planted = plant(project, template_syntax_in_titles=False)
    for command in (["zensical", "build", "--clean"], ["macros", "postbuild", "site"]):
        result = subprocess.run([sys.executable, "-m", *command], cwd=project, capture_output=True, text=True, timeout=300)
        assert result.returncode == 0, result.stdout + result.stderr
    return (project / "site", *planted)


BUILDS = ["planted_mkdocs", "planted_zensical"]


def _read(page: Path) -> Reader:
    reader = Reader()
    reader.feed(page.read_text(encoding="utf-8"))
    return reader


@pytest.mark.parametrize("build", BUILDS)
def test_every_planted_data_value_appears_whole_as_text(build, request):
    site, values, _, _ = request.getfixturevalue(build)
    seen, broken = set(), []
    for page in sorted(site.rglob("*.html")):
        for text in _read(page).texts:
            for token in set(re.findall(r"Zq\d{3}", text)) & set(values):
                if squash(values[token]) in squash(text):
                    seen.add(token)
                else:
                    broken.append(f"{page.relative_to(site)}: {token}: {text[:160]!r}")
    assert broken == []
    assert sorted(set(values) - seen) == [], "planted values that no page shows"


@pytest.mark.parametrize("build", BUILDS)
def test_every_head_tag_carries_the_planted_title_and_description_exactly(build, request):
    site, _, titles, descriptions = request.getfixturevalue(build)
    for name, description in descriptions.items():
        page = site / ("index.html" if name == "index" else f"{name}/index.html")
        reader = _read(page)
        where = page.relative_to(site)
        title = titles[name]
        full_title = f"{title} - {SITE_NAME}"
        # The home page's <title> is the site's name under MkDocs (page.is_homepage);
        # Zensical 0.0.73 does not mark the home page, so it gets the full title there.
        home = name == "index" and reader.title.strip() == SITE_NAME
        assert home == (name == "index") or build == "planted_zensical", where
        assert reader.title.strip() == (SITE_NAME if home else full_title), where
        for key in ("description", "og:description", "twitter:description"):
            assert reader.meta[key] == description, (where, key)
        og_title = title if home else full_title
        for key in ("og:title", "twitter:title"):
            assert reader.meta[key] == og_title, (where, key)
        for key in ("og:image:alt", "twitter:image:alt"):
            assert reader.meta[key] == f"{og_title}: {description}", (where, key)
