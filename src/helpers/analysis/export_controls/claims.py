"""The claims C7-C10 judged from the sections' results, and every section at once (``analyze``).

``judge_claims`` reads the numbers and the thresholds of the parameters and passes them to the pure rules
of ``verdicts``; ``analyze`` runs notebook 03 without a kernel (tests, sweeps, a specification grid).
"""

from __future__ import annotations

from dataclasses import dataclass

from helpers.core.verdicts import Verdict

from . import verdicts as rules
from .arena_country import ArenaGap, arena_gap
from .costs import Costs, training_costs
from .delay import Delay, delay_model
from .growth import RestrictedGrowth, restricted_growth
from .inputs import Inputs, load_inputs
from .published import published_entry
from .rules import ChipRules, chips_against_rules
from .scenario import Scenario, essay_scenario
from .text import decisive_words, windows_words
from .us_china import CapabilityGap, ComputeRecord, capability_gap, compute_record

__all__ = ["Analysis", "analyze", "judge_claims"]


def judge_claims(sc, dl, cr, cg, co, P) -> list[Verdict]:
    """[C7, C8, C9, C10] from the scenario, delay, compute record, capability gap and costs results."""
    s = dl.summary
    return [
        rules.verdict_c7(
            co.v4_cost,
            co.v4_lo,
            co.v4_hi,
            co.ratio_cost,
            co.ratio_lo,
            co.ratio_hi,
            co.same_ratio,
            co.same_lo,
            co.same_hi,
            essay_cost_low=P.essay_cost_low_usd,
            essay_cost_high=P.essay_cost_high_usd,
            essay_ratio_low=P.essay_ratio_low,
            essay_ratio_high=P.essay_ratio_high,
        ),
        rules.verdict_c8(
            len(cg.matched_dates),
            cg.lag_now,
            float(cg.gap_points.iloc[-1]),
            cg.lag_strict_now,
            cr.gap_latest,
            close_months=P.c8_close_months,
            tolerance=P.eci_tolerance,
            since=f"{cg.controls_start:%Y-%m}",
            compute_gap_range=cr.gap_range,
            compute_windows=windows_words(cr),
        ),
        rules.verdict_c9(
            sc.ratio,
            sc.offset_months,
            sc.offset_lo,
            sc.offset_hi,
            sc.alg_share,
            sc.alg_share_lo,
            sc.alg_share_hi,
            P.frontier_compute_growth_per_year,
            speed_bump_max_months=P.speed_bump_max_months,
            roadblock_min_months=P.roadblock_min_months,
            share_bar=P.algorithmic_share_bar,
        ),
        rules.verdict_c10(
            s["median"],
            s["p05"],
            s["p95"],
            s["prob_speed_bump"],
            s["prob_roadblock"],
            cg.lag_now,
            speed_bump_max_months=P.speed_bump_max_months,
            roadblock_min_months=P.roadblock_min_months,
            verdict_probability=P.verdict_probability,
            restricted_growth=dl.growth.source,
            decisive=decisive_words(dl) if dl.tornado is not None else "",  # None: values only (the grid)
        ),
    ]


@dataclass(frozen=True, eq=False)
class Analysis:
    """Every section's result and the verdicts, as the notebook computes them."""

    inputs: Inputs
    rules: ChipRules
    scenario: Scenario
    growth: RestrictedGrowth
    delay: Delay
    record: ComputeRecord
    capability: CapabilityGap
    arena: ArenaGap
    costs: Costs
    verdicts: list

    def verdict(self, claim: str) -> Verdict:
        return next(v for v in self.verdicts if v.claim == claim)

    def entries(self) -> dict:
        """Every recorded result of notebook 03 (the verdicts included), keyed as in results.json."""
        out = {}
        for section in (self.scenario, self.delay, self.record, self.capability, self.costs):
            out.update(section.entries())
        out.update(published_entry(self))
        for v in self.verdicts:
            out[v.key] = {"value": v.value, "claims": [v.claim], "note": v.reason}
        return out


def analyze(P, inputs: Inputs | None = None, n_draws: int | None = None) -> Analysis:
    """Notebook 03 without a kernel for parameters ``P`` (``n_draws`` overrides the Monte Carlo's draws)."""
    inputs = inputs if inputs is not None else load_inputs(P)
    sc = essay_scenario(inputs, P)
    rg = restricted_growth(inputs, P)
    dl = delay_model(sc.ratio, P, rg, n_draws=n_draws)
    cr, cg, co = compute_record(inputs, P), capability_gap(inputs, P), training_costs(inputs, P)
    return Analysis(
        inputs=inputs,
        rules=chips_against_rules(inputs),
        scenario=sc,
        growth=rg,
        delay=dl,
        record=cr,
        capability=cg,
        arena=arena_gap(inputs, P),
        costs=co,
        verdicts=judge_claims(sc, dl, cr, cg, co, P),
    )
