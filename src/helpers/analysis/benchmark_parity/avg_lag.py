"""Epoch AI's estimand of the open-closed lag on the ECI: the average horizontal distance between the open and
the closed frontier, next to the notebook's Kaplan-Meier median of per-level waits (``frontier``).

Epoch AI (2025-10-30, 'Open-weight models lag state-of-the-art by around 3 months on average') computes "the
horizontal distance between the two lines across the range of ECI values where such lines can be drawn". Here
the lines are the running maxima of the open and of the closed models released inside the window (Epoch's
closed line of 2023-2025 starts at GPT-4), and the range is the ECI levels both lines span: from the higher of
their first values to the lower of their last. For each level, the months from the date the closed line
reached it to the date the open line did (zero where open was first); the average is uniform over ECI levels. Epoch counts a catch-up when the two scores differ by less than their statistical
noise; the table has no ECI standard errors, so ``tolerance`` (ECI points) is an explicit argument, 0 by
default: a catch-up needs the level itself.

Why the two estimands differ: the Kaplan-Meier median is over the closed frontier's *steps* (one wait per new
closed record, censored waits included), while the average weighs every ECI level the open frontier crossed,
whatever the number of closed steps at it; waits still running at the end of ECI coverage enter the median (as
censored waits) but not the average, which only sees levels open has reached.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from helpers.analysis.benchmark_parity.basics import DAYS_PER_MONTH

AVG_LAG_LEVEL = 0.90  # the interval of the average lag, the level Epoch AI reports
N_LEVELS = 400  # ECI levels the average is taken over (midpoints of equal slices of the range)
BOOT_CHUNK = 1000  # resamples drawn and evaluated together (memory: a few arrays of BOOT_CHUNK x models)


def _running_max(dates: np.ndarray, values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Dates (days, sorted) and the running maximum of ``values`` at each."""
    order = np.lexsort((-values, dates))
    return dates[order], np.maximum.accumulate(values[order])


def _first_reach(days: np.ndarray, cummax: np.ndarray, levels: np.ndarray) -> np.ndarray:
    """First day on which the running maximum reaches each level (NaN: never)."""
    idx = np.searchsorted(cummax, levels, side="left")
    out = np.full(len(levels), np.nan)
    ok = idx < len(cummax)
    out[ok] = days[idx[ok]]
    return out


def _avg(
    days: np.ndarray, eci: np.ndarray, is_open: np.ndarray, start: float, end: float, tol: float
) -> float:
    keep = (days >= start) & (days <= end)
    days, eci, is_open = days[keep], eci[keep], is_open[keep]
    if not is_open.any() or is_open.all():
        return float("nan")
    od, om = _running_max(days[is_open], eci[is_open])
    cd, cm = _running_max(days[~is_open], eci[~is_open])
    lo, hi = max(om[0], cm[0]), min(om[-1], cm[-1])  # levels both lines span inside the window
    if not hi > lo:
        return float("nan")
    edges = np.linspace(lo, hi, N_LEVELS + 1)
    levels = (edges[:-1] + edges[1:]) / 2
    t_open = _first_reach(od, om, levels - tol)  # open has caught up when within the tolerance of the level
    t_closed = _first_reach(cd, cm, levels)
    gap = np.maximum(0.0, t_open - t_closed)  # open first: no lag
    return float(np.mean(gap) / DAYS_PER_MONTH)


def _resampled_avgs(
    days: np.ndarray, eci: np.ndarray, is_open: np.ndarray, draws: np.ndarray, tol: float
) -> np.ndarray:
    """``_avg`` of every resample (one row of ``draws``: indices into the window's models), the same values
    as calling it on each, without sorting each resample: the models are sorted once by date (the highest
    score first on a date, as ``_running_max`` sorts), and a resample's running maximum is that of the models
    it drew, in this order (a model drawn twice adds nothing to a maximum)."""
    order = np.lexsort((-eci, days))
    d, v, o = days[order], eci[order], is_open[order]
    rank = np.empty(len(order), int)
    rank[order] = np.arange(len(order))
    drawn = np.zeros(draws.shape, bool)
    drawn[np.arange(len(draws))[:, None], rank[draws]] = True
    out = np.full(len(draws), np.nan)
    both = (drawn & o).any(axis=1) & (drawn & ~o).any(axis=1)
    lines = {}
    for side, mask in (("open", o), ("closed", ~o)):
        line = np.maximum.accumulate(np.where(drawn & mask, v, -np.inf), axis=1)
        first = np.argmax(drawn & mask, axis=1)  # the earliest model of the side in the resample
        lines[side] = (line, line[np.arange(len(draws)), first], line[:, -1])
    lo = np.maximum(lines["open"][1], lines["closed"][1])
    hi = np.minimum(lines["open"][2], lines["closed"][2])
    for r in np.flatnonzero(both & (hi > lo)):
        edges = np.linspace(lo[r], hi[r], N_LEVELS + 1)
        levels = (edges[:-1] + edges[1:]) / 2
        t_open = _first_reach(d, lines["open"][0][r], levels - tol)
        t_closed = _first_reach(d, lines["closed"][0][r], levels)
        out[r] = float(np.mean(np.maximum(0.0, t_open - t_closed)) / DAYS_PER_MONTH)
    return out


def _arrays(caps: pd.DataFrame) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    d = caps.dropna(subset=["release_date", "eci", "open"])
    days = (pd.to_datetime(d["release_date"]) - pd.Timestamp("1970-01-01")).dt.days.to_numpy(dtype=float)
    return days, d["eci"].to_numpy(dtype=float), d["open"].astype(bool).to_numpy()


def _day(x) -> float:
    return float((pd.Timestamp(x) - pd.Timestamp("1970-01-01")).days)


def avg_horizontal_lag(caps: pd.DataFrame, *, start, end, tolerance: float = 0.0) -> float:
    """Average horizontal distance (months) between the open and the closed ECI frontier of the models released
    between ``start`` and ``end``, over the ECI levels both frontiers span (``caps`` needs release_date, eci and
    a boolean-like ``open``). ``tolerance`` (ECI points): the open frontier counts as having caught up with a
    level when it is within this of it. NaN when the two frontiers share no range of levels."""
    days, eci, is_open = _arrays(caps)
    return _avg(days, eci, is_open, _day(start), _day(end), float(tolerance))


def avg_lag_interval(
    caps: pd.DataFrame,
    *,
    start,
    end,
    n_boot: int,
    seed: int,
    level: float = AVG_LAG_LEVEL,
    tolerance: float = 0.0,
) -> tuple[float, float, float]:
    """``avg_horizontal_lag`` with a percentile bootstrap interval (``level``, 90% as Epoch reports): the
    models released in the window resampled with replacement, the frontiers rebuilt each time (numpy
    ``default_rng(seed)``; resamples without a climbing open frontier are left out)."""
    days, eci, is_open = _arrays(caps)
    s, e, tol = _day(start), _day(end), float(tolerance)
    point = _avg(days, eci, is_open, s, e, tol)
    if not np.isfinite(point):
        return point, float("nan"), float("nan")
    keep = (days >= s) & (days <= e)
    days, eci, is_open = days[keep], eci[keep], is_open[keep]
    rng = np.random.default_rng(seed)
    reps = []
    for done in range(0, n_boot, BOOT_CHUNK):  # the same draws as one call, without n_boot x n arrays at once
        draws = rng.integers(0, len(days), size=(min(BOOT_CHUNK, n_boot - done), len(days)))
        reps += [v for v in _resampled_avgs(days, eci, is_open, draws, tol) if np.isfinite(v)]
    if not reps:
        return point, float("nan"), float("nan")
    a = (1 - level) / 2
    lo, hi = np.quantile(reps, [a, 1 - a], method="inverted_cdf")
    return point, float(lo), float(hi)
