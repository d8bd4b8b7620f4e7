"""HTML the renderers built whole goes through Markdown untouched, and unread.

Python-Markdown finds raw HTML in a page by running an HTML parser over all of its text
(md_in_html), which was a fifth of a rebuild: the tables, the guide and its result pages
are large, and all of it was parsed only to be passed through as it was. A renderer that
knows a piece of its output is a whole HTML block marks it (`block`, or the `raw_html`
filter in templates); this extension's preprocessor, which runs before that parser, hands
each marked piece to Markdown's store of raw HTML, leaving a placeholder that Markdown puts
the HTML back in place of at the end, the same way it does for what the parser finds.

Only complete block-level HTML may be marked: no Markdown inside it is read (there is none
in a raw HTML block anyway), and none of it reaches the table of contents.

MkDocs gets the extension from `use`, which define_env calls with the build's configuration:
naming it in mkdocs.yml would make MkDocs import it while it reads that file, before anything
puts the project on the import path (`mkdocs serve` typed as is would fail). Zensical runs
the macros inside its own Markdown pass, where no extension can be added any more: there
nothing is marked, and Markdown parses the HTML as before."""
from __future__ import annotations

from markdown import Extension
from markdown.preprocessors import Preprocessor
from markupsafe import Markup

# Lines no data can produce: every value reaching a page is escaped, so '<!--' never comes from data.
OPEN, CLOSE = "<!-- raw-html -->", "<!-- /raw-html -->"


# Whether this build's Markdown has the extension (set by `use` at the start of each build).
MARKING = False


def use(config) -> None:
    """Add the extension to an MkDocs build's Markdown, and mark blocks for it from now on;
    any other configuration (Zensical's) leaves blocks unmarked."""
    global MARKING
    extensions = getattr(config, "markdown_extensions", None)
    MARKING = isinstance(extensions, list)
    if MARKING and not any(isinstance(e, RawHtmlExtension) for e in extensions):
        extensions.append(RawHtmlExtension())


def block(html: str) -> Markup:
    """Mark html, a complete block-level HTML fragment, to pass through Markdown unparsed."""
    html = str(html).strip()
    return Markup(f"{OPEN}\n{html}\n{CLOSE}" if MARKING else html)


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
