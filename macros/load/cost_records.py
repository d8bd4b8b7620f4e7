"""data/cost.yml, already validated, as frozen records."""
from __future__ import annotations

from ..records import (BillingUnit, CostData, Figure, Plan, RequestAssumptions, RunKind, SelfHosting, Vendor,
                       Workload)


def _figure(raw: dict) -> Figure:
    return Figure(measure=raw["measure"], state=raw["state"], source=raw["source"], checked=str(raw["checked"]),
                  value=raw.get("value"), note=raw.get("note"))


def _vendor(raw: dict) -> Vendor:
    a = raw.get("assumptions")
    return Vendor(
        tool=raw["tool"], product=raw["product"], billing=raw["billing"], pricing_page=raw["pricing_page"],
        summary=raw["summary"],
        units=tuple(BillingUnit(id=u["id"], name=u["name"], counts=u["counts"], source=u["source"],
                                checked=str(u["checked"])) for u in raw["units"]),
        limits=tuple(_figure(f) for f in raw["limits"]),
        plans=tuple(Plan(id=p["id"], name=p["name"], figures=tuple(_figure(f) for f in p["figures"]))
                    for p in raw["plans"]),
        assumptions=RequestAssumptions(**a) if a else None)


def _workload(raw: dict) -> Workload:
    return Workload(**{**raw, "runs": tuple(RunKind(**r) for r in raw["runs"])})


def build_cost(value: dict) -> CostData:
    return CostData(reviewed=str(value["reviewed"]), month_days=value["month_days"], currency=value["currency"],
                    vendors=tuple(_vendor(v) for v in value["vendors"]),
                    workloads=tuple(_workload(w) for w in value["workloads"]),
                    self_hosting=tuple(SelfHosting(tool=s["tool"], items=tuple(s["items"]), sources=tuple(s["sources"]))
                                       for s in value["self_hosting"]))
