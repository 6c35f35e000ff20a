"""Every section of notebook 04 at once, and the C6/C12 verdicts: what ``analyze`` returns."""

from __future__ import annotations

from dataclasses import dataclass

from helpers.analysis.value_capture import margins, prices, published, verdicts
from helpers.analysis.value_capture.inputs import Inputs, load_inputs
from helpers.core import replication
from helpers.core.results import make_entry
from helpers.core.verdicts import Verdict

__all__ = ["Analysis", "analyze", "c6_numbers", "c6_verdict", "c12_numbers", "c12_verdict", "judge"]


def c6_numbers(m: margins.Margins) -> dict:
    """What C6's rule reads, no threshold among them: each judged segment's margin and period, the
    commodity comparisons and the GPU clouds."""
    comps = m.comparisons[m.comparisons["series"].isin(["Kroger", "Delta Air Lines"])]
    return {
        "margins": {r.series: float(r.margin_pct) for r in m.latest.itertuples()},
        "periods": {r.series: str(r.period) for r in m.latest.itertuples()},
        "comparisons": {
            f"{r.series} ({r.fiscal_period})": float(r.operating_margin_pct) for r in comps.itertuples()
        },
        "gpu": {
            r.series: float(r.margin_pct)
            for r in m.gpu.itertuples()
            if r.margin_pct is not None and r.margin_pct == r.margin_pct
        },
    }


def c6_verdict(nums: dict, P) -> Verdict:
    return verdicts.c6(
        nums["margins"],
        P.razor_margin_pct,
        periods=nums["periods"],
        comparisons=nums["comparisons"],
        gpu=nums["gpu"],
    )


def c12_numbers(fixed: prices.FixedCapability, front: prices.Frontier, cut: prices.Cuts) -> dict:
    """What C12's rule reads (both fixed-capability statistics; the rule picks one), no threshold among them."""
    tot = cut.per_year.groupby("provider")["cuts"].sum().sort_values(ascending=False, kind="mergesort")
    yrs = cut.per_year["year"]
    by = front.by_provider
    return {
        "fixed": {"pooled": fixed.pooled["factor"], "median": fixed.median},
        "frontier": front.change,
        "cuts": {k: int(v) for k, v in tot.items()},
        "cut_years": (int(yrs.min()), int(yrs.max())) if len(yrs) else None,
        "rising": tuple(by.loc[by["change_x_per_year"].fillna(0) > 1, "provider"]),
    }


def c12_verdict(nums: dict, P) -> Verdict:
    f = nums["frontier"]
    return verdicts.c12(
        nums["fixed"][P.decline_statistic],
        f["factor"],
        f["high"],
        P.decline_fast_x,
        P.frontier_rule,
        statistic="pooled fit" if P.decline_statistic == "pooled" else "median of the separate fits",
        frontier_change_low=f["low"],
        cuts_by_provider=nums["cuts"],
        cut_years=nums["cut_years"],
        rising=nums["rising"],
    )


def judge(m, fixed, front, cut, P) -> tuple[Verdict, Verdict]:
    """C6 and C12 from the sections' numbers and the parameters' thresholds."""
    return c6_verdict(c6_numbers(m), P), c12_verdict(c12_numbers(fixed, front, cut), P)


@dataclass(frozen=True, eq=False)
class Analysis:
    inputs: Inputs
    margins: margins.Margins
    fixed: prices.FixedCapability
    frontier: prices.Frontier
    cuts: prices.Cuts
    replication: list
    c6: Verdict
    c12: Verdict

    def entries(self) -> dict:
        """Every recorded result of the notebook, keyed as in results.json, in the notebook's order."""
        out = {**self.margins.entries()}
        out[self.c6.key] = make_entry(self.c6.key, self.c6.value, claims=["C6"], note=self.c6.reason)
        out.update(self.fixed.entries())
        out.update(self.frontier.entries())
        out.update(self.cuts.entries())
        out[self.c12.key] = make_entry(self.c12.key, self.c12.value, claims=["C12"], note=self.c12.reason)
        out[replication.KEY] = replication.entry(self.replication)
        return out


def analyze(P, inputs: Inputs | None = None) -> Analysis:
    """The whole notebook's analysis, without a kernel."""
    inputs = inputs if inputs is not None else load_inputs(P)
    m = margins.margins(inputs, P)
    fixed = prices.fixed_capability(inputs.prices, inputs.epoch_fits, P)
    front = prices.frontier(inputs.prices, P)
    cut = prices.cuts(inputs.prices, P)
    c6, c12 = judge(m, fixed, front, cut, P)
    return Analysis(
        inputs=inputs,
        margins=m,
        fixed=fixed,
        frontier=front,
        cuts=cut,
        replication=published.figures(inputs.prices, fixed, front),
        c6=c6,
        c12=c12,
    )
