"""The essay's scenario in effective compute (claim C9): the compute ratio of the two fleets, the algorithmic
gain that would offset it, how many months of progress that is, and what share of the frontier's growth in
effective compute algorithms supply.

    effective compute E = chips x peak FLOP/s x utilization x time x algorithmic multiplier

If the compute needed for a fixed performance halves every ``h`` months, an algorithmic gain ``R`` takes
h x log2(R) months of progress. Functions are pure and vectorized (numpy arrays in, arrays out).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from helpers.core.results import make_entry

LN2 = np.log(2.0)
SECONDS_PER_YEAR = 365.25 * 24 * 3600

__all__ = [
    "Scenario",
    "algorithmic_rate_per_year",
    "algorithmic_share",
    "compute_ratio",
    "effective_compute",
    "essay_scenario",
    "months_of_progress",
    "offset_multiplier_needed",
]


def effective_compute(chips, flop_per_s, utilization, seconds, algorithmic_multiplier=1.0):
    """Effective training compute (FLOP-equivalents): chips x FLOP/s x utilization x time x multiplier."""
    chips, flop_per_s = np.asarray(chips, float), np.asarray(flop_per_s, float)
    utilization, seconds = np.asarray(utilization, float), np.asarray(seconds, float)
    if np.any(chips < 0) or np.any(flop_per_s < 0) or np.any(seconds < 0):
        raise ValueError("effective_compute: chips, FLOP/s and time must be non-negative")
    if np.any((utilization < 0) | (utilization > 1)):
        raise ValueError("effective_compute: utilization must be between 0 and 1")
    return chips * flop_per_s * utilization * seconds * np.asarray(algorithmic_multiplier, float)


def compute_ratio(
    frontier_chips,
    frontier_flop_per_s,
    restricted_chips,
    restricted_flop_per_s,
    frontier_utilization=1.0,
    restricted_utilization=1.0,
):
    """How many times more effective compute the frontier side has (same time, same algorithms)."""
    f = effective_compute(frontier_chips, frontier_flop_per_s, frontier_utilization, 1.0)
    r = effective_compute(restricted_chips, restricted_flop_per_s, restricted_utilization, 1.0)
    if np.any(np.asarray(r) <= 0):
        raise ValueError(
            "compute_ratio: the restricted side has no compute (chips, FLOP/s and utilization must be > 0)"
        )
    return f / r


def offset_multiplier_needed(ratio):
    """Algorithmic gain (x) the restricted side needs to match the frontier: the ratio, at least 1."""
    return np.maximum(np.asarray(ratio, float), 1.0)


def months_of_progress(multiplier, halving_months):
    """Months of algorithmic progress that deliver a compute-efficiency gain ``multiplier``: h x log2(m)."""
    m = np.asarray(multiplier, float)
    h = np.asarray(halving_months, float)
    if np.any(m <= 0) or np.any(h <= 0):
        raise ValueError("months_of_progress: multiplier and halving time must be positive")
    return h * np.log2(m)


def algorithmic_rate_per_year(halving_months):
    """Growth of the algorithmic multiplier in natural-log units per year: ln 2 x 12 / h."""
    h = np.asarray(halving_months, float)
    if np.any(h <= 0):
        raise ValueError("halving time must be positive")
    return LN2 * 12.0 / h


def algorithmic_share(halving_months: float, compute_growth_per_year: float) -> float:
    """Share of the frontier's effective-compute growth (log units) that algorithms supply at halving time
    ``halving_months`` against physical compute growing ``compute_growth_per_year`` x per year (1.0 when
    physical compute does not grow)."""
    a = float(algorithmic_rate_per_year(halving_months))
    return a / (a + np.log(compute_growth_per_year)) if compute_growth_per_year > 1 else 1.0


@dataclass(frozen=True)
class Scenario:
    """The essay's scenario: both fleets, their compute ratio and the algorithmic progress that offsets it."""

    P: object
    frontier: pd.Series  # the frontier side's row of the chips table
    restricted: pd.Series  # the restricted side's row
    restricted_utilization: float
    ratio: float
    offset: float  # algorithmic gain needed (x)
    offset_months: float  # ... in months of progress at the central halving time
    offset_lo: float  # ... at the low and high ends of the halving interval
    offset_hi: float
    fleet_frontier_flop: float  # a year of training, FLOP
    fleet_restricted_flop: float
    alg_share: float  # share of frontier effective-compute growth from algorithms
    alg_share_lo: float
    alg_share_hi: float

    @property
    def frontier_flop_per_s(self) -> float:
        return float(self.frontier["dense_bf16_tflops"]) * 1e12

    @property
    def restricted_flop_per_s(self) -> float:
        return float(self.restricted["dense_bf16_tflops"]) * 1e12

    def entries(self) -> dict:
        P = self.P
        return {
            "compute_ratio_scenario": make_entry(
                "compute_ratio_scenario",
                self.ratio,
                unit="x",
                claims=["C9"],
                note=f"{P.frontier_chips:,} {P.frontier_chip} vs {P.restricted_chips:,} {P.restricted_chip} at peak "
                "dense BF16",
            ),
            "offset_multiplier_needed": make_entry(
                "offset_multiplier_needed",
                self.offset,
                unit="x",
                claims=["C9"],
                note=f"= {self.offset_months:.1f} months of algorithmic progress at {P.halving_months:g}-month halving "
                f"({self.offset_lo:.1f}-{self.offset_hi:.1f} over the published interval)",
            ),
            "offset_months_needed": make_entry(
                "offset_months_needed",
                self.offset_months,
                low=self.offset_lo,
                high=self.offset_hi,
                unit="months",
                claims=["C9"],
                note=f"months of algorithmic progress that make up the compute gap, at {P.halving_months:g}-month "
                f"halving (interval: halving times {P.halving_months_low:g} to {P.halving_months_high:g} months)",
            ),
            "algorithmic_share_of_growth": make_entry(
                "algorithmic_share_of_growth",
                self.alg_share,
                low=self.alg_share_lo,
                high=self.alg_share_hi,
                unit="fraction",
                claims=["C9"],
                note=f"share of frontier effective-compute growth from algorithms, against "
                f"{P.frontier_compute_growth_per_year:g}x a year physical growth",
            ),
        }


def essay_scenario(inputs, P) -> Scenario:
    """The scenario of parameters ``P`` (chips, counts, utilization, halving time) on the chips table."""
    cs = inputs.chips.set_index("chip")
    f, r = cs.loc[P.frontier_chip], cs.loc[P.restricted_chip]
    f_flops, r_flops = f["dense_bf16_tflops"] * 1e12, r["dense_bf16_tflops"] * 1e12
    r_util = P.restricted_utilization if P.restricted_utilization is not None else P.utilization
    ratio = float(
        compute_ratio(P.frontier_chips, f_flops, P.restricted_chips, r_flops, P.utilization, r_util)
    )
    offset = float(offset_multiplier_needed(ratio))
    g = P.frontier_compute_growth_per_year
    return Scenario(
        P=P,
        frontier=f,
        restricted=r,
        restricted_utilization=r_util,
        ratio=ratio,
        offset=offset,
        offset_months=float(months_of_progress(offset, P.halving_months)),
        offset_lo=float(months_of_progress(offset, P.halving_months_low)),
        offset_hi=float(months_of_progress(offset, P.halving_months_high)),
        fleet_frontier_flop=float(
            effective_compute(P.frontier_chips, f_flops, P.utilization, SECONDS_PER_YEAR)
        ),
        fleet_restricted_flop=float(effective_compute(P.restricted_chips, r_flops, r_util, SECONDS_PER_YEAR)),
        alg_share=algorithmic_share(P.halving_months, g),
        alg_share_lo=algorithmic_share(P.halving_months_high, g),
        alg_share_hi=algorithmic_share(P.halving_months_low, g),
    )
