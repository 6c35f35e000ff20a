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

import numpy as np
import pandas as pd
from IPython.display import Markdown, display
from pandas.io.formats.style import Styler

from helpers.core.labels import IDENT, header, plain
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


FOLD_AFTER = 25  # a table longer than this is folded (``<details>``): the reader opens it on demand


class Folded:
    """A long table folded under a one-line summary; shows as HTML in a notebook and in its renders."""

    def __init__(self, styler, n_rows: int, what: str):
        self.styler, self.n_rows, self.what = styler, n_rows, what

    def to_html(self) -> str:
        return (
            f"<details><summary>{html.escape(self.what)}: {self.n_rows:,} rows (show the table)</summary>"
            f"{self.styler.to_html()}</details>"
        )

    def _repr_html_(self) -> str:
        return self.to_html()

    def __getattr__(self, name):
        """The Styler's methods (``set_properties``, ``set_table_styles``...) work on the folded table too."""
        attr = getattr(self.styler, name)
        if not callable(attr):
            return attr

        def styled(*args, **kwargs):
            out = attr(*args, **kwargs)
            return Folded(out, self.n_rows, self.what) if isinstance(out, Styler) else out

        return styled


def _cell(x, digits: int | None) -> str:
    if x is None or (isinstance(x, float) and pd.isna(x)) or x is pd.NaT:
        return ""
    if isinstance(x, (bool, np.bool_)):
        return "yes" if x else "no"
    if isinstance(x, pd.Timestamp):
        return f"{x:%Y-%m-%d}"
    if isinstance(x, (int, float, np.integer, np.floating)):
        return f"{x:,.{digits}f}" if digits is not None else fmt_number(x)
    s = str(x)
    return html.escape(plain(s) if IDENT.fullmatch(s) else s, quote=True)


def table(df: pd.DataFrame, digits: int | None = None, *, fold_after: int = FOLD_AFTER, what: str = "Table"):
    """A DataFrame as a reader's table: no row numbers (a named index becomes columns), column headers in
    words with their units (``labels.header``: "lag_months" -> "lag (months)"), numbers as the collection
    writes them (``digits`` fixes the decimals instead), yes/no for booleans, identifiers in words, missing
    values blank, and years as years (a column whose name says ``year`` and whose values are years shows
    2025, not 2,025). A table of more than ``fold_after`` rows is folded under a summary naming ``what``.
    Every cell and column label is HTML-escaped (the Styler writes them into the page as they are)."""
    if any(n is not None for n in df.index.names):
        df = df.reset_index()

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
        and not pd.api.types.is_bool_dtype(df[c])
        and df[c].dropna().between(1900, 2100).all()
    ]
    styler = df.style.format(lambda x: _cell(x, digits))
    styler = styler.format_index(lambda c: html.escape(header(c), quote=True), axis=1)
    if years:
        styler = styler.format(year, subset=years)
    words = [
        c for c in df.columns if not pd.api.types.is_numeric_dtype(df[c]) or pd.api.types.is_bool_dtype(df[c])
    ]
    if words:  # words read left-aligned; numbers stay right-aligned, so their digits line up
        styler = styler.set_properties(subset=words, **{"text-align": "left"})
        styler = styler.set_table_styles(  # and so do their headers
            {c: [{"selector": "th", "props": "text-align: left"}] for c in words}, overwrite=False
        )
    styler = styler.hide(axis="index").set_uuid(uid)
    return Folded(styler, len(df), what) if len(df) > fold_after else styler
