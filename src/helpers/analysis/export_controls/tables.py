"""Notebook 03's tables as a reader sees them: headers in words with units, ratios as "4.4×", shares as
percentages, compute as powers of ten (``core.show.table`` shows them; long ones fold)."""

from __future__ import annotations

import pandas as pd

from helpers.core.text import sci

__all__ = ["largest_runs", "missing_shares", "run_counts", "run_ratios", "runs"]


def _x(v) -> str:
    return "" if pd.isna(v) else f"{v:.1f}×"


def _pct(v) -> str:
    return "" if pd.isna(v) else f"{v:.0%}"


def _flop(v) -> str:
    return "" if pd.isna(v) else sci(float(v), times=" × ", keep_one=True)


def largest_runs(cr) -> pd.DataFrame:
    """The largest training run per year and country (``compute_record.ComputeRecord``), newest first."""
    w = cr.largest_wide.sort_index(ascending=False)
    out = {
        "year": w.index.to_numpy(),
        **{f"{c} (FLOP)": w[c].map(_flop).to_numpy() for c in ("US", "China") if c in w},
    }
    return pd.DataFrame(out)


def run_counts(cr) -> pd.DataFrame:
    """Models at or above each compute threshold per year, US and China."""
    c = cr.counts.reset_index()
    out = pd.DataFrame({"at or above (FLOP)": c["threshold_flop"].map(_flop), "year": c["year"]})
    for country in ("US", "China"):
        if country in c:
            out[country] = c[country].astype(int)
    return out


def run_ratios(cr) -> pd.DataFrame:
    """Largest US runs over the largest Chinese ones (geometric means of the top k) per window."""
    w = cr.runs_wide
    return pd.DataFrame(
        {"window (months)": w.index, **{f"top {k}": w[k].map(_x) for k in w.columns}}
    ).reset_index(drop=True)


def runs(cr) -> pd.DataFrame:
    """Per window the single largest runs, the ratio with its bounds and the shares without an estimate."""
    t = cr.runs_table.reset_index()
    for col in ("US / China", "bound low", "bound high"):
        t[col] = t[col].map(_x)
    for col in ("US notable, no estimate", "Chinese notable, no estimate"):
        t[col] = t[col].map(_pct)
    return t


def missing_shares(cr) -> pd.DataFrame:
    """Models with an ECI score and how many lack a compute estimate, per country."""
    m = cr.missing_caps
    return pd.DataFrame(
        {
            "country": m["country"],
            "models with an ECI score": m["n_models"],
            "without a compute estimate": m["n_missing"],
            "share without": m["missing_share"].map(_pct),
        }
    )
