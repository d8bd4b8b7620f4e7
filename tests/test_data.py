"""data/: every kind of bad input gets one located, readable line; good data loads.

The rules are exercised on the small synthetic data in tests/fixtures/data, so
content edits in data/ never break these tests; the real data is checked by
properties at the end."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, run_build
from datafix import copy_data, copy_project, edit, line_of, problems
from macros.load import load


def test_fixture_data_is_valid(small_data):
    assert [t.id for t in small_data.tools] == ["alpha", "beta"]
    assert [c.id for c in small_data.criteria] == ["unit-of-work", "retries", "schedules"]


def test_bad_url(tmp_path):
    d = copy_data(tmp_path)
    edit(d, "criteria.yml", "- https://github.com/beta-org/beta/blob/main/units.py", "- htp://x")
    line = line_of(d, "criteria.yml", "htp://x")
    assert problems(d) == [f"data/criteria.yml:{line}: criteria[0].tools.beta.sources[1]: 'htp://x' is not an http(s) URL"]


def test_missing_required_key(tmp_path):
    d = copy_data(tmp_path)
    edit(d, "criteria.yml", "    why: What you write first.\n", "")
    line = line_of(d, "criteria.yml", "- id: unit-of-work")
    assert problems(d) == [f"data/criteria.yml:{line}: criteria[0]: missing required key 'why'"]


def test_unknown_key(tmp_path):
    d = copy_data(tmp_path)
    edit(d, "tools.yml", '    version: "4.5.6"\n', '    version: "4.5.6"\n    verison: "4.5.6"\n')
    line = line_of(d, "tools.yml", "verison:")
    [message] = problems(d)
    assert message.startswith(f"data/tools.yml:{line}: tools[1].verison: unknown key 'verison' (allowed: ")


def test_wrong_type(tmp_path):
    d = copy_data(tmp_path)
    edit(d, "factors.yml", "title: Operations", "title: [Ops, Run]")
    line = line_of(d, "factors.yml", "title: [Ops")
    assert problems(d) == [f"data/factors.yml:{line}: factors[1].title: expected text, found a list ['Ops', 'Run']"]


def test_empty_list_says_so_without_python_words(tmp_path):
    d = copy_data(tmp_path)
    edit(d, "criteria.yml", "        sources:\n          - https://docs.alpha.example.org/retries\n", "        sources:\n")
    line = line_of(d, "criteria.yml", "        sources:", nth=3)
    found = problems(d)
    assert found == [f"data/criteria.yml:{line}: criteria[1].tools.alpha.sources: is empty; expected a list"]
    assert not any(word in found[0] for word in ("None", "NoneType", "dict", "null"))


def test_bad_date(tmp_path):
    d = copy_data(tmp_path)
    edit(d, "criteria.yml", "reviewed: 2026-01-03", "reviewed: 2026-13-45")
    line = line_of(d, "criteria.yml", "2026-13-45")
    assert problems(d) == [f"data/criteria.yml:{line}: criteria[0].tools.beta.reviewed: '2026-13-45' is not a date written YYYY-MM-DD"]


def test_review_date_in_the_future(tmp_path):
    d = copy_data(tmp_path)
    edit(d, "criteria.yml", "reviewed: 2026-01-03", "reviewed: 2026-07-01")
    line = line_of(d, "criteria.yml", "2026-07-01")
    assert problems(d) == [f"data/criteria.yml:{line}: criteria[0].tools.beta.reviewed: '2026-07-01' is in the future "
                           "(today is 2026-06-01); write the date you checked the sources"]


def test_blank_text(tmp_path):
    d = copy_data(tmp_path)
    edit(d, "criteria.yml", "cell: Alpha units", "cell: '   '")
    line = line_of(d, "criteria.yml", "cell: '   '")
    assert problems(d) == [f"data/criteria.yml:{line}: criteria[0].tools.alpha.cell: '   ' is not non-empty text"]


def test_ranking_words_are_rejected(tmp_path):
    d = copy_data(tmp_path)
    edit(d, "criteria.yml", "cell: Alpha units", "cell: The best units")
    line = line_of(d, "criteria.yml", "The best units")
    [message] = problems(d)
    assert message.startswith(f"data/criteria.yml:{line}: criteria[0].tools.alpha.cell: 'The best units' breaks the rule: neutral wording")


def test_unknown_factor(tmp_path):
    d = copy_data(tmp_path)
    edit(d, "criteria.yml", "factor: design", "factor: desing")
    line = line_of(d, "criteria.yml", "factor: desing")
    assert problems(d) == [
        f"data/criteria.yml:{line}: criteria[0].factor: 'desing' is not a factor id (known: design, operations)",
        f"data/factors.yml:{line_of(d, 'factors.yml', '- id: design')}: factors[0]: factor 'design' has no criteria; "
        "add at least one in criteria.yml",
    ]


def test_missing_tool_entry_and_unknown_tool(tmp_path):
    d = copy_data(tmp_path)
    edit(d, "criteria.yml", "      beta:\n        cell: Beta units", "      betta:\n        cell: Beta units")
    tools_line = line_of(d, "criteria.yml", "    tools:")
    key_line = line_of(d, "criteria.yml", "betta:")
    assert problems(d) == [
        f"data/criteria.yml:{tools_line}: criteria[0].tools: missing an entry for tool 'beta'; every tool needs one in every criterion",
        f"data/criteria.yml:{key_line}: criteria[0].tools.betta: 'betta' is not a tool id (known: alpha, beta)",
    ]


def test_duplicate_id(tmp_path):
    d = copy_data(tmp_path)
    edit(d, "criteria.yml", "- id: schedules", "- id: retries")
    line = line_of(d, "criteria.yml", "- id: retries", nth=2)
    found = problems(d)
    assert f"data/criteria.yml:{line}: criteria[2].id: id 'retries' is already used by criteria[1]; ids must be unique" in found
    # The guide named the old id, so it is reported too: renaming an id breaks its users.
    assert any("'schedules' is not a criterion id" in p for p in found)


def test_criterion_id_must_differ_from_factor_ids(tmp_path):
    d = copy_data(tmp_path)
    edit(d, "criteria.yml", "- id: schedules", "- id: operations")
    edit(d, "guide.yml", "schedules", "operations", count=3)
    line = line_of(d, "criteria.yml", "- id: operations")
    assert problems(d) == [f"data/criteria.yml:{line}: criteria[2].id: 'operations' is also a factor id; "
                           "row anchors on /comparison/ must differ from factor anchors"]


def test_factor_without_criteria(tmp_path):
    d = copy_data(tmp_path)
    edit(d, "factors.yml", "factors:\n", "factors:\n  - id: budget\n    title: Budget\n    question: What can you spend?\n")
    line = line_of(d, "factors.yml", "- id: budget")
    assert f"data/factors.yml:{line}: factors[0]: factor 'budget' has no criteria; add at least one in criteria.yml" in problems(d)


def test_empty_file(tmp_path):
    d = copy_data(tmp_path)
    (d / "tools.yml").write_text("# yaml-language-server: $schema=schema/tools.schema.json\n", encoding="utf-8")
    assert "data/tools.yml: file is empty; expected a mapping of data" in problems(d)


def test_missing_file(tmp_path):
    d = copy_data(tmp_path)
    (d / "factors.yml").unlink()
    assert "data/factors.yml: file is missing" in problems(d)


def test_tab_indentation(tmp_path):
    d = copy_data(tmp_path)
    edit(d, "tools.yml", "    name: Beta", "\tname: Beta")
    line = line_of(d, "tools.yml", "\tname: Beta")
    assert problems(d) == [f"data/tools.yml:{line}: tab character in indentation; YAML must be indented with spaces"]


def test_duplicate_key(tmp_path):
    d = copy_data(tmp_path)
    edit(d, "tools.yml", "    name: Beta\n", "    name: Beta\n    name: Beta 2\n")
    first = line_of(d, "tools.yml", "name: Beta")
    assert problems(d) == [f"data/tools.yml:{first + 1}: tools[1].name: duplicate key 'name' (first defined on line {first})"]


def test_several_problems_are_reported_at_once(tmp_path):
    d = copy_data(tmp_path)
    edit(d, "criteria.yml", "- https://docs.beta.example.org/retries", "- htp://x")
    edit(d, "criteria.yml", "factor: design", "factor: teams")
    edit(d, "tools.yml", "    license: MIT\n", "")
    found = problems(d)
    assert len(found) == 4   # the URL, the factor, the licence, and 'design' losing its only criterion
    assert [p.split(":")[0] for p in found] == ["data/criteria.yml", "data/criteria.yml", "data/factors.yml", "data/tools.yml"]


# --- YAML mistakes, explained in plain words with the line and a caret ---------

@pytest.mark.parametrize("old,new,needle,column,message", [
    ("    title: Operations\n", "    title: Operations\n   question: Misaligned?\n", "   question: Misaligned?", 4,
     "the indentation of this line does not match the lines above it; indent it like the other keys of the same item "
     "(spaces only)"),
    ("    title: Operations", "    title Operations\n    oops: x", "    title Operations", 5,
     "this line has a key without a colon after it; write 'key: value'"),
    ("    title: Operations", "    title: Ops: run and watch", "Ops: run", 15,
     "a second 'key: value' starts on this line: if the colon is part of the text, put the whole value in quotes; "
     "otherwise start the key on its own line"),
    ("    title: Operations", '    title: "Operations', '"Operations', 12,
     "a quoted value starts here but its closing quote is missing (opened on line {line})"),
    ("    title: Operations", "    title: [Operations, Run", "[Operations", 12,
     "a list opened with '[' on line {line} is not closed with ']'"),
])
def test_yaml_syntax_errors_are_explained(tmp_path, old, new, needle, column, message):
    d = copy_data(tmp_path)
    edit(d, "factors.yml", old, new)
    line = line_of(d, "factors.yml", needle)
    with pytest.raises(Exception) as info:
        load(d)
    [problem] = info.value.problems
    assert str(problem) == f"data/factors.yml:{line}:{column}: YAML syntax: {message.format(line=line)}"
    source = (d / "factors.yml").read_text(encoding="utf-8").splitlines()[line - 1]
    shown, pointer = problem.context.splitlines()
    assert shown.endswith(f"| {source}")
    assert pointer.index("^") - pointer.index("|") - 2 == column - 1   # the caret sits under the column


# --- Hostile input: one located line, never a traceback or a hang --------------

def test_alias_bomb_is_refused(tmp_path):
    d = copy_data(tmp_path)
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
    (d / "tools.yml").write_text(bomb, encoding="utf-8")
    found = problems(d)
    assert "data/tools.yml:1: YAML anchors and aliases (&name, *name) are not allowed; write the value out" in found
    assert all(p.startswith("data/tools.yml:") for p in found if "tools.yml" in p)


@pytest.mark.parametrize("depth", [25, 100_000])
def test_deep_nesting_is_refused(tmp_path, depth):
    d = copy_data(tmp_path)
    (d / "tools.yml").write_text("tools: " + "[" * depth + "]" * depth + "\n", encoding="utf-8")
    assert "data/tools.yml:1: values are nested more than 20 levels deep here; data files never need that many" in problems(d)


def test_oversize_file_is_refused(tmp_path):
    d = copy_data(tmp_path)
    (d / "criteria.yml").write_text("criteria:\n" + "# padding\n" * 150_000, encoding="utf-8")
    assert ("data/criteria.yml: file is 1.5 MB; a data file must stay under 1 MB "
            "(split it, or remove what does not belong)") in problems(d)


def test_yaml_tags_are_not_allowed(tmp_path):
    d = copy_data(tmp_path)
    edit(d, "tools.yml", "    name: Beta", "    name: !!python/object:os.system Beta")
    line = line_of(d, "tools.yml", "!!python")
    assert problems(d) == [f"data/tools.yml:{line}: YAML tags such as '!!python/object:os.system' are not allowed in "
                           "data files; write a plain value"]


def test_tags_on_mappings_are_not_allowed_either(tmp_path):
    d = copy_data(tmp_path)
    edit(d, "tools.yml", "  - id: beta", "  - !!python/object:builtins.dict\n    id: beta")
    line = line_of(d, "tools.yml", "!!python")
    assert f"data/tools.yml:{line}: YAML tags such as '!!python/object:builtins.dict' are not allowed in data files; " \
           "write a plain value" in problems(d)


@pytest.mark.parametrize("char,name", [
    ("\u202e", "U+202E (RIGHT-TO-LEFT OVERRIDE)"),
    ("\u200b", "U+200B (ZERO WIDTH SPACE)"),
    ("\u2066", "U+2066 (LEFT-TO-RIGHT ISOLATE)"),
    ("\x1b", "U+001B (ESCAPE)"),
])
def test_invisible_and_direction_changing_characters_are_refused(tmp_path, char, name):
    d = copy_data(tmp_path)
    edit(d, "criteria.yml", "note: Beta note on retries.", f"note: Beta note {char}on retries.")
    line = line_of(d, "criteria.yml", f"Beta note {char}")
    column = (d / "criteria.yml").read_text(encoding="utf-8").splitlines()[line - 1].index(char) + 1
    assert problems(d) == [f"data/criteria.yml:{line}:{column}: criteria[1].tools.beta.note: character {name} at column "
                           f"{column} is invisible or changes the direction of text; delete it"]


def test_non_utf8_bytes(tmp_path):
    d = copy_data(tmp_path)
    path = d / "factors.yml"
    line = line_of(d, "factors.yml", "title: Operations")
    path.write_bytes(path.read_bytes().replace(b"title: Operations", b"title: Op\xe9rations"))
    assert problems(d) == [f"data/factors.yml:{line}: byte 0xe9 is not valid UTF-8; save the file as UTF-8"]


# --- The command line and the build report the same lines ----------------------

def _check(data_dir, **env):
    return subprocess.run([sys.executable, "-m", "macros", "check", str(data_dir)], cwd=ROOT,
                          env={**os.environ, **env}, capture_output=True, text=True)


def _broken(tmp_path):
    d = copy_data(tmp_path)
    edit(d, "criteria.yml", "- https://github.com/beta-org/beta/blob/main/units.py", "- htp://x")
    return d, line_of(d, "criteria.yml", "htp://x")


def test_check_command_reports_and_fails(tmp_path):
    d, line = _broken(tmp_path)
    result = _check(d, GITHUB_ACTIONS="false")
    assert result.returncode == 1
    assert f"data/criteria.yml:{line}: criteria[0].tools.beta.sources[1]: 'htp://x' is not an http(s) URL" in result.stderr
    assert "Traceback" not in result.stderr and "::error" not in result.stdout


def test_check_command_annotates_pull_requests(tmp_path):
    d, line = _broken(tmp_path)
    result = _check(d, GITHUB_ACTIONS="true")
    assert (f"::error file=data/criteria.yml,line={line}::criteria[0].tools.beta.sources[1]: "
            f"'htp://x' is not an http(s) URL") in result.stdout.splitlines()


def test_check_command_passes_on_good_data():
    result = _check(ROOT / "data")
    assert result.returncode == 0, result.stderr
    assert "is valid" in result.stdout


@pytest.mark.parametrize("strict", [True, False])
def test_build_fails_cleanly_and_writes_nothing(tmp_path, strict):
    project = copy_project(tmp_path)
    d = project / "data"
    edit(d, "criteria.yml", "cell:", "cell: [a list]\n        x:")
    site = tmp_path / "site"
    result = run_build(site, cwd=project, strict=strict, env={"GITHUB_ACTIONS": "true"})
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert "criteria[0].tools" in result.stderr and "nothing was built" in result.stderr
    # The build annotates pull requests like the check command does.
    assert any(line.startswith("::error file=data/criteria.yml,line=") for line in result.stdout.splitlines())
    assert not site.exists(), "a failed build must not leave a site behind"


@pytest.mark.parametrize("call,message", [
    ('{{ tool_facts("dagstr") }}', "unknown tool id 'dagstr' (known: dagster, prefect)"),
    ('{{ factor_table("team") }}', "unknown factor id 'team' (known: workflow-design, "),
])
def test_a_typo_in_a_macro_call_fails_the_build_with_one_line(tmp_path, call, message):
    project = copy_project(tmp_path)
    page = project / "docs" / "conclusion.md"
    lines = page.read_text(encoding="utf-8").splitlines()
    lines.insert(8, call)
    page.write_text("\n".join(lines) + "\n", encoding="utf-8")
    site = tmp_path / "site"
    result = run_build(site, cwd=project)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr and "StopIteration" not in result.stderr
    name = call.split("(")[0].strip("{ ")
    located = [line for line in result.stderr.splitlines() if line.startswith("docs/conclusion.md:9: ")]
    assert len(located) == 1, result.stderr
    assert f"{name}(" in located[0] and message in located[0]
    assert not (site / "conclusion" / "index.html").exists()


# --- The real data, by properties (never by position or wording) ---------------

def test_every_yaml_file_declares_its_schema():
    for path in sorted((ROOT / "data").glob("*.yml")):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        schema = first.removeprefix("# yaml-language-server: $schema=")
        assert schema != first, f"{path.name} must start with a yaml-language-server $schema line"
        assert (path.parent / schema).is_file(), f"{path.name} names a missing schema {schema}"


def test_real_data_is_valid_and_complete(site_data):
    from publicurls import FACTOR_ANCHORS

    assert [f.id for f in site_data.factors] == FACTOR_ANCHORS
    for c in site_data.criteria:
        assert [t for t, _ in c.entries] == [t.id for t in site_data.tools]
        for _, e in c.entries:
            assert e.sources and all(u.startswith("https://") for u in e.sources)


# --- Rules added with the availability, hosted products and examples -----------

def test_sources_must_be_on_the_tools_official_sites(tmp_path):
    d = copy_data(tmp_path)
    edit(d, "criteria.yml", "- https://docs.beta.example.org/retries", "- https://blog.example.com/beta-retries")
    line = line_of(d, "criteria.yml", "blog.example.com")
    assert problems(d) == [f"data/criteria.yml:{line}: criteria[1].tools.beta.sources[0]: 'https://blog.example.com/beta-retries' "
                           "is on blog.example.com, which is not an official Beta source "
                           "(allowed: docs.beta.example.org, github.com/beta-org; see official_sources in tools.yml)"]


def test_a_tool_cannot_be_sourced_on_the_other_tools_docs(tmp_path):
    d = copy_data(tmp_path)
    edit(d, "criteria.yml", "- https://docs.beta.example.org/retries", "- https://docs.alpha.example.org/retries")
    line = line_of(d, "criteria.yml", "- https://docs.alpha.example.org/retries", nth=2)
    [message] = problems(d)
    assert message.startswith(f"data/criteria.yml:{line}: criteria[1].tools.beta.sources[0]: "
                              "'https://docs.alpha.example.org/retries' is on docs.alpha.example.org, which is not an official Beta source")


def test_availability_is_required_and_limited(tmp_path):
    d = copy_data(tmp_path)
    edit(d, "criteria.yml", "        availability: hosted-only\n", "        availability: paid\n")
    edit(d, "criteria.yml", "        note: Beta note on units.\n        availability: open-source\n", "        note: Beta note on units.\n")
    paid = line_of(d, "criteria.yml", "availability: paid")
    beta = line_of(d, "criteria.yml", "      beta:")
    assert problems(d) == [f"data/criteria.yml:{beta}: criteria[0].tools.beta: missing required key 'availability'",
                           f"data/criteria.yml:{paid}: criteria[1].tools.beta.availability: 'paid' is not one of: open-source, hosted-only"]


def test_ask_must_be_a_question(tmp_path):
    d = copy_data(tmp_path)
    edit(d, "criteria.yml", "ask: When must work run?", "ask: When work must run.")
    line = line_of(d, "criteria.yml", "When work must run.")
    assert problems(d) == [f"data/criteria.yml:{line}: criteria[2].ask: 'When work must run.' is not a question ending with '?'"]


def test_distinctive_names_known_tools(tmp_path):
    d = copy_data(tmp_path)
    edit(d, "criteria.yml", "distinctive: [beta]", "distinctive: [gamma]")
    line = line_of(d, "criteria.yml", "distinctive: [gamma]")
    assert problems(d) == [f"data/criteria.yml:{line}: criteria[2].distinctive[0]: 'gamma' is not a tool id (known: alpha, beta)"]


def test_version_must_be_an_exact_release(tmp_path):
    d = copy_data(tmp_path)
    edit(d, "tools.yml", 'version: "4.5.6"', 'version: "4.5"')
    line = line_of(d, "tools.yml", 'version: "4.5"')
    assert problems(d) == [f"data/tools.yml:{line}: tools[1].version: '4.5' is not an exact release written X.Y.Z, e.g. '1.13.29'"]


def test_example_files_criteria_and_sources_are_checked(tmp_path):
    d = copy_data(tmp_path)
    (tmp_path / "examples" / "hello" / "beta_example.py").unlink()
    edit(d, "examples.yml", "criteria: [retries]", "criteria: [retry]")
    edit(d, "examples.yml", "- https://docs.alpha.example.org/hello", "- https://docs.beta.example.org/hello")
    assert problems(d) == [
        f"data/examples.yml:{line_of(d, 'examples.yml', 'criteria: [retry]')}: examples[0].criteria[0]: "
        "'retry' is not a criterion id in criteria.yml",
        f"data/examples.yml:{line_of(d, 'examples.yml', '- https://docs.beta.example.org/hello')}: "
        "examples[0].tools.alpha.follows[0]: 'https://docs.beta.example.org/hello' is on docs.beta.example.org, "
        "which is not an official Alpha source (allowed: docs.alpha.example.org, github.com/alpha-org; "
        "see official_sources in tools.yml)",
        f"data/examples.yml:{line_of(d, 'examples.yml', '      beta:')}: examples[0].tools.beta: "
        "examples/hello/beta_example.py does not exist; write the example there",
    ]


def test_an_example_is_written_for_at_least_two_tools(tmp_path):
    d = copy_data(tmp_path)
    edit(d, "examples.yml", "      beta:\n        follows:\n          - https://docs.beta.example.org/hello\n"
                            "        asserts: It prints hello too.\n", "")
    line = line_of(d, "examples.yml", "    tools:")
    assert problems(d) == [f"data/examples.yml:{line}: examples[0].tools: needs at least 2 entries"]


def test_a_key_indented_under_a_value_is_explained_as_indentation(tmp_path):
    d = copy_data(tmp_path)
    edit(d, "tools.yml", "  - id: beta\n    name: Beta", "  - id: beta\n      name: Beta")
    line = line_of(d, "tools.yml", "      name: Beta")
    [problem] = problems(d)
    assert problem == (f"data/tools.yml:{line}:11: YAML syntax: this line is indented more than the key 'id' on line "
                       f"{line - 1}, so YAML reads it as the rest of that value; indent it like the keys around it")


def test_an_edited_schema_is_read_again_as_under_mkdocs_serve(tmp_path):
    """The schema cache follows the files: a schema edited between two loads applies."""
    import json
    import os

    d = copy_data(tmp_path)
    load(d, tmp_path / "nodocs")   # caches the schemas
    schema_file = d / "schema" / "factors.schema.json"
    schema = json.loads(schema_file.read_text(encoding="utf-8"))
    schema["properties"]["factors"]["maxItems"] = 1
    schema_file.write_text(json.dumps(schema), encoding="utf-8")
    os.utime(schema_file, ns=(1, 1))   # a different modification time, whatever the clock
    line = line_of(d, "factors.yml", "factors:")
    assert f"data/factors.yml:{line}: factors: has 2 items; keep it to 1 at most" in problems(d)


# --- Release figures (data/releases.yml) -------------------------------------------

def test_release_figures_must_match_the_reviewed_versions(tmp_path):
    d = copy_data(tmp_path)
    edit(d, "releases.yml", "      version: 4.5.6\n      date: '2026-02-02'\n    requires_python",
         "      version: 4.5.5\n      date: '2026-02-02'\n    requires_python")
    edit(d, "releases.yml", "    package: alpha", "    package: alpha-core")
    edit(d, "releases.yml", "  beta:", "  gamma:")
    assert problems(d) == [
        f"data/releases.yml:{line_of(d, 'releases.yml', 'package: alpha-core')}: tools.alpha.package: 'alpha-core' is "
        "not alpha's package in tools.yml ('alpha'); run `python scripts/freshness.py --write-releases` to read the figures again",
        f"data/releases.yml:{line_of(d, 'releases.yml', 'gamma:')}: tools.gamma: 'gamma' is not a tool id (known: alpha, beta)",
    ]
    d = copy_data(tmp_path / "again")
    edit(d, "releases.yml", "      version: 4.5.6\n      date: '2026-02-02'\n    requires_python",
         "      version: 4.5.5\n      date: '2026-02-02'\n    requires_python")
    line = line_of(d, "releases.yml", "version: 4.5.5")
    assert problems(d) == [f"data/releases.yml:{line}: tools.beta.reviewed.version: '4.5.5' is not the version tools.yml "
                           "reviews ('4.5.6'); run `python scripts/freshness.py --write-releases` to read the figures again"]


def test_a_row_showing_release_figures_needs_them_for_every_tool(tmp_path):
    d = copy_data(tmp_path)
    edit(d, "criteria.yml", "    ask: How often should work retry?\n", "    ask: How often should work retry?\n    releases: true\n")
    text = (d / "releases.yml").read_text(encoding="utf-8")
    (d / "releases.yml").write_text(text[:text.index("  beta:")], encoding="utf-8")
    line = line_of(d, "criteria.yml", "releases: true")
    assert problems(d) == [f"data/criteria.yml:{line}: criteria[1].releases: releases.yml has no figures for tool 'beta'; "
                           "run `python scripts/freshness.py --write-releases` to read the figures again"]
    (d / "releases.yml").unlink()
    assert problems(d) == ["data/releases.yml: file is missing"]


def test_release_figures_follow_their_schema(tmp_path):
    d = copy_data(tmp_path)
    edit(d, "releases.yml", "    count: 12", "    count: many")
    line = line_of(d, "releases.yml", "count: many")
    assert [p for p in problems(d) if "count" in p] and all(str(line) in p for p in problems(d) if "count" in p)


def test_the_reviewed_requires_python_matches_the_pinned_wheels(site_data):
    """The figures were read from the index; the installed wheels are the ground truth."""
    venv = Path(os.environ.get("EXAMPLES_VENV", ROOT / ".venv-examples"))   # another checkout's, say
    site_packages = sorted((venv / "lib").glob("python3*/site-packages"))
    if not site_packages:
        pytest.skip(f"no {venv} here (make setup builds it; EXAMPLES_VENV names another)")
    for tool in site_data.tools:
        metadata = site_packages[0] / f"{tool.package}-{tool.version}.dist-info" / "METADATA"
        declared = next(line.split(":", 1)[1].strip() for line in metadata.read_text(encoding="utf-8").splitlines()
                        if line.startswith("Requires-Python:"))
        assert site_data.releases.tool(tool.id).requires_python == declared, tool.id


# --- The trial field and the rule for mixed cells --------------------------------

def test_trial_is_required_and_states_its_pass_condition(tmp_path):
    d = copy_data(tmp_path)
    edit(d, "criteria.yml", "    trial: Write one unit of work; pass if it runs once and shows in the UI.\n", "")
    edit(d, "criteria.yml", "trial: Make one step fail twice then succeed; pass if the run succeeds with two retries recorded.",
         "trial: Make one step fail twice then succeed.")
    first = line_of(d, "criteria.yml", "- id: unit-of-work")
    vague = line_of(d, "criteria.yml", "trial: Make one step fail twice then succeed.")
    assert problems(d) == [
        f"data/criteria.yml:{first}: criteria[0]: missing required key 'trial'",
        f"data/criteria.yml:{vague}: criteria[1].trial: 'Make one step fail twice then succeed.' is not a concrete task "
        "to try in every tool that states its pass condition with the word 'pass' "
        "(e.g. '...; pass if the run succeeds with two retries recorded')",
    ]


def test_mixed_cells_follow_one_rule(tmp_path):
    """A hosted-only cell has nothing open source to add to; an open-source cell whose note
    names the hosted product says what that product adds. One located line each."""
    d = copy_data(tmp_path)
    edit(d, "criteria.yml", "        note: Beta note on retries.\n        availability: hosted-only\n",
         "        note: Beta note on retries.\n        availability: hosted-only\n        hosted_adds: Beta Plus retry view\n")
    edit(d, "criteria.yml", "note: Alpha note on retries.", "note: Alpha note on retries; Alpha Cloud shows each attempt.")
    adds = line_of(d, "criteria.yml", "hosted_adds: Beta Plus retry view")
    note = line_of(d, "criteria.yml", "Alpha Cloud shows each attempt.")
    assert problems(d) == [
        f"data/criteria.yml:{note}: criteria[1].tools.alpha.note: names Alpha Cloud, but hosted_adds is empty; "
        "say in hosted_adds what Alpha Cloud adds to this open-source cell, or leave Alpha Cloud out of the note",
        f"data/criteria.yml:{adds}: criteria[1].tools.beta.hosted_adds: a hosted-only cell has no hosted_adds "
        "(no open-source part to add to); mark the cell open-source if the open-source distribution covers part "
        "of the row, or remove hosted_adds",
    ]


def test_an_open_source_cell_naming_the_hosted_product_with_hosted_adds_is_fine(tmp_path):
    d = copy_data(tmp_path)
    edit(d, "criteria.yml", "note: Alpha note on units.", "note: Alpha note on units; Alpha Cloud adds unit views.")
    load(d, tmp_path / "nodocs")


def test_the_corrected_cells_stay_corrected(site_data):
    """The cells corrected against Dagster 1.13.27 and Prefect 3.9.1 (issue 18), pinned as data."""
    entry = lambda cid, tool: site_data.criterion(cid).entry(tool)  # noqa: E731
    assert "is_committed()" in entry("transactions", "prefect").note
    lineage = entry("lineage-and-catalog", "dagster")
    assert "owner" not in lineage.hosted_adds.lower() and "catalog view" not in lineage.hosted_adds.lower()
    assert "run-status" in entry("event-driven-triggers", "dagster").note
    assert "materialize()" in entry("iteration-speed", "dagster").note
    assert "sensor" in entry("data-quality", "dagster").note
    monitoring = entry("run-monitoring", "dagster").note
    assert "dagster.yaml" in monitoring and "launcher" in monitoring
    assert entry("access-control", "dagster").availability == "open-source"
    assert entry("access-control", "dagster").hosted_adds


def test_no_source_uses_the_old_prefect_docs_host(site_data):
    urls = [u for c in site_data.criteria for _, e in c.entries for u in e.sources]
    urls += [u for x in site_data.examples for _, code in x.code for u in code.follows]
    assert urls and not [u for u in urls if "docs.prefect.io" in u]
    prefect = next(t for t in site_data.tools if t.id == "prefect")
    assert prefect.docs == "https://www.prefect.io/docs" and "https://www.prefect.io/docs/" in prefect.official_sources
    assert not [p for t in site_data.tools for p in t.official_sources if "docs.prefect.io" in p]
# --- /self-hosting/ and /moving/: the same official-source rule ------------------

def test_fixture_topics_and_concept_map_load(tmp_path):
    from datafix import fixture_data

    data = fixture_data(tmp_path)
    assert [t.id for t in data.self_hosting] == ["services"]
    [limit] = data.self_hosting[0].side("alpha").limits
    assert (limit.state, limit.fixed_in_reviewed) == ("open", "no")
    assert [(p.source.tool, p.target.tool) for p in data.concept_map] == [("alpha", "beta"), ("beta", "alpha")]
    assert [p.id for p in data.concepts_from("beta")] == ["step-to-unit"]


@pytest.mark.parametrize("name,old,path", [
    ("self_hosting.yml", "- https://docs.beta.example.org/server", "topics[0].tools.beta.points[0].sources[0]"),
    ("moving.yml", "- https://docs.beta.example.org/move", "topics[0].tools.beta.points[0].sources[0]"),
    ("moving.yml", "- https://docs.beta.example.org/steps", "concept_map[0].to.sources[0]"),
])
def test_a_blog_source_in_the_new_files_gives_one_located_line(tmp_path, name, old, path):
    d = copy_data(tmp_path)
    edit(d, name, old, "- https://blog.example.com/beta")
    line = line_of(d, name, "blog.example.com")
    assert problems(d) == [f"data/{name}:{line}: {path}: 'https://blog.example.com/beta' is on blog.example.com, "
                           "which is not an official Beta source (allowed: docs.beta.example.org, github.com/beta-org; "
                           "see official_sources in tools.yml)"]


def test_an_issue_link_must_be_in_the_tools_own_repository(tmp_path):
    d = copy_data(tmp_path)
    edit(d, "self_hosting.yml", "url: https://github.com/alpha-org/alpha/issues/1",
         "url: https://github.com/beta-org/beta/issues/1")
    line = line_of(d, "self_hosting.yml", "beta-org/beta/issues/1")
    [message] = problems(d)
    assert message.startswith(f"data/self_hosting.yml:{line}: topics[0].tools.alpha.limits[0].issue.url: "
                              "'https://github.com/beta-org/beta/issues/1' opens github.com/beta-org/beta/issues/1, "
                              "outside the official Alpha paths")


def test_an_issue_state_and_fix_answer_are_limited(tmp_path):
    d = copy_data(tmp_path)
    edit(d, "self_hosting.yml", "state: open", "state: stale")
    edit(d, "self_hosting.yml", 'fixed_in_reviewed: "no"', "fixed_in_reviewed: maybe")
    found = problems(d)
    assert len(found) == 2
    assert found[0].startswith(f"data/self_hosting.yml:{line_of(d, 'self_hosting.yml', 'state: stale')}: "
                               "topics[0].tools.alpha.limits[0].issue.state: 'stale'")
    assert found[1].startswith(f"data/self_hosting.yml:{line_of(d, 'self_hosting.yml', 'maybe')}: "
                               "topics[0].tools.alpha.limits[0].issue.fixed_in_reviewed: 'maybe'")


def test_a_topic_needs_every_tool_and_a_pair_two_different_tools(tmp_path):
    d = copy_data(tmp_path)
    edit(d, "moving.yml", "      beta:\n        summary: A command", "      betta:\n        summary: A command")
    edit(d, "moving.yml", "    to:\n      tool: beta", "    to:\n      tool: alpha")
    found = problems(d)
    assert f"data/moving.yml:{line_of(d, 'moving.yml', 'betta:')}: topics[0].tools.betta: 'betta' is not a tool id (known: alpha, beta)" in found
    assert any(p.startswith("data/moving.yml:") and "topics[0].tools: missing a side for tool 'beta'" in p for p in found)
    assert any("concept_map[0].to.tool: 'alpha' is also the 'from' tool" in p for p in found)


def test_a_checked_date_cannot_be_in_the_future(tmp_path):
    d = copy_data(tmp_path)
    edit(d, "self_hosting.yml", "checked: 2026-01-02", "checked: 2026-09-09")
    line = line_of(d, "self_hosting.yml", "checked: 2026-09-09")
    assert problems(d) == [f"data/self_hosting.yml:{line}: topics[0].tools.alpha.limits[0].issue.checked: '2026-09-09' "
                           "is in the future (today is 2026-06-01); write the date you checked"]


def test_real_topics_cover_every_tool_with_sources(site_data):
    for topic in site_data.self_hosting + site_data.moving:
        assert [t for t, _ in topic.sides] == [t.id for t in site_data.tools]
        for _, side in topic.sides:
            assert side.points and all(c.sources for c in side.points)
    for t in site_data.tools:
        assert site_data.concepts_from(t.id), t.id
