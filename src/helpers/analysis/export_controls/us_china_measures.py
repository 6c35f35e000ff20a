"""The compute measures of the US-China record (claim C8): the largest training runs by country, models
above compute thresholds, the share of models without a compute estimate, each country's record-setting
runs and their log-linear trends (statsmodels OLS), and the top-k largest-run comparison over windows.

A known pitfall: missing compute estimates are not random (closed US frontier models often have none), so
every compute comparison comes with the share of models missing an estimate.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from statsmodels.regression.linear_model import OLS

RUN_WINDOWS_MONTHS = (12, 18, 24)  # windows (months to the as-of date) of the largest-runs comparison
CATCH_UP_LEVEL = 0.95  # the interval of the catch-up time from the coefficient draws
COEF_DRAWS = 20_000  # draws of the trend coefficients behind the interval of the catch-up time
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

    params: pd.Series  # intercepts at ``origin``: log10 compute there, not at year 0
    cov: pd.DataFrame
    n: int
    base: str
    other: str
    origin: float = 0.0  # the decimal year the time variable is measured from

    def slope(self, country: str) -> float:
        b = self.params["t"]
        return float(b + (self.params["t:other"] if country == self.other else 0.0))

    def fitted_log10(self, country: str, t) -> np.ndarray:
        """The fitted log10 compute of ``country`` at decimal years ``t``."""
        b0 = self.params["const"] + (self.params["other"] if country == self.other else 0.0)
        return b0 + self.slope(country) * (np.asarray(t, float) - self.origin)

    def growth_per_year(self, country: str) -> float:
        return float(10 ** self.slope(country))

    def _vec(self, t: float) -> np.ndarray:
        # (base - other) at time t in log10 units: -(other_intercept + other_slope * (t - origin))
        return np.array([0.0, 0.0, -1.0, -(t - self.origin)])

    def gap_log10(self, t: float) -> tuple[float, float]:
        """Fitted log10 compute of base minus other at time t, and its standard error."""
        v = self._vec(t)
        est = float(v @ self.params.to_numpy())
        se = float(np.sqrt(v @ self.cov.to_numpy() @ v))
        return est, se

    def lag_years(self, t: float, n_sim: int = COEF_DRAWS, seed: int = 0) -> tuple[float, float, float]:
        """Years until 'other' reaches base's fitted level at time t at its own fitted growth rate:
        gap / slope(other). Returns the estimate and a 95% interval from draws of the coefficients."""
        est_gap, _ = self.gap_log10(t)
        est = est_gap / self.slope(self.other)
        rng = np.random.default_rng(seed)
        draws = rng.multivariate_normal(self.params.to_numpy(), self.cov.to_numpy(), size=n_sim)
        gaps = draws @ self._vec(t)
        slopes = draws[:, 1] + draws[:, 3]
        lag = np.where(slopes > 0, gaps / np.where(slopes > 0, slopes, 1.0), np.inf)
        a = round(100 * (1 - CATCH_UP_LEVEL) / 2, 12)
        lo, hi = np.percentile(lag, [a, 100 - a])
        return float(est), float(lo), float(hi)


def fit_country_trends(frontier: pd.DataFrame, base: str = "US", other: str = "China") -> TrendFit:
    """OLS of log10 compute on time, a country dummy and their interaction, with HC3 robust errors.

    Time is measured from the mean of the fitted dates (``TrendFit.origin``): with raw decimal years (about
    2023) the design matrix's condition number is about 1e7, and the fit then differed in the tenth
    significant digit between BLAS builds (AVX2 vs AVX-512 kernels), so the same inputs did not give the same
    results.json on two machines. Centred (times and log10 compute), the gaps and slopes are the same quantities, well conditioned."""
    f = frontier[frontier["country"].isin([base, other])]
    if f["country"].nunique() < 2 or f.groupby("country").size().min() < 3:
        raise ValueError(
            f"fit_country_trends: need at least 3 record-setting models for each of {base} and {other}"
        )
    is_other = (f["country"] == other).astype(float).to_numpy()
    origin = float(np.mean(f["t"].to_numpy(float)))
    t = f["t"].to_numpy(float) - origin
    X = pd.DataFrame({"const": 1.0, "t": t, "other": is_other, "t:other": t * is_other})
    y = f["log10_compute"].to_numpy(float)
    level = float(np.mean(y))  # fitted on the centred values too: the gaps then lose no digits to about 25
    res = OLS(y - level, X).fit(cov_type="HC3")
    return TrendFit(
        params=res.params + pd.Series({"const": level}).reindex(res.params.index, fill_value=0.0),
        cov=pd.DataFrame(res.cov_params()),
        n=int(res.nobs),
        base=base,
        other=other,
        origin=origin,
    )


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
