"""Sources judged as a browser reads them (macros/load/sources.py): each case is a URL
someone might write, with the verdict the rule must reach."""
from __future__ import annotations

import pytest
import yaml

from conftest import ROOT
from datafix import copy_data, edit, line_of, problems
from macros.load.sources import judge, prefix

OFFICIAL = ("https://docs.dagster.io/", "https://github.com/dagster-io/", "https://dagster.io/pricing")

OK = None
# (what a contributor wrote, what the verdict must say: None = accepted, else a phrase of the problem)
CASES = [
    ("https://docs.dagster.io/guides/automate", OK),
    ("https://docs.dagster.io/guides/automate#schedules", OK),                 # fragment
    ("https://docs.dagster.io/guides/automate?tab=python#x", OK),             # query and fragment
    ("https://github.com/dagster-io/dagster/blob/1.13.27/LICENSE", OK),
    ("https://dagster.io/pricing", OK),
    ("https://dagster.io/pricing#faq", OK),
    ("https://dagster.io/pricing/", OK),
    # scheme
    ("http://docs.dagster.io/guides", "uses http:, not https:"),
    ("ftp://docs.dagster.io/guides", "uses ftp:, not https:"),
    ("javascript:alert(1)", "uses javascript:, not https:"),
    ("https:docs.dagster.io/guides", "write 'https://docs.dagster.io/guides'"),  # a browser fills in //
    # credentials and @ tricks
    ("https://user:secret@docs.dagster.io/guides", "carries a user name or password"),
    ("https://docs.dagster.io@evil.example/guides", "carries a user name or password"),
    ("https://evil.example/@docs.dagster.io/guides", "is on evil.example"),
    ("https://evil.example#@docs.dagster.io/", "is on evil.example"),
    ("https://evil.example\\@docs.dagster.io/", "is on evil.example"),        # \ is / in an https URL
    ("https://docs.dagster.io%40evil.example/", "is not a URL a browser can open"),
    # ports
    ("https://docs.dagster.io:8443/guides", "names port 8443"),
    ("https://docs.dagster.io:443/guides", "write 'https://docs.dagster.io/guides'"),  # the default port: same page
    # backslashes
    ("https://docs.dagster.io\\guides\\automate", "write 'https://docs.dagster.io/guides/automate'"),
    # dot segments, plain and percent-encoded
    ("https://docs.dagster.io/guides/../guides/automate", "write 'https://docs.dagster.io/guides/automate'"),
    ("https://github.com/dagster-io/../evil-org/repo", "opens github.com/evil-org/repo, outside the official"),
    ("https://github.com/dagster-io/%2e%2e/evil-org/repo", "opens github.com/evil-org/repo, outside the official"),
    ("https://github.com/dagster-io/%2E%2e/evil-org/repo", "opens github.com/evil-org/repo, outside the official"),
    ("https://dagster.io/pricing/../blog/post", "opens dagster.io/blog/post, outside the official"),
    ("https://github.com/dagster-io%2f..%2fevil-org/repo", "hides an encoded '/'"),
    # host spelling
    ("https://DOCS.Dagster.IO/guides", "write 'https://docs.dagster.io/guides'"),
    ("https://docs.dagster.io./guides", "trailing dot"),
    ("https://ｄocs.dagster.io/guides", "write 'https://docs.dagster.io/guides'"),   # full-width d maps to d
    ("https://dоcs.dagster.io/guides", "is on xn--dcs-sed.dagster.io"),             # Cyrillic о: another host
    ("https://dagster.io.evil.example/pricing", "is on dagster.io.evil.example"),
    ("https://0x7f.1/", "is on 127.0.0.1"),
    # paths matched on whole segments
    ("https://dagster.io/pricing-old", "opens dagster.io/pricing-old, outside the official"),
    ("https://github.com/dagster-io-evil/dagster", "opens github.com/dagster-io-evil/dagster, outside"),
    ("https://dagster.io/", "opens dagster.io/, outside the official"),
    ("https://dagster.io/blog/some-post", "opens dagster.io/blog/some-post, outside the official"),
    ("https://dagster.io/vs/dagster-vs-prefect", "opens dagster.io/vs/dagster-vs-prefect, outside"),
    # text that is not a URL
    ("docs.dagster.io/guides", "is not a URL a browser can open"),
    ("https://docs.dagster.io/a b", "write 'https://docs.dagster.io/a%20b'"),
]


@pytest.mark.parametrize("url,verdict", CASES)
def test_a_source_is_judged_where_a_browser_would_open_it(url, verdict):
    found = judge(url, OFFICIAL, "Dagster")
    if verdict is None:
        assert found is None, found
    else:
        assert found is not None and verdict in found, found


@pytest.mark.parametrize("text,verdict", [
    ("https://docs.dagster.io/", OK),
    ("https://dagster.io/pricing", OK),
    ("http://docs.dagster.io/", "uses http:"),
    ("https://Docs.Dagster.io/", "write 'https://docs.dagster.io/'"),
    ("https://docs.dagster.io", "write 'https://docs.dagster.io/'"),
    ("https://docs.dagster.io/?x=1", "has a query or a fragment"),
    ("https://u@docs.dagster.io/", "carries a user name"),
])
def test_an_official_prefix_must_itself_be_a_plain_https_prefix(text, verdict):
    problem = prefix(text)[1]
    assert problem is None if verdict is None else (problem and verdict in problem), problem


def _official(tool_id: str) -> tuple[str, ...]:
    tools = yaml.safe_load((ROOT / "data" / "tools.yml").read_text(encoding="utf-8"))["tools"]
    return tuple(next(t for t in tools if t["id"] == tool_id)["official_sources"])


@pytest.mark.parametrize("tool_id,url,accepted", [
    ("dagster", "https://docs.dagster.io/guides/build/assets", True),
    ("dagster", "https://github.com/dagster-io/dagster/releases", True),
    ("dagster", "https://dagster.io/pricing", True),
    ("dagster", "https://dagster.io/security", True),
    ("dagster", "https://dagster.io/blog/open-core-business-model-dagster", False),
    ("dagster", "https://dagster.io/vs/dagster-vs-prefect", False),
    ("dagster", "https://docs.prefect.io/v3/concepts/flows", False),
    ("prefect", "https://docs.prefect.io/v3/concepts/flows", False),   # the old docs host: sources use the new home
    ("prefect", "https://www.prefect.io/docs/v3/concepts/flows", True),
    ("prefect", "https://github.com/PrefectHQ/prefect/blob/3.9.1/LICENSE", True),
    ("prefect", "https://www.prefect.io/pricing", True),
    ("prefect", "https://www.prefect.io/security", True),
    ("prefect", "https://www.prefect.io/blog/some-post", False),
    ("prefect", "https://www.prefect.io/compare/dagster", False),
    ("prefect", "https://www.prefect.io/", False),
])
def test_the_real_allow_lists_take_docs_repositories_pricing_and_security_not_blogs_or_comparisons(tool_id, url, accepted):
    assert (judge(url, _official(tool_id), tool_id) is None) == accepted


def test_a_source_problem_is_located_and_says_what_is_expected(tmp_path):
    d = copy_data(tmp_path)
    edit(d, "criteria.yml", "- https://docs.beta.example.org/retries", "- https://docs.beta.example.org:8080/retries")
    line = line_of(d, "criteria.yml", "docs.beta.example.org:8080")
    assert problems(d) == [f"data/criteria.yml:{line}: criteria[1].tools.beta.sources[0]: "
                           "'https://docs.beta.example.org:8080/retries' names port 8080; "
                           "sources use the default https port (write no :port)"]


def test_a_bad_prefix_in_tools_yml_is_located(tmp_path):
    d = copy_data(tmp_path)
    edit(d, "tools.yml", "- https://github.com/beta-org/", "- http://github.com/beta-org/")
    line = line_of(d, "tools.yml", "http://github.com/beta-org/")
    assert f"data/tools.yml:{line}: tools[1].official_sources[1]: 'http://github.com/beta-org/' uses http:, not https:; " \
           "sources must be https URLs" in problems(d)
