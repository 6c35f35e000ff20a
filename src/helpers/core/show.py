"""What a notebook cell shows: generated Markdown (``say``) and a table for readers (``table``).

The analyses return text and tables; notebooks pass them here, so every report shows prose and tables
the same way (no row numbers, readable numbers, no NaN).

Both escape what comes from data: a note in a results file, an upstream error text or a table cell
holding ``<script>`` shows as those characters, never as markup (the renders pass a notebook's HTML and
Markdown outputs through as they are).
"""

from __future__ import annotations

import hashlib
import html
import re

import pandas as pd
from IPython.display import Markdown, display

from helpers.core.text import fmt_number

__all__ = ["md_escape", "say", "table"]

# A notebook that styles a DataFrame itself (``df.style.format(...)``) gets its text cells escaped too: a
# Styler's default formatter reads this option when it is built.
pd.set_option("styler.format.escape", "html")

_TAG_START = re.compile(r"<")


def md_escape(markdown: str) -> str:
    """Markdown with no raw HTML left in it: every ``<`` becomes ``&lt;`` (shown as ``<``), so a string from
    data can open no tag; Markdown's own syntax (emphasis, links, lists) is kept. The collection's text
    functions write Markdown only, never HTML."""
    return _TAG_START.sub("&lt;", str(markdown))


def say(markdown: str) -> None:
    """Show generated Markdown as prose in the notebook (and so in its HTML renders); raw HTML in it, which
    can only come from data, is shown as text (``md_escape``)."""
    display(Markdown(md_escape(markdown)))


def table(df: pd.DataFrame, digits: int | None = None) -> pd.io.formats.style.Styler:
    """A DataFrame as a reader's table: no index column, numbers as the collection writes them
    (``digits`` fixes the decimals instead), missing values blank, and years as years (a column whose
    name says ``year`` and whose values are years shows 2025, not 2,025). Every cell and column label is
    HTML-escaped (the Styler writes them into the page as they are)."""

    def fmt(x):
        if x is None or (isinstance(x, float) and pd.isna(x)) or x is pd.NaT:
            return ""
        if isinstance(x, pd.Timestamp):
            return f"{x:%Y-%m-%d}"
        if isinstance(x, (int, float)) and not isinstance(x, bool):
            return f"{x:,.{digits}f}" if digits is not None else fmt_number(x)
        return html.escape(str(x), quote=True)

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
    styler = df.style.format(fmt).format_index(lambda c: html.escape(str(c), quote=True), axis=1)
    if years:
        styler = styler.format(year, subset=years)
    return styler.hide(axis="index").set_uuid(uid)
