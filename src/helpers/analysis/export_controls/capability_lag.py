"""The US-China capability lag on the Epoch Capabilities Index (claim C8): each country's running best, the
lag in months between their frontiers (read off the calendar, Epoch AI's "horizontal" estimand), its
average over days with a moving-block bootstrap interval, and the capability gap section the verdict reads.
Split from ``us_china`` (the compute side: largest runs, trends, records), which re-exports these names.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from helpers.core.results import make_entry

# the time-averaged lag's moving-block bootstrap: block length, resamples and the interval's level
BLOCK_DAYS = 90
BLOCK_RESAMPLES = 2000
LAG_LEVEL = 0.9


def running_best(
    frame: pd.DataFrame, value: str, date_col: str, grid: pd.DatetimeIndex, countries=("US", "China")
) -> pd.DataFrame:
    """Best ``value`` released so far, per country, on each date of ``grid`` (NaN before a country's first)."""
    out = {}
    for c in countries:
        s = frame[frame["country"] == c].sort_values(date_col)
        best = s.groupby(date_col)[value].max().cummax()
        out[c] = best.reindex(best.index.union(grid)).ffill().reindex(grid)
    return pd.DataFrame(out, index=grid)


def capability_lag_months(
    best: pd.DataFrame, leader: str = "US", follower: str = "China", tolerance: float = 0.0
) -> pd.Series:
    """For each date: months since the leader's best first exceeded the follower's current best by more
    than ``tolerance`` (a follower within the tolerance counts as matching). 0 when the follower is level,
    within the tolerance or ahead; NaN before the follower has any model. ``best``'s dates must be sorted
    (``running_best`` gives them so)."""
    if not best.index.is_monotonic_increasing:
        raise ValueError("capability_lag_months: the dates of best must be sorted, oldest first")
    lead = best[leader].to_numpy(float)
    fol = best[follower].to_numpy(float)
    dates = best.index.to_numpy("datetime64[ns]")
    target = fol + tolerance
    # the first date the leader reached the target is the first its running best did (the running best is
    # sorted, so one search per date); on a date where the leader is at or above the target, that date is
    # never later than this one
    reached = np.maximum.accumulate(np.where(np.isnan(lead), -np.inf, lead))
    first = np.minimum(np.searchsorted(reached, target, side="left"), len(dates) - 1)
    behind = ~np.isnan(fol) & ~np.isnan(lead) & (lead >= target)
    days = (dates - dates[first]) // np.timedelta64(1, "D")
    out = np.where(behind, np.maximum(0.0, days / 30.4375), 0.0)
    out[np.isnan(fol)] = np.nan
    return pd.Series(out, index=best.index, name="lag_months")


def frontier_records(caps: pd.DataFrame, country: str, drop_first: bool = True) -> pd.DataFrame:
    """Models that had the highest ECI of their country when released (release_date, eci, model), oldest
    first; ``drop_first`` drops the first record, which Epoch AI drops as likely not at the true frontier
    (its ECI data start in January 2023)."""
    c = caps[caps["country"] == country].sort_values(["release_date", "eci"], ascending=[True, False])
    c = c.drop_duplicates("release_date")  # the best model of each release date
    rec = c[c["eci"] > c["eci"].cummax().shift(fill_value=-np.inf)]
    rec = rec.iloc[1:] if drop_first else rec
    return rec[["release_date", "eci", "model"]].reset_index(drop=True)


def horizontal_lag(
    caps: pd.DataFrame,
    start,
    end,
    tolerance: float = 1.0,
    leader: str = "US",
    follower: str = "China",
    drop_first: bool = True,
) -> pd.Series:
    """Epoch AI's daily US-China gap: on each day from ``start`` to ``end``, the months since the last time
    the leader's frontier was the same as or worse than the follower's best ECI that day (scores within
    ``tolerance`` ECI points count as the same). 0 when the leader's frontier is within the tolerance; NaN
    where it is undefined (no follower record yet, or the leader's first record already beats the follower's
    best, so the last time it was no better is not in the data). Frontiers from ``frontier_records``."""
    lead = frontier_records(caps, leader, drop_first)
    fol = frontier_records(caps, follower, drop_first)
    days = pd.date_range(pd.Timestamp(start), pd.Timestamp(end), freq="D")
    lt, le = lead["release_date"].to_numpy("datetime64[ns]"), lead["eci"].to_numpy(float)
    ft, fe = fol["release_date"].to_numpy("datetime64[ns]"), fol["eci"].to_numpy(float)
    d = days.to_numpy("datetime64[ns]")
    i_f = np.searchsorted(ft, d, side="right") - 1  # the follower's newest record on each day
    i_l = np.searchsorted(lt, d, side="right") - 1
    out = np.full(len(d), np.nan)
    if not len(le) or not len(fe):
        return pd.Series(out, index=days, name="lag_months")
    seen = (i_f >= 0) & (i_l >= 0)
    target = np.where(seen, fe[np.maximum(i_f, 0)] + tolerance, np.inf)
    newest = le[np.maximum(i_l, 0)]
    out[seen & (newest <= target)] = 0.0
    # the leader's first record above the target (records rise, so one search per day); the first record
    # itself means the leader was never seen at or below the target: undefined
    first = np.searchsorted(np.maximum.accumulate(le), target, side="right")
    above = seen & (newest > target) & (first > 0)
    out[above] = (d[above] - lt[first[above]]) / np.timedelta64(1, "D") / 30.4375
    return pd.Series(out, index=days, name="lag_months")


def _block_bootstrap_mean(x: np.ndarray, block: int, n_boot: int, seed: int, level: float) -> tuple:
    """Percentile interval of the mean of a serially correlated series by a moving-block bootstrap."""
    n = len(x)
    rng = np.random.default_rng(seed)
    block = max(1, min(block, n))
    n_blocks = int(np.ceil(n / block))
    starts = rng.integers(0, n - block + 1, size=(n_boot, n_blocks))
    idx = (starts[:, :, None] + np.arange(block)[None, None, :]).reshape(n_boot, -1)[:, :n]
    means = x[idx].mean(axis=1)
    a = (1 - level) / 2
    lo, hi = np.quantile(means, [a, 1 - a])
    return float(lo), float(hi)


@dataclass(frozen=True)
class LagAverage:
    """The time-averaged US-China ECI lag over a window (Epoch AI's estimand) with its interval."""

    months: float
    low: float
    high: float
    level: float
    start: pd.Timestamp  # first day with a defined lag
    end: pd.Timestamp
    n_days: int
    min_months: float
    max_months: float
    tolerance: float
    daily: pd.Series


def lag_average(
    caps: pd.DataFrame,
    start,
    end,
    tolerance: float = 1.0,
    block_days: int = BLOCK_DAYS,
    n_boot: int = BLOCK_RESAMPLES,
    seed: int = 0,
    level: float = LAG_LEVEL,
) -> LagAverage:
    """Mean of ``horizontal_lag`` over the days it is defined, with a moving-block bootstrap interval over days
    (blocks of ``block_days``: the daily lags are strongly autocorrelated). The interval says how much the
    average depends on which stretches of the window it covers, not how uncertain each ECI score is."""
    daily = horizontal_lag(caps, start, end, tolerance).dropna()
    if daily.empty:
        raise ValueError(f"lag_average: no day between {start} and {end} with a defined lag")
    lo, hi = _block_bootstrap_mean(daily.to_numpy(float), block_days, n_boot, seed, level)
    return LagAverage(
        months=float(daily.mean()),
        low=lo,
        high=hi,
        level=level,
        start=daily.index[0],
        end=daily.index[-1],
        n_days=len(daily),
        min_months=float(daily.min()),
        max_months=float(daily.max()),
        tolerance=tolerance,
        daily=daily,
    )


# ------------------------------------------------------------------------------------- the sections


@dataclass(frozen=True)
class CapabilityGap:
    """The best US and Chinese model on the ECI month by month, and how many months China trails."""

    P: object
    as_of: pd.Timestamp
    best: pd.DataFrame  # running best ECI per month (and on the end date) and country
    lag: pd.Series  # months behind, counting a model within eci_tolerance as a match
    lag_strict: pd.Series  # ... with no tolerance
    lag_loose: pd.Series  # ... with twice the tolerance
    controls_start: pd.Timestamp  # the first export-control rule
    best_models: dict  # country -> the row of its best model on the ECI
    end: pd.Timestamp  # the end of the ECI record (inputs.eci_end): the lag is not counted past it
    lag_avg: LagAverage  # Epoch AI's estimand: the time-averaged horizontal distance over the window

    @property
    def gap_points(self) -> pd.Series:
        return self.best["US"] - self.best["China"]

    @property
    def lag_now(self) -> float:
        return float(self.lag.dropna().iloc[-1])

    @property
    def lag_strict_now(self) -> float:
        return float(self.lag_strict.dropna().iloc[-1])

    @property
    def after_controls(self) -> pd.Series:
        """The lag in the months since the first rule."""
        return self.lag[self.lag.index >= self.controls_start].dropna()

    @property
    def matched_dates(self) -> pd.DatetimeIndex:
        """Dates of the grid since the first rule on which China's best was level with the US best (within the
        tolerance) or ahead. Read from the two frontiers themselves, not from a lag of 0: on the monthly grid a
        US model released earlier in the month first counts at the next grid date, so a lag of 0 there does
        not mean China was level (Qwen2.5-72B, 2024-09-19, came a week after o1-mini had passed it by 7 points)."""
        b = self.best[self.best.index >= self.controls_start].dropna(subset=["China"])
        level = b["US"].isna() | (b["China"] >= b["US"] - self.P.eci_tolerance)
        return b.index[level.to_numpy()]

    def entries(self) -> dict:
        tol, a = self.P.eci_tolerance, self.lag_avg
        return {
            "us_china_capability_lag_months": make_entry(
                "us_china_capability_lag_months",
                self.lag_now,
                low=float(self.lag_loose.dropna().iloc[-1]),
                high=self.lag_strict_now,
                unit="months",
                claims=["C8"],
                note=f"on {self.end:%Y-%m-%d}, the newest ECI release: months since the best US model first beat "
                f"China's current best by more than {tol:g} ECI points; interval: tolerance {2 * tol:g} to 0 points",
            ),
            "us_china_lag_months_avg": make_entry(
                "us_china_lag_months_avg",
                a.months,
                low=a.low,
                high=a.high,
                unit="months",
                claims=["C8"],
                note=f"Epoch AI's estimand: mean over {a.n_days} days ({a.start:%Y-%m-%d} to {a.end:%Y-%m-%d}) of the "
                f"months since the US ECI frontier was last within {a.tolerance:g} points of China's best (range "
                f"{a.min_months:.1f}-{a.max_months:.1f}); {a.level:.0%} interval: moving-block bootstrap over days",
            ),
        }


def capability_gap(inputs, P) -> CapabilityGap:
    """The ECI lag of China behind the US up to the end of the ECI record (``inputs.eci_end``: the as-of date or
    the newest ECI release, whichever is earlier), counting ``P.eci_tolerance`` points as level; and Epoch AI's
    time-averaged lag from ``P.lag_avg_start`` within ``P.lag_avg_tolerance`` points."""
    caps, end, as_of = inputs.caps, inputs.eci_end, inputs.as_of
    # monthly grid and the end date itself: past the newest ECI release both frontiers are frozen, and a lag
    # counted on would grow a month per month
    months = pd.date_range(caps["release_date"].min().to_period("M").to_timestamp(), end, freq="MS")
    grid = months.union(pd.DatetimeIndex([end]))
    best = running_best(caps, "eci", "release_date", grid)
    return CapabilityGap(
        P=P,
        as_of=as_of,
        best=best,
        lag=capability_lag_months(best, tolerance=P.eci_tolerance),
        lag_strict=capability_lag_months(best, tolerance=0.0),
        lag_loose=capability_lag_months(best, tolerance=2 * P.eci_tolerance),
        controls_start=inputs.rules["date"].min(),
        best_models={c: caps[caps["country"] == c].sort_values("eci").iloc[-1] for c in ("US", "China")},
        end=end,
        lag_avg=lag_average(caps, P.lag_avg_start, end, P.lag_avg_tolerance, seed=P.seed),
    )
