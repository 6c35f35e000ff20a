"""The US-China record (claim C8): the largest training runs by country, log-linear trends of each country's
record-setting runs, and the capability lag on the Epoch Capabilities Index (ECI).

A known pitfall: missing compute estimates are not random (closed US frontier models often have none), so
every compute comparison comes with the share of models missing an estimate.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from statsmodels.regression.linear_model import OLS

from helpers.core.results import make_entry

__all__ = [
    "RUN_WINDOWS_MONTHS",
    "TOP_K",
    "CapabilityGap",
    "ComputeRecord",
    "LagAverage",
    "TrendFit",
    "capability_gap",
    "capability_lag_months",
    "compute_record",
    "country_frontier",
    "counts_above",
    "decimal_year",
    "fit_country_trends",
    "frontier_records",
    "horizontal_lag",
    "lag_average",
    "largest_run_by_year",
    "missing_compute_share",
    "run_comparison",
    "running_best",
]

RUN_WINDOWS_MONTHS = (12, 18, 24)  # windows (months to the as-of date) of the largest-runs comparison
TOP_K = (1, 3, 5)  # the k largest runs per country compared (geometric means)


def decimal_year(dates) -> np.ndarray:
    """Dates as decimal years (2024-07-02 -> about 2024.5)."""
    d = pd.to_datetime(pd.Series(dates))
    start = pd.to_datetime(d.dt.year.astype(str) + "-01-01")
    length = np.where(d.dt.is_leap_year, 366.0, 365.0)
    return (d.dt.year + (d - start).dt.days / length).to_numpy(float)


def largest_run_by_year(models: pd.DataFrame, countries=("US", "China")) -> pd.DataFrame:
    """Largest training compute (FLOP) per publication year and country, with the model that set it."""
    m = models[models["country"].isin(countries) & models["training_compute_flop"].notna()].copy()
    m["year"] = m["publication_date"].dt.year
    idx = m.groupby(["year", "country"])["training_compute_flop"].idxmax()
    out = m.loc[idx, ["year", "country", "model", "training_compute_flop"]]
    return out.sort_values(["year", "country"]).reset_index(drop=True)


def counts_above(models: pd.DataFrame, thresholds=(1e24, 1e25), countries=("US", "China")) -> pd.DataFrame:
    """Number of models per year and country with training compute at or above each threshold."""
    m = models[models["country"].isin(countries)].copy()
    m["year"] = m["publication_date"].dt.year
    rows = []
    for t in thresholds:
        hit = m[m["training_compute_flop"] >= t]
        c = hit.groupby(["year", "country"]).size().rename("n_models").reset_index()
        c["threshold_flop"] = t
        rows.append(c)
    return pd.concat(rows, ignore_index=True)


def missing_compute_share(frame: pd.DataFrame, by: list, date_col: str) -> pd.DataFrame:
    """Share of models (per group) without a training-compute estimate, with the group size."""
    f = frame.copy()
    if "year" in by and "year" not in f:
        f["year"] = f[date_col].dt.year
    g = f.groupby(by)["training_compute_flop"]
    out = pd.DataFrame(
        {"n_models": g.size(), "n_missing": g.apply(lambda s: int(s.isna().sum()))}
    ).reset_index()
    out["missing_share"] = out["n_missing"] / out["n_models"]
    return out


def country_frontier(
    models: pd.DataFrame, countries=("US", "China"), start: str = "2018-01-01"
) -> pd.DataFrame:
    """Record-setting models per country published from ``start`` on: each model whose compute exceeds every
    earlier model of its country, earlier ones before ``start`` included (a record is judged against the whole
    history; restarting the running maximum at ``start`` would count small early models as records and steepen
    the trend)."""
    m = models[models["country"].isin(countries) & models["training_compute_flop"].notna()]
    m = m.sort_values(["country", "publication_date", "model"])
    keep = []
    for _, grp in m.groupby("country", sort=True):
        running = grp["training_compute_flop"].cummax().shift(fill_value=0)
        keep.append(grp[grp["training_compute_flop"] > running])
    out = pd.concat(keep, ignore_index=True)
    out = out[out["publication_date"] >= pd.Timestamp(start)].reset_index(drop=True)
    out["t"] = decimal_year(out["publication_date"])
    out["log10_compute"] = np.log10(out["training_compute_flop"])
    return out[["country", "model", "publication_date", "t", "training_compute_flop", "log10_compute"]]


@dataclass(frozen=True)
class TrendFit:
    """Log-linear compute trends per country from one OLS with a country interaction (HC3 errors)."""

    params: pd.Series
    cov: pd.DataFrame
    n: int
    base: str
    other: str

    def slope(self, country: str) -> float:
        b = self.params["t"]
        return float(b + (self.params["t:other"] if country == self.other else 0.0))

    def growth_per_year(self, country: str) -> float:
        return float(10 ** self.slope(country))

    def _vec(self, t: float) -> np.ndarray:
        # (base - other) at time t in log10 units: -(other_intercept + other_slope * t)
        return np.array([0.0, 0.0, -1.0, -t])

    def gap_log10(self, t: float) -> tuple[float, float]:
        """Fitted log10 compute of base minus other at time t, and its standard error."""
        v = self._vec(t)
        est = float(v @ self.params.to_numpy())
        se = float(np.sqrt(v @ self.cov.to_numpy() @ v))
        return est, se

    def lag_years(self, t: float, n_sim: int = 20000, seed: int = 0) -> tuple[float, float, float]:
        """Years until 'other' reaches base's fitted level at time t at its own fitted growth rate:
        gap / slope(other). Returns the estimate and a 95% interval from draws of the coefficients."""
        est_gap, _ = self.gap_log10(t)
        est = est_gap / self.slope(self.other)
        rng = np.random.default_rng(seed)
        draws = rng.multivariate_normal(self.params.to_numpy(), self.cov.to_numpy(), size=n_sim)
        gaps = draws @ self._vec(t)
        slopes = draws[:, 1] + draws[:, 3]
        lag = np.where(slopes > 0, gaps / np.where(slopes > 0, slopes, 1.0), np.inf)
        lo, hi = np.percentile(lag, [2.5, 97.5])
        return float(est), float(lo), float(hi)


def fit_country_trends(frontier: pd.DataFrame, base: str = "US", other: str = "China") -> TrendFit:
    """OLS of log10 compute on time, a country dummy and their interaction, with HC3 robust errors."""
    f = frontier[frontier["country"].isin([base, other])]
    if f["country"].nunique() < 2 or f.groupby("country").size().min() < 3:
        raise ValueError(
            f"fit_country_trends: need at least 3 record-setting models for each of {base} and {other}"
        )
    is_other = (f["country"] == other).astype(float).to_numpy()
    t = f["t"].to_numpy(float)
    X = pd.DataFrame({"const": 1.0, "t": t, "other": is_other, "t:other": t * is_other})
    res = OLS(f["log10_compute"].to_numpy(float), X).fit(cov_type="HC3")
    return TrendFit(
        params=res.params, cov=pd.DataFrame(res.cov_params()), n=int(res.nobs), base=base, other=other
    )


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
    within the tolerance or ahead; NaN before the follower has any model."""
    lead, fol = best[leader], best[follower]
    dates = best.index
    out = []
    for d, target in zip(dates, fol.to_numpy()):
        if np.isnan(target):
            out.append(np.nan)
            continue
        if np.isnan(lead.loc[d]) or lead.loc[d] < target + tolerance:
            out.append(0.0)  # the follower is level or ahead
            continue
        reached = lead[(lead >= target + tolerance) & (lead.index <= d)]
        if reached.empty:
            out.append(np.nan)
        else:
            out.append(max(0.0, (d - reached.index[0]).days / 30.4375))
    return pd.Series(out, index=dates, name="lag_months")


def _geo_top(values: pd.Series, k: int) -> float:
    """Geometric mean of the k largest values (NaN when fewer than k)."""
    v = values.dropna().sort_values(ascending=False)
    return float(10 ** np.log10(v.iloc[:k]).mean()) if len(v) >= k else float("nan")


def run_comparison(
    models: pd.DataFrame,
    end: pd.Timestamp,
    windows=RUN_WINDOWS_MONTHS,
    ks=TOP_K,
    leader: str = "US",
    follower: str = "China",
) -> pd.DataFrame:
    """The leader's largest training runs against the follower's, for each window (months up to ``end``) and
    each k: the ratio of the geometric means of the k largest runs with a compute estimate.

    Missing estimates are not random (closed US models often lack one), so each row carries the share of the
    window's notable models without an estimate per country and, for k = 1, bounds under the stated
    assumption that a model without an estimate is at most as large as its country's largest known run up to
    ``end``: low = leader's known maximum / follower's bound, high = leader's bound / follower's known maximum
    (a country with no missing model keeps its known maximum). One row per (window_months, k)."""
    m = models[models["country"].isin([leader, follower]) & (models["publication_date"] <= end)]
    record = m.groupby("country")["training_compute_flop"].max()  # each country's largest known run so far
    rows = []
    for w in windows:
        win = m[m["publication_date"] > end - pd.DateOffset(months=w)]
        by = {c: win[win["country"] == c] for c in (leader, follower)}
        known = {c: by[c]["training_compute_flop"].dropna() for c in by}
        notable = {c: by[c][by[c]["notable"].astype(bool)] for c in by}
        miss = {
            c: float(notable[c]["training_compute_flop"].isna().mean()) if len(notable[c]) else float("nan")
            for c in by
        }
        n_miss = {c: int(by[c]["training_compute_flop"].isna().sum()) for c in by}
        top = {c: known[c].max() if len(known[c]) else float("nan") for c in by}
        bound = {c: max(top[c], record[c]) if n_miss[c] else top[c] for c in by}
        for k in ks:
            ratio = _geo_top(known[leader], k) / _geo_top(known[follower], k)
            top1 = k == 1
            rows.append(
                {
                    "window_months": w,
                    "k": k,
                    "ratio": ratio,
                    "low": top[leader] / bound[follower] if top1 else float("nan"),
                    "high": bound[leader] / top[follower] if top1 else float("nan"),
                    f"n_{leader}": len(known[leader]),
                    f"n_{follower}": len(known[follower]),
                    f"missing_{leader}": miss[leader],
                    f"missing_{follower}": miss[follower],
                    f"top_{leader}": by[leader].loc[known[leader].idxmax(), "model"]
                    if len(known[leader])
                    else "",
                    f"top_{follower}": by[follower].loc[known[follower].idxmax(), "model"]
                    if len(known[follower])
                    else "",
                    f"top_{leader}_date": by[leader].loc[known[leader].idxmax(), "publication_date"]
                    if len(known[leader])
                    else pd.NaT,
                    f"top_{follower}_date": by[follower].loc[known[follower].idxmax(), "publication_date"]
                    if len(known[follower])
                    else pd.NaT,
                    f"top_{leader}_flop": top[leader],
                    f"top_{follower}_flop": top[follower],
                }
            )
    return pd.DataFrame(rows)


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
    for j in range(len(d)):
        if i_f[j] < 0 or i_l[j] < 0:
            continue
        target = fe[i_f[j]] + tolerance
        if le[i_l[j]] <= target:
            out[j] = 0.0
            continue
        first = int(np.argmax(le[: i_l[j] + 1] > target))  # the first record above the target
        if first == 0:
            continue  # the leader was never seen at or below the target: undefined
        out[j] = (d[j] - lt[first]) / np.timedelta64(1, "D") / 30.4375
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
    block_days: int = 90,
    n_boot: int = 2000,
    seed: int = 0,
    level: float = 0.9,
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
class ComputeRecord:
    """The largest runs by country, the share without a compute estimate and the fitted trends."""

    P: object
    as_of: pd.Timestamp
    largest: pd.DataFrame  # largest_run_by_year
    counts: pd.DataFrame  # models at or above 10^24 and 10^25 FLOP per year (threshold, year x country)
    missing_recent: pd.DataFrame  # share without an estimate: notable models of the last 12 months
    missing_caps: pd.DataFrame  # ... models with an ECI
    top: pd.Series  # largest run of the last 12 months per country (FLOP)
    gap_latest: float  # largest US / largest Chinese run of the last 12 months
    runs: pd.DataFrame  # run_comparison: top-k ratios over several windows, missing shares, bounds
    frontier: pd.DataFrame  # record-setting runs since trend_start_year
    fit: TrendFit
    gap_log: float  # fitted US minus China gap at as_of (log10) and its standard error
    gap_se: float
    lag_years: float  # years until China's trend reaches the US's fitted level of as_of
    lag_lo: float
    lag_hi: float

    @property
    def largest_wide(self) -> pd.DataFrame:
        """Largest training run per year (rows) and country (columns), FLOP."""
        return self.largest.pivot(index="year", columns="country", values="training_compute_flop")

    @property
    def trend_gap(self) -> tuple[float, float, float]:
        """The fitted gap (x) with its 95% interval."""
        g, se = self.gap_log, self.gap_se
        return float(10**g), float(10 ** (g - 1.96 * se)), float(10 ** (g + 1.96 * se))

    def growth(self, country: str) -> float:
        return self.fit.growth_per_year(country)

    @property
    def gap_range(self) -> tuple[float, float]:
        """Smallest and largest ratio of the run comparison over its windows and k."""
        r = self.runs["ratio"].dropna()
        return float(r.min()), float(r.max())

    @property
    def gap_median(self) -> float:
        return float(self.runs["ratio"].dropna().median())

    @property
    def runs_top1(self) -> pd.DataFrame:
        """The k = 1 rows of the run comparison (one per window), with the bounds for missing estimates."""
        return self.runs[self.runs["k"] == 1].reset_index(drop=True)

    @property
    def runs_table(self) -> pd.DataFrame:
        """The k = 1 rows for the reader: window, ratio with its bounds, the two runs, the shares missing."""
        t = self.runs_top1
        return pd.DataFrame(
            {
                "window (months)": t["window_months"],
                "US / China": t["ratio"],
                "bound low": t["low"],
                "bound high": t["high"],
                "largest US run": t["top_US"] + " (" + t["top_US_date"].dt.strftime("%Y-%m") + ")",
                "largest Chinese run": t["top_China"] + " (" + t["top_China_date"].dt.strftime("%Y-%m") + ")",
                "US notable, no estimate": t["missing_US"],
                "Chinese notable, no estimate": t["missing_China"],
            }
        ).set_index("window (months)")

    @property
    def runs_wide(self) -> pd.DataFrame:
        """Ratio per window (rows, months) and k (columns)."""
        return self.runs.pivot(index="window_months", columns="k", values="ratio")

    @property
    def windows(self) -> list:
        return sorted(self.runs["window_months"].unique().tolist())

    def entries(self) -> dict:
        P, as_of = self.P, self.as_of
        gap, lo, hi = self.trend_gap
        # the observed ratio of two maxima has no sampling interval; the trend fit's CI belongs to the fitted
        # gap, a different quantity, so it is recorded under its own key rather than attached to the ratio
        return {
            "us_china_compute_gap_x_latest": make_entry(
                "us_china_compute_gap_x_latest",
                self.gap_latest,
                unit="x",
                claims=["C8"],
                note=f"largest US / largest Chinese run published in the 12 months to {as_of:%Y-%m-%d} (observed, "
                "no interval; a lower bound for the US side, whose closed runs often lack estimates); fitted "
                f"trend gap {10**self.gap_log:.1f}x in us_china_compute_gap_x_trend",
            ),
            "us_china_compute_gap_x_windows": make_entry(
                "us_china_compute_gap_x_windows",
                self.gap_median,
                low=self.gap_range[0],
                high=self.gap_range[1],
                unit="x",
                claims=["C8"],
                note=f"median and range of the US / Chinese ratio of the k largest runs (geometric means, k = "
                f"{', '.join(str(k) for k in sorted(self.runs['k'].unique()))}) over windows of "
                f"{', '.join(str(w) for w in self.windows)} months to {as_of:%Y-%m-%d}: a spread over definitions, "
                "not a sampling interval; bounds for missing estimates per window in the notebook",
            ),
            "us_china_compute_gap_x_trend": make_entry(
                "us_china_compute_gap_x_trend",
                gap,
                low=lo,
                high=hi,
                unit="x",
                claims=["C8"],
                note=f"log-linear trends of record-setting runs since {P.trend_start_year} (n = {self.fit.n}), US "
                f"minus China at {as_of:%Y-%m-%d}; 95% CI from HC3 errors",
            ),
            "us_china_compute_lag_years_trend": make_entry(
                "us_china_compute_lag_years_trend",
                self.lag_years,
                low=self.lag_lo,
                high=self.lag_hi,
                unit="years",
                claims=["C8"],
                note="years until China's fitted trend reaches the US's fitted level of the as-of date; 95% interval "
                "from draws of the coefficients",
            ),
        }


def compute_record(inputs, P) -> ComputeRecord:
    """The compute record up to the as-of date of ``inputs``, trends from ``P.trend_start_year``."""
    models, caps, as_of = inputs.models, inputs.caps, inputs.as_of
    recent = models[
        (models["publication_date"] > as_of - pd.DateOffset(years=1))
        & models["country"].isin(["US", "China"])
    ]
    top = recent.groupby("country")["training_compute_flop"].max()
    frontier = country_frontier(models, start=f"{P.trend_start_year}-01-01")
    fit = fit_country_trends(frontier)
    t_now = float(decimal_year([as_of])[0])
    gap_log, gap_se = fit.gap_log10(t_now)
    lag_y, lag_lo, lag_hi = fit.lag_years(t_now, seed=P.seed)
    return ComputeRecord(
        P=P,
        as_of=as_of,
        largest=largest_run_by_year(models),
        counts=counts_above(models).pivot_table(
            index=["threshold_flop", "year"], columns="country", values="n_models", fill_value=0
        ),
        missing_recent=missing_compute_share(recent[recent["notable"]], ["country"], "publication_date"),
        missing_caps=missing_compute_share(
            caps[caps["country"].isin(["US", "China"])], ["country"], "release_date"
        ),
        top=top,
        gap_latest=float(top["US"] / top["China"]),
        runs=run_comparison(models, as_of),
        frontier=frontier,
        fit=fit,
        gap_log=gap_log,
        gap_se=gap_se,
        lag_years=lag_y,
        lag_lo=lag_lo,
        lag_hi=lag_hi,
    )


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
