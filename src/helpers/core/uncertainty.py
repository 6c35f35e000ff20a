"""Uncertainty tools shared by the analyses: percentile intervals of draws, the bootstrap median, and
(split) lognormal distributions fitted to published intervals. Kaplan-Meier medians are in
``core.survival`` (they need statsmodels; this module stays light for notebooks that do not)."""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
from scipy.special import ndtri  # the standard normal quantile (what scipy.stats.norm.ppf calls)

__all__ = [
    "bootstrap_median",
    "interval",
    "lognormal_from_interval",
    "split_lognormal_draws",
    "split_lognormal_from_interval",
]


def interval(x, level: float = 0.90) -> tuple[float, float]:
    """The central ``level`` interval of draws ``x`` (percentiles of the sample)."""
    a = (1 - level) / 2
    lo, hi = np.quantile(np.asarray(x, dtype=float), [a, 1 - a])
    return float(lo), float(hi)


def bootstrap_median(values: Iterable[float], n_boot: int, seed: int, level: float = 0.95) -> tuple:
    """Median of ``values`` with a percentile bootstrap interval (resampling the values)."""
    v = np.asarray(list(values), dtype=float)
    if len(v) == 0:
        return float("nan"), float("nan"), float("nan")
    rng = np.random.default_rng(seed)
    idx = rng.integers(0, len(v), size=(n_boot, len(v)))
    meds = np.median(v[idx], axis=1)
    a = (1 - level) / 2
    return float(np.median(v)), float(np.quantile(meds, a)), float(np.quantile(meds, 1 - a))


def lognormal_from_interval(central: float, low: float, high: float, level: float) -> tuple[float, float]:
    """(mu, sigma) of a lognormal with median ``central`` whose central ``level`` interval spans about [low, high].

    sigma is the mean of the two log half-widths divided by the normal quantile, so a published interval
    that is asymmetric in logs is matched on average; low = high = central gives sigma = 0 (a point mass)."""
    if not (0 < low <= central <= high):
        raise ValueError(f"interval must satisfy 0 < low <= central <= high (got {low}, {central}, {high})")
    if not (0 < level < 1):
        raise ValueError(f"interval level must be a fraction between 0 and 1 (got {level})")
    z = ndtri(0.5 + level / 2.0)
    sigma = (np.log(high) - np.log(low)) / (2.0 * z)
    return float(np.log(central)), float(sigma)


def split_lognormal_from_interval(
    central: float, low: float, high: float, level: float
) -> tuple[float, float, float]:
    """(mu, sigma_low, sigma_high) of a two-piece lognormal: median ``central`` and the central ``level``
    interval exactly [low, high].

    A published interval that is asymmetric in logs (Ho et al. 2024: 8 months, 90% CI 2-22, i.e. a factor 4
    below and 2.75 above) cannot be met by one lognormal: the symmetric fit of ``lognormal_from_interval``
    gives about 2.4-26.5. Below the median the log-scale is ln(central / low) / z, above it ln(high / central) / z."""
    mu, _ = lognormal_from_interval(central, low, high, level)
    z = ndtri(0.5 + level / 2.0)
    return mu, float(np.log(central / low) / z), float(np.log(high / central) / z)


_Z95 = float(ndtri(0.95))  # a 90% interval's upper quantile


def split_lognormal_draws(p5, p50, p95, n: int, rng: np.random.Generator) -> np.ndarray:
    """Draws (n x k) of k independent quantities given their 5th/50th/95th percentiles: the vector form of
    ``split_lognormal_from_interval`` at level 0.9.

    Each quantity is log-normal with a different spread below and above the median (a split log-normal),
    matching the three published percentiles exactly. A quantity whose p5/p95 is missing (NaN) is held at
    its median. The same standard-normal draw feeds both halves, so draws are continuous in the median."""
    p5, p50, p95 = (np.asarray(v, dtype=float) for v in (p5, p50, p95))
    if not (p5.shape == p50.shape == p95.shape) or p50.ndim != 1:
        raise ValueError("split_lognormal_draws: p5, p50 and p95 must be flat and of equal length")
    if (p50 <= 0).any():
        raise ValueError("split_lognormal_draws: medians must be positive")
    lo = np.where(np.isnan(p5), p50, np.clip(p5, 1e-12, None))
    hi = np.where(np.isnan(p95), p50, p95)
    if (lo > p50 * (1 + 1e-9)).any() or (hi < p50 * (1 - 1e-9)).any():
        raise ValueError("split_lognormal_draws: need p5 <= p50 <= p95 for every quantity")
    s_lo = np.log(p50 / np.minimum(lo, p50)) / _Z95
    s_hi = np.log(np.maximum(hi, p50) / p50) / _Z95
    z = rng.standard_normal((n, p50.size))
    return p50 * np.exp(np.where(z < 0, z * s_lo, z * s_hi))
