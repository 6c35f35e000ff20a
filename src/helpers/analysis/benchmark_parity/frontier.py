"""C1 on the Epoch Capabilities Index: the open and closed frontiers, the lag of open behind closed and the
trend of the gap.

- a *frontier* is the running maximum of a score over release dates, per group (open / closed);
- a *lag* is how long the open frontier took to reach a level the closed frontier had set (months of
  30.4375 days); a level not reached by the end of ECI coverage is right-censored there, and the median
  lag is the Kaplan-Meier median (``helpers.core.uncertainty``);
- the *gap trend* is the OLS slope of the monthly closed-minus-open gap, with Newey-West (HAC) errors.

The lag's interval resamples (lag, censored) pairs (``core.survival.bootstrap_km_median``) rather than
calling ``scipy.stats.bootstrap``: a resample in which fewer than half of the waits ended has an unbounded
median (+inf), which BCa cannot handle, and scipy's percentile interval interpolates between resampled
medians where ours reports one of them (inverted CDF); both give the same interval on the shipped data,
but not on every sample.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd
from statsmodels.regression.linear_model import OLS
from statsmodels.tools.tools import add_constant

from helpers.analysis.benchmark_parity.avg_lag import avg_lag_interval
from helpers.analysis.benchmark_parity.basics import months_between, or_none
from helpers.analysis.benchmark_parity.inputs import Inputs
from helpers.analysis.benchmark_parity.params import Params
from helpers.analysis.benchmark_parity.text import fmt
from helpers.core.results import make_entry
from helpers.core.survival import bootstrap_km_median

TREND_LEVEL = 0.95  # the gap trend's interval (the methods note reads it)


def frontier_steps(
    df: pd.DataFrame, *, date: str = "release_date", value: str = "eci", label: str = "model"
) -> pd.DataFrame:
    """The models that set a new running maximum of ``value`` in date order (ties: the earlier model).

    Returns columns date, value, model, one row per step, sorted by date."""
    d = df.dropna(subset=[date, value]).sort_values([date, value], ascending=[True, False], kind="mergesort")
    best = -math.inf
    rows = []
    for _, r in d.iterrows():
        if r[value] > best:
            best = r[value]
            rows.append({"date": pd.Timestamp(r[date]), "value": float(r[value]), "model": r[label]})
    return pd.DataFrame(rows, columns=["date", "value", "model"])


def frontier_at(steps: pd.DataFrame, when) -> float:
    """Value of a frontier (from ``frontier_steps``) on date ``when``; NaN before its first step."""
    s = steps[steps["date"] <= pd.Timestamp(when)]
    return float(s["value"].iloc[-1]) if len(s) else float("nan")


def first_reach(steps: pd.DataFrame, level: float):
    """First date on which the frontier reached ``level`` (NaT if never); a level reached before a
    window starts counts as reached at its own date."""
    s = steps[steps["value"] >= level]
    return s["date"].iloc[0] if len(s) else pd.NaT


def frontier_lags(closed_steps: pd.DataFrame, open_steps: pd.DataFrame, *, start, end) -> pd.DataFrame:
    """For every closed frontier step dated in [start, end]: the months until the open frontier matched it.

    A level the open frontier had already exceeded gets lag 0 (open ahead); a level not matched by
    ``end`` is right-censored: lag = months from the step to ``end`` and ``censored`` = True."""
    start, end = pd.Timestamp(start), pd.Timestamp(end)
    rows = []
    for _, r in closed_steps[(closed_steps["date"] >= start) & (closed_steps["date"] <= end)].iterrows():
        reach = first_reach(open_steps[open_steps["date"] <= end], r["value"])
        if pd.isna(reach):
            lag, cens = months_between(r["date"], end), True
        else:
            lag, cens = max(0.0, months_between(r["date"], reach)), False
        rows.append(
            {
                "closed_date": r["date"],
                "closed_model": r["model"],
                "level": r["value"],
                "open_reach_date": reach,
                "lag_months": lag,
                "censored": cens,
            }
        )
    return pd.DataFrame(
        rows, columns=["closed_date", "closed_model", "level", "open_reach_date", "lag_months", "censored"]
    )


def gap_series(
    closed_steps: pd.DataFrame, open_steps: pd.DataFrame, *, start, end, freq: str = "MS"
) -> pd.DataFrame:
    """Closed minus open frontier on a regular date grid (first of each month by default)."""
    grid = pd.date_range(pd.Timestamp(start), pd.Timestamp(end), freq=freq)
    rows = [
        {"date": g, "closed": frontier_at(closed_steps, g), "open": frontier_at(open_steps, g)} for g in grid
    ]
    out = pd.DataFrame(rows, columns=["date", "closed", "open"])
    out["gap"] = out["closed"] - out["open"]
    return out


def trend_fit(x_dates: pd.Series, y: pd.Series, *, hac_lags: int = 3, level: float = TREND_LEVEL) -> dict:
    """OLS of y on time (years) with HAC (Newey-West) standard errors: slope per year and its interval.

    HAC errors are robust to heteroskedasticity and to the autocorrelation of a monthly gap series."""
    d = pd.DataFrame({"t": pd.to_datetime(x_dates), "y": pd.to_numeric(y, errors="coerce")}).dropna()
    if len(d) < 3:
        return {
            "slope_per_year": float("nan"),
            "low": float("nan"),
            "high": float("nan"),
            "p_value": float("nan"),
            "n": len(d),
        }
    t = (d["t"] - d["t"].min()).dt.days / 365.25
    X = add_constant(t.to_numpy())
    res = OLS(d["y"].to_numpy(dtype=float), X).fit(cov_type="HAC", cov_kwds={"maxlags": hac_lags})
    lo, hi = res.conf_int(alpha=1 - level)[1]
    return {
        "slope_per_year": float(res.params[1]),
        "low": float(lo),
        "high": float(hi),
        "p_value": float(res.pvalues[1]),
        "n": len(d),
        "intercept": float(res.params[0]),
    }


def split_open(caps: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(open steps, closed steps) of a capabilities table with an ``open`` column."""
    is_open = caps["open"].astype(bool)
    return frontier_steps(caps[is_open]), frontier_steps(caps[~is_open])


def lag_median(caps: pd.DataFrame, *, start, end, n_boot: int, seed: int) -> tuple[float, float, float]:
    """Kaplan-Meier median lag of the open frontier behind closed steps in [start, end], with its bootstrap
    interval (the exercises recompute it on other selections)."""
    open_steps, closed_steps = split_open(caps)
    lags = frontier_lags(closed_steps, open_steps, start=start, end=end)
    return bootstrap_km_median(lags["lag_months"], lags["censored"], n_boot, seed)


@dataclass(frozen=True, eq=False)
class Eci:
    """The ECI section of C1: frontiers, lags (Kaplan-Meier median and interval), gap and its trend."""

    start: pd.Timestamp
    end: pd.Timestamp  # end of ECI coverage (gaps, lags and censoring stop there)
    as_of: pd.Timestamp
    open_definition: str
    hac_lags: int
    open_steps: pd.DataFrame
    closed_steps: pd.DataFrame
    gap_now: float  # closed minus open frontier on ``end`` (ECI points)
    lags: pd.DataFrame
    lag_med: float
    lag_lo: float
    lag_hi: float  # +inf: not bounded from above
    lag_naive: float  # median counting censored waits as ended (biased down)
    n_cens: int
    gaps: pd.DataFrame  # monthly gap series
    trend: dict
    # Epoch AI's estimand (``avg_lag``): average horizontal distance between the frontiers, 90% bootstrap interval
    lag_avg: float = float("nan")
    lag_avg_lo: float = float("nan")
    lag_avg_hi: float = float("nan")

    @property
    def closed_now(self) -> float:
        """The closed frontier on ``end``."""
        return frontier_at(self.closed_steps, self.end)

    @property
    def open_now(self) -> float:
        """The open frontier on ``end``."""
        return frontier_at(self.open_steps, self.end)

    def entries(self) -> dict:
        t = self.trend
        return {
            "eci_gap_points_latest": make_entry(
                "eci_gap_points_latest",
                or_none(self.gap_now),
                unit="ECI points",
                claims=["C1"],
                note=f"closed minus open ECI frontier on {self.end:%Y-%m-%d}, the newest ECI release date up to the "
                "analysis date",
            ),
            "eci_lag_months": make_entry(
                "eci_lag_months",
                or_none(self.lag_med),
                low=or_none(self.lag_lo),
                high=or_none(self.lag_hi),
                unit="months",
                claims=["C1"],
                note=f"Kaplan-Meier median over {len(self.lags)} closed frontier steps since {self.start:%Y-%m-%d}, "
                f"{self.n_cens} not yet matched by {self.end:%Y-%m-%d}, the end of ECI coverage (right-censored "
                "there); 95% bootstrap interval, high = None when unbounded (fewer than half of the waits ended "
                "in too many resamples); naive median counting censored waits as ended: "
                f"{fmt(self.lag_naive)} months",
            ),
            "eci_lag_months_avg": make_entry(
                "eci_lag_months_avg",
                or_none(self.lag_avg),
                low=or_none(self.lag_avg_lo),
                high=or_none(self.lag_avg_hi),
                unit="months",
                claims=["C1"],
                note=f"Epoch AI's estimand: the average horizontal distance between the open and closed ECI "
                f"frontiers over the ECI levels the open frontier climbed from {self.start:%Y-%m-%d} to "
                f"{self.end:%Y-%m-%d} (no noise tolerance: the table has no ECI standard errors); 90% bootstrap "
                "interval over models. The Kaplan-Meier median (eci_lag_months) is over the closed frontier's "
                "steps, with waits still running at the end of coverage",
            ),
            "eci_gap_trend_per_year": make_entry(
                "eci_gap_trend_per_year",
                or_none(t["slope_per_year"]),
                low=or_none(t["low"]),
                high=or_none(t["high"]),
                unit="ECI points per year",
                claims=["C1"],
                note=f"OLS slope of the monthly closed-minus-open ECI gap, {self.start:%Y-%m} to {self.end:%Y-%m} "
                f"({t['n']} months); 95% CI from Newey-West (HAC) errors with {self.hac_lags} lags. The monthly "
                "gap is a step series, so neighbouring months are far from independent and the interval is "
                "likely too narrow",
            ),
        }


def eci(inputs: Inputs, P: Params) -> Eci:
    """Frontiers, gap, lags and gap trend on the Epoch Capabilities Index up to the end of ECI coverage."""
    open_steps, closed_steps = split_open(inputs.caps)
    end = inputs.eci_end
    lags = frontier_lags(closed_steps, open_steps, start=inputs.start, end=end)
    med, lo, hi = bootstrap_km_median(lags["lag_months"], lags["censored"], P.n_boot, P.seed)
    gaps = gap_series(closed_steps, open_steps, start=inputs.start, end=end)
    avg = avg_lag_interval(inputs.caps, start=inputs.start, end=end, n_boot=P.n_boot, seed=P.seed)
    return Eci(
        start=inputs.start,
        end=end,
        as_of=inputs.as_of,
        open_definition=P.open_definition,
        hac_lags=P.hac_lags,
        open_steps=open_steps,
        closed_steps=closed_steps,
        gap_now=frontier_at(closed_steps, end) - frontier_at(open_steps, end),
        lags=lags,
        lag_med=med,
        lag_lo=lo,
        lag_hi=hi,
        lag_naive=float(np.median(lags["lag_months"])) if len(lags) else float("nan"),
        n_cens=int(lags["censored"].sum()) if len(lags) else 0,
        gaps=gaps,
        trend=trend_fit(gaps["date"], gaps["gap"], hac_lags=P.hac_lags),
        lag_avg=avg[0],
        lag_avg_lo=avg[1],
        lag_avg_hi=avg[2],
    )
