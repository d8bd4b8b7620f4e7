"""The shared post-build step (macros/postbuild.py) on its own: the export registry,
the preview cache, minified assets, and the rules of data/redirects.yml."""
from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from conftest import ROOT
from datafix import copy_data, problems
from macros import postbuild
from macros.render import social

SITE_URL = "https://example.org/docs/"
HEAD = ('<html><head><title>{title} - Site</title><meta name="description" content="{d}">'
        '<meta property="og:title" content="{title} - Site"><meta property="og:description" content="{d}">'
        '<meta property="og:image" content="' + SITE_URL + '{path}social.png"></head><body></body></html>')


def small_site(tmp_path, pages: dict[str, tuple[str, str]]):
    site = tmp_path / "site"
    for path, (title, description) in pages.items():
        folder = site / path
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "index.html").write_text(HEAD.format(title=title, d=description, path=path), encoding="utf-8")
    return site


def test_a_registered_export_is_written_at_its_path(tmp_path, small_data, monkeypatch):
    monkeypatch.setitem(postbuild.EXPORTS, "/extra/tools.txt",
                        lambda data, site_url: ",".join(t.id for t in data.tools) + " " + site_url)
    written = postbuild.write_exports(small_data, tmp_path, SITE_URL)
    assert (tmp_path / "extra" / "tools.txt").read_text() == ",".join(t.id for t in small_data.tools) + " " + SITE_URL
    assert {p.relative_to(tmp_path).as_posix() for p in written} >= {"comparison.json", "comparison.csv", "extra/tools.txt"}


def test_previews_come_from_the_meta_tags_and_a_warm_cache_skips_pillow(tmp_path, monkeypatch):
    site = small_site(tmp_path, {"": ("Home", "The start"), "a/": ("Page &amp; &quot;A&quot;", "About A")})
    cache = tmp_path / "cache"
    first = postbuild.write_previews(site, SITE_URL, "Site", cache)
    assert sorted(p.relative_to(site).as_posix() for p in first) == ["a/social.png", "social.png"]
    # The image shows the page's title unescaped and without the site-name suffix.
    assert (site / "a" / "social.png").read_bytes() == social.preview_png('Page & "A"', "About A", "Site", "example.org/docs")
    assert len(list(cache.glob("*.png"))) == 2

    drawn = []
    real = social.preview_png
    monkeypatch.setattr(social, "preview_png", lambda *a: drawn.append(a) or real(*a))
    before = {p: p.read_bytes() for p in first}
    postbuild.write_previews(site, SITE_URL, "Site", cache)
    assert drawn == []   # warm: nothing drawn, same bytes
    assert {p: p.read_bytes() for p in first} == before

    (site / "a" / "index.html").write_text(HEAD.format(title="Renamed", d="About A", path="a/"), encoding="utf-8")
    postbuild.write_previews(site, SITE_URL, "Site", cache)
    assert [a[0] for a in drawn] == ["Renamed"]   # only the changed page is drawn again


@pytest.mark.parametrize("change", ["title", "description", "site_name", "host", "stamp"])
def test_the_cache_key_changes_with_everything_the_image_shows(change):
    base = dict(title="T", description="D", site_name="S", host="h", stamp="v1")
    assert postbuild.preview_key(**base) != postbuild.preview_key(**{**base, change: base[change] + "x"})


def test_own_assets_are_minified_from_source_and_still_parse(tmp_path):
    site = tmp_path / "site"
    for folder in postbuild.OWN_ASSETS:
        (site / folder).mkdir(parents=True)
        for source in (ROOT / "docs" / folder).iterdir():
            (site / folder / source.name).write_bytes(source.read_bytes())
    written = postbuild.minify_assets(site, ROOT / "docs")
    assert written
    for folder, suffix in postbuild.OWN_ASSETS.items():   # smaller than the sources, bundled or not
        built = [p for p in written if p.suffix == suffix]
        sources = list((ROOT / "docs" / folder).glob(f"*{suffix}"))
        assert built and sum(len(p.read_bytes()) for p in built) < sum(len(p.read_bytes()) for p in sources), folder
    again = {p: p.read_bytes() for p in written}
    postbuild.minify_assets(site, ROOT / "docs")
    assert {p: p.read_bytes() for p in written} == again   # idempotent
    for path in written:
        if path.suffix == ".js":   # a module that Node can still parse
            module = path.with_suffix(".mjs")
            module.write_bytes(path.read_bytes())
            result = subprocess.run(["node", "--check", str(module)], capture_output=True, text=True)
            assert result.returncode == 0, f"{path.name}: {result.stderr}"


@pytest.mark.skipif(not postbuild.ESBUILD.is_file(), reason="esbuild comes from npm ci")
def test_esbuild_output_is_reused_until_a_source_changes(tmp_path, monkeypatch):
    docs = tmp_path / "docs"
    for folder in postbuild.OWN_ASSETS:
        (docs / folder).mkdir(parents=True)
        for source in (ROOT / "docs" / folder).iterdir():
            (docs / folder / source.name).write_bytes(source.read_bytes())

    def fresh_site():
        site = tmp_path / "site"
        shutil.rmtree(site, ignore_errors=True)
        shutil.copytree(docs, site)
        return site

    monkeypatch.setattr(postbuild, "ASSET_CACHE", tmp_path / "cache")
    started = []
    real_run = subprocess.run
    monkeypatch.setattr(postbuild.subprocess, "run", lambda *a, **k: started.append(a) or real_run(*a, **k))
    first = {p.name: p.read_bytes() for p in postbuild.minify_assets(fresh_site(), docs)}
    assert len(started) == 1 + len(list((docs / "stylesheets").glob("*.css")))   # the bundle, each stylesheet
    started.clear()
    assert {p.name: p.read_bytes() for p in postbuild.minify_assets(fresh_site(), docs)} == first
    assert started == []   # all copied from the cache
    module = docs / "js" / "copy.js"
    module.write_text(module.read_text(encoding="utf-8") + "\nglobalThis.edited = 'edited-marker';\n", encoding="utf-8")
    again = {p.name: p.read_bytes() for p in postbuild.minify_assets(fresh_site(), docs)}
    assert len(started) == 1 and b"edited-marker" in b"".join(again.values())


def test_a_redirect_must_leave_a_gone_page_for_an_existing_one(tmp_path):
    data_dir = copy_data(tmp_path)
    # The fixture's pages (tests/fixtures/docs) include comparison.md, not nowhere.md.
    (data_dir / "redirects.yml").write_text(
        "redirects:\n  - from: /comparison/\n    to: /nowhere/\n  - from: /old/\n    to: /comparison/\n"
        "  - from: /old/\n    to: /\n  - from: old\n    to: /\n", encoding="utf-8")
    found = problems(data_dir)
    assert "data/redirects.yml:2: redirects[0].from: '/comparison/' is a page in docs/; a redirect would replace it" in found
    assert "data/redirects.yml:3: redirects[0].to: '/nowhere/' is not a page of the site (no matching file in docs/)" in found
    assert "data/redirects.yml:6: redirects[2].from: '/old/' already redirects (redirects[1]); each old URL once" in found
    assert any(p.startswith("data/redirects.yml:8: redirects[3].from: 'old' is not a site path") for p in found), found


def test_the_postbuild_command_needs_a_built_site(tmp_path):
    result = subprocess.run([sys.executable, "-m", "macros", "postbuild", str(tmp_path)], cwd=ROOT,
                            capture_output=True, text=True)
    assert result.returncode == 2 and "no built site here" in result.stderr
