"""The delay a compute gap imposes once both sides grow (claim C10): the model, its Monte Carlo over the
published uncertainty, and a one-at-a-time sensitivity (tornado).

Both sides' effective compute grows exponentially: physical compute by a factor ``g`` per year and the
algorithmic multiplier by 2^(12 / h) per year, where ``h`` is the halving time (months) of the compute
needed for fixed performance. In natural-log units per year

    a_frontier   = ln g_f + ln 2 * 12 / h
    a_restricted = ln g_r + ln 2 * 12 / h     (0 instead of the second term if algorithms do not diffuse)

A side that starts with R times less effective compute is behind by a *delay*: the time since the frontier
had the effective compute the restricted side has at the horizon T (years from now),

    delay(T) = max(0, T * (1 - a_r / a_f) + ln R / a_f)        (years; x 12 for months)

With equal growth on both sides the delay is the same at every horizon, ln R / a. With no hardware growth,
R = 10 and h = 8 months it is 8 * log2(10) = 26.58 months. Everything here is pure and vectorized
(numpy arrays in, arrays out); the Monte Carlo draws all inputs at once.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pandas as pd
from scipy.special import ndtri  # the standard normal quantile (what scipy.stats.norm.ppf calls, 100x faster)

from helpers.core.results import make_entry
from helpers.core.uncertainty import split_lognormal_from_interval

from .scenario import algorithmic_rate_per_year

GROWTH_LEVEL = 0.9  # the growth rates' interval [g / factor, g x factor] is their central 90%

__all__ = [
    "Delay",
    "DelayInputs",
    "band_probabilities",
    "catch_up_months",
    "delay_by_gap",
    "delay_inputs",
    "delay_model",
    "delay_months",
    "delay_summary",
    "growth_rates",
    "simulate_delay",
    "tornado",
]


def growth_rates(halving_months, frontier_growth, restricted_growth, algorithms_diffuse):
    """Growth of both sides' effective compute in natural-log units per year: (a_frontier, a_restricted)."""
    g_f = np.asarray(frontier_growth, float)
    g_r = np.asarray(restricted_growth, float)
    if np.any(g_f <= 0) or np.any(g_r <= 0):
        raise ValueError("compute growth multipliers per year must be positive (1.0 = no growth)")
    alg = algorithmic_rate_per_year(halving_months)
    a_f = np.log(g_f) + alg
    a_r = np.log(g_r) + (alg if algorithms_diffuse else 0.0)
    return a_f, a_r


def delay_months(
    ratio,
    halving_months,
    frontier_growth=1.0,
    restricted_growth=1.0,
    algorithms_diffuse=True,
    horizon_years=0.0,
):
    """Months the restricted side is behind the frontier at ``horizon_years`` (see the module docstring).

    Vectorized over every argument. Infinite when the frontier's effective compute does not grow
    (a_f <= 0) while a gap exists."""
    ratio = np.asarray(ratio, float)
    if np.any(ratio <= 0):
        raise ValueError("delay_months: the compute ratio must be positive")
    a_f, a_r = growth_rates(halving_months, frontier_growth, restricted_growth, algorithms_diffuse)
    T = np.asarray(horizon_years, float)
    with np.errstate(divide="ignore", invalid="ignore"):
        years = T * (1.0 - a_r / a_f) + np.log(ratio) / a_f
        years = np.where(a_f > 0, years, np.where(ratio > 1, np.inf, 0.0))
    return 12.0 * np.maximum(years, 0.0)


def catch_up_months(ratio, halving_months, restricted_growth=1.0, algorithms_diffuse=True):
    """Months until the restricted side reaches the frontier's effective compute of today (a standing target)."""
    _, a_r = growth_rates(halving_months, 1.0, restricted_growth, algorithms_diffuse)
    ratio = np.asarray(ratio, float)
    with np.errstate(divide="ignore"):
        years = np.where(ratio <= 1, 0.0, np.where(a_r > 0, np.log(np.maximum(ratio, 1.0)) / a_r, np.inf))
    return 12.0 * years


# ------------------------------------------------------------------------------------- Monte Carlo


@dataclass(frozen=True)
class DelayInputs:
    """Inputs of the delay model: central values and the intervals their uncertainty is fitted to."""

    ratio: float
    halving_months: float
    halving_low: float
    halving_high: float
    halving_level: float
    frontier_growth: float
    restricted_growth: float
    growth_factor: float = 1.0  # growth interval: [g / factor, g x factor] at growth_level
    growth_level: float = 0.9
    restricted_growth_factor: float | None = None  # the restricted side's factor (None: growth_factor)
    algorithms_diffuse: bool = True
    horizon_years: float = 0.0


@lru_cache(maxsize=4)
def _normals(n_draws: int, seed: int) -> np.ndarray:
    """The standard normal draws behind ``simulate_delay`` (3 x n_draws), read-only: the same for every
    specification of a grid with one seed, so they are drawn once."""
    e = np.random.default_rng(seed).standard_normal((3, n_draws))
    e.flags.writeable = False
    return e


def simulate_delay(inp: DelayInputs, n_draws: int, seed: int) -> dict:
    """Draw halving time and both growth rates (independent; the halving time from the two-piece lognormal
    that meets its published median and interval ends, the growth rates from lognormals) and return the
    delays (months).

    Returns a dict of arrays: delay_months, halving_months, frontier_growth, restricted_growth."""
    if n_draws < 1:
        raise ValueError("n_draws must be at least 1")
    mu_h, s_lo, s_hi = split_lognormal_from_interval(
        inp.halving_months, inp.halving_low, inp.halving_high, inp.halving_level
    )
    f_r = inp.growth_factor if inp.restricted_growth_factor is None else inp.restricted_growth_factor
    if inp.growth_factor < 1 or f_r < 1:
        raise ValueError("growth_factor and restricted_growth_factor must be >= 1")
    z = ndtri(0.5 + inp.growth_level / 2.0)
    s_g, s_r = np.log(inp.growth_factor) / z, np.log(f_r) / z
    e = _normals(n_draws, seed)
    h = np.exp(mu_h + np.where(e[0] < 0, s_lo, s_hi) * e[0])
    g_f = np.exp(np.log(inp.frontier_growth) + s_g * e[1])
    g_r = np.exp(np.log(inp.restricted_growth) + s_r * e[2])
    d = delay_months(inp.ratio, h, g_f, g_r, inp.algorithms_diffuse, inp.horizon_years)
    return {"delay_months": d, "halving_months": h, "frontier_growth": g_f, "restricted_growth": g_r}


def delay_summary(delays: np.ndarray, speed_bump_max: float, roadblock_min: float) -> dict:
    """Median, 5th and 95th percentiles and the band probabilities of simulated delays (months)."""
    d = np.asarray(delays, float)
    p05, p50, p95 = np.percentile(d, [5, 50, 95])
    probs = band_probabilities(d, speed_bump_max, roadblock_min)
    return {"median": float(p50), "p05": float(p05), "p95": float(p95), **probs}


def band_probabilities(delays, speed_bump_max: float, roadblock_min: float) -> dict:
    """Shares of delays in the speed-bump band (<= speed_bump_max), the roadblock band (>= roadblock_min)
    and between them."""
    if speed_bump_max > roadblock_min:
        raise ValueError("speed_bump_max must not exceed roadblock_min")
    d = np.asarray(delays, float)
    bump = float(np.mean(d <= speed_bump_max))
    road = float(np.mean(d >= roadblock_min))
    return {"prob_speed_bump": bump, "prob_roadblock": road, "prob_between": max(0.0, 1.0 - bump - road)}


def tornado(inp: DelayInputs) -> pd.DataFrame:
    """One-at-a-time sensitivity of the deterministic delay: each input at the ends of its interval, the
    others at their central values. Sorted by swing (largest first)."""
    base = float(
        delay_months(
            inp.ratio,
            inp.halving_months,
            inp.frontier_growth,
            inp.restricted_growth,
            inp.algorithms_diffuse,
            inp.horizon_years,
        )
    )
    f = inp.growth_factor
    f_r = f if inp.restricted_growth_factor is None else inp.restricted_growth_factor
    cases = {
        "halving time (months)": ("halving_months", inp.halving_low, inp.halving_high),
        "frontier compute growth (x/yr)": (
            "frontier_growth",
            inp.frontier_growth / f,
            inp.frontier_growth * f,
        ),
        "restricted compute growth (x/yr)": (
            "restricted_growth",
            inp.restricted_growth / f_r,
            inp.restricted_growth * f_r,
        ),
        "compute ratio (x)": ("ratio", inp.ratio / 2.0, inp.ratio * 2.0),
    }
    rows = []
    for label, (field, lo, hi) in cases.items():
        vals = {}
        for end, v in (("low", lo), ("high", hi)):
            kw = {
                k: getattr(inp, k)
                for k in ("ratio", "halving_months", "frontier_growth", "restricted_growth")
            }
            kw[field] = v
            vals[end] = float(
                delay_months(
                    kw["ratio"],
                    kw["halving_months"],
                    kw["frontier_growth"],
                    kw["restricted_growth"],
                    inp.algorithms_diffuse,
                    inp.horizon_years,
                )
            )
        rows.append(
            {
                "input": label,
                "input_low": lo,
                "input_high": hi,
                "delay_at_low": vals["low"],
                "delay_at_high": vals["high"],
                "base": base,
                "swing": abs(vals["high"] - vals["low"]),
            }
        )
    return pd.DataFrame(rows).sort_values("swing", ascending=False, kind="mergesort").reset_index(drop=True)


# ------------------------------------------------------------------------------------- the section


@dataclass(frozen=True)
class Delay:
    """The delay of the scenario: deterministic at the central rates, its simulated distribution, the
    band probabilities and the tornado."""

    P: object
    inputs: DelayInputs
    growth: object  # growth.RestrictedGrowth: the restricted side's growth and where it came from
    central: float  # months, central rates
    sim: dict  # simulate_delay's arrays
    summary: dict  # delay_summary
    tornado: pd.DataFrame
    no_growth: float  # months if physical compute did not grow on either side
    slow_restricted: float  # months if the restricted side's physical growth were halved
    equal_growth: float  # months if the restricted side's physical compute grew as fast as the frontier's

    @property
    def decisive(self) -> pd.Series:
        """The tornado's top row: the input that alone moves the delay most."""
        return self.tornado.iloc[0]

    def entries(self) -> dict:
        s, P, g = self.summary, self.P, self.growth
        return {
            "restricted_compute_growth_per_year": make_entry(
                "restricted_compute_growth_per_year",
                g.value,
                low=g.low,
                high=g.high,
                unit="x per year",
                claims=["C10"],
                note=("estimated: " if g.estimated else "set: ")
                + g.source
                + "; 90% interval of the Monte Carlo's lognormal",
            ),
            "delay_months_median": make_entry(
                "delay_months_median",
                s["median"],
                low=s["p05"],
                high=s["p95"],
                unit="months",
                claims=["C10"],
                note="median and 5-95% of the simulated delay",
            ),
            "delay_months_p05": make_entry("delay_months_p05", s["p05"], unit="months", claims=["C10"]),
            "delay_months_p95": make_entry("delay_months_p95", s["p95"], unit="months", claims=["C10"]),
            "prob_speed_bump": make_entry(
                "prob_speed_bump",
                s["prob_speed_bump"],
                unit="probability",
                claims=["C10"],
                note=f"P(delay ≤ {P.speed_bump_max_months:g} months)",
            ),
            "prob_roadblock": make_entry(
                "prob_roadblock",
                s["prob_roadblock"],
                unit="probability",
                claims=["C10"],
                note=f"P(delay ≥ {P.roadblock_min_months:g} months)",
            ),
        }


def delay_inputs(ratio: float, P, growth) -> DelayInputs:
    """The delay model's inputs for a compute gap ``ratio`` under the rates and intervals of ``P``, with the
    restricted side's growth and its interval from ``growth`` (``growth.restricted_growth``)."""
    return DelayInputs(
        ratio=ratio,
        halving_months=P.halving_months,
        halving_low=P.halving_months_low,
        halving_high=P.halving_months_high,
        halving_level=P.halving_ci_level,
        frontier_growth=P.frontier_compute_growth_per_year,
        restricted_growth=growth.value,
        growth_factor=P.growth_ci_factor,
        growth_level=GROWTH_LEVEL,
        restricted_growth_factor=growth.factor,
        algorithms_diffuse=P.algorithms_diffuse,
        horizon_years=P.horizon_years,
    )


def delay_by_gap(inp: DelayInputs, gaps, horizons) -> pd.DataFrame:
    """The central delay (months) for each growth gap g_frontier / g_restricted and horizon (years), the
    frontier's growth, the halving time and the ratio as in ``inp``: columns gap, horizon_years, delay_months."""
    gaps = np.asarray(gaps, float)
    rows = []
    for T in horizons:
        d = delay_months(
            inp.ratio,
            inp.halving_months,
            inp.frontier_growth,
            inp.frontier_growth / gaps,
            inp.algorithms_diffuse,
            T,
        )
        rows.append(pd.DataFrame({"gap": gaps, "horizon_years": float(T), "delay_months": d}))
    return pd.concat(rows, ignore_index=True)


def delay_model(ratio: float, P, growth, n_draws: int | None = None) -> Delay:
    """The delay a compute gap ``ratio`` imposes under the rates and intervals of ``P`` and the restricted
    side's growth ``growth`` (``growth.restricted_growth``); ``n_draws`` overrides ``P.n_draws``, e.g. for a
    quick test of the wiring."""
    inp = delay_inputs(ratio, P, growth)
    sim = simulate_delay(inp, n_draws or P.n_draws, P.seed)
    g_f, g_r = P.frontier_compute_growth_per_year, growth.value
    return Delay(
        P=P,
        inputs=inp,
        growth=growth,
        central=float(delay_months(ratio, P.halving_months, g_f, g_r, P.algorithms_diffuse, P.horizon_years)),
        sim=sim,
        summary=delay_summary(sim["delay_months"], P.speed_bump_max_months, P.roadblock_min_months),
        tornado=tornado(inp),
        no_growth=float(delay_months(ratio, P.halving_months)),
        slow_restricted=float(
            delay_months(ratio, P.halving_months, g_f, g_r / 2, P.algorithms_diffuse, P.horizon_years)
        ),
        equal_growth=float(
            delay_months(ratio, P.halving_months, g_f, g_f, P.algorithms_diffuse, P.horizon_years)
        ),
    )
