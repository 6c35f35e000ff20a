"""C12: API prices. (a) price at fixed capability, Epoch AI's method; (b) flagship list prices per provider;
(c) price cuts per provider and year.

(a) For a benchmark and a threshold model: from the threshold model's first price date on, the models
scoring at or above the threshold model's score; at each date the cheapest of them; kept only when cheaper
than every earlier one (the "lowest price models above previous frontier" of Epoch AI's code); then an OLS
fit of log10(price) on time in years, whose slope gives the factor by which the price falls per year,
with its 90% interval from the slope's t interval (statsmodels). Epoch AI's input data are the rows of
``api_prices`` with dataset ``epoch_insight_aa`` and ``epoch_insight_not_in_aa``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import pandas as pd
from statsmodels.regression.linear_model import OLS
from statsmodels.tools.tools import add_constant

from helpers.analysis.value_capture.flagships import flagship_rows
from helpers.core.results import make_entry

__all__ = [
    "BENCHMARK_COLUMNS",
    "REASONING_MODELS",
    "Cuts",
    "FixedCapability",
    "Frontier",
    "blended",
    "cuts",
    "epoch_input",
    "fit_decline",
    "fixed_capability",
    "frontier",
    "lowest_price_frontier",
]

# Epoch's benchmark names -> columns of api_prices
BENCHMARK_COLUMNS = {
    "MMLU": "mmlu",
    "GPQA Diamond": "gpqa_diamond",
    "MATH-500": "math_500",
    "MATH 5": "math_level5",
    "HumanEval": "humaneval",
    "LMSys Chatbot Arena ELO": "arena_elo",
}
# Epoch's names of threshold models that differ from the names in its input data
THRESHOLD_NAMES = {"GPT-3": "GPT-3 175B (davinci)"}
# the reasoning models Epoch AI excluded (llm_price_trends.ipynb: reasoning_model_names)
REASONING_MODELS = ("DeepSeek-R1", "o1", "o1-mini", "o1-preview", "o3-mini")
# Epoch AI's year: 365 days (their 21 factors and intervals are reproduced to 1e-10 with it, 0.5% off with 365.25)
DAYS_PER_YEAR = 365.0
PRICE_LEVEL = 0.90  # the interval of every price fit, the level of Epoch AI's published fits
EPOCH_DATASETS = ("epoch_insight_aa", "epoch_insight_not_in_aa")


def blended(df: pd.DataFrame, input_share: float) -> pd.Series:
    """Price per million tokens with input weight ``input_share``: from the input and output prices where
    both are given, else the source's 3:1 blend (Epoch's input data give only that)."""
    both = df["input_usd_per_mtok"].notna() & df["output_usd_per_mtok"].notna()
    mix = input_share * df["input_usd_per_mtok"] + (1 - input_share) * df["output_usd_per_mtok"]
    return mix.where(both, df["blended_3to1_usd_per_mtok"])


def epoch_input(prices: pd.DataFrame, include_reasoning: bool = False) -> pd.DataFrame:
    """Epoch AI's input data: model, date, 3:1 price and the benchmark columns."""
    e = prices[prices["dataset"].isin(EPOCH_DATASETS)].copy()
    if not include_reasoning:
        e = e[~e["model"].isin(REASONING_MODELS)]
    e["price"] = e["blended_3to1_usd_per_mtok"]
    return e[["model", "price_date", "price", *BENCHMARK_COLUMNS.values()]].reset_index(drop=True)


def lowest_price_frontier(data: pd.DataFrame, column: str, threshold: float, start) -> pd.DataFrame:
    """From ``start`` on, the models with ``column`` >= ``threshold``; per date the cheapest; kept when
    cheaper than all earlier kept ones. Columns: price_date, price, model, score."""
    cand = data[(data[column] >= threshold) & (data["price_date"] >= start) & data["price"].notna()]
    cand = cand.sort_values(["price_date", "price", "model"], kind="mergesort")
    rows, best = [], np.inf
    for d, g in cand.groupby("price_date", sort=True):
        r = g.iloc[0]
        if r["price"] < best:
            best = r["price"]
            rows.append(
                {"price_date": d, "price": float(r["price"]), "model": r["model"], "score": float(r[column])}
            )
    return pd.DataFrame(rows, columns=["price_date", "price", "model", "score"])


def fit_decline(dates: pd.Series, prices: pd.Series, level: float = PRICE_LEVEL) -> dict:
    """OLS of log10(price) on years since the first date: the factor the price falls by per year (>1 when
    falling), its ``level`` interval, R² and n."""
    t = (pd.to_datetime(dates) - pd.to_datetime(dates).min()).dt.days.to_numpy() / DAYS_PER_YEAR
    y = np.log10(np.asarray(prices, dtype=float))
    if len(y) < 3 or np.ptp(t) == 0:
        raise ValueError("fit_decline needs at least 3 prices on at least 2 dates")
    res = OLS(y, add_constant(t)).fit()
    lo, hi = res.conf_int(1 - level)[1]
    slope = float(res.params[1])
    return {
        "factor": float(10**-slope),
        "low": float(10**-hi),
        "high": float(10**-lo),
        "r_squared": float(res.rsquared),
        "n": len(y),
        "slope_log10_per_year": slope,
    }


@dataclass(frozen=True, eq=False)
class FixedCapability:
    fits: pd.DataFrame  # ours vs Epoch's, one row per Epoch fit
    points: pd.DataFrame  # the frontier points of every fit (benchmark, threshold_model, price_date, price)
    pooled: dict  # factor, low, high over all thresholds (threshold fixed effects, one slope)
    median: float
    n_within: int  # our factors inside Epoch's 90% interval
    n_fits: int

    def comparison(self) -> pd.DataFrame:
        """The reader's table: ours and theirs side by side, with whether ours lies in their interval."""
        cols = ["benchmark", "threshold_model", "n", "ours", "ours_low", "ours_high", "theirs", "theirs_low"]
        return self.fits[[*cols, "theirs_high", "within"]]

    def estimate(self, statistic: str) -> float:
        return self.pooled["factor"] if statistic == "pooled" else self.median

    def entries(self) -> dict:
        p = self.pooled
        return {
            "price_decline_fixed_capability_x_per_year": make_entry(
                "price_decline_fixed_capability_x_per_year",
                round(p["factor"], 3),
                low=round(p["low"], 3),
                high=round(p["high"], 3),
                unit="x per year",
                claims=["C12"],
                note=f"pooled OLS over {self.n_fits} of Epoch AI's thresholds (threshold fixed effects, one slope; "
                f"90% interval, too narrow where thresholds share models); median of the separate fits "
                f"{self.median:.3g}x",
            ),
            "price_decline_fits_within_epoch_interval": make_entry(
                "price_decline_fits_within_epoch_interval",
                self.n_within,
                unit=f"of {self.n_fits} fits",
                claims=["C12"],
                note="our fits with Epoch AI's method and data inside Epoch's published 90% intervals",
            ),
        }


def fixed_capability(prices: pd.DataFrame, epoch_fits: pd.DataFrame, P) -> FixedCapability:
    """Every one of Epoch AI's 21 fits, redone (their method, their data) and compared with theirs, and the
    pooled estimate over them."""
    data = epoch_input(prices, P.include_reasoning_models)
    rows, pts = [], []
    for f in epoch_fits.itertuples():
        col = BENCHMARK_COLUMNS[f.benchmark]
        name = THRESHOLD_NAMES.get(f.threshold_model, f.threshold_model)
        start = data.loc[data["model"] == name, "price_date"].min()
        if pd.isna(start):
            raise ValueError(f"threshold model {name!r} is not in Epoch AI's input data")
        front = lowest_price_frontier(data, col, float(f.threshold_score), start)
        row = {
            "benchmark": f.benchmark,
            "threshold_model": f.threshold_model,
            "threshold_score": float(f.threshold_score),
            "theirs": float(f.factor_per_year),
            "theirs_low": float(f.factor_ci90_low),
            "theirs_high": float(f.factor_ci90_high),
            "theirs_n": int(f.sample_size),
            "n": len(front),
            "ours": np.nan,
            "ours_low": np.nan,
            "ours_high": np.nan,
            "r_squared": np.nan,
        }
        if len(front) >= P.min_points:
            fit = fit_decline(front["price_date"], front["price"])
            row.update(
                ours=fit["factor"], ours_low=fit["low"], ours_high=fit["high"], r_squared=fit["r_squared"]
            )
            pts.append(front.assign(benchmark=f.benchmark, threshold_model=f.threshold_model))
        rows.append(row)
    fits = pd.DataFrame(rows)
    fits["within"] = (fits["ours"] >= fits["theirs_low"]) & (fits["ours"] <= fits["theirs_high"])
    points = pd.concat(pts, ignore_index=True) if pts else pd.DataFrame()
    return FixedCapability(
        fits=fits,
        points=points,
        pooled=pooled_fit(points),
        median=float(fits["ours"].median()),
        n_within=int(fits["within"].sum()),
        n_fits=int(fits["ours"].notna().sum()),
    )


def pooled_fit(points: pd.DataFrame, level: float = PRICE_LEVEL) -> dict:
    """One slope over every threshold's frontier points, each threshold with its own intercept (its own
    start date and price level): log10(price) ~ threshold + years since the threshold's start."""
    key = points["benchmark"] + " | " + points["threshold_model"]
    t0 = points.groupby(key)["price_date"].transform("min")
    t = (points["price_date"] - t0).dt.days.to_numpy() / DAYS_PER_YEAR
    dummies = pd.get_dummies(key, dtype=float)
    X = np.column_stack([t, dummies.to_numpy()])
    res = OLS(np.log10(points["price"].to_numpy(dtype=float)), X).fit()
    lo, hi = res.conf_int(1 - level)[0]
    return {"factor": float(10 ** -res.params[0]), "low": float(10**-hi), "high": float(10**-lo), "n": len(t)}


# ------------------------------------------------------------------------------- (b) frontier prices


@dataclass(frozen=True, eq=False)
class Frontier:
    launches: pd.DataFrame  # provider, label, price_date, price (blended), input, output
    change: dict  # factor (>1 rising), low, high, n, over providers (provider fixed effects)
    by_provider: pd.DataFrame  # provider, n, first, last, change per year (None under 3 launches)

    def entries(self) -> dict:
        c = self.change
        return {
            "frontier_price_change_x_per_year": make_entry(
                "frontier_price_change_x_per_year",
                round(c["factor"], 3),
                low=round(c["low"], 3),
                high=round(c["high"], 3),
                unit="x per year",
                claims=["C12"],
                note=f"flagship launch list prices of {c['n_providers']} providers, {c['n']} launches, OLS of "
                "log10(price) on years with provider fixed effects; above 1: rising; 90% interval",
            )
        }


def frontier(prices: pd.DataFrame, P) -> Frontier:
    """Flagship launch prices per provider and their change per year (pooled, provider fixed effects)."""
    fl = flagship_rows(prices, P.frontier_providers, P.frontier_tier)
    fl = fl.assign(price=blended(fl, P.input_share))
    fl = (
        fl[fl["price_date"] >= pd.Timestamp(P.frontier_since)]
        .sort_values(["provider", "price_date"])
        .reset_index(drop=True)
    )
    t = (fl["price_date"] - pd.Timestamp(P.frontier_since)).dt.days.to_numpy() / DAYS_PER_YEAR
    counts = fl["provider"].value_counts()
    if len(fl) < 4 or (counts >= 2).sum() == 0:
        raise ValueError("frontier: too few flagship launches after frontier_since to fit a change per year")
    dummies = pd.get_dummies(fl["provider"], dtype=float)
    res = OLS(np.log10(fl["price"].to_numpy(dtype=float)), np.column_stack([t, dummies.to_numpy()])).fit()
    lo, hi = res.conf_int(round(1 - PRICE_LEVEL, 12))[0]
    change = {
        "factor": float(10 ** res.params[0]),
        "low": float(10**lo),
        "high": float(10**hi),
        "n": len(fl),
        "n_providers": int(fl["provider"].nunique()),
    }
    by = []
    for prov, g in fl.groupby("provider", sort=True):
        row = {
            "provider": prov,
            "launches": len(g),
            "first": g["price_date"].min(),
            "last": g["price_date"].max(),
            "first_price": float(g["price"].iloc[0]),
            "last_price": float(g["price"].iloc[-1]),
            "change_x_per_year": None,
        }
        if len(g) >= 3 and g["price_date"].nunique() >= 2:
            gt = (g["price_date"] - g["price_date"].min()).dt.days.to_numpy() / DAYS_PER_YEAR
            row["change_x_per_year"] = float(
                10 ** OLS(np.log10(g["price"].to_numpy(dtype=float)), add_constant(gt)).fit().params[1]
            )
        by.append(row)
    return Frontier(launches=fl, change=change, by_provider=pd.DataFrame(by))


# ------------------------------------------------------------------------------------ (c) price cuts

_DATE_SUFFIX = re.compile(r"-(\d{4}-\d{2}-\d{2}|\d{4})$")
CUT_DATASETS = ("epoch_price_db", "llm_prices", "news")


def _model_key(r) -> str:
    if isinstance(r.model_id, str) and r.model_id:
        return _DATE_SUFFIX.sub("", r.model_id.lower())
    name = re.sub(r"\s*\[[^\]]*\]", "", r.model)
    if r.dataset == "news":
        name = re.sub(r"\s*\([^)]*\)", "", name)
    return name.lower().strip()


@dataclass(frozen=True, eq=False)
class Cuts:
    events: pd.DataFrame  # provider, key, price_date, old, new, change_pct, kind (cut / increase)
    per_year: pd.DataFrame  # provider x year: cuts

    def entries(self) -> dict:
        tot = self.per_year.groupby("provider")["cuts"].sum().sort_values(ascending=False)
        return {
            "price_cuts_by_provider": make_entry(
                "price_cuts_by_provider",
                {k: int(v) for k, v in tot.items()},
                unit="list-price cuts",
                claims=["C12"],
                note="cuts of the same model's (or API id's) list price at the same vendor, 2021-2026; artefacts "
                "of llm-prices' data migration left out",
            ),
            "price_cuts_per_provider_year": make_entry(
                "price_cuts_per_provider_year",
                {
                    prov: {int(r.year): int(r.cuts) for r in g.sort_values("year").itertuples()}
                    for prov, g in self.per_year.groupby("provider", sort=True)
                },
                unit="list-price cuts",
                claims=["C12"],
                note="the cuts of price_cuts_by_provider by the year they took effect",
            ),
        }


def cuts(prices: pd.DataFrame, P, min_change_pct: float = 1.0) -> Cuts:
    """List-price changes of the same model at the same vendor: a cut when the blended price falls by more
    than ``min_change_pct`` percent from its previous observation, an increase when it rises by as much."""
    d = prices[prices["dataset"].isin(CUT_DATASETS) & ~prices["artefact"]].copy()
    d["price"] = blended(d, P.input_share)
    d = d[d["price"].notna()]
    d["key"] = [_model_key(r) for r in d.itertuples()]
    d["vendor"] = d["api_vendor"].fillna(d["provider"]).str.lower()
    d = d.sort_values(["provider", "vendor", "key", "price_date", "price_id"], kind="mergesort")
    d = d.drop_duplicates(["provider", "vendor", "key", "price_date"], keep="first")
    # each observation against the one before it in its (provider, vendor, model) series, as one vectorized
    # pass (a loop over 400 groups took half a second, paid by every specification of the grid that reads it)
    keys = ["provider", "vendor", "key"]
    d = d.dropna(subset=keys)  # groupby leaves out rows with a missing key
    prev = d.groupby(keys, sort=False)["price"].shift()
    change = d["price"] / prev - 1
    hit = prev.notna() & ((change.abs() * 100) > min_change_pct)
    e = d[hit]
    events = pd.DataFrame(
        {
            "provider": e["provider"].to_list(),
            "model": e["key"].to_list(),
            "price_date": e["price_date"].to_list(),
            "old": prev[hit].to_list(),
            "new": e["price"].to_list(),
            "change_pct": (100 * change[hit]).to_list(),
            "kind": ["cut" if n < o else "increase" for n, o in zip(e["price"], prev[hit])],
            "source_id": e["source_id"].to_list(),
        },
        columns=["provider", "model", "price_date", "old", "new", "change_pct", "kind", "source_id"],
    )
    c = events[events["kind"] == "cut"]
    per_year = (
        c.assign(year=c["price_date"].dt.year)
        .groupby(["provider", "year"])
        .size()
        .rename("cuts")
        .reset_index()
        if len(c)
        else pd.DataFrame(columns=["provider", "year", "cuts"])
    )
    return Cuts(
        events=events.sort_values(["price_date", "provider"]).reset_index(drop=True), per_year=per_year
    )
