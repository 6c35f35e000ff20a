"""Notebook 03's figures of the US-China record (claim C8): the largest runs and their trends, the capability
gap on the Epoch Capabilities Index and the Arena gap by country. Same convention as ``figures``, which
re-exports them: each takes a section result, titles the finding, labels axes with units, adds the source
caption and returns the figure."""

from __future__ import annotations

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import seaborn as sns
from matplotlib.figure import Figure

from helpers.core import plots
from helpers.core.labels import plain

from . import text
from .text import fmt_x

__all__ = ["SRC_MODELS", "arena_gap", "capability_gap", "compute_record"]

SRC_MODELS = "Data: Epoch AI, Notable AI Models and Epoch Capabilities Index (CC BY 4.0)"


def compute_record(cr) -> Figure:
    """Record-setting runs per country with their fitted log-linear trends, the comparison windows shaded
    and each window's largest run per country marked."""
    frontier, fit, start_year = cr.frontier, cr.fit, cr.P.trend_start_year
    fig, ax = plt.subplots(figsize=(10, 5.6))
    wins = cr.windows
    for i, w in enumerate(sorted(wins, reverse=True)):
        ax.axvspan(
            cr.as_of - pd.DateOffset(months=w),
            cr.as_of,
            color="#BBBBBB",
            alpha=0.12 + 0.08 * i,
            lw=0,
            label=f"last {w} months" if w == min(wins) or w == max(wins) else None,
        )
    for c in (fit.base, fit.other):
        f = frontier[frontier["country"] == c]
        ax.scatter(
            f["publication_date"],
            f["training_compute_flop"],
            color=plots.colour(c),
            s=30,
            label=f"{c}: record-setting runs",
        )
        t = np.linspace(max(start_year, f["t"].min()), f["t"].max(), 50)
        y = 10 ** fit.fitted_log10(c, t)
        dates = pd.to_datetime([f"{int(x)}-01-01" for x in t]) + pd.to_timedelta((t % 1) * 365.25, unit="D")
        ax.plot(
            dates,
            y,
            color=plots.colour(c),
            lw=1.5,
            ls="--",
            label=f"{c} trend: x{fit.growth_per_year(c):.1f} per year",
        )
        tops = cr.runs_top1.drop_duplicates(f"top_{c}")
        ax.scatter(
            tops[f"top_{c}_date"],
            tops[f"top_{c}_flop"],
            marker="*",
            s=180,
            facecolor=plots.colour(c),
            edgecolor="black",
            zorder=4,
            label=f"{c}: largest run of a window",
        )
        for r in tops.itertuples():
            ax.annotate(
                getattr(r, f"top_{c}"),
                (getattr(r, f"top_{c}_date"), getattr(r, f"top_{c}_flop")),
                xytext=(-6, 8),
                textcoords="offset points",
                ha="right",
                fontsize=8,
            )
    ax.set_yscale("log")
    ax.set_ylabel("training compute (FLOP, log scale)")
    ax.set_xlabel("publication date")
    lo, hi = cr.gap_range
    t1 = cr.runs_top1["ratio"]
    ws = [str(w) for w in wins]
    either = ", ".join(ws[:-1]) + " or " + ws[-1] if len(ws) > 1 else ws[0]
    trend = text.interval_clause(
        cr.lag_years, cr.lag_lo, cr.lag_hi, "years", "China is ahead", "China is behind"
    )
    ax.set_title(
        f"The largest US run (stars) of the last {either} months is {fmt_x(t1.min())} to {fmt_x(t1.max())} the "
        f"largest Chinese one (top 1-{int(cr.runs['k'].max())} runs: {fmt_x(lo)} to {fmt_x(hi)});\nthe fitted "
        f"trends {trend}",
        fontsize=10,
    )
    ax.legend(fontsize=7, loc="upper left")
    plots.caption(
        fig,
        SRC_MODELS
        + f"; OLS of log10 compute on time x country, HC3 errors, n = {fit.n}; ratios of the top 1-"
        f"{int(cr.runs['k'].max())} runs per window (geometric means); runs without a compute estimate are not drawn",
    )
    return fig


def capability_gap(cg) -> Figure:
    """The best US and Chinese model on the ECI (top) and China's lag in months (bottom)."""
    best, lag = cg.best, cg.lag
    fig, (ax1, ax2) = plt.subplots(2, 1, figsize=(9, 6.5), sharex=True)
    for c in best.columns:
        ax1.step(best.index, best[c], where="post", color=plots.colour(c), lw=2, label=f"best {c} model")
    ax1.set_ylabel("Epoch Capabilities Index")
    ax1.legend(fontsize=8)
    a = cg.lag_avg
    ax2.step(
        lag.index, lag, where="post", color="#333333", label=f"monthly, within {cg.P.eci_tolerance:g} points"
    )
    ax2.plot(
        a.daily.index,
        a.daily,
        color="#0072B2",
        lw=0.9,
        label=f"daily, Epoch AI's rule ({a.tolerance:g} point)",
    )
    ax2.hlines(
        a.months, a.start, a.end, color="#0072B2", ls="--", lw=1.2, label=f"its mean, {a.months:.1f} months"
    )
    ax2.axhspan(a.low, a.high, xmin=0, xmax=1, color="#0072B2", alpha=0.08, lw=0)
    ax2.legend(fontsize=7, loc="upper right")
    ax2.set_ylabel("China behind the US (months)")
    ax2.set_xlabel("date")
    loc = mdates.AutoDateLocator()
    ax2.xaxis.set_major_locator(loc)
    ax2.xaxis.set_major_formatter(mdates.ConciseDateFormatter(loc))
    ax1.set_title(
        f"On {cg.end:%Y-%m-%d}, the newest ECI release, the best Chinese model trails the best US model by "
        f"{cg.gap_points.iloc[-1]:.1f} ECI points,\n{cg.lag_now:.0f} months behind (time-averaged since "
        f"{cg.lag_avg.start:%Y-%m}: {cg.lag_avg.months:.1f} months, {cg.lag_avg.level:.0%} interval "
        f"{cg.lag_avg.low:.1f}-{cg.lag_avg.high:.1f})",
        fontsize=11,
    )
    plots.caption(fig, SRC_MODELS)
    return fig


def arena_gap(ag, leader: str = "US", follower: str = "China") -> Figure:
    """Gap between the countries' best Arena ratings per snapshot: one line per comparable span, broken at
    holes, with the combined rating interval as a band. Needs ``ag.available``."""
    ab, P, cov, last = ag.best, ag.P, ag.coverage, ag.last
    fig, ax = plt.subplots(figsize=(10, 4.8))
    segs = list(dict.fromkeys(ab.sort_values("snapshot_date")["scale_segment"]))
    cols = dict(zip(segs, sns.color_palette("colorblind", max(len(segs), 3)).as_hex()))
    markers = dict(zip(segs, "osD^vP*X"))
    for (seg, _), g in ab.groupby(["scale_segment", "line"], sort=False):
        g = g.sort_values("snapshot_date")
        lo = g[f"rating_lower_{leader}"] - g[f"rating_upper_{follower}"]
        hi = g[f"rating_upper_{leader}"] - g[f"rating_lower_{follower}"]
        if lo.notna().all() and hi.notna().all():
            ax.fill_between(g["snapshot_date"], lo, hi, color=cols[seg], alpha=0.15, lw=0)
        ax.plot(
            g["snapshot_date"],
            g["gap_points"],
            color=cols[seg],
            lw=1.2,
            marker=markers[seg],
            ms=3,
            label=plain(seg) if plain(seg) not in ax.get_legend_handles_labels()[1] else None,
        )
    ax.axhline(0, color="black", lw=0.8)
    ax.set_ylabel(f"best {leader} minus best {follower} rating (Arena points)")
    ax.set_xlabel("leaderboard snapshot")
    ax.legend(
        fontsize=7,
        title="comparable span",
        title_fontsize=7,
        loc="upper left",
        bbox_to_anchor=(1.01, 1.0),
        borderaxespad=0.0,
    )
    ax.set_title(
        f"On Arena the best Chinese model {'leads' if ag.china_leads else 'trails'} the best US model by "
        f"{abs(last['gap_points']):.0f} points on {last['snapshot_date']:%Y-%m-%d};\ntheir rating intervals "
        f"overlapped in {ag.share_overlap:.0%} of the last year's snapshots"
    )
    plots.caption(
        fig,
        "Data: LMArena / Arena text leaderboards (comparable spans as in notebook 01; 2026: "
        f"{P.arena_category}, {'style-controlled' if P.arena_style_control else 'default'} view); "
        "countries from Epoch AI's models data. Band: from the published 95% intervals. "
        f"{cov['rows_no_organization'] + cov['rows_unmapped']:,} of {cov['rows']:,} rows have no "
        "country and are left out.",
    )
    return fig
