"""The compute record of claim C8 as the notebook and the verdict read it: the largest runs by country,
models counted above compute thresholds, the share without a compute estimate, the top-k run comparison
and the fitted trends with the lag they imply. Built from the measures in ``us_china``, which re-exports
these names.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import pandas as pd

from helpers.analysis.export_controls.us_china_measures import (
    TrendFit,
    country_frontier,
    counts_above,
    decimal_year,
    fit_country_trends,
    largest_run_by_year,
    missing_compute_share,
    run_comparison,
)
from helpers.core.results import make_entry

TREND_LEVEL = 0.95  # the fitted gap's interval (HC3 errors), as the notes and the methods note say
TREND_Z = 1.96  # its normal quantile


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
        return float(10**g), float(10 ** (g - TREND_Z * se)), float(10 ** (g + TREND_Z * se))

    def growth(self, country: str) -> float:
        return self.fit.growth_per_year(country)

    # the record is frozen, so what is read of it once per specification of the grid is computed once
    @cached_property
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

    @cached_property
    def windows(self) -> list:
        return sorted(self.runs["window_months"].unique().tolist())

    @cached_property
    def top_ks(self) -> list:
        """The k of the run comparison's top-k runs (1, 3, 5)."""
        return sorted(int(k) for k in self.runs["k"].unique())

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
