"""`make check` (python -m macros check) holds tools.yml to requirements-examples.txt for
every tool that has examples: its package is pinned exactly, and its version is the pin."""
from __future__ import annotations

import subprocess
import sys

from conftest import ROOT
from datafix import add_third_tool, copy_data, copy_project, edit, line_of, problems
from macros.load import load


def check(data_dir) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "macros", "check", str(data_dir)], cwd=ROOT,
                          capture_output=True, text=True, env={"PATH": "/usr/bin:/bin", "GITHUB_ACTIONS": "false"})


def test_make_check_names_a_package_without_an_exact_pin(tmp_path):
    d = copy_data(tmp_path)
    edit(d, "tools.yml", "package: beta", "package: beta-core")
    line = line_of(d, "tools.yml", "package: beta-core")
    result = check(d)
    assert result.returncode == 1
    assert (f"tools.yml:{line}: tools[1].package: 'beta-core' has no exact pin in requirements-examples.txt; "
            "the beta examples run against it: add a line 'beta-core==4.5.6' there") in result.stderr


def test_a_range_is_not_an_exact_pin(tmp_path):
    d = copy_data(tmp_path)
    (tmp_path / "requirements-examples.txt").write_text("alpha==1.2.3\nbeta>=4.5\n", encoding="utf-8")
    line = line_of(d, "tools.yml", "package: beta")
    assert problems(d) == [f"data/tools.yml:{line}: tools[1].package: 'beta' has no exact pin in requirements-examples.txt; "
                           "the beta examples run against it: add a line 'beta==4.5.6' there"]


def test_make_check_names_a_version_that_differs_from_the_pin(tmp_path):
    d = copy_data(tmp_path)
    edit(d, "tools.yml", 'version: "4.5.6"', 'version: "4.5.7"')
    line = line_of(d, "tools.yml", 'version: "4.5.7"')
    result = check(d)
    assert result.returncode == 1
    assert (f"tools.yml:{line}: tools[1].version: '4.5.7' differs from the pin beta==4.5.6 "
            "(requirements-examples.txt:3); the examples run against the pin, so write '4.5.6' "
            "or change the pin after reviewing the criteria") in result.stderr


def test_package_names_compare_as_the_index_does(tmp_path):
    d = copy_data(tmp_path)
    (tmp_path / "requirements-examples.txt").write_text("Alpha==1.2.3\nBETA==4.5.6\n", encoding="utf-8")
    load(d, today=__import__("datafix").TODAY)


def test_a_tool_without_examples_needs_no_pin(tmp_path):
    project = copy_project(tmp_path)
    add_third_tool(project / "data")   # apache-airflow: not pinned, and no examples
    data = load(project / "data")
    assert [t.id for t in data.tools][-1] == "airflow"
