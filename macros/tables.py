"""Pure renderers for the comparison tables: records in, HTML/Markdown out."""
from __future__ import annotations

from .data import Criterion, SiteData, Tool
from .html import esc, link


def _versions(data: SiteData) -> str:
    return ", ".join(f"{esc(t.name)} {esc(t.version)}" for t in data.tools)


def reviewed_note(data: SiteData) -> str:
    first, last = data.review_span()
    span = f"on {first}" if first == last else f"between {first} and {last}"
    return (f"Reflects {_versions(data)}; entries were checked against their sources "
            f'<time datetime="{esc(last)}">{esc(span)}</time>.')


def _head(data: SiteData, first: str) -> str:
    cols = "".join(
        f'<th scope="col" data-tool="{esc(t.id)}">{esc(t.name)} <span class="cmp-version">{esc(t.version)}</span></th>'
        for t in data.tools)
    return f'<thead><tr><th scope="col">{esc(first)}</th>{cols}</tr></thead>'


def _label(tool: Tool) -> str:
    """The tool's name inside its cell: shown when a row is laid out as a card on narrow screens."""
    return f'<span class="cmp-label">{esc(tool.name)}</span>'


def _details(tool: Tool, c: Criterion) -> str:
    e = c.entry(tool.id)
    sources = ", ".join(link(u) for u in e.sources)
    return (f'<details class="cmp-details"><summary>Notes and sources'
            f'<span class="visually-hidden"> for {esc(tool.name)}: {esc(c.title)}</span></summary>'
            f"<p>{esc(e.note)}</p>"
            f'<p class="cmp-sources">Sources: {sources}</p>'
            f'<p class="cmp-reviewed">Reviewed <time datetime="{esc(e.reviewed)}">{esc(e.reviewed)}</time></p>'
            f"</details>")


def _row(data: SiteData, c: Criterion) -> str:
    cid = esc(c.id)
    head = (f'<th scope="row"><span class="cmp-title">{esc(c.title)}</span> '
            f'<a class="cmp-rowlink" href="#{cid}" title="Link to this row" '
            f'aria-label="Link to this row: {esc(c.title)}">#</a>'
            f'<span class="cmp-why">{esc(c.why)}</span></th>')
    cells = "".join(
        f'<td data-tool="{esc(t.id)}">{_label(t)}<span class="cmp-cell">{esc(c.entry(t.id).cell)}</span>{_details(t, c)}</td>'
        for t in data.tools)
    return f'<tr id="{cid}" class="cmp-row">{head}{cells}</tr>'


def filters(data: SiteData) -> str:
    """Narrowing controls; hidden until the script that drives them runs."""
    factors = "".join(
        f'<label class="cmp-chip"><input type="checkbox" name="factor" value="{esc(f.id)}" checked> {esc(f.title)}</label>'
        for f in data.factors)
    out = (f'<form class="cmp-filters" data-cmp-filters hidden aria-label="Narrow the comparison">'
           f'<fieldset><legend>Factors</legend>{factors}</fieldset>')
    if len(data.tools) > 2:
        tools = "".join(
            f'<label class="cmp-chip"><input type="checkbox" name="tool" value="{esc(t.id)}" checked> {esc(t.name)}</label>'
            for t in data.tools)
        out += f"<fieldset><legend>Tools</legend>{tools}</fieldset>"
    out += ('<p class="cmp-filter-status" role="status" aria-live="polite"></p>'
            '<button type="button" data-cmp-reset>Show everything</button></form>')
    return out


def comparison(data: SiteData, root: str) -> str:
    """The full comparison: filters, then one group per factor (Markdown heading + HTML table)."""
    parts = [filters(data), f'<p class="cmp-reviewed-note">{reviewed_note(data)}</p>']
    for f in data.factors:
        rows = "".join(_row(data, c) for c in data.criteria_for(f.id))
        table = (f'<table class="cmp-table cmp-cards"><caption>{esc(f.title)}: {_versions(data)}</caption>'
                 f"{_head(data, 'Criterion')}<tbody>{rows}</tbody></table>")
        parts.append(
            f'<section class="cmp-group" data-factor="{esc(f.id)}" markdown>\n\n'
            f"## {esc(f.title)} {{ #{f.id} }}\n\n"
            f'<p class="cmp-question">{esc(f.question)} '
            f'<a href="{root}how-to-choose/#{esc(f.id)}">Read about {esc(f.title.lower())}</a></p>\n\n'
            f"{table}\n\n</section>")
    return "\n\n".join(parts)


def factor_table(data: SiteData, factor_id: str, root: str) -> str:
    """A compact table of one factor's criteria, each linking to its full row."""
    factor = data.factor(factor_id)
    rows = "".join(
        f'<tr><th scope="row"><a href="{root}comparison/#{esc(c.id)}">{esc(c.title)}</a></th>'
        + "".join(f'<td data-tool="{esc(t.id)}">{_label(t)}{esc(c.entry(t.id).cell)}</td>' for t in data.tools)
        + "</tr>"
        for c in data.criteria_for(factor_id))
    table = (f'<table class="cmp-table cmp-cards cmp-compact"><caption>{esc(factor.title)}: what each tool offers</caption>'
             f"{_head(data, 'Criterion')}<tbody>{rows}</tbody></table>")
    return (table
            + f'\n\n<p class="cmp-more"><a href="{root}comparison/#{esc(factor_id)}">'
              f"Notes and sources for these rows</a></p>")


def tool_facts(data: SiteData, tool_id: str) -> str:
    """A tool's identity card, from the same data as the tables."""
    t = data.tool(tool_id)
    first, last = data.review_span()
    licence = link(t.license_source, t.license) if t.license_source else esc(t.license)
    rows = [("Licence", licence), ("Version reviewed", esc(t.version)),
            ("Website", link(t.homepage)), ("Documentation", link(t.docs)),
            ("Repository", link(t.repository)),
            ("Criteria reviewed", f'<time datetime="{esc(last)}">{esc(first if first == last else f"{first} to {last}")}</time>')]
    body = "".join(f'<tr><th scope="row">{k}</th><td>{v}</td></tr>' for k, v in rows)
    return f'<table class="cmp-table cmp-facts"><caption>{esc(t.name)} at a glance</caption><tbody>{body}</tbody></table>'
