"""/cost/: billed units and plan fit are computed from data/cost.yml, and shown as computed."""
from __future__ import annotations

import csv
import io
import json
import re
import shutil
from dataclasses import replace

import pytest
from jsonschema import Draft202012Validator

from conftest import ROOT
from datafix import TODAY, copy_data, edit, line_of, problems
from macros import cost as calc
from macros.load import load
from macros.records import NOT_PUBLISHED, NOT_READABLE, Figure, RunKind, Workload
from macros.render import cost as page

SITE = "https://example.org/site/"


def workload(**changes) -> Workload:
    base = Workload(id="w", title="W", summary="S", runs=(RunKind("run", 30, 20, 120, 1, 1),), pipelines=1,
                    environments=1, editors=2, viewers=1, peak_runs_per_minute=4, log_lines_per_step=5,
                    history_days=7, own_infrastructure=False)
    return replace(base, **changes)


# --- Worked examples against hand calculations ---------------------------------------

def test_credits_of_one_daily_pipeline_match_a_hand_calculation():
    # 30 daily runs, 20 steps each; every step costs 1 credit and its one materialization 1 more.
    hand = 30 * 20 * (1 + 1)
    got = calc.credits(workload())
    assert got.amount == hand == 1200
    assert got.formula == "30 runs × 20 steps × (1 + 1 × 1) = 1,200 credits"


def test_a_single_run_backfill_counts_one_materialization_per_partition():
    daily = RunKind("daily", 30, 50, 60, 1, 1)
    backfill = RunKind("backfill", 1, 50, 1200, 1, 30)
    # Daily: 30 × 50 × 2 = 3,000. Backfill in one run: 50 steps × (1 step + 30 partitions) = 1,550.
    hand = 30 * 50 * 2 + 1 * 50 * (1 + 30)
    assert calc.credits(workload(runs=(daily, backfill))).amount == hand == 4550


def test_step_minutes_and_the_busiest_day():
    w = workload(runs=(RunKind("triggered", 6000, 3, 20, 1, 1),))
    assert calc.step_minutes(w).amount == 6000 * 3 * 20 / 60 == 6000
    # 6,000 runs over 30 days is 200 a day.
    assert calc.busiest_day_step_minutes(w, 30).amount == 200 * 3 * 20 / 60


def test_the_real_worked_examples_are_computed_as_by_hand(site_data):
    """Two of the page's workloads, recomputed here from their own quantities."""
    cost = site_data.cost
    for w in cost.workloads:
        hand = sum(r.per_month * r.steps * (1 + r.materializations_per_step * r.partitions_per_step) for r in w.runs)
        assert calc.credits(w).amount == hand
        assert calc.num(hand) in calc.credits(w).formula


def test_usage_price_subtracts_included_credits_when_both_are_published(tmp_path):
    data = load(copy_data(tmp_path), ROOT / "tests" / "fixtures" / "docs", today=TODAY)
    vendor = data.cost.vendor("alpha")
    plan = vendor.plan("alpha-small")
    included = Figure("included-credits", "published", "https://docs.alpha.example.org/pricing", "2026-05-01", 200)
    plan = replace(plan, figures=plan.figures + (included,))
    # 1,200 credits used, 200 included, 0.50 each: (1,200 − 200) × 0.50 = 500.
    price = calc.usage_price(workload(), plan, "USD")
    assert price.amount == (1200 - 200) * 0.5 == 500
    assert price.formula == "(1,200 − 200 included) × 0.50 USD = 500.00 USD"


def test_a_price_that_is_not_readable_yields_no_number_but_says_why(site_data):
    cost = site_data.cost
    for r in calc.results(cost):
        if r.usage_price is None:
            continue
        f = r.plan.figure("credit-price")
        if f is None or not f.published:
            assert r.usage_price.amount is None
            assert "could not be read" in r.usage_price.formula or "not published" in r.usage_price.formula


# --- One unit price changes every dependent figure --------------------------------

def _prices(data, tool_id, plan_id):
    cost = data.cost
    v = cost.vendor(tool_id)
    return {w.id: calc.evaluate(cost, v, v.plan(plan_id), w).usage_price.amount for w in cost.workloads}


def test_changing_one_unit_price_changes_every_dependent_figure(tmp_path):
    """In a copy of the real data, publish a Starter credit price and included credits, then
    change the price: every workload's Starter price changes, on the page and in the exports,
    and nothing else does."""
    data_dir = tmp_path / "data"
    shutil.copytree(ROOT / "data", data_dir)
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    shutil.copy(ROOT / "requirements-examples.txt", tmp_path)   # the pins the tools' versions must match
    text = (data_dir / "cost.yml").read_text(encoding="utf-8")
    start = text.index("      - id: dagster-starter")
    unread = "            state: not-readable\n            source: https://dagster.io/pricing\n"
    price_at = text.index("          - measure: credit-price\n" + unread, start)
    included_at = text.index("          - measure: included-credits\n" + unread, start)
    assert price_at < included_at

    def with_price(value: str):
        def published(measure, v):
            return f"          - measure: {measure}\n            state: published\n            value: {v}\n            source: https://dagster.io/pricing\n"
        a, b = len("          - measure: credit-price\n" + unread), len("          - measure: included-credits\n" + unread)
        new = (text[:price_at] + published("credit-price", value) + text[price_at + a:included_at]
               + published("included-credits", 1000) + text[included_at + b:])
        (data_dir / "cost.yml").write_text(new, encoding="utf-8")
        return load(data_dir, ROOT / "docs")

    first, second = with_price("0.03"), with_price("0.04")
    before, after = _prices(first, "dagster", "dagster-starter"), _prices(second, "dagster", "dagster-starter")
    assert all(v is not None for v in before.values())
    for wid in before:
        credits = calc.credits(first.cost.workload(wid)).amount
        assert credits > 1000
        assert before[wid] == pytest.approx((credits - 1000) * 0.03)
        assert after[wid] == pytest.approx((credits - 1000) * 0.04)
        assert before[wid] != after[wid]
    # The other plans' figures do not depend on it.
    for plan in ("dagster-solo", "dagster-pro"):
        assert _prices(first, "dagster", plan) == _prices(second, "dagster", plan)
    html_before, html_after = page.workloads(first, "cost/"), page.workloads(second, "cost/")
    for wid in before:
        assert calc.money(before[wid], "USD") in html_before and calc.money(before[wid], "USD") not in html_after
        assert calc.money(after[wid], "USD") in html_after
    rows = lambda d: {(r["workload"], r["plan"]): r for r in json.loads(page.as_json(d, SITE))["results"]}  # noqa: E731
    j1, j2 = rows(first), rows(second)
    changed = {k for k in j1 if j1[k] != j2[k]}
    assert changed == {(wid, "dagster-starter") for wid in before}


# --- Limits and plan fit ---------------------------------------------------------------

def test_a_published_limit_rules_a_plan_out_and_names_itself(tmp_path):
    data = load(copy_data(tmp_path), ROOT / "tests" / "fixtures" / "docs", today=TODAY)
    cost = data.cost
    beta = cost.vendor("beta")
    w = workload(pipelines=6)
    result = calc.evaluate(cost, beta, beta.plan("beta-free"), w)
    assert result.status == calc.RULED_OUT
    assert [c.measure for c in result.ruled_out_by] == ["deployments"]
    assert result.ruled_out_by[0].text == "needs 6 deployments; the plan allows 5 deployments"
    fit = calc.tier_fit(cost, beta, w)
    assert fit.plan is None and [p.id for p, _ in fit.deciding] == ["beta-free"]
    assert calc.tier_fit(cost, beta, workload(pipelines=5)).plan.plan.id == "beta-free"


def test_an_unknown_figure_never_rules_a_plan_out(site_data):
    for r in calc.results(site_data.cost):
        for c in r.checks:
            if c.figure.state in (NOT_PUBLISHED, NOT_READABLE):
                assert c.status == calc.UNKNOWN
        if r.unknown and not r.ruled_out_by:
            assert r.status == calc.UNDECIDED


def test_the_tier_fit_is_the_first_plan_no_published_limit_rules_out(site_data):
    cost = site_data.cost
    for v in cost.vendors:
        for w in cost.workloads:
            fit = calc.tier_fit(cost, v, w)
            order = [p.id for p in v.plans]
            ruled = [p.id for p, checks in fit.deciding]
            assert ruled == order[:len(ruled)]
            assert all(checks for _, checks in fit.deciding)
            if fit.plan:
                assert fit.plan.status != calc.RULED_OUT and fit.plan.plan.id == order[len(ruled)]


def test_the_retention_limit_is_a_floor():
    f = Figure("retention-days", "published", "https://x.example.org", "2026-01-01", 14)
    assert calc.check(f, calc.Quantity(14, "")).status == calc.OK
    assert calc.check(f, calc.Quantity(30, "")).status == calc.EXCEEDS


# --- The page and its data ---------------------------------------------------------------

def test_every_workload_meets_every_plan_of_every_vendor_on_the_page(site_data):
    html = page.workloads(site_data, "cost/")
    cost = site_data.cost
    for w in cost.workloads:
        assert f'{{ #{w.id} }}' in html
        for v in cost.vendors:
            table = html[html.index(f'id="{w.id}-{v.tool}"'):]
            table = table[:table.index("</table>")]
            assert [m for m in re.findall(r'<tr data-plan="([^"]+)"', table)] == [p.id for p in v.plans]
            for p in v.plans:
                r = calc.evaluate(cost, v, p, w)
                for c in r.ruled_out_by:
                    if not isinstance(c.need.amount, bool):
                        assert c.text in table


def test_every_plan_figure_shows_its_value_or_its_state_with_its_source(site_data):
    cost = site_data.cost
    for v in cost.vendors:
        html = page.plans(site_data, v.tool, "cost/")
        for p in v.plans:
            for f in p.figures:
                shown = calc.show_value(f) if f.published else page.STATE_TEXT[f.state]
                assert shown in html
                assert f'href="{f.source}"' in html
        figures = [f for p in v.plans for f in p.figures] + list(v.limits)
        assert html.count(page.STATE_TEXT[NOT_READABLE]) == sum(f.state == NOT_READABLE for f in figures)
        assert html.count(page.STATE_TEXT[NOT_PUBLISHED]) == sum(f.state == NOT_PUBLISHED for f in figures)


def test_the_notice_gives_the_review_date_and_both_pricing_pages(site_data):
    html = page.notice(site_data)
    assert "Prices change: check the vendor's page" in html
    assert site_data.cost.reviewed in html
    for v in site_data.cost.vendors:
        assert f'href="{v.pricing_page}"' in html


def test_exports_hold_every_result(site_data):
    cost = site_data.cost
    n = len(cost.workloads) * sum(len(v.plans) for v in cost.vendors)
    doc = json.loads(page.as_json(site_data, SITE))
    schema = json.loads((ROOT / "data" / "schema" / page.SCHEMA_SOURCE).read_text(encoding="utf-8"))
    Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER).validate(doc)
    assert len(doc["results"]) == n
    assert doc["page"] == "https://example.org/site/cost/"
    text = page.as_csv(site_data, SITE)
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert len(rows) == n + 1 and rows[0][0] == "workload"


def test_self_hosting_costs_are_named_not_priced(site_data):
    html = page.self_hosting(site_data, "cost/")
    for s in site_data.cost.self_hosting:
        for item in s.items:
            assert not re.search(r"[$€£]|\bUSD\b", item)
        assert f'id="self-hosting-{s.tool}"' in html


# --- The hosted-offering row, kept about as long on both sides ------------------------------

def _words(text: str) -> int:
    return len(re.findall(r"[A-Za-z0-9][\w'.+-]*", text))


def test_hosted_offering_cells_are_balanced(site_data):
    row = site_data.criterion("hosted-offering")
    counts = [_words(e.cell) + _words(e.note) for _, e in row.entries]
    assert max(counts) <= min(counts) * 1.15, counts


# --- Bad cost data gets located, readable problems -----------------------------------------

def test_a_cost_figure_on_another_tools_site_is_refused(tmp_path):
    data = copy_data(tmp_path)
    edit(data, "cost.yml", "source: https://docs.alpha.example.org/deployments", "source: https://docs.beta.example.org/deployments")
    line = line_of(data, "cost.yml", "docs.beta.example.org/deployments")
    assert any(p.startswith(f"{data.name}/cost.yml:{line}:") or f"cost.yml:{line}:" in p for p in problems(data))


def test_a_published_figure_needs_a_value_and_an_unknown_one_has_none(tmp_path):
    data = copy_data(tmp_path)
    edit(data, "cost.yml", "            state: published\n            value: 0.5\n", "            state: published\n")
    edit(data, "cost.yml", "            state: not-readable\n", "            state: not-readable\n            value: 9\n")
    found = problems(data)
    assert any("missing required key 'value'" in p for p in found)
    assert any("only a published figure has a value" in p for p in found)


def test_an_unknown_vendor_and_a_future_check_date_are_reported_together(tmp_path):
    data = copy_data(tmp_path)
    edit(data, "cost.yml", "  - tool: beta\n", "  - tool: gamma\n")
    edit(data, "cost.yml", "checked: 2026-05-01", "checked: 2026-07-01")
    found = problems(data)
    assert any("'gamma' is not a tool id" in p for p in found)
    assert any("'2026-07-01' is in the future" in p for p in found)
