"""Which period is 'latest' in each layer: the ownership quarter (Epoch's AI Chip Owners) and the newest
market-share period of a layer up to it. The layers' sources publish on different calendars, so each
layer is measured at its own newest period up to the chosen quarter."""

from __future__ import annotations

import pandas as pd

from helpers.core.errors import UserError

__all__ = [
    "DESIGNERS",
    "StackError",
    "excluded_quarters",
    "named_counts",
    "owner_quarter",
    "period_end",
    "quarter_end",
    "share_period",
]

DESIGNERS = ("NVIDIA", "Google TPU", "AMD", "Amazon Trainium")


class StackError(UserError):
    pass


def quarter_end(d) -> pd.Timestamp:
    """Last day of the calendar quarter containing ``d``."""
    return (pd.Timestamp(d).to_period("Q").end_time).normalize()


def period_end(period: str) -> pd.Timestamp:
    """End date of a share period label: '2025Q4' -> 2025-12-31, '2023' -> 2023-12-31."""
    p = str(period)
    try:
        return pd.Period(p, freq="Q" if "Q" in p else "Y").end_time.normalize()
    except ValueError:
        raise StackError(f"period {p!r} is neither YYYYQn nor YYYY") from None


def excluded_quarters(owners: pd.DataFrame, exclude_incomplete: bool = True) -> list:
    """Ownership quarters left out: those Epoch flags as incomplete (none when ``exclude_incomplete`` is off)."""
    return list(owners.loc[owners["incomplete"], "quarter_end"].unique()) if exclude_incomplete else []


def owner_quarter(owners: pd.DataFrame, as_of=None, exclude_incomplete: bool = True) -> pd.Timestamp:
    """The ownership quarter called 'latest'.

    as_of None: the newest quarter in which every designer has an estimate (and, with
    ``exclude_incomplete``, none is flagged incomplete). Otherwise the newest quarter up to the end of
    the quarter containing ``as_of`` (skipping incomplete quarters if asked)."""
    df = owners[~owners["quarter_end"].isin(excluded_quarters(owners, exclude_incomplete))]
    if as_of is None:
        per_q = df.groupby("quarter_end")["designer"].nunique()
        full = per_q[per_q == len(DESIGNERS)]
        if full.empty:
            raise StackError("compute_owners: no quarter has estimates for all four chip designers")
        return full.index.max()
    q = quarter_end(as_of)
    cands = df.loc[df["quarter_end"] <= q, "quarter_end"]
    if cands.empty:
        first = owners["quarter_end"].min().date()
        raise StackError(
            f"as_of = {pd.Timestamp(as_of).date()} is before the first ownership quarter "
            f"({first}); choose a later as_of"
        )
    return cands.max()


def named_counts(shares: pd.DataFrame, layer: str) -> pd.Series:
    """How many firms the source names in each period of ``layer`` (period -> count)."""
    return shares[shares["layer"] == layer].groupby("period")["company"].nunique()


def share_period(shares: pd.DataFrame, layer: str, until: pd.Timestamp, min_named: int = 1) -> str:
    """Newest period of ``layer`` in market_shares ending on or before ``until`` whose source names at least
    ``min_named`` firms (the same rule decides which periods the HHI over time draws)."""
    counts = named_counts(shares, layer)
    if counts.empty:
        raise StackError(f"market_shares has no rows for layer '{layer}'")
    ends = [(period_end(p), p) for p in counts.index]
    upto = [e for e in ends if e[0] <= until]
    if not upto:
        first = min(ends)[1]
        raise StackError(
            f"market_shares: layer '{layer}' starts in {first}, after the chosen quarter "
            f"{until.date()}; choose a later as_of"
        )
    ok = [e for e in upto if counts[e[1]] >= min_named]
    if not ok:
        raise StackError(
            f"market_shares: no '{layer}' period up to {until.date()} names at least {min_named} firms "
            f"(min_named_firms); choose a later as_of or a smaller min_named_firms"
        )
    return max(ok)[1]
