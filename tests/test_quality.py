"""Quality gates over the built site: links, accessibility, redirects, determinism, Zensical."""
from __future__ import annotations

import filecmp
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest

from conftest import ROOT, read_through, run_build
from datafix import copy_project
from macros.sitecheck import is_redirect, pages, parse
from publicurls import read_public_urls

PAGES = [u for u in read_public_urls(ROOT / "tests" / "public_urls.txt") if u.endswith("/")]   # pages, not files


def axe_violations(page) -> list[str]:
    """axe-core's violations, one readable line per rule and element."""
    from axe_playwright_python.sync_playwright import Axe

    return [f"{v['id']}: {v['help']}: {node['target']}: {node.get('failureSummary', '')[:200]}"
            for v in Axe().run(page).response["violations"] for node in v["nodes"]]


def _target(site: Path, page: Path, href: str) -> tuple[Path, str] | None:
    """The file and anchor an internal link points to; None for external links."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or href.startswith(("mailto:", "javascript:")):
        return None
    base = "/" + page.relative_to(site).as_posix()
    resolved = urlsplit(urljoin(base, href))
    path = unquote(resolved.path)
    file = site / path.lstrip("/")
    if path.endswith("/") or file.is_dir():
        file = file / "index.html"
    return file, unquote(resolved.fragment)


def test_every_internal_link_and_anchor_resolves(site_dir):
    broken = []
    ids_cache: dict[Path, set[str]] = {}
    for page in pages(site_dir):
        for href in parse(page).links:
            target = _target(site_dir, page, href)
            if target is None:
                continue
            file, anchor = target
            where = f"{page.relative_to(site_dir)} -> {href}"
            if not file.is_file():
                broken.append(f"{where}: no such page")
                continue
            if anchor and file.suffix == ".html":
                ids = ids_cache.setdefault(file, set(parse(file).ids))
                if anchor not in ids:
                    broken.append(f"{where}: no anchor #{anchor}")
    assert broken == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("url", PAGES)
def test_no_accessibility_violations(new_page, scheme, url):
    page = new_page(color_scheme=scheme)
    _assert_axe_clean(page, url, scheme)


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("url", ["/comparison/", "/how-to-choose/", "/contributing/", "/cost/", "/examples/"])
def test_no_accessibility_violations_in_phone_layout(new_page, scheme, url):
    """The tables become cards on phones: that layout must be as accessible. On a touch
    screen Material leaves a code block that scrolls sideways unfocusable; the site makes
    it focusable for a phone with a keyboard (docs/js/code-blocks.js)."""
    page = new_page(color_scheme=scheme, viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    _assert_axe_clean(page, url, scheme)


def _assert_axe_clean(page, url, scheme):
    page.goto(url)
    page.wait_for_load_state("networkidle")
    expected = "slate" if scheme == "dark" else "default"
    assert page.locator("body").get_attribute("data-md-color-scheme") == expected
    # Long tables and the examples' code are laid out only when they near the screen
    # (content-visibility: auto), and Material sets a code block up (copy button, focus
    # when it scrolls sideways) when it first comes into view (content.lazy). axe scrolls
    # to an element and measures in the same task, before the browser has laid out what
    # just came near, so it would read stale boxes (a code block "behind" the next pair's
    # tab label): read through the page first, as a reader does.
    read_through(page)
    # Every block the reader has passed that scrolls sideways can be reached by keyboard.
    page.wait_for_function("[...document.querySelectorAll('pre > code')].filter(c => c.checkVisibility())"
                           ".every(c => c.scrollWidth <= c.clientWidth || c.hasAttribute('tabindex'))")
    violations = axe_violations(page)
    assert violations == [], "\n".join(violations)


# A result with every kind of row: a hosted-only cell, what a hosted product adds, a dedicated feature.
GUIDE_RESULT = ("/decision-guide/?hosting=undecided&requirements=own-logins,lineage,human-approval&team-size=several-teams"
                "&on-call=authors&main-job=keep-runs-healthy&failure-focus=affected-data")


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_accessibility_violations_in_a_guide_result(new_page, scheme):
    page = new_page(color_scheme=scheme)
    page.goto(GUIDE_RESULT)
    page.locator(".guide-result").wait_for()
    violations = axe_violations(page)
    assert violations == [], "\n".join(violations)


def _redirects() -> dict[str, str]:
    import yaml

    doc = yaml.safe_load((ROOT / "data" / "redirects.yml").read_text(encoding="utf-8"))
    return {r["from"]: r["to"] for r in doc["redirects"]}


@pytest.mark.parametrize("old_url,new_url", sorted(_redirects().items()))
def test_redirected_urls_land_on_their_new_page(page, old_url, new_url):
    page.goto(old_url + "#pace-of-growth" if new_url == "/comparison/" else old_url)
    page.wait_for_url(f"**{new_url}*")
    if new_url == "/comparison/":
        assert page.url.endswith("#pace-of-growth")   # the anchor survives the redirect


def test_every_redirect_is_a_public_url_and_its_stub_behaves_as_before(site_dir):
    """The stubs are the ones mkdocs-redirects wrote: a meta refresh, a canonical link and
    a script that carries the #anchor, all pointing at the new page relative to the old."""
    public = set(read_public_urls(ROOT / "tests" / "public_urls.txt"))
    for old_url, new_url in _redirects().items():
        assert old_url in public, f"{old_url}: list the old URL in tests/public_urls.txt"
        stub = (site_dir / old_url.strip("/") / "index.html").read_text(encoding="utf-8")
        rel = "../" * old_url.strip("/").count("/") + "../" + new_url.lstrip("/")
        assert f'<meta http-equiv="refresh" content="0; url={rel}">' in stub
        assert f'<link rel="canonical" href="{rel}">' in stub
        assert f'location.href="{rel}"+(anchor?"#"+anchor:"")' in stub


def test_two_builds_give_identical_html(tmp_path, site_dir):
    again = tmp_path / "again"
    result = run_build(again)
    assert result.returncode == 0, result.stderr
    first = sorted(p.relative_to(site_dir) for p in site_dir.rglob("*") if p.is_file() and p.suffix in (".html", ".json", ".css", ".js"))
    second = sorted(p.relative_to(again) for p in again.rglob("*") if p.is_file() and p.suffix in (".html", ".json", ".css", ".js"))
    assert first == second
    _, mismatch, errors = filecmp.cmpfiles(site_dir, again, [str(p) for p in first], shallow=False)
    assert mismatch == [] and errors == []


@pytest.fixture(scope="module")
def zensical_site(tmp_path_factory) -> Path:
    """The site built the Zensical way (`make build-zensical`): `zensical build`, then the
    shared post-build step as a command, in a copy of the project (a cold preview cache)."""
    project = copy_project(tmp_path_factory.mktemp("zensical"))
    zensical = [sys.executable, "-m", "zensical", "build", "--clean"]
    result = subprocess.run(zensical, cwd=project, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    step = [sys.executable, "-m", "macros", "postbuild", "site"]
    result = subprocess.run(step, cwd=project, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    return project / "site"


def test_zensical_builds_the_same_config_with_tables_and_guide(zensical_site, site_data):
    """Material for MkDocs reaches end of life on 2027-05-05; Zensical reads the same mkdocs.yml."""
    site = zensical_site
    ids = parse(site / "comparison" / "index.html").ids
    for c in site_data.criteria:
        assert c.id in ids, c.id
    guide_page = (site / "decision-guide" / "index.html").read_text(encoding="utf-8")
    assert 'data-guide="' in guide_page and 'class="guide-tree"' in guide_page
    how = parse(site / "how-to-choose" / "index.html").ids
    for f in site_data.factors:
        assert f.id in how
    examples = (site / "examples" / "index.html").read_text(encoding="utf-8")
    assert examples.count('class="tabbed-set') == len(site_data.examples)
    assert parse(site / "comparison" / "index.html").meta["og:title"] == "Comparison - Dagster or Prefect?"


def _own_files(site: Path) -> dict[str, bytes]:
    """What this project writes beside the theme's output: exports, preview images,
    redirect stubs and its own JS/CSS (the theme's assets and search index differ by design)."""
    from macros import postbuild

    out = {path: (site / path.lstrip("/")).read_bytes() for path in postbuild.EXPORTS}
    out.update({p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("social.png")})
    out.update({p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("index.html") if is_redirect(p)})
    for folder, suffix in postbuild.OWN_ASSETS.items():
        out.update({p.relative_to(site).as_posix(): p.read_bytes() for p in (site / folder).glob(f"*{suffix}")})
    return out


def test_mkdocs_and_zensical_builds_give_the_same_site(site_dir, zensical_site, site_data):
    """Same page URLs; exports, preview images, redirect stubs and own assets byte for byte."""
    urls_of = lambda site: sorted(p.relative_to(site).as_posix() for p in pages(site))   # noqa: E731
    assert urls_of(zensical_site) == urls_of(site_dir)
    mkdocs_files, zensical_files = _own_files(site_dir), _own_files(zensical_site)
    assert sorted(zensical_files) == sorted(mkdocs_files)
    assert len([k for k in mkdocs_files if k.endswith("social.png")]) == len(pages(site_dir))
    assert len([k for k in mkdocs_files if k.endswith("index.html")]) == len(site_data.redirects) > 0
    different = [k for k in mkdocs_files if mkdocs_files[k] != zensical_files[k]]
    assert different == []


# The theme marks its drawer and search toggles (checkboxes) autocomplete="off" so
# that Firefox does not restore them open on reload; the checker allows the
# attribute only on text-like inputs. That one message, on those two inputs, is
# Material's choice and is filtered; anything else fails.
KNOWN_THEME_MESSAGE = "Attribute “autocomplete” is only allowed when the input type is"


def test_nu_html_checker_finds_no_errors(site_dir):
    jar = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
    if not jar.is_file() or not shutil.which("java"):
        pytest.fail("the Nu HTML Checker needs `make setup` (npm ci installs vnu-jar) and Java 17 (`java` on PATH)")
    result = subprocess.run(["java", "-jar", str(jar), "--errors-only", "--format", "json", "--skip-non-html",
                             str(site_dir)], capture_output=True, text=True, timeout=300)
    messages = json.loads(result.stderr or result.stdout)["messages"]
    known = [m for m in messages if m["message"].startswith(KNOWN_THEME_MESSAGE) and 'class="md-toggle"' in m.get("extract", "")]
    errors = [f"{m['url'].rsplit('/site', 1)[-1]}:{m.get('lastLine')}: {m['message']}" for m in messages if m not in known]
    assert errors == []
    assert len(known) <= 2 * len(pages(site_dir)) + 2   # two toggles per page, 404 included
