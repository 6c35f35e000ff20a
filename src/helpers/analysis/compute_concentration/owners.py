"""Who owns AI compute, from Epoch's AI Chip Owners table (H100-equivalents by owner, chip designer and
quarter, with 5th and 95th percentiles): the stock at a quarter, shares by owner and by designer, where
Epoch's designer series start (coverage changes, not market changes), the owner layer's concentration
with pooled buckets unallocated, and the Monte Carlo that carries the percentile bands into the metrics.

Functions take the ``compute_owners`` frame and return new frames or numbers; nothing here reads files."""

from __future__ import annotations

import numpy as np
import pandas as pd

from helpers.analysis.compute_concentration import measures
from helpers.analysis.compute_concentration.periods import StackError, quarter_end
from helpers.core.text import and_join
from helpers.core.uncertainty import split_lognormal_draws

__all__ = [
    "HYPERSCALERS",
    "POOLED_OWNERS",
    "SHORT_DESIGNER",
    "by_designer",
    "by_owner",
    "coverage_effect",
    "coverage_starts",
    "designer_added",
    "designer_series",
    "owner_layer",
    "owner_series",
    "pooled",
    "simulate_owners",
    "stock_at",
]

# owner labels that are not one firm: Epoch's remainder, the unattributed gap, and the China bucket
POOLED_OWNERS = ("Other", "Unattributed", "China")
# the parents of the three clouds the essay names (AWS, Azure, GCP), as owners
HYPERSCALERS = ("Microsoft", "Amazon", "Google")
SHORT_DESIGNER = {"Google TPU": "TPUs", "Amazon Trainium": "Trainium"}


def _value(df: pd.DataFrame, quantile: str) -> pd.Series:
    col = {"p5": "h100e_p5", "p50": "h100e_p50", "p95": "h100e_p95"}[quantile]
    return df[col].fillna(df["h100e_p50"])


def stock_at(owners: pd.DataFrame, q: pd.Timestamp, quantile: str = "p50") -> pd.DataFrame:
    """Rows of one quarter with ``h100e`` = the chosen percentile (median where Epoch gives no band)."""
    rows = owners[owners["quarter_end"] == q].copy()
    if rows.empty:
        raise StackError(f"compute_owners has no rows for quarter {q.date()}")
    rows["h100e"] = _value(rows, quantile)
    return rows


def by_owner(rows: pd.DataFrame, col: str = "h100e") -> pd.Series:
    return rows.groupby("owner")[col].sum().sort_values(ascending=False)


def by_designer(rows: pd.DataFrame, col: str = "h100e") -> pd.Series:
    return rows.groupby("designer")[col].sum().sort_values(ascending=False)


def designer_added(owners: pd.DataFrame, q: pd.Timestamp, quantile: str = "p50") -> pd.Series:
    """H100e added per designer in the four quarters up to ``q`` (stock at q minus stock a year before;
    a designer whose series starts later counts from zero)."""
    now = by_designer(stock_at(owners, q, quantile))
    before_q = quarter_end(q - pd.DateOffset(months=12))
    prev_rows = owners[owners["quarter_end"] == before_q]
    prev = (
        by_designer(stock_at(owners, before_q, quantile)) if not prev_rows.empty else pd.Series(dtype=float)
    )
    out = (now - prev.reindex(now.index).fillna(0.0)).clip(lower=0.0)
    return out.sort_values(ascending=False)


def _series(owners: pd.DataFrame, key: str, quantile: str) -> pd.DataFrame:
    df = owners.assign(h100e=_value(owners, quantile))
    tot = df.groupby(["quarter_end", key], as_index=False)["h100e"].sum()
    tot["share_pct"] = tot["h100e"] / tot.groupby("quarter_end")["h100e"].transform("sum") * 100
    return tot


def owner_series(owners: pd.DataFrame, quantile: str = "p50") -> pd.DataFrame:
    """Share (percent) of each owner in the total H100e stock, per quarter (long form)."""
    return _series(owners, "owner", quantile)


def designer_series(owners: pd.DataFrame, quantile: str = "p50") -> pd.DataFrame:
    """Share (percent) of each chip designer in the total H100e stock, per quarter (long form)."""
    return _series(owners, "designer", quantile)


def coverage_starts(owners: pd.DataFrame) -> pd.DataFrame:
    """Quarters in which Epoch's stock series of a chip designer begins, after the first one: from then on the
    totals include a series they did not include before, so shares jump for reasons of coverage, not of the
    market. One row per start quarter: quarter_end, designers (list), names ("AMD and Trainium"), period
    ("2024Q1") and label ("AMD and Trainium from 2024Q1")."""
    cols = ["quarter_end", "designers", "names", "period", "label"]
    first = owners.groupby("designer")["quarter_end"].min().sort_values()
    rows = []
    later = first[first > first.min()] if len(first) else first
    for qe in sorted(later.unique()):
        designers = sorted(later[later == qe].index)
        per = pd.Timestamp(qe).to_period("Q")
        names = and_join([SHORT_DESIGNER.get(d, d) for d in designers])
        period = f"{per.year}Q{per.quarter}"
        rows.append(
            {
                "quarter_end": pd.Timestamp(qe),
                "designers": designers,
                "names": names,
                "period": period,
                "label": f"{names} from {period}",
            }
        )
    return pd.DataFrame(rows, columns=cols)


def coverage_effect(
    owners: pd.DataFrame, starts: pd.DataFrame, key: str, quantile: str = "p50"
) -> pd.DataFrame:
    """How much counting the newly started series moves the shares in their first quarter: for each start, the
    ``key`` ("owner" or "designer"; for designers only those already counted) whose share of the H100e stock
    differs most between the totals without and with the new designers, in that same quarter (so no market
    change enters). Columns: quarter_end, names, period, company, without_pct, with_pct."""
    cols = ["quarter_end", "names", "period", "company", "without_pct", "with_pct"]
    df = owners.assign(h100e=_value(owners, quantile))
    out = []
    for _, st in starts.iterrows():
        rows = df[df["quarter_end"] == st["quarter_end"]]
        old = rows[~rows["designer"].isin(st["designers"])]
        if rows.empty or old.empty:
            continue
        w = rows.groupby(key)["h100e"].sum()
        wo = old.groupby(key)["h100e"].sum().reindex(w.index, fill_value=0.0)
        w, wo = w / w.sum() * 100, wo / wo.sum() * 100
        moved = (w - wo).abs()
        if key == "designer":  # a new series going from 0 to its share says nothing; report the old ones
            moved = moved.drop(st["designers"], errors="ignore")
        if moved.empty:
            continue
        c = moved.idxmax()
        out.append(
            {
                "quarter_end": st["quarter_end"],
                "names": st["names"],
                "period": st["period"],
                "company": c,
                "without_pct": float(wo[c]),
                "with_pct": float(w[c]),
            }
        )
    return pd.DataFrame(out, columns=cols)


def pooled(china_as_one_owner: bool) -> tuple[str, ...]:
    """The owner buckets counted as unallocated (China's bucket only unless it is taken as one firm)."""
    return tuple(o for o in POOLED_OWNERS if not (china_as_one_owner and o == "China"))


def owner_layer(stock: pd.Series, pooled_owners, cap_other: bool = False) -> dict:
    """Shares and concentration metrics of AI compute ownership from H100e per owner: {shares (all owners),
    named (pooled buckets dropped), other_pct (the pooled buckets' share), metrics}."""
    share = measures.shares(stock.to_numpy())
    s = pd.Series(share, index=stock.index)
    named = s.drop([o for o in pooled_owners if o in s.index]).sort_values(ascending=False)
    other = float(s.reindex(list(pooled_owners)).fillna(0).sum())
    cap = float(named.min()) if cap_other and len(named) else None
    m = measures.layer_metrics(named.to_numpy(), other, cap)
    return {"shares": s, "named": named, "other_pct": other, "metrics": m}


def simulate_owners(
    rows: pd.DataFrame,
    n: int,
    seed: int,
    pooled_owners,
    top_n: int,
    hyperscalers=HYPERSCALERS,
    cap_other: bool = False,
) -> pd.DataFrame:
    """Monte Carlo over Epoch's per-(designer, owner) percentile bands, independent split log-normals.

    Returns one row per draw: HHI bounds of ownership, the hyperscalers' joint share, the top-n named
    owners' share (re-ranked per draw) and each designer's share of the stock."""
    rng = np.random.default_rng(seed)
    draws = split_lognormal_draws(
        rows["h100e_p5"].to_numpy(), rows["h100e_p50"].to_numpy(), rows["h100e_p95"].to_numpy(), n, rng
    )
    owners_idx = pd.Index(sorted(rows["owner"].unique()))
    des_idx = pd.Index(sorted(rows["designer"].unique()))
    a_own = np.zeros((len(rows), len(owners_idx)))
    a_own[np.arange(len(rows)), owners_idx.get_indexer(rows["owner"])] = 1
    a_des = np.zeros((len(rows), len(des_idx)))
    a_des[np.arange(len(rows)), des_idx.get_indexer(rows["designer"])] = 1
    own = draws @ a_own
    des = draws @ a_des
    total = own.sum(axis=1, keepdims=True)
    sh = own / total * 100
    is_pooled = owners_idx.isin(list(pooled_owners))
    named = sh[:, ~is_pooled]
    other = sh[:, is_pooled].sum(axis=1)
    low = (named**2).sum(axis=1)
    if cap_other:
        cap = named.min(axis=1)
        extra = np.array([measures.max_sum_squares(o, c) for o, c in zip(other, cap)])
    else:
        extra = other**2
    top = -np.sort(-named, axis=1)[:, :top_n].sum(axis=1)
    hyp = sh[:, owners_idx.isin(list(hyperscalers))].sum(axis=1)
    out = pd.DataFrame(
        {"hhi_low": low, "hhi_high": low + extra, "hyperscaler_share": hyp, "top_n_share": top}
    )
    for j, d in enumerate(des_idx):
        out[f"share_{d}"] = des[:, j] / total[:, 0] * 100
    for j, o in enumerate(owners_idx):
        out[f"owner_{o}"] = sh[:, j]
    return out
