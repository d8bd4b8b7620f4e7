"""/cost/: what each hosted product bills, its plans' limits, and the worked workloads,
all computed by macros/cost.py from data/cost.yml. Also the page's table data as JSON
and CSV (as_json, as_csv), for the post-build step to write beside the page."""
from __future__ import annotations

import csv
import io
import json


from .. import cost as calc
from .. import urls
from ..records import NOT_PUBLISHED, NOT_READABLE, CostData, Figure, SiteData
from . import render

JSON_PATH, CSV_PATH, SCHEMA_PATH = (urls.PAGE_EXPORTS["cost"][k] for k in ("json", "csv", "schema"))   # written by macros/postbuild.py
SCHEMA_SOURCE = "cost-export.schema.json"   # in data/schema/, published at SCHEMA_PATH

STATE_TEXT = {NOT_PUBLISHED: "Not published", NOT_READABLE: "Could not be read here"}


def _cost(data: SiteData) -> CostData:
    if data.cost is None:
        raise ValueError("the site data has no cost records (data/cost.yml)")
    return data.cost


def _span(dates) -> tuple[str, str]:
    dates = sorted(dates)
    return dates[0], dates[-1]


def _figures(cost: CostData):
    for v in cost.vendors:
        yield from v.limits
        for p in v.plans:
            yield from p.figures


def checked_span(cost: CostData) -> tuple[str, str]:
    """The first and last day any figure or unit was read."""
    return _span([f.checked for f in _figures(cost)] + [u.checked for v in cost.vendors for u in v.units])


def _context(data: SiteData, page_url: str) -> dict:
    cost = _cost(data)
    return {"data": data, "cost": cost, "calc": calc, "urls": urls, "href": urls.resolver(page_url),
            "state_text": STATE_TEXT, "show": show_figure}


def show_figure(f: Figure | None) -> str:
    """A figure's value as the page writes it, or its state."""
    if f is None:
        return "—"
    return calc.show_value(f) if f.published else STATE_TEXT[f.state]


def notice(data: SiteData) -> str:
    """The 'prices change' line with the review date and both pricing pages."""
    cost = _cost(data)
    return render("cost_notice.html", cost=cost, data=data, span=checked_span(cost))


def billing(data: SiteData, page_url: str) -> str:
    """How each product bills: its model and units, each with its source."""
    return render("cost_billing.html", **_context(data, page_url))


def plans(data: SiteData, tool_id: str, page_url: str) -> str:
    """One product's plans: a row per measure, a column per plan; every cell a figure or its state."""
    cost = _cost(data)
    vendor = cost.vendor(tool_id)
    measures = []
    for p in vendor.plans:
        measures += [f.measure for f in p.figures if f.measure not in measures]
    return render("cost_plans.html", vendor=vendor, tool=data.tool(tool_id), measures=measures,
                  span=_span([f.checked for p in vendor.plans for f in p.figures]), **_context(data, page_url))


def workloads(data: SiteData, page_url: str) -> str:
    """Every workload against every plan of both products, with the formulas."""
    cost = _cost(data)
    rows = {(r.workload.id, r.vendor.tool, r.plan.id): r for r in calc.results(cost)}
    fits = {(w.id, v.tool): calc.tier_fit(cost, v, w) for w in cost.workloads for v in cost.vendors
            if v.billing == "tiers"}
    return render("cost_workloads.html", rows=rows, fits=fits, **_context(data, page_url))


def self_hosting(data: SiteData, page_url: str) -> str:
    """What running each tool yourselves takes instead of a plan: named, not priced."""
    return render("cost_self_hosting.html", **_context(data, page_url))


# --- The page's table data for reuse -----------------------------------------------

def _figure(f: Figure) -> dict:
    return {"measure": f.measure, "label": calc.measure(f.measure).label, "state": f.state,
            "value": f.value, "shown": show_figure(f), "source": f.source, "checked": f.checked, "note": f.note}


def _result(r: calc.PlanResult) -> dict:
    out = {
        "workload": r.workload.id, "tool": r.vendor.tool, "product": r.vendor.product, "plan": r.plan.id,
        "plan_name": r.plan.name, "status": r.status,
        "ruled_out_by": [{"measure": c.measure, "text": c.text, "source": c.figure.source} for c in r.ruled_out_by],
        "unknown": [{"measure": c.measure, "text": c.text, "state": c.figure.state, "source": c.figure.source}
                    for c in r.unknown],
        "within": [{"measure": c.measure, "text": c.text, "source": c.figure.source}
                   for c in r.checks if c.status == calc.OK],
    }
    if r.billed:
        out["billed_a_month"] = [{"unit": unit, "amount": q.amount, "formula": q.formula} for unit, q in r.billed]
        out["usage_price"] = {"amount": r.usage_price.amount, "formula": r.usage_price.formula}
    return out


def as_json(data: SiteData, site_url: str) -> str:
    cost = _cost(data)
    page = site_url.rstrip("/") + urls.page("cost")
    doc = {
        "$schema": site_url.rstrip("/") + SCHEMA_PATH,
        "page": page, "reviewed": cost.reviewed, "month_days": cost.month_days, "currency": cost.currency,
        "note": "Prices change: check each vendor's pricing page.",
        "products": [{
            "tool": v.tool, "product": v.product, "billing": v.billing, "pricing_page": v.pricing_page,
            "units": [{"id": u.id, "name": u.name, "counts": u.counts, "source": u.source, "checked": u.checked}
                      for u in v.units],
            "limits_on_every_plan": [_figure(f) for f in v.limits],
            "plans": [{"id": p.id, "name": p.name, "figures": [_figure(f) for f in p.figures]} for p in v.plans],
        } for v in cost.vendors],
        "workloads": [{"id": w.id, "title": w.title, "summary": w.summary, "url": f"{page}#{w.id}"}
                      for w in cost.workloads],
        "results": [_result(r) for r in calc.results(cost)],
    }
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def _cell(text) -> str:
    """Spreadsheets run a cell that starts with = + - @ as a formula: keep such text inert."""
    text = "" if text is None else str(text)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def as_csv(data: SiteData, site_url: str) -> str:
    """One row per workload and plan; UTF-8 with a byte-order mark and CRLF line ends."""
    cost = _cost(data)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["workload", "product", "plan", "result", "billed_a_month", "usage_price", "ruled_out_by",
                     "not_known_here", "url"])
    page = site_url.rstrip("/") + urls.page("cost")
    for r in calc.results(cost):
        billed = "; ".join(f"{unit}: {q.formula}" for unit, q in r.billed)
        price = r.usage_price.formula if r.usage_price else ""
        writer.writerow([r.workload.id, r.vendor.product, r.plan.name, r.status, _cell(billed), _cell(price),
                         _cell("; ".join(c.text for c in r.ruled_out_by)),
                         _cell("; ".join(f"{c.label}: {c.text}" for c in r.unknown)), f"{page}#{r.workload.id}"])
    return "\ufeff" + out.getvalue()


__all__ = ["notice", "billing", "plans", "workloads", "self_hosting", "as_json", "as_csv"]
