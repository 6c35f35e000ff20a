"""Kaplan-Meier medians of right-censored waits, with a bootstrap interval (notebook 01's lags).

Apart from ``core.uncertainty`` because it imports statsmodels' survival module, which the other
notebooks do not need at start-up.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
from statsmodels.duration.survfunc import SurvfuncRight

__all__ = ["KM_LEVEL", "bootstrap_km_median", "km_median"]

KM_LEVEL = 0.95  # the bootstrap interval of a Kaplan-Meier median (the methods note reads it)


def km_median(times: Iterable[float], censored: Iterable[bool]) -> float:
    """Kaplan-Meier median of right-censored durations: the first event time at which the estimated share
    still waiting is 0.5 or below; +inf when it never is (too many waits still running).

    Treating a censored wait as if it had ended when observation stopped biases the median down; the
    product-limit estimator uses a censored wait only while it is known to be still running. The curve is
    statsmodels' ``SurvfuncRight`` (events before censorings at the same time). Not its ``quantile(0.5)``:
    that takes S < 0.5 (the SAS convention: [1, 2, 3, 4] gives 3, not 2) and NaN for "never reached",
    which would move notebook 01's bootstrap interval (4.27 -> 6.64 months at its lower end)."""
    t = np.asarray(list(times), dtype=float)
    c = np.asarray(list(censored), dtype=bool)
    if len(t) == 0:
        return float("nan")
    if c.all():
        return float("inf")
    sf = SurvfuncRight(t, (~c).astype(float))
    below = np.flatnonzero(sf.surv_prob <= 0.5 + 1e-12)
    return float(sf.surv_times[below[0]]) if len(below) else float("inf")


def bootstrap_km_median(
    times: Iterable[float], censored: Iterable[bool], n_boot: int, seed: int, level: float = KM_LEVEL
) -> tuple:
    """Kaplan-Meier median with a percentile bootstrap interval (resampling (time, censored) pairs).

    Not ``scipy.stats.bootstrap``: resampled medians may be +inf (fewer than half of the waits ended),
    which its BCa method cannot take, and its percentile method interpolates between resampled medians
    where this reports one of them (an observed wait).

    Either end may be +inf: in those resamples fewer than half of the waits had ended, so the data do not
    bound the median from above."""
    t = np.asarray(list(times), dtype=float)
    c = np.asarray(list(censored), dtype=bool)
    if len(t) == 0:
        return float("nan"), float("nan"), float("nan")
    rng = np.random.default_rng(seed)
    idx = rng.integers(0, len(t), size=(n_boot, len(t)))
    meds = np.array([km_median(t[i], c[i]) for i in idx])
    a = (1 - level) / 2
    lo, hi = (float(np.quantile(meds, q, method="inverted_cdf")) for q in (a, 1 - a))
    return km_median(t, c), lo, hi
