"""Whole HTML blocks from the renderers pass through Markdown unparsed (macros/rawhtml.py):
the pages are the same as when Markdown parsed them, and the Markdown around them is read."""
from __future__ import annotations

import re
from html.parser import HTMLParser

import markdown
import pytest

from conftest import run_build
from datafix import copy_project
from macros import rawhtml
from macros.sitecheck import pages

EXTENSIONS = ["md_in_html", "attr_list", "toc", "macros.rawhtml"]


def convert(text: str) -> str:
    return markdown.Markdown(extensions=EXTENSIONS).convert(text)


def test_a_marked_block_comes_out_as_written_and_the_markdown_around_it_is_read():
    table = '<table class="t" id="row-table"><tr><td>*not emphasis* [not](a-link)</td></tr></table>'
    text = f"# Title\n\nBefore *this*.\n{rawhtml.block(table)}\nAfter *that*.\n"
    html = convert(text)
    assert table in html
    assert "<em>this</em>" in html and "<em>that</em>" in html
    assert "raw-html" not in html


def test_a_marked_block_inside_a_markdown_section_keeps_the_sections_heading_in_the_contents():
    md = markdown.Markdown(extensions=EXTENSIONS)
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


def test_pages_are_the_same_as_when_markdown_parsed_the_html(tmp_path, site_dir):
    """Built again without the extension, Markdown parses every marked block itself (the
    markers stay, as HTML comments): each page must read the same. A renderer that marks
    something Markdown would have changed (Markdown inside, an inline start) fails here."""
    project = copy_project(tmp_path)
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "\n  - macros.rawhtml\n" in text
    config.write_text(text.replace("\n  - macros.rawhtml\n", "\n"), encoding="utf-8")
    unmarked = tmp_path / "unmarked"
    result = run_build(unmarked, cwd=project)
    assert result.returncode == 0, result.stdout + result.stderr
    built = sorted(p.relative_to(site_dir) for p in pages(site_dir))
    assert built == sorted(p.relative_to(unmarked) for p in pages(unmarked))
    assert "raw-html" in (unmarked / "comparison" / "index.html").read_text(encoding="utf-8")   # it was marked
    different = [str(p) for p in built if canonical(site_dir / p) != canonical(unmarked / p)]
    assert different == []
