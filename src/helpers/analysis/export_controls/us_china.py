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
    "CapabilityGap",
    "ComputeRecord",
    "TrendFit",
    "capability_gap",
    "capability_lag_months",
    "compute_record",
    "country_frontier",
    "counts_above",
    "decimal_year",
    "fit_country_trends",
    "largest_run_by_year",
    "missing_compute_share",
    "running_best",
]


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
    best: pd.DataFrame  # running best ECI per month and country
    lag: pd.Series  # months behind, counting a model within eci_tolerance as a match
    lag_strict: pd.Series  # ... with no tolerance
    lag_loose: pd.Series  # ... with twice the tolerance
    controls_start: pd.Timestamp  # the first export-control rule
    best_models: dict  # country -> the row of its best model on the ECI

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
        """Months since the first rule in which China was level (within the tolerance)."""
        after = self.after_controls
        return after.index[after == 0]

    def entries(self) -> dict:
        tol = self.P.eci_tolerance
        return {
            "us_china_capability_lag_months": make_entry(
                "us_china_capability_lag_months",
                self.lag_now,
                low=float(self.lag_loose.dropna().iloc[-1]),
                high=self.lag_strict_now,
                unit="months",
                claims=["C8"],
                note=f"months since the best US model first beat China's current best by more than {tol:g} ECI points; "
                f"interval: tolerance {2 * tol:g} to 0 points",
            )
        }


def capability_gap(inputs, P) -> CapabilityGap:
    """The ECI lag of China behind the US up to the as-of date, counting ``P.eci_tolerance`` points as level."""
    caps, as_of = inputs.caps, inputs.as_of
    grid = pd.date_range(caps["release_date"].min().to_period("M").to_timestamp(), as_of, freq="MS")
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
    )
