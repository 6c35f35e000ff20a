"""Effective compute, export-control delays and training costs (notebook 03, claims C7-C10).

The model, stated once:

    effective compute E = chips x peak FLOP/s x utilization x time x algorithmic multiplier

Both sides' effective compute grows exponentially: physical compute by a factor ``g`` per year and the
algorithmic multiplier by 2^(12 / h) per year, where ``h`` is the halving time (months) of the compute
needed for fixed performance. In natural-log units per year

    a_frontier   = ln g_f + ln 2 * 12 / h
    a_restricted = ln g_r + ln 2 * 12 / h     (0 instead of the second term if algorithms do not diffuse)

A side that starts with R times less effective compute is behind by a *delay*: the time since the frontier
had the effective compute the restricted side has at the horizon T (years from now),

    delay(T) = max(0, T * (1 - a_r / a_f) + ln R / a_f)        (years; x 12 for months)

With equal growth on both sides the delay is the same at every horizon, ln R / a. With no hardware growth,
R = 10 and h = 8 months it is 8 * log2(10) = 26.58 months. Everything here is pure and vectorized
(numpy arrays in, arrays out); the Monte Carlo draws all inputs at once.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import stats

from helpers.core.uncertainty import split_lognormal_from_interval
from helpers.data.arena import select_arena

LN2 = np.log(2.0)
SECONDS_PER_HOUR = 3600.0

__all__ = [
    "effective_compute", "compute_ratio", "offset_multiplier_needed", "months_of_progress",
    "algorithmic_rate_per_year", "delay_months", "catch_up_months",
    "DelayInputs", "simulate_delay", "delay_summary", "band_probabilities", "tornado",
    "classify_chips", "export_status_timeline", "achieved_flop_per_gpu_hour", "implied_utilization",
    "training_cost_usd", "gpu_hours_for", "range_overlap",
]


# ------------------------------------------------------------------------------ effective compute

def effective_compute(chips, flop_per_s, utilization, seconds, algorithmic_multiplier=1.0):
    """Effective training compute (FLOP-equivalents): chips x FLOP/s x utilization x time x multiplier."""
    chips, flop_per_s = np.asarray(chips, float), np.asarray(flop_per_s, float)
    utilization, seconds = np.asarray(utilization, float), np.asarray(seconds, float)
    if np.any(chips < 0) or np.any(flop_per_s < 0) or np.any(seconds < 0):
        raise ValueError("effective_compute: chips, FLOP/s and time must be non-negative")
    if np.any((utilization < 0) | (utilization > 1)):
        raise ValueError("effective_compute: utilization must be between 0 and 1")
    return chips * flop_per_s * utilization * seconds * np.asarray(algorithmic_multiplier, float)


def compute_ratio(frontier_chips, frontier_flop_per_s, restricted_chips, restricted_flop_per_s,
                  frontier_utilization=1.0, restricted_utilization=1.0):
    """How many times more effective compute the frontier side has (same time, same algorithms)."""
    f = effective_compute(frontier_chips, frontier_flop_per_s, frontier_utilization, 1.0)
    r = effective_compute(restricted_chips, restricted_flop_per_s, restricted_utilization, 1.0)
    if np.any(np.asarray(r) <= 0):
        raise ValueError("compute_ratio: the restricted side has no compute (chips, FLOP/s and utilization must be > 0)")
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


def _rates(halving_months, frontier_growth, restricted_growth, algorithms_diffuse):
    g_f = np.asarray(frontier_growth, float)
    g_r = np.asarray(restricted_growth, float)
    if np.any(g_f <= 0) or np.any(g_r <= 0):
        raise ValueError("compute growth multipliers per year must be positive (1.0 = no growth)")
    alg = algorithmic_rate_per_year(halving_months)
    a_f = np.log(g_f) + alg
    a_r = np.log(g_r) + (alg if algorithms_diffuse else 0.0)
    return a_f, a_r


def delay_months(ratio, halving_months, frontier_growth=1.0, restricted_growth=1.0, algorithms_diffuse=True,
                 horizon_years=0.0):
    """Months the restricted side is behind the frontier at ``horizon_years`` (see the module docstring).

    Vectorized over every argument. Infinite when the frontier's effective compute does not grow
    (a_f <= 0) while a gap exists."""
    ratio = np.asarray(ratio, float)
    if np.any(ratio <= 0):
        raise ValueError("delay_months: the compute ratio must be positive")
    a_f, a_r = _rates(halving_months, frontier_growth, restricted_growth, algorithms_diffuse)
    T = np.asarray(horizon_years, float)
    with np.errstate(divide="ignore", invalid="ignore"):
        years = T * (1.0 - a_r / a_f) + np.log(ratio) / a_f
        years = np.where(a_f > 0, years, np.where(ratio > 1, np.inf, 0.0))
    return 12.0 * np.maximum(years, 0.0)


def catch_up_months(ratio, halving_months, restricted_growth=1.0, algorithms_diffuse=True):
    """Months until the restricted side reaches the frontier's effective compute of today (a standing target)."""
    _, a_r = _rates(halving_months, 1.0, restricted_growth, algorithms_diffuse)
    ratio = np.asarray(ratio, float)
    with np.errstate(divide="ignore"):
        years = np.where(ratio <= 1, 0.0, np.where(a_r > 0, np.log(np.maximum(ratio, 1.0)) / a_r, np.inf))
    return 12.0 * years


# ------------------------------------------------------------------------------------- Monte Carlo

@dataclass(frozen=True)
class DelayInputs:
    """Inputs of the delay model: central values and the intervals their uncertainty is fitted to."""

    ratio: float
    halving_months: float
    halving_low: float
    halving_high: float
    halving_level: float
    frontier_growth: float
    restricted_growth: float
    growth_factor: float = 1.0          # growth interval: [g / factor, g x factor] at growth_level
    growth_level: float = 0.9
    algorithms_diffuse: bool = True
    horizon_years: float = 0.0


def simulate_delay(inp: DelayInputs, n_draws: int, seed: int) -> dict:
    """Draw halving time and both growth rates (independent; the halving time from the two-piece lognormal
    that meets its published median and interval ends, the growth rates from lognormals) and return the
    delays (months).

    Returns a dict of arrays: delay_months, halving_months, frontier_growth, restricted_growth."""
    if n_draws < 1:
        raise ValueError("n_draws must be at least 1")
    rng = np.random.default_rng(seed)
    mu_h, s_lo, s_hi = split_lognormal_from_interval(inp.halving_months, inp.halving_low, inp.halving_high,
                                                     inp.halving_level)
    if inp.growth_factor < 1:
        raise ValueError("growth_factor must be >= 1")
    z = stats.norm.ppf(0.5 + inp.growth_level / 2.0)
    s_g = np.log(inp.growth_factor) / z
    e = rng.standard_normal((3, n_draws))
    h = np.exp(mu_h + np.where(e[0] < 0, s_lo, s_hi) * e[0])
    g_f = np.exp(np.log(inp.frontier_growth) + s_g * e[1])
    g_r = np.exp(np.log(inp.restricted_growth) + s_g * e[2])
    d = delay_months(inp.ratio, h, g_f, g_r, inp.algorithms_diffuse, inp.horizon_years)
    return {"delay_months": d, "halving_months": h, "frontier_growth": g_f, "restricted_growth": g_r}


def delay_summary(delays: np.ndarray, speed_bump_max: float, roadblock_min: float) -> dict:
    """Median, 5th and 95th percentiles and the band probabilities of simulated delays (months)."""
    d = np.asarray(delays, float)
    p05, p50, p95 = np.percentile(d, [5, 50, 95])
    probs = band_probabilities(d, speed_bump_max, roadblock_min)
    return {"median": float(p50), "p05": float(p05), "p95": float(p95), **probs}


def band_probabilities(delays, speed_bump_max: float, roadblock_min: float) -> dict:
    """Shares of delays in the speed-bump band (<= speed_bump_max), the roadblock band (>= roadblock_min)
    and between them."""
    if speed_bump_max > roadblock_min:
        raise ValueError("speed_bump_max must not exceed roadblock_min")
    d = np.asarray(delays, float)
    bump = float(np.mean(d <= speed_bump_max))
    road = float(np.mean(d >= roadblock_min))
    return {"prob_speed_bump": bump, "prob_roadblock": road, "prob_between": max(0.0, 1.0 - bump - road)}


def tornado(inp: DelayInputs) -> pd.DataFrame:
    """One-at-a-time sensitivity of the deterministic delay: each input at the ends of its interval, the
    others at their central values. Sorted by swing (largest first)."""
    base = float(delay_months(inp.ratio, inp.halving_months, inp.frontier_growth, inp.restricted_growth,
                              inp.algorithms_diffuse, inp.horizon_years))
    f = inp.growth_factor
    cases = {
        "halving time (months)": ("halving_months", inp.halving_low, inp.halving_high),
        "frontier compute growth (x/yr)": ("frontier_growth", inp.frontier_growth / f, inp.frontier_growth * f),
        "restricted compute growth (x/yr)": ("restricted_growth", inp.restricted_growth / f, inp.restricted_growth * f),
        "compute ratio (x)": ("ratio", inp.ratio / 2.0, inp.ratio * 2.0),
    }
    rows = []
    for label, (field, lo, hi) in cases.items():
        vals = {}
        for end, v in (("low", lo), ("high", hi)):
            kw = {k: getattr(inp, k) for k in ("ratio", "halving_months", "frontier_growth", "restricted_growth")}
            kw[field] = v
            vals[end] = float(delay_months(kw["ratio"], kw["halving_months"], kw["frontier_growth"],
                                           kw["restricted_growth"], inp.algorithms_diffuse, inp.horizon_years))
        rows.append({"input": label, "input_low": lo, "input_high": hi, "delay_at_low": vals["low"],
                     "delay_at_high": vals["high"], "base": base,
                     "swing": abs(vals["high"] - vals["low"])})
    return pd.DataFrame(rows).sort_values("swing", ascending=False, kind="mergesort").reset_index(drop=True)


# -------------------------------------------------------------------------------- chips and rules

def _clause_hits(chips: pd.DataFrame, clause: pd.Series) -> pd.Series:
    """Per chip: True (meets every threshold), False (fails one), or NA (a needed value is missing)."""
    spec = [("tpp", "tpp_min", "ge"), ("tpp", "tpp_max", "lt"),
            ("performance_density", "performance_density_min", "ge"),
            ("performance_density", "performance_density_max", "lt"),
            ("interconnect_gb_s", "interconnect_min_gb_s", "ge"),
            ("memory_bandwidth_gb_s", "memory_bandwidth_max_gb_s", "lt")]
    ok = pd.Series(True, index=chips.index, dtype="boolean")
    for col, thr, op in spec:
        t = clause.get(thr)
        if t is None or pd.isna(t):
            continue
        v = chips[col].astype(float)
        res = (v >= t) if op == "ge" else (v < t)
        res = res.astype("boolean").mask(v.isna())
        ok = ok & res      # Kleene logic: False & NA = False, True & NA = NA
    return ok


def classify_chips(chips: pd.DataFrame, rules: pd.DataFrame) -> pd.DataFrame:
    """Each chip against each threshold rule (effect licence_required with thresholds, or case_by_case_review).

    Returns one row per chip and rule_id with ``caught`` (True / False / NA when a needed spec is missing)
    and the clause(s) that caught it."""
    thr_cols = ["tpp_min", "tpp_max", "performance_density_min", "performance_density_max",
                "interconnect_min_gb_s", "memory_bandwidth_max_gb_s"]
    rules = rules[rules[thr_cols].notna().any(axis=1)]
    out = []
    for rule_id, grp in rules.groupby("rule_id", sort=False):
        hits = [(_clause_hits(chips, c), c["clause"]) for _, c in grp.iterrows()]
        any_hit = pd.Series(False, index=chips.index, dtype="boolean")
        for h, _ in hits:
            any_hit = any_hit | h
        for i, chip in chips["chip"].items():
            clauses = [name for h, name in hits if h.loc[i] is True or (pd.notna(h.loc[i]) and bool(h.loc[i]))]
            out.append({"chip": chip, "rule_id": rule_id, "date": grp["date"].iloc[0],
                        "effect": grp["effect"].iloc[0], "caught": any_hit.loc[i],
                        "clauses": ", ".join(clauses)})
    return pd.DataFrame(out)


def export_status_timeline(chips: pd.DataFrame, rules: pd.DataFrame) -> pd.DataFrame:
    """Whether each chip could be sold to China after each rule or decision, in date order.

    Status values: 'allowed', 'licence required', 'allowed (revenue share)', 'case-by-case review',
    'unknown' (a needed spec is missing), and 'not a US export' for chips designed and made in China."""
    cls = classify_chips(chips, rules)
    events = rules.sort_values(["date", "rule_id", "clause"]).drop_duplicates("rule_id")[["rule_id", "date", "effect"]]
    status = {c: "allowed" for c in chips["chip"]}
    chinese = set(chips.loc[chips["designer"].isin(["Huawei"]), "chip"])
    rows = []
    for ev in events.itertuples(index=False):
        rule_rows = rules[rules["rule_id"] == ev.rule_id]
        named = set()
        for s in rule_rows["chips_named"].dropna():
            named |= {x.strip() for x in str(s).split(";") if x.strip()}
        c = cls[cls["rule_id"] == ev.rule_id].set_index("chip")
        for chip in chips["chip"]:
            if chip in chinese:
                status[chip] = "not a US export"
            elif ev.effect == "licence_required" and named:
                if chip in named:
                    status[chip] = "licence required"
            elif ev.effect == "licence_required":
                caught = c.loc[chip, "caught"] if chip in c.index else pd.NA
                status[chip] = "unknown" if pd.isna(caught) else ("licence required" if caught else "allowed")
            elif ev.effect == "exports_allowed":
                if chip in named:
                    status[chip] = "allowed (revenue share)"
            elif ev.effect == "case_by_case_review":
                caught = c.loc[chip, "caught"] if chip in c.index else pd.NA
                if status[chip] == "licence required" and pd.notna(caught) and caught:
                    status[chip] = "case-by-case review"
            rows.append({"rule_id": ev.rule_id, "date": ev.date, "chip": chip, "status": status[chip]})
    return pd.DataFrame(rows)


# ------------------------------------------------------------------------------------------ costs

def achieved_flop_per_gpu_hour(compute_flop, gpu_hours):
    """FLOP actually delivered per GPU-hour in a reported run (= peak FLOP/s x utilization x 3600)."""
    c, h = np.asarray(compute_flop, float), np.asarray(gpu_hours, float)
    if np.any(c <= 0) or np.any(h <= 0):
        raise ValueError("compute and GPU-hours must be positive")
    return c / h


def implied_utilization(compute_flop, gpu_hours, peak_flop_per_s):
    """Utilization implied by a run's compute and GPU-hours against a chip's peak FLOP/s."""
    return achieved_flop_per_gpu_hour(compute_flop, gpu_hours) / (np.asarray(peak_flop_per_s, float) * SECONDS_PER_HOUR)


def gpu_hours_for(compute_flop, peak_flop_per_s, utilization):
    """GPU-hours needed for ``compute_flop`` at a chip's peak FLOP/s and a utilization."""
    u = np.asarray(utilization, float)
    if np.any((u <= 0) | (u > 1)):
        raise ValueError("utilization must be in (0, 1]")
    return np.asarray(compute_flop, float) / (np.asarray(peak_flop_per_s, float) * u * SECONDS_PER_HOUR)


def training_cost_usd(compute_flop, price_usd_per_chip_hour, peak_flop_per_s, utilization):
    """Compute cost of a training run: compute / (FLOP/s x utilization) in chip-hours x price per chip-hour."""
    return gpu_hours_for(compute_flop, peak_flop_per_s, utilization) * np.asarray(price_usd_per_chip_hour, float)


def range_overlap(a_low: float, a_high: float, b_low: float, b_high: float) -> float:
    """Length of the overlap of two intervals divided by the length of the second (0 when disjoint)."""
    if a_low > a_high or b_low > b_high:
        raise ValueError("intervals must have low <= high")
    inter = max(0.0, min(a_high, b_high) - max(a_low, b_low))
    width = b_high - b_low
    return inter / width if width > 0 else float(a_low <= b_low <= a_high)


def range_judgement(central: float, low: float, high: float, claim_low: float, claim_high: float) -> int:
    """2 when the claimed range contains our central estimate, 1 when it misses the central estimate but
    overlaps our range [low, high], 0 when it lies outside our range."""
    if claim_low <= central <= claim_high:
        return 2
    return 1 if range_overlap(low, high, claim_low, claim_high) > 0 else 0


def range_judgement_words(judgement: int, claim: str, our_range: str) -> str:
    """How a claimed range (``claim``, e.g. "the essay's 5-10x") relates to our central estimate and range
    (``our_range``, e.g. "1-45x"), as a clause that states both: the central estimate and the interval."""
    if judgement == 2:
        return f"within {claim}"
    if judgement == 1:
        return f"outside {claim} at the central estimate, but our range {our_range} overlaps it"
    return f"outside {claim}, as is our whole range {our_range}"


# ------------------------------------------------------------------------ the historical record (C8)

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
    out = pd.DataFrame({"n_models": g.size(), "n_missing": g.apply(lambda s: int(s.isna().sum()))}).reset_index()
    out["missing_share"] = out["n_missing"] / out["n_models"]
    return out


def country_frontier(models: pd.DataFrame, countries=("US", "China"), start: str = "2018-01-01") -> pd.DataFrame:
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
    import statsmodels.api as sm
    f = frontier[frontier["country"].isin([base, other])]
    if f["country"].nunique() < 2 or f.groupby("country").size().min() < 3:
        raise ValueError(f"fit_country_trends: need at least 3 record-setting models for each of {base} and {other}")
    is_other = (f["country"] == other).astype(float).to_numpy()
    t = f["t"].to_numpy(float)
    X = pd.DataFrame({"const": 1.0, "t": t, "other": is_other, "t:other": t * is_other})
    res = sm.OLS(f["log10_compute"].to_numpy(float), X).fit(cov_type="HC3")
    return TrendFit(params=res.params, cov=pd.DataFrame(res.cov_params()), n=int(res.nobs), base=base, other=other)


def running_best(frame: pd.DataFrame, value: str, date_col: str, grid: pd.DatetimeIndex,
                 countries=("US", "China")) -> pd.DataFrame:
    """Best ``value`` released so far, per country, on each date of ``grid`` (NaN before a country's first)."""
    out = {}
    for c in countries:
        s = frame[frame["country"] == c].sort_values(date_col)
        best = s.groupby(date_col)[value].max().cummax()
        out[c] = best.reindex(best.index.union(grid)).ffill().reindex(grid)
    return pd.DataFrame(out, index=grid)


def capability_lag_months(best: pd.DataFrame, leader: str = "US", follower: str = "China",
                          tolerance: float = 0.0) -> pd.Series:
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
            out.append(0.0)         # the follower is level or ahead
            continue
        reached = lead[(lead >= target + tolerance) & (lead.index <= d)]
        if reached.empty:
            out.append(np.nan)
        else:
            out.append(max(0.0, (d - reached.index[0]).days / 30.4375))
    return pd.Series(out, index=dates, name="lag_months")


def verdict_c8(months_level: int, lag_now_months: float, close_months: float, tolerance: float,
               since: str) -> tuple[str, str]:
    """C8 ("a lab under export controls matched the frontier") from the capability record.

    supported: the follower was level with the leader (within ``tolerance`` ECI points) in at least one month
    since the controls AND is now at most ``close_months`` behind; partly supported: only one of the two (level
    once but since fallen further behind, or never level but now close behind); not supported: neither.
    Returns the verdict and a clause stating which rule produced it."""
    level = months_level > 0
    close = bool(np.isfinite(lag_now_months)) and lag_now_months <= close_months
    months = f"{months_level} month{'s' if months_level != 1 else ''}"
    level_txt = (f"was level with the leader (within {tolerance:g} ECI points) in {months} since {since}" if level
                 else f"was never level with the leader (within {tolerance:g} ECI points) since {since}")
    bound = f"the {close_months:g}-month bound for close behind (c8_close_months)"
    close_txt = (f"is now {lag_now_months:.1f} months behind, within {bound}" if close
                 else f"is now {lag_now_months:.1f} months behind, beyond {bound}")
    if level and close:
        return "supported", f"{level_txt} and {close_txt}: both conditions hold, so supported"
    if level or close:
        return "partly supported", f"{level_txt} but {close_txt}: one of the two conditions holds, so partly supported"
    return "not supported", f"{level_txt} and {close_txt}: neither condition holds, so not supported"


# ---------------------------------------------------------------------------------- Arena by country

def _norm_org(s: str) -> str:
    return "".join(ch for ch in str(s).lower() if ch.isalnum())


def _prefix_match(a: str, b: str) -> bool:
    """One name starts with the other, and the longer one does not continue with a digit ('ai2' != 'ai21')."""
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    return long_.startswith(short) and (len(long_) == len(short) or not long_[len(short)].isdigit())


def org_country_map(orgs, models: pd.DataFrame) -> dict:
    """Country of each organization name (e.g. Arena's 'deepseek', 'Alibaba') from Epoch's models table.

    An organization matches the models' single-organization entries whose normalized name starts with it
    (or that it starts with), at least 3 characters; the country is the majority among the matches, kept
    only when at least 80% of them agree. Unmatched names are left out."""
    m = models[~models["organization"].astype(str).str.contains(",")]
    # Epoch writes some labs with their other name in parentheses ('Z.ai (Zhipu AI)'): index both names
    alias = m["organization"].astype(str).str.extract(r"\(([^()]+)\)\s*$")[0]
    both = pd.concat([m.assign(_name=m["organization"].map(_norm_org)),
                      m[alias.notna()].assign(_name=alias.dropna().map(_norm_org))])
    names = {n: s for n, s in both.groupby("_name")["country"]}
    out = {}
    for org in pd.unique(pd.Series(list(orgs)).dropna()):
        key = _norm_org(org)
        if len(key) < 3:
            continue
        hits = [s for n, s in names.items() if len(n) >= 3 and _prefix_match(key, n)]
        if not hits:
            continue
        counts = pd.concat(hits).value_counts()
        if counts.iloc[0] / counts.sum() >= 0.8:
            out[org] = counts.index[0]
    return out


def arena_best_by_country(arena: pd.DataFrame, org_country: dict, countries=("US", "China"),
                          category: str = "overall", style_control: bool = True, selected: bool = False,
                          max_hole_days: int = 45) -> pd.DataFrame:
    """Best Arena rating per snapshot and country, with the rating interval, in notebook 01's comparable spans.

    Rows are chosen as in ``helpers.data.arena.select_arena`` (every source; the 2026 official board in ``category`` with
    or without style control), unless ``selected`` says ``arena`` is already such a selection. Ratings are
    compared only within a snapshot of one span (scale_segment). Columns: snapshot_date, scale_segment, the
    best rating and its bounds and model per country, gap_points (leader minus follower), intervals_overlap,
    unmapped_above (a model whose organization has no country is rated above the follower's best, so the
    follower's best may be missed) and line (a new id per span and after holes over ``max_hole_days``)."""
    a = (arena if selected else select_arena(arena, category=category, style_control=style_control)).copy()
    a["country"] = a["organization"].map(org_country)
    a = a.dropna(subset=["rating"])
    unm = a[a["country"].isna()].groupby(["snapshot_date", "scale_segment"])["rating"].max().rename("unmapped_best")
    a = a[a["country"].isin(countries)]
    cols = ["snapshot_date", "scale_segment"]
    if a.empty:
        return pd.DataFrame(columns=cols + ["gap_points", "intervals_overlap", "unmapped_above", "line"])
    idx = a.groupby(["snapshot_date", "scale_segment", "country"])["rating"].idxmax()
    best = a.loc[idx, ["snapshot_date", "scale_segment", "country", "model", "rating", "rating_lower", "rating_upper"]]
    wide = best.pivot_table(index=cols, columns="country", values=["model", "rating", "rating_lower", "rating_upper"],
                            aggfunc="first")
    wide.columns = [f"{v}_{c}" for v, c in wide.columns]
    wide = wide.reset_index().dropna(subset=[f"rating_{c}" for c in countries])
    for c in countries:
        for v in ("rating", "rating_lower", "rating_upper"):
            wide[f"{v}_{c}"] = pd.to_numeric(wide[f"{v}_{c}"], errors="coerce")
    lead, fol = countries
    wide["gap_points"] = wide[f"rating_{lead}"] - wide[f"rating_{fol}"]
    # intervals overlap: the follower's upper bound reaches the leader's lower bound
    wide["intervals_overlap"] = wide[f"rating_upper_{fol}"] >= wide[f"rating_lower_{lead}"]
    wide = wide.merge(unm.reset_index(), on=cols, how="left")
    wide["unmapped_above"] = wide["unmapped_best"].notna() & (wide["unmapped_best"] > wide[f"rating_{fol}"])
    wide = wide.drop(columns="unmapped_best").sort_values(["scale_segment", "snapshot_date"])
    new = (wide["scale_segment"] != wide["scale_segment"].shift()) | (wide["snapshot_date"].diff().dt.days > max_hole_days)
    wide["line"] = new.cumsum()
    return wide.sort_values(["snapshot_date", "scale_segment"]).reset_index(drop=True)


def arena_country_coverage(arena_sel: pd.DataFrame, org_country: dict) -> dict:
    """How much of an Arena selection the organization -> country map covers: rows, rows without an
    organization, rows whose organization has no country, and those organizations (most rows first)."""
    org = arena_sel["organization"]
    no_org = org.isna()
    unmapped = ~no_org & ~org.isin(list(org_country))
    by_org = org[unmapped].value_counts()
    return {"rows": int(len(arena_sel)), "rows_no_organization": int(no_org.sum()),
            "rows_unmapped": int(unmapped.sum()), "orgs_unmapped": list(by_org.index),
            "rows_mapped": int(len(arena_sel) - no_org.sum() - unmapped.sum())}


# ------------------------------------------------------------------------------------------ figures
# Bulky plotting code lives here so the notebook shows the idea; every function returns the figure.

STATUS_COLOURS = {"allowed": "#009E73", "allowed (revenue share)": "#56B4E9", "case-by-case review": "#F0E442",
                  "licence required": "#D55E00", "unknown": "#BBBBBB", "not a US export": "#FFFFFF"}


def plot_rules_map(chips: pd.DataFrame, rules: pd.DataFrame, title: str):
    """TPP against performance density, with the 2022 and 2023 thresholds drawn."""
    import matplotlib.pyplot as plt
    from helpers.core import plots
    fig, ax = plt.subplots(figsize=(9, 5.5))
    c = chips.copy()
    pd_known = c["performance_density"].notna()
    y = c["performance_density"].where(pd_known, 0.6)
    for known, marker in ((True, "o"), (False, "v")):
        sel = pd_known == known
        ax.scatter(c.loc[sel, "tpp"], y[sel], s=60, marker=marker,
                   c=[plots.colour(d, "#555555") for d in c.loc[sel, "designer"]], edgecolor="black", zorder=3,
                   label=None if known else "density unknown (drawn at the bottom)")
    c["_y"] = y
    groups = c[c["tpp"].notna()].groupby(["tpp", "_y"], sort=True)["chip"].agg(" / ".join).reset_index()
    for i, r in groups.iterrows():
        ax.annotate(r["chip"], (r["tpp"], r["_y"]), xytext=(5, 6 if i % 2 == 0 else -12),
                    textcoords="offset points", fontsize=8)
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.axvline(4800, color="#D55E00", lw=1.5, ls="-", label="TPP 4,800 (2022: with >= 600 GB/s link; 2023: alone)")
    a2 = rules[(rules["rule_id"] == "bis_2023_10") & rules["performance_density_min"].notna()]
    for _, r in a2.iterrows():
        ax.hlines(r["performance_density_min"], r["tpp_min"], r["tpp_max"] if pd.notna(r["tpp_max"]) else 1e5,
                  color="#CC79A7", lw=1.2, ls="--")
    ax.plot([], [], color="#CC79A7", ls="--", label="2023 density thresholds (from their TPP floor)")
    cap = rules.loc[rules["rule_id"] == "bis_2026_01", "tpp_max"].dropna()
    if len(cap):
        ax.axvline(float(cap.iloc[0]), color="#0072B2", lw=1.2, ls=":", label="2026 case-by-case cap: TPP 21,000")
    ax.set_xlabel("total processing performance, TPP (log scale)")
    ax.set_ylabel("performance density, TPP per mm² (log scale)")
    ax.set_title(title)
    ax.legend(fontsize=8, loc="upper left", bbox_to_anchor=(1.01, 1))
    return fig


def plot_status_grid(timeline: pd.DataFrame, rules: pd.DataFrame, title: str):
    """Chips x rules grid coloured by whether the chip could be sold to China after each step."""
    import matplotlib.pyplot as plt
    from matplotlib.patches import Patch
    t = timeline.copy()
    order = t.drop_duplicates("rule_id").sort_values("date")
    labels = [f"{r.date:%Y-%m}\n{r.rule_id}" for r in order.itertuples()]
    grid = t.pivot(index="chip", columns="rule_id", values="status")[order["rule_id"].tolist()]
    fig, ax = plt.subplots(figsize=(10, 0.38 * len(grid) + 1.6))
    for i, chip in enumerate(grid.index):
        for j, rid in enumerate(grid.columns):
            st = grid.loc[chip, rid]
            ax.add_patch(plt.Rectangle((j, i), 1, 1, facecolor=STATUS_COLOURS.get(st, "#999999"),
                                       edgecolor="white" if st != "not a US export" else "#CCCCCC"))
    ax.set_xlim(0, grid.shape[1])
    ax.set_ylim(0, grid.shape[0])
    ax.set_xticks(np.arange(grid.shape[1]) + 0.5, labels, fontsize=8)
    ax.set_yticks(np.arange(grid.shape[0]) + 0.5, grid.index)
    ax.invert_yaxis()
    ax.grid(False)
    ax.legend(handles=[Patch(facecolor=v, edgecolor="#999999", label=k) for k, v in STATUS_COLOURS.items()],
              bbox_to_anchor=(1.01, 1), loc="upper left", fontsize=8, title="sale to China")
    ax.set_title(title)
    return fig


def plot_trajectories(ratio: float, inp: DelayInputs, years: float, title: str):
    """Effective compute of both sides over time (frontier today = 1), with the delay marked."""
    import matplotlib.pyplot as plt
    from helpers.core import plots
    a_f, a_r = _rates(inp.halving_months, inp.frontier_growth, inp.restricted_growth, inp.algorithms_diffuse)
    t = np.linspace(0, years, 200)
    fig, ax = plt.subplots()
    ax.plot(t, np.exp(a_f * t), color=plots.colour("US"), lw=2, label="frontier side")
    ax.plot(t, np.exp(a_r * t) / ratio, color=plots.colour("China"), lw=2, label="restricted side")
    T = inp.horizon_years
    d = float(delay_months(ratio, inp.halving_months, inp.frontier_growth, inp.restricted_growth,
                           inp.algorithms_diffuse, T)) / 12
    level = np.exp(a_r * T) / ratio
    if 0 < d <= T + 1e-9:
        ax.annotate("", xy=(T - d, level), xytext=(T, level),
                    arrowprops=dict(arrowstyle="<->", color="#333333"))
        ax.text(T - d / 2, level * 1.3, f"delay {d * 12:.1f} months", ha="center", fontsize=9)
    ax.set_yscale("log")
    ax.set_xlabel("years from now")
    ax.set_ylabel("effective compute (frontier today = 1, log scale)")
    ax.set_title(title)
    ax.legend()
    return fig


def plot_delay_distribution(delays: np.ndarray, bump: float, road: float, title: str):
    import matplotlib.pyplot as plt
    from helpers.core import plots
    d = np.asarray(delays)
    hi = float(np.percentile(d, 99.5))
    fig, ax = plt.subplots()
    ax.axvspan(0, bump, color=plots.BAND_COLOURS["low"], label=f"speed bump (<= {bump:g} months)")
    ax.axvspan(bump, road, color=plots.BAND_COLOURS["moderate"], label="between")
    ax.axvspan(road, max(hi, road * 1.2), color=plots.BAND_COLOURS["high"], label=f"roadblock (>= {road:g} months)")
    ax.hist(d[d <= hi], bins=80, color="#555555", density=True)
    for q, ls in ((5, ":"), (50, "-"), (95, ":")):
        ax.axvline(np.percentile(d, q), color="black", ls=ls, lw=1)
    ax.set_xlabel("delay imposed by the compute gap (months)")
    ax.set_ylabel("density")
    ax.set_xlim(0, max(hi, road * 1.2))
    ax.set_title(title)
    ax.legend(fontsize=8)
    return fig


def plot_tornado(tor: pd.DataFrame, title: str):
    import matplotlib.pyplot as plt
    t = tor.iloc[::-1]
    fig, ax = plt.subplots(figsize=(9, 4.2))
    base = float(t["base"].iloc[0])
    for i, r in enumerate(t.itertuples()):
        lo, hi = sorted([r.delay_at_low, r.delay_at_high])
        ax.barh(i, hi - lo, left=lo, color="#0072B2", alpha=0.8)
        ax.text(hi, i, f"  {r.input_low:.3g} .. {r.input_high:.3g}", va="center", fontsize=8)
    ax.axvline(base, color="black", lw=1)
    ax.set_yticks(range(len(t)), t["input"])
    ax.set_xlabel("delay (months) with one input at the ends of its interval")
    ax.set_title(title)
    fig.tight_layout()
    return fig


def plot_compute_record(largest: pd.DataFrame, frontier: pd.DataFrame, fit: "TrendFit", start_year: int, title: str):
    import matplotlib.pyplot as plt
    from helpers.core import plots
    fig, ax = plt.subplots()
    for c in (fit.base, fit.other):
        f = frontier[frontier["country"] == c]
        ax.scatter(f["publication_date"], f["training_compute_flop"], color=plots.colour(c), s=30, label=f"{c}: record-setting runs")
        t = np.linspace(max(start_year, f["t"].min()), f["t"].max(), 50)
        b0 = fit.params["const"] + (fit.params["other"] if c == fit.other else 0.0)
        y = 10 ** (b0 + fit.slope(c) * t)
        dates = pd.to_datetime([f"{int(x)}-01-01" for x in t]) + pd.to_timedelta((t % 1) * 365.25, unit="D")
        ax.plot(dates, y, color=plots.colour(c), lw=1.5, ls="--",
                label=f"{c} trend: x{fit.growth_per_year(c):.1f} per year")
    ax.set_yscale("log")
    ax.set_ylabel("training compute (FLOP, log scale)")
    ax.set_xlabel("publication date")
    ax.set_title(title)
    ax.legend(fontsize=8)
    return fig


def plot_capability_gap(best: pd.DataFrame, lag: pd.Series, title: str):
    import matplotlib.pyplot as plt
    from helpers.core import plots
    fig, (ax1, ax2) = plt.subplots(2, 1, figsize=(9, 6.5), sharex=True)
    for c in best.columns:
        ax1.step(best.index, best[c], where="post", color=plots.colour(c), lw=2, label=f"best {c} model")
    ax1.set_ylabel("Epoch Capabilities Index")
    ax1.legend(fontsize=8)
    ax2.step(lag.index, lag, where="post", color="#333333")
    ax2.set_ylabel("China behind the US (months)")
    ax2.set_xlabel("date")
    import matplotlib.dates as mdates
    loc = mdates.AutoDateLocator()
    ax2.xaxis.set_major_locator(loc)
    ax2.xaxis.set_major_formatter(mdates.ConciseDateFormatter(loc))
    ax1.set_title(title)
    return fig


def plot_arena_country_gap(ab: pd.DataFrame, title: str, leader: str = "US", follower: str = "China"):
    """Gap between the countries' best Arena ratings per snapshot: one line per comparable span, broken at
    holes (``line`` from ``arena_best_by_country``), with the combined rating interval as a band."""
    import matplotlib.pyplot as plt
    import seaborn as sns
    fig, ax = plt.subplots(figsize=(10, 4.8))
    segs = list(dict.fromkeys(ab.sort_values("snapshot_date")["scale_segment"]))
    cols = dict(zip(segs, sns.color_palette("colorblind", max(len(segs), 3)).as_hex()))
    markers = dict(zip(segs, "osD^vP*X"))
    for (seg, _), g in ab.groupby(["scale_segment", "line"], sort=False):
        g = g.sort_values("snapshot_date")
        lo = g[f"rating_lower_{leader}"] - g[f"rating_upper_{follower}"]
        hi = g[f"rating_upper_{leader}"] - g[f"rating_lower_{follower}"]
        if lo.notna().all() and hi.notna().all():
            ax.fill_between(g["snapshot_date"], lo, hi, color=cols[seg], alpha=0.15, lw=0)
        ax.plot(g["snapshot_date"], g["gap_points"], color=cols[seg], lw=1.2, marker=markers[seg], ms=3,
                label=seg if seg not in ax.get_legend_handles_labels()[1] else None)
    ax.axhline(0, color="black", lw=0.8)
    ax.set_ylabel(f"best {leader} minus best {follower} rating (Arena points)")
    ax.set_xlabel("leaderboard snapshot")
    ax.legend(fontsize=7, title="comparable span", title_fontsize=7, loc="upper left", bbox_to_anchor=(1.01, 1.0),
              borderaxespad=0.0)
    ax.set_title(title)
    return fig


def plot_costs(est: dict, title: str):
    """Horizontal ranges: our estimate vs the essay's range (USD, log scale)."""
    import matplotlib.pyplot as plt
    fig, ax = plt.subplots(figsize=(11, 4.6))
    rows = list(est.items())[::-1]
    for i, (label, (lo, mid, hi, colour)) in enumerate(rows):
        ax.plot([lo, hi], [i, i], color=colour, lw=6, solid_capstyle="butt", alpha=0.7)
        if mid is not None:
            ax.plot(mid, i, "o", color="black")
    ax.set_yticks(range(len(rows)), [r[0] for r in rows])
    ax.set_xscale("log")
    ax.set_xlabel("training compute cost (USD, log scale)")
    import textwrap
    wrapped = "\n".join(textwrap.fill(line, 80) for line in title.split("\n"))
    ax.set_title(wrapped.replace("$", r"\$"), fontsize=11, loc="left")  # dollar signs are not mathtext here
    fig.tight_layout()
    return fig
