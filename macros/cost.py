"""What a workload would be billed, or which plan it fits: pure code over the cost records.

Every number returned carries the formula that produced it, written out with the
workload's own quantities, so the page shows exactly what was computed. Nothing here
reads files; a change in data/cost.yml changes every figure that depends on it.

Two kinds of product (Vendor.billing):
- metered: the bill grows with counted units (Dagster+ credits). For each plan: the
  units a month, the price where the unit price is published, and any published
  limit that rules the plan out.
- tiers: a tier is chosen by its limits (Prefect Cloud). For each plan: whether a
  published limit rules it out; then the first plan, in the vendor's order, that no
  published limit rules out, and the limits that decided it.
A limit whose figure is not published or could not be read is never guessed: the plan
is then "undecided" on it, and the page says which figure to check.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

from .records import CostData, Figure, Plan, Vendor, Workload

OK, EXCEEDS, UNKNOWN = "ok", "exceeds", "unknown"
FITS, RULED_OUT, UNDECIDED = "fits", "ruled-out", "undecided"


def num(x: float) -> str:
    """1200 -> '1,200'; 2.5 -> '2.5'; 0.333.. -> '0.33'."""
    if float(x).is_integer():
        return f"{int(x):,}"
    return f"{x:,.2f}".rstrip("0").rstrip(".")


def money(x: float, currency: str) -> str:
    return f"{x:,.2f} {currency}"


@dataclass(frozen=True)
class Measure:
    label: str        # what it is, e.g. "Full deployments"
    unit: str         # how a value reads, e.g. "deployments"
    kind: str         # "price", "amount" (included), "max" (need <= value), "min" (need <= value, a floor
                      # the plan must reach), "forbids" (a yes/no limit that rules out a need)
    one: str = ""     # the unit for exactly one, where it differs ("full deployment")

    def unit_for(self, value) -> str:
        return self.one if self.one and value == 1 else self.unit


MEASURES = {
    "price": Measure("Plan price", "a month", "price"),
    "credit-price": Measure("Price of a credit", "a credit", "price"),
    "included-credits": Measure("Credits included", "credits a month", "amount"),
    "users": Measure("Users", "users", "max", "user"),
    "full-deployments": Measure("Full deployments", "full deployments", "max", "full deployment"),
    "workspaces": Measure("Workspaces", "workspaces", "max", "workspace"),
    "deployments": Measure("Deployments", "deployments", "max", "deployment"),
    "managed-pools-only": Measure("Work pools", "", "forbids"),
    "api-requests-per-minute": Measure("API requests a minute", "requests a minute", "max"),
    "logs-events-per-minute": Measure("Logs and events a minute", "a minute", "max"),
    "user-log-events-per-minute": Measure("Custom log events a minute", "a minute", "max"),
    "retention-days": Measure("Run history kept", "days", "min", "day"),
    "managed-compute": Measure("Managed compute a month", "minutes", "max"),
    "serverless-step-minutes-per-day": Measure("Serverless step-minutes a day", "step-minutes a day", "max"),
}


def measure(name: str) -> Measure:
    return MEASURES[name]


def show_value(f: Figure) -> str:
    """A published figure as the page writes it."""
    m = MEASURES[f.measure]
    if m.kind == "forbids":
        return "Managed pools only" if f.value else "Any work pool"
    return f"{num(f.value)} {m.unit_for(f.value)}".strip()


# --- Quantities a workload needs ------------------------------------------------

@dataclass(frozen=True)
class Quantity:
    amount: float | bool
    formula: str      # how the amount was computed, with the workload's numbers
    unit: str = ""


def _per_kind(w: Workload, term, unit: str) -> Quantity:
    parts = [term(r) for r in w.runs]
    total = sum(value for value, _ in parts)
    text = " + ".join(f"({t})" if len(parts) > 1 else t for _, t in parts)
    return Quantity(total, f"{text} = {num(total)} {unit}", unit)


def credits(w: Workload) -> Quantity:
    """Dagster+ credits a month: one per step execution plus one per materialization,
    each partition its own materialization."""
    def term(r):
        value = r.per_month * r.steps * (1 + r.materializations_per_step * r.partitions_per_step)
        per_step = f"(1 + {r.materializations_per_step} × {r.partitions_per_step})"
        return value, f"{num(r.per_month)} runs × {r.steps} steps × {per_step}"
    return _per_kind(w, term, "credits")


def step_minutes(w: Workload) -> Quantity:
    """Step-minutes a month, steps taken one after another."""
    def term(r):
        value = r.per_month * r.steps * r.step_seconds / 60
        return value, f"{num(r.per_month)} runs × {r.steps} steps × {r.step_seconds} s ÷ 60"
    return _per_kind(w, term, "step-minutes")


def busiest_day_step_minutes(w: Workload, month_days: int) -> Quantity:
    """Step-minutes on the busiest day: every kind of run that happens in a month lands on it
    at least once (a monthly backfill on the same day as the daily run)."""
    def term(r):
        per_day = math.ceil(r.per_month / month_days)
        return per_day * r.steps * r.step_seconds / 60, f"{per_day} × {r.steps} steps × {r.step_seconds} s ÷ 60"
    return _per_kind(w, term, "step-minutes a day")


def _peak_steps(w: Workload) -> int:
    return max(r.steps for r in w.runs)


def needs(w: Workload, vendor: Vendor, month_days: int) -> dict[str, Quantity]:
    """What the workload needs, for every limit measure that applies to it."""
    people = w.editors + w.viewers
    out = {
        "users": Quantity(people, f"{w.editors} who edit + {w.viewers} who view = {people} users", "users"),
        "full-deployments": Quantity(w.environments, f"one per long-lived environment: {w.environments}", "full deployments"),
        "workspaces": Quantity(w.environments, f"one per long-lived environment: {w.environments}", "workspaces"),
        "deployments": Quantity(w.pipelines, f"one per scheduled pipeline: {w.pipelines}", "deployments"),
        "retention-days": Quantity(w.history_days, f"{w.history_days} days of run history wanted", "days"),
    }
    peak, steps = w.peak_runs_per_minute, _peak_steps(w)
    logs = peak * steps * w.log_lines_per_step
    out["user-log-events-per-minute"] = Quantity(
        logs, f"{peak} runs × {steps} steps × {w.log_lines_per_step} log lines = {num(logs)} a minute at most", "a minute")
    a = vendor.assumptions
    if a is not None:
        requests = peak * a.api_requests_per_run
        out["api-requests-per-minute"] = Quantity(
            requests, f"{peak} runs × {a.api_requests_per_run} requests = {num(requests)} a minute at least", "a minute")
        events = peak * steps * (a.events_per_step + w.log_lines_per_step)
        out["logs-events-per-minute"] = Quantity(
            events, f"{peak} runs × {steps} steps × ({a.events_per_step} events + {w.log_lines_per_step} log lines)"
                    f" = {num(events)} a minute", "a minute")
    if w.own_infrastructure:
        out["managed-pools-only"] = Quantity(True, "runs must use the team's own infrastructure")
    else:
        minutes = step_minutes(w)
        out["managed-compute"] = Quantity(minutes.amount, minutes.formula, "minutes")
        out["serverless-step-minutes-per-day"] = busiest_day_step_minutes(w, month_days)
    return out


# --- Limits against needs ---------------------------------------------------------

@dataclass(frozen=True)
class Check:
    measure: str
    figure: Figure
    need: Quantity
    status: str       # OK, EXCEEDS or UNKNOWN

    @property
    def label(self) -> str:
        return MEASURES[self.measure].label

    @property
    def lower_label(self) -> str:
        """The label inside a sentence: 'run history kept', 'API requests a minute'."""
        label = self.label
        return label if label[:2].isupper() else label[0].lower() + label[1:]

    @property
    def text(self) -> str:
        """One line a reader can check: what is needed against what the plan allows."""
        f, m = self.figure, MEASURES[self.measure]
        if m.kind == "forbids":
            if self.status == UNKNOWN:
                return "which work pools the plan allows is not known here"
            return ("managed work pools only, and the runs need the team's own infrastructure"
                    if self.status == EXCEEDS else "the plan's work pools suit the runs")
        need = f"needs {num(self.need.amount)} {m.unit_for(self.need.amount)}".strip()
        if self.status == UNKNOWN:
            return f"{need}; the plan's figure {_unknown(f)}"
        has = "keeps" if m.kind == "min" else "allows"
        return f"{need}; the plan {has} {show_value(f)}"


def _unknown(f: Figure) -> str:
    return "is not published" if f.state == "not-published" else "could not be read from here"


def check(f: Figure, need: Quantity) -> Check:
    m = MEASURES[f.measure]
    if not f.published:
        return Check(f.measure, f, need, UNKNOWN)
    if m.kind == "forbids":
        bad = bool(f.value) and bool(need.amount)
    elif m.kind == "min":
        bad = need.amount > f.value
    else:
        bad = need.amount > f.value
    return Check(f.measure, f, need, EXCEEDS if bad else OK)


# --- Plans -----------------------------------------------------------------------

@dataclass(frozen=True)
class Price:
    amount: float | None
    formula: str          # the computation, or why there is no amount
    figure: Figure | None


@dataclass(frozen=True)
class PlanResult:
    vendor: Vendor
    plan: Plan
    workload: Workload
    checks: tuple[Check, ...]
    billed: tuple[tuple[str, Quantity], ...] = ()   # (unit name, amount a month), metered plans only
    usage_price: Price | None = None                # the billed units' price, metered plans only

    @property
    def ruled_out_by(self) -> tuple[Check, ...]:
        return tuple(c for c in self.checks if c.status == EXCEEDS)

    @property
    def unknown(self) -> tuple[Check, ...]:
        return tuple(c for c in self.checks if c.status == UNKNOWN)

    @property
    def status(self) -> str:
        if self.ruled_out_by:
            return RULED_OUT
        return UNDECIDED if self.unknown else FITS


def plan_limits(vendor: Vendor, plan: Plan) -> tuple[Figure, ...]:
    """The plan's own limit figures, then the product-wide ones it does not override."""
    own = tuple(f for f in plan.figures if MEASURES[f.measure].kind in ("max", "min", "forbids"))
    mine = {f.measure for f in own}
    return own + tuple(f for f in vendor.limits if f.measure not in mine and MEASURES[f.measure].kind != "price")


def usage_price(w: Workload, plan: Plan, currency: str) -> Price:
    """Credits a month × the plan's credit price, less included credits, where both are published."""
    used = credits(w)
    unit_price, included = plan.figure("credit-price"), plan.figure("included-credits")
    if unit_price is None or not unit_price.published:
        why = _unknown(unit_price) if unit_price else "is not in the data"
        return Price(None, f"the price of a credit {why}", unit_price)
    if included is not None and not included.published:
        return Price(None, f"the credits included in the plan {_unknown(included)}", included)
    free = included.value if included is not None else 0
    billed = max(0, used.amount - free)
    amount = billed * unit_price.value
    less = f"({num(used.amount)} − {num(free)} included)" if included is not None else num(used.amount)
    return Price(amount, f"{less} × {money(unit_price.value, currency)} = {money(amount, currency)}", unit_price)


def evaluate(cost: CostData, vendor: Vendor, plan: Plan, w: Workload) -> PlanResult:
    need = needs(w, vendor, cost.month_days)
    checks = tuple(check(f, need[f.measure]) for f in plan_limits(vendor, plan) if f.measure in need)
    if vendor.billing != "metered":
        return PlanResult(vendor, plan, w, checks)
    billed = [("credits", credits(w)),
              ("paid seats", Quantity(w.editors, f"{w.editors} who edit (viewers are not paid seats)", "seats"))]
    if not w.own_infrastructure:
        minutes = step_minutes(w)
        billed.append(("Serverless compute minutes", Quantity(
            minutes.amount, minutes.formula, "minutes")))
    return PlanResult(vendor, plan, w, checks, tuple(billed), usage_price(w, plan, cost.currency))


@dataclass(frozen=True)
class TierFit:
    """For a tier-priced product: the first plan, in the vendor's order, that no published
    limit rules out, and the checks that ruled out the plans before it."""
    workload: Workload
    plan: PlanResult | None
    deciding: tuple[tuple[Plan, tuple[Check, ...]], ...]


def tier_fit(cost: CostData, vendor: Vendor, w: Workload) -> TierFit:
    deciding = []
    for plan in vendor.plans:
        result = evaluate(cost, vendor, plan, w)
        if result.status != RULED_OUT:
            return TierFit(w, result, tuple(deciding))
        deciding.append((plan, result.ruled_out_by))
    return TierFit(w, None, tuple(deciding))


def results(cost: CostData) -> tuple[PlanResult, ...]:
    """Every workload against every plan of every vendor: the whole table the page shows."""
    return tuple(evaluate(cost, v, p, w) for w in cost.workloads for v in cost.vendors for p in v.plans)
