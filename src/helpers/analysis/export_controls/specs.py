"""Notebook 03's verdicts for any parameters, fast enough for a specification grid (``alternatives``).

``verdicts(inputs, P)`` decides C7-C10 through the same sections and the same ``claims.judge_claims`` as
``analyze``, with each section cached by the values of the parameters it reads (``SECTION_READS``), so a
specification that changes only a threshold reuses every computed number and calls only the pure rules.

C10's Monte Carlo runs ``GRID_DRAWS`` (10,000) draws per specification instead of ``n_draws`` (200,000),
with the same seed; where a band probability lies within ``ESCALATE_SE`` standard errors of
``verdict_probability``, the specification is simulated again with the full ``n_draws`` (``c10_margin``).
"""

from __future__ import annotations

import math
from types import SimpleNamespace

from helpers.core.memo import SectionMemo

from .claims import judge_claims
from .costs import training_costs
from .delay import delay_inputs, delay_months, delay_summary, simulate_delay, tornado
from .growth import restricted_growth, stock_record
from .scenario import essay_scenario
from .us_china import capability_gap, compute_record

__all__ = ["ESCALATE_SE", "GRID_DRAWS", "SECTION_READS", "c10_margin", "clear_cache", "judged", "verdicts"]

GRID_DRAWS = 10_000  # Monte Carlo draws per specification of the grid (the notebook: n_draws, 200,000)
ESCALATE_SE = 4.0  # a band probability this many standard errors from the bar is simulated with n_draws

# every parameter each section reads: the cache key of the section (tests check the sections read no other)
SECTION_READS = {
    "scenario": (
        "frontier_chips",
        "frontier_chip",
        "restricted_chips",
        "restricted_chip",
        "utilization",
        "restricted_utilization",
        "halving_months",
        "halving_months_low",
        "halving_months_high",
        "frontier_compute_growth_per_year",
    ),
    "record": ("trend_start_year", "seed"),
    "capability": ("eci_tolerance", "lag_avg_start", "lag_avg_tolerance", "seed"),
    # the restricted side's growth (value and interval factor) the delay's simulation uses
    "growth": (
        "frontier_compute_growth_per_year",
        "restricted_compute_growth_per_year",
        "restricted_growth_ci_factor",
        "growth_ci_factor",
    ),
    "costs": ("price_usd_per_gpu_hour", "compute_uncertainty_factor"),
    # the delay's simulation (besides the scenario's ratio and the number of draws); the bands apply afterwards
    "delay": (
        "halving_months",
        "halving_months_low",
        "halving_months_high",
        "halving_ci_level",
        "frontier_compute_growth_per_year",
        "restricted_compute_growth_per_year",
        "restricted_growth_ci_factor",
        "growth_ci_factor",
        "algorithms_diffuse",
        "horizon_years",
        "seed",
    ),
}
_SECTIONS = {
    "scenario": essay_scenario,
    "record": compute_record,
    "capability": capability_gap,  # kept as the numbers judge_claims reads (_CAPABILITY_NUMBERS)
    "costs": training_costs,
    "growth": lambda inputs, P: _growth(inputs, P),
}

_memo = SectionMemo()  # the sections shared between specifications (core.memo)
clear_cache, _use, _cached = _memo.clear, _memo.use, _memo.cached


# what judge_claims reads of the capability section, kept as computed values: its properties recompute pandas
# series on every access (about 3 ms per specification)
_CAPABILITY_NUMBERS = ("matched_dates", "lag_now", "gap_points", "lag_strict_now", "controls_start")


def _growth(inputs, P):
    """``restricted_growth`` with the stock record it reads, which no parameter changes, computed once per
    inputs (it was 5 of the grid's 16 seconds in this notebook)."""
    _use(inputs)
    return restricted_growth(inputs, P, _cached("stock", (), lambda: stock_record(inputs)))


def _section(name: str, inputs, P):
    key = tuple(getattr(P, r) for r in SECTION_READS[name])
    if name == "capability":
        return _cached(
            "capability",
            key,
            lambda: SimpleNamespace(
                **{a: getattr(capability_gap(inputs, P), a) for a in _CAPABILITY_NUMBERS}
            ),
        )
    return _cached(name, key, lambda: _SECTIONS[name](inputs, P))


def _delay_inputs(inputs, ratio: float, P):
    return delay_inputs(ratio, P, _section("growth", inputs, P))


def _delays(inputs, ratio: float, P, n: int):
    key = (ratio, n) + tuple(getattr(P, r) for r in SECTION_READS["delay"])
    return _cached(
        "delay", key, lambda: simulate_delay(_delay_inputs(inputs, ratio, P), n, P.seed)["delay_months"]
    )


def _tornado(inputs, ratio: float, P):
    key = (ratio,) + tuple(getattr(P, r) for r in SECTION_READS["delay"])
    return _cached("tornado", key, lambda: tornado(_delay_inputs(inputs, ratio, P)))


def _summary(inputs, ratio: float, P, n: int) -> dict:
    bands = (P.speed_bump_max_months, P.roadblock_min_months)
    key = (ratio, n, *bands) + tuple(getattr(P, r) for r in SECTION_READS["delay"])
    return _cached("summary", key, lambda: delay_summary(_delays(inputs, ratio, P, n), *bands))


def _margin(s: dict, bar: float, n: int) -> float:
    """The smaller distance of the two band probabilities from ``bar``, in Monte Carlo standard errors."""
    out = math.inf
    for p in (s["prob_speed_bump"], s["prob_roadblock"]):
        se = math.sqrt(max(p * (1.0 - p), 1.0 / n) / n)  # floor: a share of 0 or 1 still has an error
        out = min(out, abs(p - bar) / se)
    return out


def c10_margin(inputs, P) -> dict:
    """C10's Monte Carlo margin for parameters ``P``: the draws the verdict rests on, the band probabilities,
    and the distance of the nearer one from ``verdict_probability`` in standard errors (at GRID_DRAWS draws,
    and at the draws used when the first was within ESCALATE_SE)."""
    _use(inputs)
    ratio = _section("scenario", inputs, P).ratio
    n = min(GRID_DRAWS, P.n_draws)
    s = _summary(inputs, ratio, P, n)
    m = _margin(s, P.verdict_probability, n)
    used, s_used = n, s
    if m < ESCALATE_SE and P.n_draws > n:
        used, s_used = P.n_draws, _summary(inputs, ratio, P, P.n_draws)
    return {
        "draws": used,
        "margin_se_grid": m,
        "margin_se": _margin(s_used, P.verdict_probability, used),
        "prob_speed_bump": s_used["prob_speed_bump"],
        "prob_roadblock": s_used["prob_roadblock"],
        "summary": s_used,
    }


def judged(inputs, P, reasons: bool = True) -> list:
    """[C7, C8, C9, C10] as ``Verdict``s for parameters ``P`` (``judge_claims`` on the cached sections).
    ``reasons=False`` skips the tornado and the central delays, which only name C10's decisive input in its
    reason (a third of the grid's time in this notebook); the verdict values are the same."""
    _use(inputs)
    sc = _section("scenario", inputs, P)
    # what judge_claims reads of the delay: the summary, the restricted growth, the tornado and two central delays
    growth = _section("growth", inputs, P)
    g_f = P.frontier_compute_growth_per_year
    ratio, h, diffuse, T = sc.ratio, P.halving_months, P.algorithms_diffuse, P.horizon_years
    # the tornado and the two central delays are read by C10's reason only (decisive_words)
    delay = SimpleNamespace(
        P=P,
        summary=c10_margin(inputs, P)["summary"],
        growth=growth,
        tornado=_tornado(inputs, ratio, P) if reasons else None,
        central=float(delay_months(ratio, h, g_f, growth.value, diffuse, T)) if reasons else None,
        equal_growth=float(delay_months(ratio, h, g_f, g_f, diffuse, T)) if reasons else None,
    )
    return judge_claims(
        sc,
        delay,
        _section("record", inputs, P),
        _section("capability", inputs, P),
        _section("costs", inputs, P),
        P,
    )


def verdicts(inputs, P) -> dict[str, str]:
    """{claim: verdict value} for C7-C10 under parameters ``P`` (e.g. ``Params().model_copy(update=spec)``)."""
    return {v.claim: v.value for v in judged(inputs, P, reasons=False)}
