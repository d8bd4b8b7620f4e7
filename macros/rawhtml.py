"""HTML the renderers built whole goes through Markdown untouched, and unread.

Python-Markdown finds raw HTML in a page by running an HTML parser over all of its text
(md_in_html), which was a fifth of a rebuild: the tables, the guide and its result pages
are large, and all of it was parsed only to be passed through as it was. A renderer that
knows a piece of its output is a whole HTML block marks it (`block`, or the `raw_html`
filter in templates); this extension's preprocessor, which runs before that parser, hands
each marked piece to Markdown's store of raw HTML, leaving a placeholder that Markdown puts
the HTML back in place of at the end, the same way it does for what the parser finds.

Only complete block-level HTML may be marked: no Markdown inside it is read (there is none
in a raw HTML block anyway), and none of it reaches the table of contents. Both builds load
the extension from mkdocs.yml (MkDocs after its macros plugin has run, Zensical after its
macros preprocessor, priority 35), so both give the same page."""
from __future__ import annotations

from markdown import Extension
from markdown.preprocessors import Preprocessor
from markupsafe import Markup

# Lines no data can produce: every value reaching a page is escaped, so '<!--' never comes from data.
OPEN, CLOSE = "<!-- raw-html -->", "<!-- /raw-html -->"


def block(html: str) -> Markup:
    """Mark html, a complete block-level HTML fragment, to pass through Markdown unparsed."""
    return Markup(f"{OPEN}\n{html}\n{CLOSE}")


class RawHtmlBlocks(Preprocessor):
    """Each marked piece into Markdown's raw-HTML store, as a paragraph of its own."""

    def run(self, lines: list[str]) -> list[str]:
        out: list[str] = []
        piece: list[str] | None = None
        for line in lines:
            marker = line.strip()
            if piece is None:
                if marker == OPEN:
                    piece = []
                else:
                    out.append(line)
            elif marker == CLOSE:
                out += ["", self.md.htmlStash.store("\n".join(piece)), ""]
                piece = None
            else:
                piece.append(line)
        if piece is not None:   # a renderer's bug: say where, rather than lose the rest of the page
            raise ValueError(f"macros/rawhtml.py: a piece marked {OPEN!r} has no {CLOSE!r}: {piece[:1]}")
        return out


class RawHtmlExtension(Extension):
    def extendMarkdown(self, md):
        # After normalize_whitespace (30), which would strip the placeholders' control
        # characters, and after MkDocs's own pass (mkdocs_raw_html, 21), which reads the ids
        # in the page's HTML to check links to anchors; before the raw-HTML parser (html_block, 20).
        md.preprocessors.register(RawHtmlBlocks(md), "raw_html_blocks", 20.5)


def makeExtension(**kwargs):  # noqa: N802 - Python-Markdown's name
    return RawHtmlExtension(**kwargs)
