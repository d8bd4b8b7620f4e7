"""Whole HTML blocks from the renderers pass through Markdown unparsed (macros/rawhtml.py):
the pages are the same as when Markdown parsed them, and the Markdown around them is read."""
from __future__ import annotations

import os
import re
import subprocess
import sys
from html.parser import HTMLParser

import markdown
import pytest

from conftest import QUIET
from datafix import copy_project
from macros import rawhtml
from macros.sitecheck import pages



@pytest.fixture(autouse=True)
def marking(monkeypatch):
    """As in an MkDocs build (define_env calls rawhtml.use)."""
    monkeypatch.setattr(rawhtml, "MARKING", True)


def markdown_with_it() -> markdown.Markdown:
    return markdown.Markdown(extensions=["md_in_html", "attr_list", "toc", rawhtml.RawHtmlExtension()])


def convert(text: str) -> str:
    return markdown_with_it().convert(text)


def test_a_marked_block_comes_out_as_written_and_the_markdown_around_it_is_read():
    table = '<table class="t" id="row-table"><tr><td>*not emphasis* [not](a-link)</td></tr></table>'
    text = f"# Title\n\nBefore *this*.\n{rawhtml.block(table)}\nAfter *that*.\n"
    html = convert(text)
    assert table in html
    assert "<em>this</em>" in html and "<em>that</em>" in html
    assert "raw-html" not in html


def test_a_marked_block_inside_a_markdown_section_keeps_the_sections_heading_in_the_contents():
    md = markdown_with_it()
    text = ('<section class="g" markdown>\n\n## Group { #group }\n\n'
            f'{rawhtml.block("<p class=q>Question</p>")}\n\n</section>\n')
    html = md.convert(text)
    assert re.search(r'<section class="g">\s*<h2 id="group">Group</h2>\s*<p class=q>Question</p>\s*</section>', html), html
    assert [t["id"] for t in md.toc_tokens] == ["group"]


def test_an_unclosed_marker_is_a_renderer_bug_named_as_such():
    with pytest.raises(ValueError, match="has no '<!-- /raw-html -->'"):
        convert(f"{rawhtml.OPEN}\n<p>left open</p>\n")


class _Canonical(HTMLParser):
    """A page as the browser reads it: tags with their attributes in order, text with its
    whitespace collapsed, comments dropped."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.items: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.items.append(f"<{tag} {sorted((k, v or '') for k, v in attrs)}>")

    handle_startendtag = handle_starttag

    def handle_endtag(self, tag):
        self.items.append(f"</{tag}>")

    def handle_data(self, data):
        if data.strip():
            self.items.append(" ".join(data.split()))


def canonical(path) -> list[str]:
    parser = _Canonical()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser.items


def test_only_an_mkdocs_build_marks_blocks(monkeypatch):
    """Zensical runs the macros inside its own Markdown pass, too late to add the extension:
    there the HTML is left unmarked for Markdown to parse, as before."""
    from mkdocs.config.defaults import MkDocsConfig

    config = MkDocsConfig()
    config.markdown_extensions = ["toc"]
    rawhtml.use(config)
    rawhtml.use(config)   # serve builds again with a fresh configuration; never twice in one
    assert [type(e) for e in config.markdown_extensions[1:]] == [rawhtml.RawHtmlExtension]
    assert rawhtml.block("<p>x</p>") == f"{rawhtml.OPEN}\n<p>x</p>\n{rawhtml.CLOSE}"
    rawhtml.use({"markdown_extensions": ["toc"]})   # Zensical's configuration is a plain dict
    assert rawhtml.block("<p>x</p>") == "<p>x</p>"


# The same build, with the extension's preprocessor dropping the markers instead: Markdown
# then finds and parses every marked block itself.
UNMARKED_BUILD = """import sys
from macros import rawhtml
rawhtml.RawHtmlBlocks.run = lambda self, lines: [l for l in lines if l.strip() not in (rawhtml.OPEN, rawhtml.CLOSE)]
from mkdocs.__main__ import cli
sys.argv = ["mkdocs", "build", "--strict", "--site-dir", sys.argv[1]]
cli()
"""


def test_pages_are_the_same_as_when_markdown_parsed_the_html(tmp_path, site_dir):
    """Every page must read the same as when Markdown parsed the marked HTML itself. A
    renderer that marks something Markdown would have changed (Markdown inside, a piece
    that starts inline) fails here."""
    project = copy_project(tmp_path)
    unmarked = tmp_path / "unmarked"
    result = subprocess.run([sys.executable, "-c", UNMARKED_BUILD, str(unmarked)], cwd=project,
                            capture_output=True, text=True, timeout=300, env={**os.environ, **QUIET})
    assert result.returncode == 0, result.stdout + result.stderr
    built = sorted(p.relative_to(site_dir) for p in pages(site_dir))
    assert built == sorted(p.relative_to(unmarked) for p in pages(unmarked))
    marked = (site_dir / "comparison" / "index.html").read_text(encoding="utf-8")
    assert "raw-html" not in marked and "raw-html" not in (unmarked / "comparison" / "index.html").read_text(encoding="utf-8")
    different = [str(p) for p in built if canonical(site_dir / p) != canonical(unmarked / p)]
    assert different == []
