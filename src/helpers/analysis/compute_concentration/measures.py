"""Market-concentration measures: shares, concentration ratios, HHI (with bounds for an unallocated
share), the effective number of firms, Gini coefficient and Lorenz curve, and merger-guideline bands.

All functions are pure: they take numbers (shares in percent, or sizes) and return numbers. Shares are
in percent points (0-100), so a monopoly has HHI 10,000.

The unallocated share
---------------------
Published market shares usually name the largest firms only; the rest ("other") is a set of firms of
unknown sizes. Its contribution to the HHI lies between two extremes:

* many infinitesimal firms: contribution 0 (lower bound);
* one firm holding all of it: contribution ``other**2`` (upper bound), or, when every unnamed firm is
  known to be no larger than ``cap`` (e.g. the smallest named firm in a top-n list), as many firms of size
  ``cap`` as fit plus the remainder, the largest sum of squares possible under that cap.

Guideline bands
---------------
``GUIDELINES`` holds the HHI bands of the U.S. Department of Justice / Federal Trade Commission merger
guidelines: 2023 Merger Guidelines (Guideline 1, section 2.1: HHI above 1,800 highly concentrated,
1,000-1,800 moderately concentrated) and, as the documented alternative, the 2010 Horizontal Merger
Guidelines (section 5.3: above 2,500 highly, 1,500-2,500 moderately concentrated).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

__all__ = [
    "GUIDELINES",
    "ConcentrationError",
    "LayerMetrics",
    "band",
    "band_range",
    "cr_n",
    "effective_number",
    "gini",
    "hhi",
    "hhi_bounds",
    "layer_metrics",
    "lorenz",
    "max_sum_squares",
    "shares",
]

GUIDELINES = {
    # year: (moderately concentrated from, highly concentrated above), HHI points
    "2023": (1000.0, 1800.0),
    "2010": (1500.0, 2500.0),
}

_TOL = 1e-6


class ConcentrationError(ValueError):
    pass


def _arr(values, what: str) -> np.ndarray:
    a = np.asarray(list(values) if not isinstance(values, np.ndarray) else values, dtype=float)
    if a.ndim != 1:
        raise ConcentrationError(f"{what}: expected a flat list of numbers")
    if np.isnan(a).any():
        raise ConcentrationError(f"{what}: contains missing values (NaN)")
    if (a < 0).any():
        raise ConcentrationError(f"{what}: contains negative values {a[a < 0][:3].tolist()}")
    return a


def shares(sizes: Iterable[float]) -> np.ndarray:
    """Percent shares of ``sizes`` (summing to 100). Raises on negative sizes or a zero total."""
    a = _arr(sizes, "sizes")
    total = a.sum()
    if total <= 0:
        raise ConcentrationError("sizes: the total is zero, shares are undefined")
    return a / total * 100.0


def _check_shares(s: np.ndarray, other: float = 0.0) -> None:
    if s.sum() + other > 100.0 + 1e-6 * max(1.0, s.size):
        raise ConcentrationError(f"shares add up to {s.sum() + other:.4g} percent, more than 100")


def cr_n(named_shares: Iterable[float], n: int) -> float:
    """Concentration ratio CR-n: the summed share (percent) of the ``n`` largest named firms.

    Only named firms count; an unallocated remainder is never treated as a firm here. With fewer than
    ``n`` named firms the sum of all of them is returned (a lower bound of the true CR-n)."""
    if n < 1:
        raise ConcentrationError(f"cr_n: n must be at least 1, got {n}")
    s = _arr(named_shares, "named_shares")
    _check_shares(s)
    return float(np.sort(s)[::-1][:n].sum())


def hhi(share_pct: Iterable[float]) -> float:
    """Herfindahl-Hirschman index: the sum of squared percent shares (0 < HHI <= 10,000)."""
    s = _arr(share_pct, "share_pct")
    _check_shares(s)
    return float((s**2).sum())


def max_sum_squares(other: float, cap: float | None) -> float:
    """Largest sum of squares of non-negative parts of ``other`` when no part exceeds ``cap``."""
    if other <= 0:
        return 0.0
    if cap is None or cap >= other:
        return other**2
    if cap <= 0:
        raise ConcentrationError("cap on the size of an unnamed firm must be positive")
    k = math.floor(other / cap + _TOL)
    rest = max(other - k * cap, 0.0)
    return k * cap**2 + rest**2


def hhi_bounds(
    named_shares: Iterable[float], other_pct: float | None = None, cap: float | None = None
) -> tuple[float, float]:
    """(low, high) HHI when part of the market is unallocated.

    ``other_pct`` is the unallocated share (default: 100 minus the named shares). Low: the other share is
    many infinitesimal firms. High: it is one firm, or, with ``cap``, firms no larger than ``cap`` each."""
    s = _arr(named_shares, "named_shares")
    if other_pct is None:
        other_pct = max(100.0 - s.sum(), 0.0)
    if other_pct < 0:
        raise ConcentrationError(f"other_pct must be >= 0, got {other_pct}")
    _check_shares(s, other_pct)
    base = float((s**2).sum())
    return base, base + max_sum_squares(float(other_pct), cap)


def effective_number(hhi_value: float) -> float:
    """Effective number of equal-sized firms, 10,000 / HHI."""
    if not hhi_value > 0:
        raise ConcentrationError(f"effective_number: HHI must be positive, got {hhi_value}")
    return 10_000.0 / float(hhi_value)


def band(
    hhi_value: float, moderate: float = GUIDELINES["2023"][0], high: float = GUIDELINES["2023"][1]
) -> str:
    """'highly concentrated' (HHI > high), 'moderately concentrated' (moderate <= HHI <= high) or
    'unconcentrated' (HHI < moderate)."""
    if not moderate < high:
        raise ConcentrationError(f"band: the moderate threshold {moderate} must be below the high one {high}")
    if hhi_value > high:
        return "highly concentrated"
    if hhi_value >= moderate:
        return "moderately concentrated"
    return "unconcentrated"


def band_range(
    hhi_low: float,
    hhi_high: float,
    moderate: float = GUIDELINES["2023"][0],
    high: float = GUIDELINES["2023"][1],
) -> str:
    """The band of an HHI range: one band when both bounds fall in it, else 'between <low band> and <high band>'."""
    b1, b2 = band(hhi_low, moderate, high), band(hhi_high, moderate, high)
    return b1 if b1 == b2 else f"between {b1} and {b2}"


def lorenz(sizes: Iterable[float]) -> tuple[np.ndarray, np.ndarray]:
    """Lorenz curve: cumulative population share and cumulative size share (both 0..1, starting at 0),
    with units sorted from smallest to largest."""
    a = np.sort(_arr(sizes, "sizes"))
    if a.size == 0 or a.sum() <= 0:
        raise ConcentrationError("lorenz: needs at least one positive size")
    x = np.arange(a.size + 1) / a.size
    y = np.concatenate([[0.0], np.cumsum(a) / a.sum()])
    return x, y


def gini(sizes: Iterable[float]) -> float:
    """Gini coefficient of ``sizes`` (0 = all equal, (n-1)/n = one unit holds everything)."""
    x, y = lorenz(sizes)
    area = np.sum((y[1:] + y[:-1]) / 2.0 * np.diff(x))  # area under the Lorenz curve (trapezoids)
    return float(1.0 - 2.0 * area)


@dataclass(frozen=True)
class LayerMetrics:
    cr1: float
    cr3: float
    cr5: float
    hhi_low: float
    hhi_high: float
    effective_n_low: float  # from hhi_high
    effective_n_high: float  # from hhi_low
    other_pct: float
    n_named: int

    def as_dict(self) -> dict:
        return dict(self.__dict__)


def layer_metrics(
    named: Mapping[str, float] | Sequence[float], other_pct: float | None = None, cap: float | None = None
) -> LayerMetrics:
    """CR1/CR3/CR5, HHI bounds and effective-number bounds of one layer from its named shares (percent)."""
    vals = list(named.values()) if isinstance(named, Mapping) else list(named)
    s = _arr(vals, "named shares")
    if s.size == 0:
        raise ConcentrationError("layer_metrics: no named firm")
    if other_pct is None:
        other_pct = max(100.0 - s.sum(), 0.0)
    lo, hi = hhi_bounds(s, other_pct, cap)
    return LayerMetrics(
        cr1=cr_n(s, 1),
        cr3=cr_n(s, 3),
        cr5=cr_n(s, 5),
        hhi_low=lo,
        hhi_high=hi,
        effective_n_low=effective_number(hi),
        effective_n_high=effective_number(lo),
        other_pct=float(other_pct),
        n_named=int(s.size),
    )
