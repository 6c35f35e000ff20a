"""The figures of notebook 03. Each takes a section's result, draws, sets the title (the finding, written
from the numbers), the axes with units and the source caption, and returns the figure; none saves or shows."""

from __future__ import annotations

import textwrap

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from helpers.core import plots
from helpers.core.labels import plain
from helpers.core.text import count

from .delay import delay_by_gap, delay_months, growth_rates
from .figures_us_china import arena_gap, capability_gap, compute_record
from .text import essay_cost_words, essay_ratio_words, fmt_usd, fmt_x, range_judgement_words, sellable_clause

__all__ = [
    "arena_gap",
    "capability_gap",
    "chips_vs_thresholds",
    "compute_record",
    "delay_by_growth_gap",
    "delay_distribution",
    "delay_tornado",
    "effective_compute_paths",
    "export_status",
    "training_costs",
]

SRC_HW = (
    "Data: Epoch AI, Machine Learning Hardware (CC BY 4.0); BIS rules and press reports "
    "(each rule cites its source in the collection's export-control sources)"
)
SRC_TRENDS = "Model: this notebook; rates from Ho et al. (2024) and Epoch AI (CC BY 4.0)"
SRC_COSTS = (
    "Data: Epoch AI (models, training costs, hardware prices; CC BY 4.0); DeepSeek-V3 technical report"
)
STATUS_COLOURS = {
    "allowed": "#009E73",
    "allowed (revenue share)": "#56B4E9",
    "case-by-case review": "#F0E442",
    "licence required": "#D55E00",
    "unknown": "#BBBBBB",
    "not a US export": "#FFFFFF",
}


def chips_vs_thresholds(rl) -> Figure:
    """TPP against performance density, with the 2022 and 2023 thresholds and the 2026 cap drawn."""
    chips, rules = rl.chips, rl.rules
    fig, ax = plt.subplots(figsize=(9, 5.5))
    c = chips.copy()
    pd_known = c["performance_density"].notna()
    y = c["performance_density"].where(pd_known, 0.6)
    for known, marker in ((True, "o"), (False, "v")):
        sel = pd_known == known
        ax.scatter(
            c.loc[sel, "tpp"],
            y[sel],
            s=60,
            marker=marker,
            c=[plots.colour(d, "#555555") for d in c.loc[sel, "designer"]],
            edgecolor="black",
            zorder=3,
            label=None if known else "density unknown (drawn at the bottom)",
        )
    c["_y"] = y
    groups = c[c["tpp"].notna()].groupby(["tpp", "_y"], sort=True)["chip"].agg(" / ".join).reset_index()
    for i, r in groups.iterrows():
        ax.annotate(
            r["chip"],
            (r["tpp"], r["_y"]),
            xytext=(5, 6 if i % 2 == 0 else -12),
            textcoords="offset points",
            fontsize=8,
        )
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.axvline(
        4800, color="#D55E00", lw=1.5, ls="-", label="TPP 4,800 (2022: with >= 600 GB/s link; 2023: alone)"
    )
    a2 = rules[(rules["rule_id"] == "bis_2023_10") & rules["performance_density_min"].notna()]
    for _, r in a2.iterrows():
        ax.hlines(
            r["performance_density_min"],
            r["tpp_min"],
            r["tpp_max"] if pd.notna(r["tpp_max"]) else 1e5,
            color="#CC79A7",
            lw=1.2,
            ls="--",
        )
    ax.plot([], [], color="#CC79A7", ls="--", label="2023 density thresholds (from their TPP floor)")
    cap = rules.loc[rules["rule_id"] == "bis_2026_01", "tpp_max"].dropna()
    if len(cap):
        ax.axvline(
            float(cap.iloc[0]), color="#0072B2", lw=1.2, ls=":", label="2026 case-by-case cap: TPP 21,000"
        )
    ax.set_xlabel("total processing performance, TPP (log scale)")
    ax.set_ylabel("performance density, TPP per mm² (log scale)")
    ax.set_title(
        f"The 2022 rule let {len(rl.escaped_2022)} of these chips through; "
        f"the 2023 rule caught {len(rl.caught_2023)} of them"
    )
    ax.legend(fontsize=8, loc="upper left", bbox_to_anchor=(1.01, 1))
    plots.caption(fig, SRC_HW)
    return fig


def _rule_tick(rule_id, date) -> str:
    """A rule's tick label in words on two lines ("BIS rule\nOct 2022"); its date first when the words lack it."""
    w = plain(rule_id)
    return w.replace(", ", "\n", 1) if f"{date:%Y}" in w else f"{date:%Y-%m}\n{w}"


def export_status(rl) -> Figure:
    """Chips x rules grid coloured by whether the chip could be sold to China after each step."""
    t = rl.timeline
    order = t.drop_duplicates("rule_id").sort_values("date")
    labels = [_rule_tick(r.rule_id, r.date) for r in order.itertuples()]
    grid = t.pivot(index="chip", columns="rule_id", values="status")[order["rule_id"].tolist()]
    fig, ax = plt.subplots(figsize=(10, 0.38 * len(grid) + 1.6))
    for i, chip in enumerate(grid.index):
        for j, rid in enumerate(grid.columns):
            st = grid.loc[chip, rid]
            ax.add_patch(
                plt.Rectangle(
                    (j, i),
                    1,
                    1,
                    facecolor=STATUS_COLOURS.get(st, "#999999"),
                    edgecolor="white" if st != "not a US export" else "#CCCCCC",
                )
            )
    ax.set_xlim(0, grid.shape[1])
    ax.set_ylim(0, grid.shape[0])
    ax.set_xticks(np.arange(grid.shape[1]) + 0.5, labels, fontsize=8)
    ax.set_yticks(np.arange(grid.shape[0]) + 0.5, grid.index)
    ax.invert_yaxis()
    ax.grid(False)
    ax.legend(
        handles=[Patch(facecolor=v, edgecolor="#999999", label=k) for k, v in STATUS_COLOURS.items()],
        bbox_to_anchor=(1.01, 1),
        loc="upper left",
        fontsize=8,
        title="sale to China",
    )
    ax.set_title(
        f"After the latest decision ({rl.latest_rule['date']:%Y-%m}) {count(len(rl.sellable_now), 'chip')} "
        f"may be sold to China: {sellable_clause(rl)}"
    )
    plots.caption(fig, SRC_HW)
    return fig


def effective_compute_paths(dl) -> Figure:
    """Effective compute of both sides over time (frontier today = 1), with the delay at the horizon marked."""
    inp, P = dl.inputs, dl.P
    ratio, years = inp.ratio, max(P.horizon_years + 1, 4)
    a_f, a_r = growth_rates(
        inp.halving_months, inp.frontier_growth, inp.restricted_growth, inp.algorithms_diffuse
    )
    t = np.linspace(0, years, 200)
    fig, ax = plt.subplots()
    ax.plot(t, np.exp(a_f * t), color=plots.colour("US"), lw=2, label="frontier side")
    ax.plot(t, np.exp(a_r * t) / ratio, color=plots.colour("China"), lw=2, label="restricted side")
    T = inp.horizon_years
    d = (
        float(
            delay_months(
                ratio,
                inp.halving_months,
                inp.frontier_growth,
                inp.restricted_growth,
                inp.algorithms_diffuse,
                T,
            )
        )
        / 12
    )
    level = np.exp(a_r * T) / ratio
    if 0 < d <= T + 1e-9:
        ax.annotate(
            "", xy=(T - d, level), xytext=(T, level), arrowprops=dict(arrowstyle="<->", color="#333333")
        )
        ax.text(T - d / 2, level * 1.3, f"delay {d * 12:.1f} months", ha="center", fontsize=9)
    ax.set_yscale("log")
    ax.set_xlabel("years from now")
    ax.set_ylabel("effective compute (frontier today = 1, log scale)")
    ax.set_title(
        f"With central rates the restricted side trails by {dl.central:.1f} months at the "
        f"{P.horizon_years:g}-year horizon"
    )
    ax.legend()
    plots.caption(fig, SRC_TRENDS)
    return fig


def delay_distribution(dl) -> Figure:
    """Histogram of the simulated delay over the speed-bump and roadblock bands, with its 5/50/95% lines."""
    P, s = dl.P, dl.summary
    bump, road = P.speed_bump_max_months, P.roadblock_min_months
    d = np.asarray(dl.sim["delay_months"])
    hi = float(np.percentile(d, 99.5))
    fig, ax = plt.subplots()
    ax.axvspan(0, bump, color=plots.BAND_COLOURS["low"], label=f"speed bump (<= {bump:g} months)")
    ax.axvspan(bump, road, color=plots.BAND_COLOURS["moderate"], label="between")
    ax.axvspan(
        road, max(hi, road * 1.2), color=plots.BAND_COLOURS["high"], label=f"roadblock (>= {road:g} months)"
    )
    ax.hist(d[d <= hi], bins=80, color="#555555", density=True)
    for q, ls in ((5, ":"), (50, "-"), (95, ":")):
        ax.axvline(np.percentile(d, q), color="black", ls=ls, lw=1)
    ax.set_xlabel("delay imposed by the compute gap (months)")
    ax.set_ylabel("density")
    ax.set_xlim(0, max(hi, road * 1.2))
    ax.set_title(
        f"A {dl.inputs.ratio:.0f}x compute gap costs a median {s['median']:.1f} months: "
        f"{s['prob_speed_bump']:.0%} chance of a speed bump, {s['prob_roadblock']:.0%} of a roadblock"
    )
    ax.legend(fontsize=8)
    plots.caption(fig, SRC_TRENDS)
    return fig


def delay_tornado(dl) -> Figure:
    """The delay with one input at a time at the ends of its interval, largest swing on top."""
    tor = dl.tornado
    t = tor.iloc[::-1]
    fig, ax = plt.subplots(figsize=(9, 4.2))
    base = float(t["base"].iloc[0])
    for i, r in enumerate(t.itertuples()):
        lo, hi = sorted([r.delay_at_low, r.delay_at_high])
        ax.barh(i, hi - lo, left=lo, color="#0072B2", alpha=0.8)
        ax.text(hi, i, f"  {r.input_low:.3g} .. {r.input_high:.3g}", va="center", fontsize=8)
    ax.axvline(base, color="black", lw=1)
    ax.set_yticks(range(len(t)), t["input"])
    ax.set_xlabel("delay (months) with one input at the ends of its interval")
    ax.set_title(
        f"The {tor['input'].iloc[0]} moves the delay most "
        f"({tor['delay_at_low'].iloc[0]:.1f} to {tor['delay_at_high'].iloc[0]:.1f} months)"
    )
    fig.tight_layout()
    plots.caption(fig, SRC_TRENDS + "; compute ratio varied from half to double")
    return fig


def delay_by_growth_gap(dl, horizons=(1.0, 3.0, 5.0)) -> Figure:
    """The central delay against the growth gap (frontier / restricted compute growth) for several horizons,
    over the speed-bump and roadblock bands, with the estimated gap and its 90% interval shaded."""
    P, inp, g = dl.P, dl.inputs, dl.growth
    hs = sorted(set(horizons) | {float(P.horizon_years)})
    gap_hi = max(6.0, g.frontier_growth / g.low * 1.2)
    table = delay_by_gap(inp, np.geomspace(1.0, gap_hi, 121), hs)
    fig, ax = plt.subplots(figsize=(9, 5))
    bump, road = P.speed_bump_max_months, P.roadblock_min_months
    top = max(float(table["delay_months"].max()) * 1.05, road * 1.2)
    ax.axhspan(0, bump, color=plots.BAND_COLOURS["low"], label=f"speed bump (<= {bump:g} months)")
    ax.axhspan(bump, road, color=plots.BAND_COLOURS["moderate"], label="between")
    ax.axhspan(road, top, color=plots.BAND_COLOURS["high"], label=f"roadblock (>= {road:g} months)")
    shades = dict(zip(hs, np.linspace(0.35, 0.0, len(hs))))
    for T, grp in table.groupby("horizon_years"):
        main = T == float(P.horizon_years)
        ax.plot(
            grp["gap"],
            grp["delay_months"],
            color=str(shades[T]),
            lw=2.4 if main else 1.3,
            label=f"horizon {T:g} year{'s' if T != 1 else ''}" + (" (this run)" if main else ""),
        )
    g_lo, g_hi = g.frontier_growth / g.high, g.frontier_growth / g.low
    ax.axvspan(g_lo, g_hi, color="#0072B2", alpha=0.15, lw=0, label="estimated gap, 90% interval")
    ax.axvline(g.gap, color="#0072B2", lw=1.5)
    at = table[table["horizon_years"] == float(P.horizon_years)]
    d_lo, d_hi = (float(np.interp(x, at["gap"], at["delay_months"])) for x in (max(g_lo, 1.0), g_hi))
    ax.set_xscale("log")
    ax.set_xlim(1.0, gap_hi)
    ax.set_ylim(0, top)
    ticks = [t for t in (1, 1.5, 2, 3, 4, 6, 8, 12) if t <= gap_hi]
    ax.set_xticks(ticks, [f"{t:g}x" for t in ticks])
    ax.xaxis.set_minor_formatter(plt.NullFormatter())
    ax.set_xlabel(
        "growth gap: frontier / restricted physical compute growth per year (log scale; 1x = equal)"
    )
    ax.set_ylabel("delay at the horizon (months, central rates)")
    ax.set_title(
        f"At the estimated growth gap ({g.gap:.1f}x, 90%: {max(g_lo, 1.0):.1f}-{g_hi:.1f}x) the delay at "
        f"{P.horizon_years:g} years is {d_lo:.0f}-{d_hi:.0f} months;\nwith equal growth "
        f"{dl.equal_growth:.0f} months, the same at every horizon",
        fontsize=11,
    )
    ax.legend(fontsize=7, loc="upper left", bbox_to_anchor=(1.01, 1))
    fig.tight_layout()
    plots.caption(
        fig,
        SRC_TRENDS
        + f"; compute ratio {inp.ratio:.0f}x, halving {inp.halving_months:g} months, frontier growth "
        f"{inp.frontier_growth:g}x per year; gap estimated from Epoch AI's chip owners (CC BY 4.0)",
    )
    return fig


def training_costs(co) -> Figure:
    """Horizontal ranges: our estimates against the essay's ranges (USD, log scale)."""
    P = co.P
    est = {
        "DeepSeek-V4-Pro, this estimate": (co.v4_lo, co.v4_cost, co.v4_hi, plots.colour("China")),
        "DeepSeek V4, essay": (P.essay_cost_low_usd, None, P.essay_cost_high_usd, "#999999"),
        "GPT-4.5, Epoch AI estimates": (
            min(co.gpt45_amort, co.gpt45_2023),
            co.gpt45_amort,
            max(co.gpt45_amort, co.gpt45_2023),
            plots.colour("US"),
        ),
        f"GPT-4.5, essay ({P.essay_ratio_low:g}-{P.essay_ratio_high:g}x V4)": (
            P.essay_ratio_low * P.essay_cost_low_usd,
            None,
            P.essay_ratio_high * P.essay_cost_high_usd,
            "#999999",
        ),
    }
    j_cost, j_mixed, _ = co.judgements
    title = (
        f"DeepSeek-V4-Pro's compute cost is about {fmt_usd(co.v4_cost)}: "
        + range_judgement_words(j_cost, essay_cost_words(P), f"{fmt_usd(co.v4_lo)}-{fmt_usd(co.v4_hi)}")
        + f"\nGPT-4.5's is {fmt_x(co.ratio_cost)} that: "
        + range_judgement_words(j_mixed, essay_ratio_words(P), f"{fmt_x(co.ratio_lo)}-{fmt_x(co.ratio_hi)}")
        + f"; {fmt_x(co.same_ratio)} at one price per FLOP"
    )
    fig, ax = plt.subplots(figsize=(11, 4.6))
    rows = list(est.items())[::-1]
    for i, (_, (lo, mid, hi, colour)) in enumerate(rows):
        ax.plot([lo, hi], [i, i], color=colour, lw=6, solid_capstyle="butt", alpha=0.7)
        if mid is not None:
            ax.plot(mid, i, "o", color="black")
    ax.set_yticks(range(len(rows)), [r[0] for r in rows])
    ax.set_xscale("log")
    ax.set_xlabel("training compute cost (USD, log scale)")
    wrapped = "\n".join(textwrap.fill(line, 80) for line in title.split("\n"))
    ax.set_title(wrapped.replace("$", r"\$"), fontsize=11, loc="left")  # dollar signs are not mathtext here
    fig.tight_layout()
    plots.caption(fig, SRC_COSTS)
    return fig
