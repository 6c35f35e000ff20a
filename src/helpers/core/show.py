"""What a notebook cell shows: generated Markdown (``say``) and a table for readers (``table``).

The analyses return text and tables; notebooks pass them here, so every report shows prose and tables
the same way (no row numbers, readable numbers, no NaN).
"""

from __future__ import annotations

import hashlib

import pandas as pd
from IPython.display import Markdown, display

from helpers.core.text import fmt_number

__all__ = ["say", "table"]


def say(markdown: str) -> None:
    """Show generated Markdown as prose in the notebook (and so in its HTML renders)."""
    display(Markdown(markdown))


def table(df: pd.DataFrame, digits: int | None = None) -> pd.io.formats.style.Styler:
    """A DataFrame as a reader's table: no index column, numbers as the collection writes them
    (``digits`` fixes the decimals instead), missing values blank, and years as years (a column whose
    name says ``year`` and whose values are years shows 2025, not 2,025)."""

    def fmt(x):
        if x is None or (isinstance(x, float) and pd.isna(x)) or x is pd.NaT:
            return ""
        if isinstance(x, pd.Timestamp):
            return f"{x:%Y-%m-%d}"
        if isinstance(x, (int, float)) and not isinstance(x, bool):
            return f"{x:,.{digits}f}" if digits is not None else fmt_number(x)
        return str(x)

    def year(x):
        return "" if x is None or pd.isna(x) else str(int(x))

    uid = hashlib.sha256(df.to_csv().encode()).hexdigest()[
        :8
    ]  # stable ids: identical renders for identical data
    years = [
        c
        for c in df.columns
        if "year" in str(c).lower()
        and pd.api.types.is_numeric_dtype(df[c])
        and df[c].dropna().between(1900, 2100).all()
    ]
    styler = df.style.format(fmt)
    if years:
        styler = styler.format(year, subset=years)
    return styler.hide(axis="index").set_uuid(uid)
