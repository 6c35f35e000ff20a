"""Notebook 02's analysis steps on the compute tables: choosing the 'latest' period of each layer,
shares and concentration per layer, the owners' percentile bands carried into the metrics by Monte
Carlo, and cluster capacity by country and owner. Plot helpers sit at the end.

Functions take DataFrames from ``helpers.data.load`` and return new frames or numbers; nothing here
reads files or keeps state.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from helpers.core.errors import UserError
from helpers.analysis.compute_concentration import concentration as conc
from helpers.core.uncertainty import interval, split_lognormal_draws  # noqa: F401

DESIGNERS = ("NVIDIA", "Google TPU", "AMD", "Amazon Trainium")
# owner labels that are not one firm: Epoch's remainder, the unattributed gap, and the China bucket
POOLED_OWNERS = ("Other", "Unattributed", "China")


class StackError(UserError):
    pass


# ------------------------------------------------------------------------------------------ periods

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


def owner_quarter(owners: pd.DataFrame, as_of=None, exclude_incomplete: bool = True) -> pd.Timestamp:
    """The ownership quarter called 'latest'.

    as_of None: the newest quarter in which every designer has an estimate (and, with
    ``exclude_incomplete``, none is flagged incomplete). Otherwise the newest quarter up to the end of
    the quarter containing ``as_of`` (skipping incomplete quarters if asked)."""
    df = owners
    if exclude_incomplete:
        bad = df.loc[df["incomplete"], "quarter_end"].unique()
        df = df[~df["quarter_end"].isin(bad)]
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
        raise StackError(f"as_of = {pd.Timestamp(as_of).date()} is before the first ownership quarter "
                         f"({first}); choose a later as_of")
    return cands.max()


def share_period(shares: pd.DataFrame, layer: str, until: pd.Timestamp) -> str:
    """Newest period of ``layer`` in market_shares ending on or before ``until``."""
    rows = shares[shares["layer"] == layer]
    if rows.empty:
        raise StackError(f"market_shares has no rows for layer '{layer}'")
    ends = rows["period"].drop_duplicates().map(lambda p: (period_end(p), p))
    ok = [e for e in ends if e[0] <= until]
    if not ok:
        first = min(ends)[1]
        raise StackError(f"market_shares: layer '{layer}' starts in {first}, after the chosen quarter "
                         f"{until.date()}; choose a later as_of")
    return max(ok)[1]


# ------------------------------------------------------------------------------------- owners table

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
    prev = by_designer(stock_at(owners, before_q, quantile)) if not prev_rows.empty else pd.Series(dtype=float)
    out = (now - prev.reindex(now.index).fillna(0.0)).clip(lower=0.0)
    return out.sort_values(ascending=False)


def owner_series(owners: pd.DataFrame, quantile: str = "p50") -> pd.DataFrame:
    """Share (percent) of each owner in the total H100e stock, per quarter (long form)."""
    df = owners.assign(h100e=_value(owners, quantile))
    tot = df.groupby(["quarter_end", "owner"], as_index=False)["h100e"].sum()
    tot["share_pct"] = tot["h100e"] / tot.groupby("quarter_end")["h100e"].transform("sum") * 100
    return tot


def designer_series(owners: pd.DataFrame, quantile: str = "p50") -> pd.DataFrame:
    df = owners.assign(h100e=_value(owners, quantile))
    tot = df.groupby(["quarter_end", "designer"], as_index=False)["h100e"].sum()
    tot["share_pct"] = tot["h100e"] / tot.groupby("quarter_end")["h100e"].transform("sum") * 100
    return tot


SHORT_DESIGNER = {"Google TPU": "TPUs", "Amazon Trainium": "Trainium"}


def _and_join(xs: list[str]) -> str:
    return ", ".join(xs[:-1]) + (" and " if len(xs) > 1 else "") + xs[-1] if xs else ""


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
        names = _and_join([SHORT_DESIGNER.get(d, d) for d in designers])
        period = f"{per.year}Q{per.quarter}"
        rows.append({"quarter_end": pd.Timestamp(qe), "designers": designers, "names": names, "period": period,
                     "label": f"{names} from {period}"})
    return pd.DataFrame(rows, columns=cols)


def coverage_effect(owners: pd.DataFrame, starts: pd.DataFrame, key: str, quantile: str = "p50") -> pd.DataFrame:
    """How much counting the newly started series moves the shares in their first quarter: for each start, the
    ``key`` ("owner" or "designer"; for designers only those already counted) whose share of the H100e stock
    differs most between the totals without and with the new designers, in that same quarter (so no market
    change enters). Columns: quarter_end,
    names, period, company, without_pct, with_pct."""
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
        out.append({"quarter_end": st["quarter_end"], "names": st["names"], "period": st["period"], "company": c,
                    "without_pct": float(wo[c]), "with_pct": float(w[c])})
    return pd.DataFrame(out, columns=cols)


def pooled(china_as_one_owner: bool) -> tuple[str, ...]:
    return tuple(o for o in POOLED_OWNERS if not (china_as_one_owner and o == "China"))


def owner_layer(stock: pd.Series, pooled_owners, cap_other: bool = False) -> dict:
    """Shares and concentration metrics of AI compute ownership from H100e per owner."""
    share = conc.shares(stock.to_numpy())
    s = pd.Series(share, index=stock.index)
    named = s.drop([o for o in pooled_owners if o in s.index]).sort_values(ascending=False)
    other = float(s.reindex(list(pooled_owners)).fillna(0).sum())
    cap = float(named.min()) if cap_other and len(named) else None
    m = conc.layer_metrics(named.to_numpy(), other, cap)
    return {"shares": s, "named": named, "other_pct": other, "metrics": m}


def simulate_owners(rows: pd.DataFrame, n: int, seed: int, pooled_owners, top_n: int,
                    hyperscalers=("Microsoft", "Amazon", "Google"), cap_other: bool = False) -> pd.DataFrame:
    """Monte Carlo over Epoch's per-(designer, owner) percentile bands, independent split log-normals.

    Returns one row per draw: HHI bounds of ownership, the hyperscalers' joint share, the top-n named
    owners' share (re-ranked per draw) and each designer's share of the stock."""
    rng = np.random.default_rng(seed)
    draws = split_lognormal_draws(rows["h100e_p5"].to_numpy(), rows["h100e_p50"].to_numpy(),
                                       rows["h100e_p95"].to_numpy(), n, rng)
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
    low = (named ** 2).sum(axis=1)
    if cap_other:
        cap = named.min(axis=1)
        extra = np.array([conc._max_sum_squares(o, c) for o, c in zip(other, cap)])
    else:
        extra = other ** 2
    top = -np.sort(-named, axis=1)[:, :top_n].sum(axis=1)
    hyp = sh[:, owners_idx.isin(list(hyperscalers))].sum(axis=1)
    out = pd.DataFrame({"hhi_low": low, "hhi_high": low + extra, "hyperscaler_share": hyp,
                        "top_n_share": top})
    for j, d in enumerate(des_idx):
        out[f"share_{d}"] = des[:, j] / total[:, 0] * 100
    return out


# ------------------------------------------------------------------------------ market-share layers

def layer_shares(shares: pd.DataFrame, layer: str, period: str) -> pd.Series:
    rows = shares[(shares["layer"] == layer) & (shares["period"] == period)]
    return rows.set_index("company")["share_pct"].astype(float).sort_values(ascending=False)


def share_layer(named: pd.Series, cap_other: bool = False) -> dict:
    cap = float(named.min()) if cap_other and len(named) else None
    m = conc.layer_metrics(named.to_numpy(), None, cap)
    return {"named": named, "other_pct": m.other_pct, "metrics": m}


def metrics_over_time(shares: pd.DataFrame, layer: str, cap_other: bool = False) -> pd.DataFrame:
    rows = []
    for period, g in shares[shares["layer"] == layer].groupby("period"):
        m = share_layer(g.set_index("company")["share_pct"].astype(float), cap_other)["metrics"]
        rows.append({"period": period, "period_end": period_end(period), **m.as_dict()})
    return pd.DataFrame(rows).sort_values("period_end").reset_index(drop=True)


# -------------------------------------------------------------------------------------- clusters

def clusters_at(clusters: pd.DataFrame, q: pd.Timestamp, standard_only: bool = True) -> pd.DataFrame:
    """Operational clusters at ``q``: existing (or later decommissioned) clusters with a first operational
    date on or before ``q`` and a known capacity."""
    df = clusters
    if standard_only:
        df = df[df["standard_analysis"]]
    df = df[df["status"].isin(["Existing", "Decommissioned"]) & df["h100e"].notna()]
    return df[df["first_operational_date"].notna() & (df["first_operational_date"] <= q)]


def country_shares(cl: pd.DataFrame) -> pd.DataFrame:
    t = cl.assign(country=cl["country"].fillna("Unknown")).groupby("country")["h100e"].sum()
    out = pd.DataFrame({"h100e": t, "share_pct": t / t.sum() * 100}).sort_values("h100e", ascending=False)
    return out


def bootstrap_share(cl: pd.DataFrame, country: str, n: int, seed: int) -> tuple[float, float]:
    """90% bootstrap interval of a country's capacity share, resampling clusters (a sampling view of
    which clusters Epoch happened to record; it does not cover systematic undercounts)."""
    rng = np.random.default_rng(seed)
    h = cl["h100e"].to_numpy()
    is_c = (cl["country"].fillna("Unknown") == country).to_numpy()
    idx = rng.integers(0, len(h), size=(n, len(h)))
    s = (h[idx] * is_c[idx]).sum(axis=1) / h[idx].sum(axis=1) * 100
    return interval(s)


def owner_capacity(cl: pd.DataFrame) -> pd.Series:
    """Cluster capacity per named owner (clusters without an owner are left out)."""
    return cl.dropna(subset=["owner"]).groupby("owner")["h100e"].sum().sort_values(ascending=False)


# ------------------------------------------------------------------------------------------ plots

COLOUR_ALIAS = {"Google TPU": "Google", "Amazon Trainium": "Amazon"}


def plot_layers(panels: dict, highlight, title: str, marks: dict | None = None):
    """Faceted line chart: one panel per layer, {panel title: long frame (x, company, share_pct)}.

    ``marks`` {panel title: [(x, label), ...]} draws a dotted vertical line at each x with its label just above
    the frame (e.g. where a data series starts to be counted)."""
    import matplotlib.dates as mdates
    import matplotlib.pyplot as plt

    from helpers.core import plots
    fig, axes = plt.subplots(2, 2, figsize=(12, 8), sharey=False)
    for ax, (name, df) in zip(axes.flat, panels.items()):
        order = df.groupby("company")["share_pct"].max().sort_values(ascending=False).index
        for comp in order:
            g = df[df["company"] == comp].sort_values("x")
            hl = comp in highlight
            ax.plot(g["x"], g["share_pct"], marker="o", ms=3 if hl else 2, lw=2.4 if hl else 1.0,
                    color=plots.colour(COLOUR_ALIAS.get(comp, comp)), alpha=1 if hl else 0.6, label=comp)
        ax.set_title(name, fontsize=10, loc="left", pad=14 if marks else 6)
        for x, label in (marks or {}).get(name, []):
            ax.axvline(x, color="#444444", lw=1, ls=":", zorder=1)
            ax.annotate(label, (x, 1.0), xycoords=("data", "axes fraction"), xytext=(2, 2), textcoords="offset points",
                        fontsize=7, color="#444444", ha="left", va="bottom")
        ax.xaxis.set_major_locator(mdates.YearLocator())
        ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))
        ax.set_ylabel("share (%)")
        ax.set_ylim(0, min(100, df["share_pct"].max() * 1.15 + 2))
        ax.legend(fontsize=7, ncol=2, frameon=False)
    for ax in axes.flat[len(panels):]:
        ax.set_visible(False)
    fig.suptitle(title, x=0.01, ha="left", fontweight="bold")
    fig.tight_layout()
    return fig


def plot_hhi_ranges(table: pd.DataFrame, moderate: float, high: float, title: str):
    """Horizontal HHI ranges per layer (low..high, point at the low bound) on the guideline bands."""
    import matplotlib.pyplot as plt

    from helpers.core import plots
    fig, ax = plt.subplots(figsize=(9, 0.6 * len(table) + 1.8))
    ax.axvspan(0, moderate, color=plots.BAND_COLOURS["low"], zorder=0)
    ax.axvspan(moderate, high, color=plots.BAND_COLOURS["moderate"], zorder=0)
    ax.axvspan(high, 10_000, color=plots.BAND_COLOURS["high"], zorder=0)
    y = np.arange(len(table))
    ax.hlines(y, table["hhi_low"], table["hhi_high"], lw=6, color="#555555")
    ax.plot(table["hhi_low"], y, "o", color="black")
    for yi, (_, r) in zip(y, table.iterrows()):
        lo_t, hi_t = f"{r['hhi_low']:,.0f}", f"{r['hhi_high']:,.0f}"
        ax.text(r["hhi_high"] + 80, yi, lo_t if lo_t == hi_t else f"{lo_t}–{hi_t}", va="center", fontsize=8)
    ax.set_yticks(y, table["layer"])
    ax.set_xlim(0, 10_000)
    ax.set_xlabel("Herfindahl-Hirschman index (HHI points; bar = unallocated share as many tiny firms .. as one firm)")
    from matplotlib.patches import Patch
    ax.legend(handles=[Patch(color=plots.BAND_COLOURS[k], label=lab) for k, lab in
                       (("low", f"unconcentrated (< {moderate:,.0f})"),
                        ("moderate", f"moderately concentrated ({moderate:,.0f}–{high:,.0f})"),
                        ("high", f"highly concentrated (> {high:,.0f})"))],
              loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=3, frameon=False, fontsize=8)
    ax.set_ylim(-0.6, len(table) - 0.4)
    ax.set_title(title, pad=28)
    return fig


def plot_lorenz(x, y, gini_value: float, title: str):
    import matplotlib.pyplot as plt
    fig, ax = plt.subplots(figsize=(5.5, 5))
    ax.plot([0, 1], [0, 1], color="#999999", lw=1, ls="--", label="equal capacity")
    ax.plot(x, y, color="#0072B2", lw=2, label=f"clusters' owners (Gini {gini_value:.2f})")
    ax.set_xlabel("cumulative share of owners (smallest first)")
    ax.set_ylabel("cumulative share of cluster capacity (H100e)")
    ax.legend(frameon=False)
    ax.set_title(title)
    return fig
