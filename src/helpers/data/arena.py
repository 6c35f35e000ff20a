"""Views of the Arena table that more than one notebook reads: which rows form the comparable series."""

from __future__ import annotations

import pandas as pd


def select_arena(
    arena: pd.DataFrame, *, category: str = "overall", style_control: bool = True, as_of=None
) -> pd.DataFrame:
    """Arena rows for the gap series: the 2026 official leaderboard in the chosen category and style-control
    setting; every other source in the single (overall) view it published; snapshots up to ``as_of``."""
    off = arena["source"].eq("lmarena_official")
    keep = (~off & arena["category"].eq("overall")) | (
        off & arena["category"].eq(category) & arena["style_control"].eq(style_control).fillna(False)
    )
    d = arena[keep]
    if as_of is not None:
        d = d[d["snapshot_date"] <= pd.Timestamp(as_of)]
    return d
