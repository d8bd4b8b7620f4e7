"""define_env: thin glue between validated data and the pages.

Data is loaded and validated once per build, when MkDocs reads its
configuration. A problem stops `mkdocs build` before a single page is written.
Under `mkdocs serve` the preview stays up instead: the problems are printed in
the terminal and shown at the top of every page until the next good save.
A macro called with an unknown id (a typo in a page) is reported the same way,
as one line naming the page, the line and the known ids.
"""
from __future__ import annotations

import functools
import logging
import sys
from datetime import date
from pathlib import Path

from . import postbuild, rawhtml, urls
from .load import FILES, load
from .load.schema import load_schemas
from .problems import DataError, Problem, report
from .records import STALE_AFTER_DAYS, UnknownId
from .render import cost, examples, fields, guide, inert, moving, render, selfhosting, tables


class DataProblems(SystemExit):
    """Stops MkDocs with the problems already printed, and no traceback."""


def _serving() -> bool:
    """True under `mkdocs serve` (or `zensical serve`): keep the preview alive on bad data."""
    return len(sys.argv) > 1 and sys.argv[1] == "serve"


def problem_panel(problems: list[Problem]) -> str:
    return render("problems.html", problems=[str(p) for p in problems])


def define_env(env):
    project = Path(env.project_dir)
    docs_dir = Path(env.conf.get("docs_dir") or project / "docs")
    env.variables["data_problems"] = []
    rawhtml.use(env.conf)   # MkDocs's Markdown passes the renderers' HTML blocks through unparsed
    try:
        data = load(project / "data", docs_dir)
    except DataError as e:
        report(e.problems, e.summary())
        if not _serving():
            raise DataProblems(1) from None
        env.variables["data_problems"] = e.problems
        # Without the data, links to rows have no anchor; in strict mode those warnings would
        # abort the preview. They are noise next to the real problems, listed on every page.
        for kind in ("anchors", "unrecognized_links", "absolute_links"):
            setattr(env.conf.validation.links, kind, logging.INFO)
        data = None

    env.site_data = data   # for on_post_build; not exposed to page templates
    today = date.today()
    if data is not None:
        for c, tool_id, e in data.stale(today):
            print(f"note: data/criteria.yml: {c.id} ({data.tool(tool_id).name}) was last reviewed on {e.reviewed}, "
                  f"more than six months ago; check its sources and update 'reviewed'", file=sys.stderr)
        if data.cost is not None and (today - date.fromisoformat(data.cost.reviewed)).days > STALE_AFTER_DAYS:
            print(f"note: data/cost.yml was last reviewed on {data.cost.reviewed}, more than six months ago; "
                  "check the pricing pages and update 'reviewed' and each figure's 'checked'", file=sys.stderr)

    def macro(fn):
        """Register fn as a macro that reports a typo in a page as one located line."""
        def call(*args):
            if data is None:
                return ""   # the page's banner lists the data's problems
            try:
                return fn(*args)
            except UnknownId as e:
                problem = _call_site(env, fn.__name__, args, str(e))
                report([problem], "A page calls a macro with an unknown id; nothing was built.")
                if _serving():
                    return problem_panel([problem])
                raise DataProblems(1) from None
        call.__name__ = fn.__name__
        env.macro(call)
        return call

    def html_macro(fn):
        """A macro whose output is one whole block of HTML, which Markdown then passes
        through without parsing it (macros/rawhtml.py)."""
        @functools.wraps(fn)
        def whole(*args):
            return rawhtml.block(fn(*args))
        return macro(whole)

    def page_url() -> str:
        return env.page.url

    @macro
    def tool_version(tool_id: str) -> str:
        return inert(data.tool(tool_id).version)

    @macro
    def reviewed_versions() -> str:
        """'Dagster 1.13.27 and Prefect 3.9.1'"""
        names = [f"{t.name} {t.version}" for t in data.tools]
        return inert(", ".join(names[:-1]) + " and " + names[-1])

    @macro
    def criteria_count() -> str:
        return str(len(data.criteria))

    @macro
    def comparison_table() -> str:
        return tables.comparison(data, page_url(), today)

    @html_macro
    def factor_table(factor_id: str) -> str:
        return tables.factor_table(data, factor_id, page_url())

    @html_macro
    def factor_questions(factor_id: str) -> str:
        return tables.factor_questions(data, factor_id, page_url())

    @html_macro
    def availability_legend() -> str:
        return tables.legend(data)

    @html_macro
    def tool_facts(tool_id: str) -> str:
        return tables.tool_facts(data, tool_id)

    @html_macro
    def hosted_features(tool_id: str) -> str:
        return tables.hosted_features(data, tool_id, page_url())

    @html_macro
    def criterion_entry(criterion_id: str, tool_id: str) -> str:
        return tables.entry(data, criterion_id, tool_id, page_url())

    @html_macro
    def decision_guide() -> str:
        return guide.guide(data, page_url())

    @html_macro
    def guide_result(outcome_id: str) -> str:
        """A result page: its title and link-preview description come from the outcome."""
        o = data.guide.outcome(outcome_id)
        env.page.meta["description"] = o.why
        env.page.meta["title"] = _outside_template_step(env, o.title)
        # Kept out of the site search: its rows repeat /comparison/'s, most of them hidden on
        # the page, so a hit would land on text the reader cannot see. The guide page's map
        # links every result by its title, and is searched.
        env.page.meta["search"] = {"exclude": True}
        return guide.result(data, outcome_id, page_url())

    @macro
    def side_by_side() -> str:
        return examples.examples(data, page_url())

    @macro
    def criterion_example(criterion_id: str) -> str:
        return fields.criterion_yaml(data, criterion_id)

    @html_macro
    def cost_notice() -> str:
        return cost.notice(data)

    @html_macro
    def cost_billing() -> str:
        return cost.billing(data, page_url())

    @html_macro
    def cost_plans(tool_id: str) -> str:
        return cost.plans(data, tool_id, page_url())

    @macro
    def cost_workloads() -> str:
        return cost.workloads(data, page_url())

    @html_macro
    def cost_self_hosting() -> str:
        return cost.self_hosting(data, page_url())

    @html_macro
    def self_hosting_glance() -> str:
        return selfhosting.glance(data)

    @macro
    def self_hosting_sections() -> str:
        return selfhosting.sections(data)

    @macro
    def concept_map() -> str:
        return moving.concept_map(data)

    @html_macro
    def moving_glance() -> str:
        return moving.glance(data)

    @macro
    def moving_sections() -> str:
        return moving.sections(data)

    @html_macro
    def page_downloads(page_name: str) -> str:
        """Links to the JSON and CSV the post-build step writes for a page's tables."""
        if page_name not in urls.PAGE_EXPORTS:
            raise UnknownId("page with downloads", page_name, urls.PAGE_EXPORTS)
        return render("downloads.html", paths=urls.PAGE_EXPORTS[page_name], href=urls.resolver(page_url()))

    @macro
    def field_reference() -> str:
        return fields.reference(load_schemas(project / "data" / "schema"), FILES)


_TEMPLATE_OPENERS = ("{{", "{%", "{#")


def _outside_template_step(env, title: str) -> str:
    """The title to give the page while mkdocs-macros renders it: a stand-in with nothing to
    render when the title holds template syntax, which on_post_page_macros puts back."""
    if any(opener in title for opener in _TEMPLATE_OPENERS):
        env.page_title_as_written = title
        return "page title"
    return title


def on_pre_page_macros(env):
    """A page title is text. mkdocs-macros renders a title that contains '{{', '{%' or '{#'
    as a template (and stops the build on an unknown tag): keep it out of that step and
    put it back afterwards, so the theme shows it as written (escaped by overrides/main.html)."""
    env.page_title_as_written = None
    title = env.page.title
    if isinstance(title, str):
        stand_in = _outside_template_step(env, title)
        if stand_in != title:
            env.page.title = stand_in


def on_post_page_macros(env):
    """Under `mkdocs serve` with bad data, every page starts with the list of problems.
    A title hidden from the template step gets its own text back."""
    if getattr(env, "page_title_as_written", None) is not None:
        env.page.title, env.page_title_as_written = env.page_title_as_written, None
    problems = env.variables.get("data_problems")
    if problems:
        env.markdown = problem_panel(problems) + "\n\n" + env.markdown


def on_post_build(env):
    """Files written beside the pages (exports, preview images, minified assets, redirects):
    macros/postbuild.py, which `python -m macros postbuild` also runs after a Zensical build."""
    postbuild.run(env.site_data, Path(env.conf["site_dir"]), {
        "site_url": env.conf.get("site_url") or "/", "site_name": env.conf["site_name"],
        "docs_dir": env.conf.get("docs_dir") or Path(env.project_dir) / "docs"})


def _call_site(env, name: str, args: tuple, message: str) -> Problem:
    """Where a page calls a macro: the page's file and the line of the call."""
    docs_dir = Path(env.conf.get("docs_dir") or Path(env.project_dir) / "docs")
    source = docs_dir / env.page.file.src_uri
    text = source.read_text(encoding="utf-8") if source.is_file() else ""
    wanted = [str(a) for a in args]
    line = next((n for n, written in enumerate(text.splitlines(), 1)
                 if name in written and all(w in written for w in wanted)), 0)
    file = f"{docs_dir.name}/{env.page.file.src_uri}"
    call = f"{name}({', '.join(repr(a) for a in args)})"
    return Problem(file, line, "", f"{{{{ {call} }}}}: {message}")


__all__ = ["define_env", "on_pre_page_macros", "on_post_page_macros", "on_post_build"]
