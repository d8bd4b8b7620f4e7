"""data/: every kind of bad input gets one located, readable line; good data loads."""
from __future__ import annotations

import os
import subprocess
import sys

import pytest

from conftest import ROOT, run_build
from datafix import copy_data, copy_project, edit, line_of, problems
from htmlsite import FACTOR_ANCHORS
from macros.data import load


def test_real_data_is_valid_and_complete():
    data = load(ROOT / "data")
    assert len(data.criteria) >= 12
    assert [f.id for f in data.factors] == FACTOR_ANCHORS
    for f in data.factors:
        assert len(data.criteria_for(f.id)) >= 2, f.id
    for c in data.criteria:
        assert [t for t, _ in c.entries] == [t.id for t in data.tools]
        for _, e in c.entries:
            assert e.sources and all(u.startswith(("https://", "http://")) for u in e.sources)


def test_every_yaml_file_declares_its_schema():
    for path in sorted((ROOT / "data").glob("*.yml")):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        schema = first.removeprefix("# yaml-language-server: $schema=")
        assert schema != first, f"{path.name} must start with a yaml-language-server $schema line"
        assert (path.parent / schema).is_file(), f"{path.name} names a missing schema {schema}"


def test_bad_url(tmp_path):
    d = copy_data(tmp_path)
    edit(d, "criteria.yml", "- https://docs.prefect.io/v3/concepts/tasks", "- htp://x")
    line = line_of(d, "criteria.yml", "htp://x")
    assert problems(d) == [f"data/criteria.yml:{line}: criteria[0].tools.prefect.sources[1]: 'htp://x' is not an http(s) URL"]


def test_missing_required_key(tmp_path):
    d = copy_data(tmp_path)
    edit(d, "criteria.yml", "    why: The unit a tool asks you to think in shapes every pipeline your team writes and reviews.\n", "")
    line = line_of(d, "criteria.yml", "- id: modelling-unit")
    assert problems(d) == [f"data/criteria.yml:{line}: criteria[0]: missing required key 'why'"]


def test_unknown_key(tmp_path):
    d = copy_data(tmp_path)
    edit(d, "tools.yml", "    version: \"3.9\"\n", "    version: \"3.9\"\n    verison: \"3.9\"\n")
    line = line_of(d, "tools.yml", "verison:")
    [message] = problems(d)
    assert message.startswith(f"data/tools.yml:{line}: tools[1].verison: unknown key 'verison' (allowed: ")


def test_wrong_type(tmp_path):
    d = copy_data(tmp_path)
    edit(d, "factors.yml", "  - id: pace-of-growth\n    title: Pace of growth", "  - id: pace-of-growth\n    title: [Pace, growth]")
    line = line_of(d, "factors.yml", "title: [Pace")
    assert problems(d) == [f"data/factors.yml:{line}: factors[4].title: expected text, found a list ['Pace', 'growth']"]


def test_bad_date(tmp_path):
    d = copy_data(tmp_path)
    edit(d, "criteria.yml", "reviewed: 2026-11-24", "reviewed: 2026-13-45")
    line = line_of(d, "criteria.yml", "2026-13-45")
    assert problems(d) == [f"data/criteria.yml:{line}: criteria[0].tools.dagster.reviewed: '2026-13-45' is not a date written YYYY-MM-DD"]


def test_blank_text(tmp_path):
    d = copy_data(tmp_path)
    edit(d, "criteria.yml", "cell: Declared data assets", "cell: '   '")
    line = line_of(d, "criteria.yml", "cell: '   '")
    assert problems(d) == [f"data/criteria.yml:{line}: criteria[0].tools.dagster.cell: '   ' is not non-empty text"]


def test_ranking_words_are_rejected(tmp_path):
    d = copy_data(tmp_path)
    edit(d, "criteria.yml", "cell: Declared data assets", "cell: The best data assets")
    line = line_of(d, "criteria.yml", "The best data assets")
    [message] = problems(d)
    assert message.startswith(f"data/criteria.yml:{line}: criteria[0].tools.dagster.cell: 'The best data assets' breaks the rule: neutral wording")


def test_unknown_factor(tmp_path):
    d = copy_data(tmp_path)
    edit(d, "criteria.yml", "factor: workflow-design", "factor: workflow-desing")
    line = line_of(d, "criteria.yml", "workflow-desing")
    [message] = problems(d)
    assert message.startswith(f"data/criteria.yml:{line}: criteria[0].factor: 'workflow-desing' is not a factor id (known: workflow-design, ")


def test_missing_tool_entry_and_unknown_tool(tmp_path):
    d = copy_data(tmp_path)
    edit(d, "criteria.yml", "      prefect:\n        cell: Decorated Python functions", "      prefekt:\n        cell: Decorated Python functions")
    tools_line = line_of(d, "criteria.yml", "    tools:")
    key_line = line_of(d, "criteria.yml", "prefekt:")
    assert problems(d) == [
        f"data/criteria.yml:{tools_line + 1}: criteria[0].tools: missing an entry for tool 'prefect'; every tool needs one in every criterion",
        f"data/criteria.yml:{key_line}: criteria[0].tools.prefekt: 'prefekt' is not a tool id (known: dagster, prefect)",
    ]


def test_duplicate_id(tmp_path):
    d = copy_data(tmp_path)
    edit(d, "criteria.yml", "- id: project-structure", "- id: modelling-unit")
    line = line_of(d, "criteria.yml", "- id: modelling-unit", nth=2)
    found = problems(d)
    assert f"data/criteria.yml:{line}: criteria[1].id: id 'modelling-unit' is already used by criteria[0]; ids must be unique" in found
    # The guide named the old id, so it is reported too: renaming an id breaks its users.
    assert any("'project-structure' is not a criterion id" in p for p in found)


def test_factor_without_criteria(tmp_path):
    d = copy_data(tmp_path)
    edit(d, "factors.yml", "factors:\n", "factors:\n  - id: budget\n    title: Budget\n    question: What can you spend?\n")
    line = line_of(d, "factors.yml", "- id: budget")
    assert f"data/factors.yml:{line}: factors[0]: factor 'budget' has no criteria; add at least one in criteria.yml" in problems(d)


def test_yaml_syntax_error(tmp_path):
    d = copy_data(tmp_path)
    edit(d, "factors.yml", "    title: Team structure", "    title: [Team structure")
    [message] = problems(d)
    assert message.startswith("data/factors.yml:")
    assert "YAML syntax error" in message


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
    edit(d, "tools.yml", "    name: Prefect", "\tname: Prefect")
    line = line_of(d, "tools.yml", "\tname: Prefect")
    assert problems(d) == [f"data/tools.yml:{line}: tab character in indentation; YAML must be indented with spaces"]


def test_duplicate_key(tmp_path):
    d = copy_data(tmp_path)
    edit(d, "tools.yml", "    name: Prefect\n", "    name: Prefect\n    name: Prefect 3\n")
    first = line_of(d, "tools.yml", "name: Prefect")
    assert problems(d) == [f"data/tools.yml:{first + 1}: tools[1].name: duplicate key 'name' (first defined on line {first})"]


def test_non_utf8_bytes(tmp_path):
    d = copy_data(tmp_path)
    path = d / "factors.yml"
    line = line_of(d, "factors.yml", "title: Product goals")
    path.write_bytes(path.read_bytes().replace(b"title: Product goals", b"title: Product go\xe9ls"))
    assert problems(d) == [f"data/factors.yml:{line}: byte 0xe9 is not valid UTF-8; save the file as UTF-8"]


def test_alias_bomb_is_refused(tmp_path):
    d = copy_data(tmp_path)
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
    (d / "tools.yml").write_text(bomb, encoding="utf-8")
    found = problems(d)
    assert "data/tools.yml:1: YAML anchors and aliases (&name, *name) are not allowed; write the value out" in found
    assert all(p.startswith("data/tools.yml:") for p in found if "tools.yml" in p)


def test_several_problems_are_reported_at_once(tmp_path):
    d = copy_data(tmp_path)
    edit(d, "criteria.yml", "- https://docs.prefect.io/v3/concepts/tasks", "- htp://x")
    edit(d, "criteria.yml", "factor: team-structure", "factor: teams")
    edit(d, "tools.yml", "    license: Apache-2.0\n", "", count=1)
    found = problems(d)
    assert len(found) == 3
    assert [p.split(":")[0] for p in found] == ["data/criteria.yml", "data/criteria.yml", "data/tools.yml"]


def _check(data_dir, **env):
    return subprocess.run([sys.executable, "-m", "macros", "check", str(data_dir)], cwd=ROOT,
                          env={**os.environ, **env}, capture_output=True, text=True)


def test_check_command_reports_and_fails(tmp_path):
    d = copy_data(tmp_path)
    edit(d, "criteria.yml", "- https://docs.prefect.io/v3/concepts/tasks", "- htp://x")
    line = line_of(d, "criteria.yml", "htp://x")
    result = _check(d, GITHUB_ACTIONS="false")
    assert result.returncode == 1
    assert f"data/criteria.yml:{line}: criteria[0].tools.prefect.sources[1]: 'htp://x' is not an http(s) URL" in result.stderr
    assert "Traceback" not in result.stderr and "::error" not in result.stdout


def test_check_command_annotates_pull_requests(tmp_path):
    d = copy_data(tmp_path)
    edit(d, "criteria.yml", "- https://docs.prefect.io/v3/concepts/tasks", "- htp://x")
    line = line_of(d, "criteria.yml", "htp://x")
    result = _check(d, GITHUB_ACTIONS="true")
    assert (f"::error file=data/criteria.yml,line={line}::criteria[0].tools.prefect.sources[1]: "
            f"'htp://x' is not an http(s) URL") in result.stdout.splitlines()


def test_check_command_passes_on_good_data():
    result = _check(ROOT / "data")
    assert result.returncode == 0, result.stderr
    assert "is valid" in result.stdout


@pytest.mark.parametrize("strict", [True, False])
def test_build_fails_cleanly_and_writes_nothing(tmp_path, strict):
    project = copy_project(tmp_path)
    d = project / "data"
    edit(d, "criteria.yml", "- https://docs.prefect.io/v3/concepts/tasks", "- htp://x")
    edit(d, "criteria.yml", "factor: team-structure", "factor: teams")
    site = tmp_path / "site"
    result = run_build(site, cwd=project, strict=strict)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert "criteria[0].tools.prefect.sources[1]: 'htp://x' is not an http(s) URL" in result.stderr
    assert "'teams' is not a factor id" in result.stderr
    assert not site.exists(), "a failed build must not leave a site behind"
