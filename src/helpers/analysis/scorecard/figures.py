"""The scorecard's verdict figure: one row per claim, a marker in the column of its verdict.

Convention of the collection: a figure function takes the analysis result, draws, sets the title (the
finding, from the numbers), the axis labels and the source caption, and returns the Figure; it never saves
or shows it (the notebook calls ``plots.save``).
"""

from __future__ import annotations

import math

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.colors import to_rgb
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, LogLocator, NullFormatter

from helpers.analysis.scorecard.claims import SHORT
from helpers.analysis.scorecard.grid import Grid
from helpers.analysis.scorecard.table import Scorecard
from helpers.core import plots
from helpers.core.text import fmt_number, label, setting
from helpers.core.verdicts import (
    CONTEXT_ONLY,
    NOT_EVALUATED,
    NOT_SUPPORTED,
    NOT_TESTABLE,
    PARTLY,
    SCORECARD_STATES,
    SUPPORTED,
    TESTED,
)

VERDICT_ORDER = list(SCORECARD_STATES)
VERDICT_COLOURS = {
    SUPPORTED: "#2E7D32",
    PARTLY: "#F9A825",
    NOT_SUPPORTED: "#C62828",
    NOT_TESTABLE: "#9E9E9E",
    CONTEXT_ONLY: "#90CAF9",
    NOT_EVALUATED: "#AB47BC",
}
SOURCES = (
    "Verdicts computed in the analysis notebooks from Epoch AI (CC BY 4.0), LMArena, Artificial Analysis, "
    "Synergy Research, TrendForce and TechInsights data and company filings."
)


def verdict_title(rows: list[dict]) -> str:
    """The finding: how many tested claims hold up in full and in part."""
    tested = [r for r in rows if r["verdict"] in TESTED]
    if not tested:
        return "No claim could be tested in this run"
    held = sum(r["verdict"] == SUPPORTED for r in tested)
    partly = sum(r["verdict"] == PARTLY for r in tested)
    return f"{held} of {len(tested)} tested claims hold up in full, {partly} in part"


def verdict_figure(card: Scorecard) -> Figure:
    """One row per claim, a coloured marker in the column of its verdict; the title states the tally."""
    rows = card.rows
    fig, ax = plt.subplots(figsize=(9, 0.42 * len(rows) + 1.6))
    ys = list(range(len(rows)))[::-1]
    for y, r in zip(ys, rows):
        x = VERDICT_ORDER.index(r["verdict"]) if r["verdict"] in VERDICT_ORDER else len(VERDICT_ORDER) - 1
        ax.scatter(
            [x],
            [y],
            s=260,
            color=VERDICT_COLOURS.get(r["verdict"], "#000"),
            zorder=3,
            edgecolor="white",
            linewidth=1.5,
        )
    ax.set_yticks(ys, [f"{r['claim']}  {SHORT.get(r['claim'], '')}" for r in rows])
    ax.set_xticks(range(len(VERDICT_ORDER)), [v.replace(" ", "\n") for v in VERDICT_ORDER])
    ax.set_xlim(-0.6, len(VERDICT_ORDER) - 0.4)
    ax.set_ylim(-0.8, len(rows) - 0.2)
    ax.set_xlabel("verdict (computed in the analysis notebooks)")
    ax.set_ylabel("claim")
    ax.set_title(verdict_title(rows))
    ax.grid(axis="y", alpha=0.3)
    fig.tight_layout()
    plots.caption(fig, SOURCES)
    return fig


GRID_SOURCES = (
    "Specification grid over the analyst choices each analysis notebook declares with its reasons; "
    "data as in the notebooks."
)


def robustness_title(grid: Grid) -> str:
    """The finding: how many tested verdicts a single defensible choice flips."""
    fragile = grid.fragile()
    n = len(grid.claims)
    if not fragile:
        return f"No single defensible choice flips any of the {n} verdicts in the grid"
    return f"{len(fragile)} of {n} verdicts flip under a single defensible choice ({', '.join(fragile)})"


def robustness_figure(grid: Grid) -> Figure:
    """Per claim, the share of specifications giving each verdict (a stacked bar), the default's verdict
    outlined; the title says how many verdicts are fragile."""
    claims = grid.claims
    fig, ax = plt.subplots(figsize=(9, 0.5 * len(claims) + 1.8))
    ys = list(range(len(claims)))[::-1]
    for y, c in zip(ys, claims):
        s = grid.summaries[c]
        left = 0.0
        for v in TESTED:
            share = s["shares"].get(v, 0) / s["n_specs"]
            if share:
                ax.barh(
                    y,
                    share,
                    left=left,
                    color=VERDICT_COLOURS[v],
                    edgecolor="black" if v == s["default"] else "white",
                    linewidth=1.6 if v == s["default"] else 0.5,
                    height=0.7,
                )
                if share >= 0.08:
                    ax.text(left + share / 2, y, f"{share:.0%}", ha="center", va="center", fontsize=8)
            left += share
    ax.set_yticks(ys, [f"{c}  {SHORT.get(c, '')}\n{grid.summaries[c]['n_specs']:,} specs" for c in claims])
    ax.set_xlim(0, 1)
    ax.xaxis.set_major_formatter(plt.FuncFormatter(lambda x, _: f"{x:.0%}"))
    ax.set_xlabel("share of specifications giving each verdict (outlined: the default's verdict)")
    handles = [plt.Rectangle((0, 0), 1, 1, color=VERDICT_COLOURS[v]) for v in TESTED]
    ax.legend(handles, list(TESTED), loc="upper center", bbox_to_anchor=(0.5, -0.14), ncol=3, frameon=False)
    ax.set_title(robustness_title(grid))
    fig.tight_layout()
    plots.caption(fig, GRID_SOURCES)
    return fig


def spec_curve_title(grid: Grid, claim: str) -> str:
    s = grid.summaries[claim]
    head = f"{claim}: {s['agree']:,} of {s['n_specs']:,} specifications give {s['default']}, the default's verdict"
    if s["flipped_by"]:
        f = s["flipped_by"][0]
        return f"{head};\n{setting(f['param'], f['value'])} alone gives {f['verdict']}"
    # the semicolon stays when save() rewraps a long title (its line breaks count as spaces)
    return f"{head};\nno single choice flips it"


def spec_curve(grid: Grid, claim: str) -> Figure:
    """A specification curve for a categorical verdict: the top strip shows each specification's verdict
    (sorted by verdict, the default marked), the panel below marks which choices each specification
    changes from the default, in the colour of the verdict it gives. Drawn as images: a grid of 2,000
    specifications stays one small file."""
    df, choices = grid.curve(claim)
    n = len(df)
    rgb = np.array([to_rgb(VERDICT_COLOURS.get(v, "#000")) for v in df["verdict"]])
    changed = np.array([df[p].to_numpy() for p in choices], dtype=bool).reshape(len(choices), n)
    matrix = np.where(changed[..., None], rgb[None, :, :], 1.0)
    fig, (top, bottom) = plt.subplots(
        2,
        1,
        figsize=(9, 1.9 + 0.28 * max(len(choices), 1)),
        sharex=True,
        gridspec_kw={"height_ratios": [1, max(len(choices), 1) * 0.35]},
    )
    extent = (-0.5, n - 0.5)
    top.imshow(rgb[None, :, :], aspect="auto", interpolation="nearest", extent=(*extent, 0, 1))
    d = df.index[df["is_default"]]
    if len(d):  # the default's column: a black line across the strip, labelled inside it
        top.axvline(d[0], color="black", lw=1.5)
        top.text(
            d[0],
            0.5,
            " default ",
            ha="left" if d[0] < n / 2 else "right",
            va="center",
            fontsize=8,
            bbox={"facecolor": "white", "edgecolor": "black", "boxstyle": "round,pad=0.2", "lw": 0.6},
        )
    top.set_yticks([])
    top.set_ylim(0, 1)
    present = [v for v in TESTED if v in set(df["verdict"])]
    handles = [plt.Rectangle((0, 0), 1, 1, color=VERDICT_COLOURS[v]) for v in present]
    top.legend(handles, present, loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False, fontsize=8)
    bottom.imshow(matrix, aspect="auto", interpolation="nearest", extent=(*extent, len(choices) - 0.5, -0.5))
    bottom.set_yticks(range(len(choices)), [label(c) for c in choices], fontsize=8)
    for y in range(len(choices) - 1):  # a thin rule between the choices' rows
        bottom.axhline(y + 0.5, color="#dddddd", lw=0.6)
    bottom.grid(False)
    top.grid(False)
    bottom.set_xlim(*extent)
    bottom.set_xlabel(
        f"specifications, sorted by verdict ({n:,}; a mark: the choice differs from the default)"
    )
    top.set_title(spec_curve_title(grid, claim))
    fig.tight_layout()
    plots.caption(fig, GRID_SOURCES)
    return fig


def evidence_title(rows: list[dict]) -> str:
    """The finding: on how many drawn estimates the essay's region holds our estimate's interval."""
    inside = sum(_inside(r) for r in rows)
    return f"The essay's figures against the data: {inside} of {len(rows)} estimates fall where the essay's words put them"


def _inside(r: dict) -> bool:
    """True when every drawn estimate of the row lies in the essay's region (its point, or its interval)."""
    lo = -math.inf if r["essay_low"] is None else r["essay_low"]
    hi = math.inf if r["essay_high"] is None else r["essay_high"]
    return all(lo <= it["value"] <= hi for it in r["items"])


def evidence_figure(rows: list[dict]) -> Figure:
    """One panel per estimate: the essay's region (a band, or a line for a point) and our estimate with its
    interval, coloured by the claim's verdict; each panel on its own comparable axis."""
    n = max(len(rows), 1)
    fig, axes = plt.subplots(n, 1, figsize=(9, 1.05 * n + 1.2), squeeze=False)
    for ax, r in zip(axes[:, 0], rows):
        colour = VERDICT_COLOURS.get(r["verdict"], "#555")
        vals = [v for it in r["items"] for v in (it["value"], it["low"], it["high"]) if v is not None]
        vals += [v for v in (r["essay_low"], r["essay_high"]) if v is not None]
        lo_all, hi_all = min(vals), max(vals)
        if r["log"]:
            ax.set_xscale("log")
            ax.xaxis.set_major_locator(LogLocator(subs=(1.0, 2.0, 5.0)))
            ax.xaxis.set_major_formatter(FuncFormatter(lambda x, _: fmt_number(x)))
            ax.xaxis.set_minor_formatter(NullFormatter())
            left, right = lo_all / 2.5, hi_all * 2.5
        else:
            pad = (hi_all - lo_all) * 0.15 or max(abs(hi_all), 1) * 0.2
            left, right = (max(lo_all - pad, 0.0) if lo_all >= 0 else lo_all - pad), hi_all + pad
        ax.set_xlim(left, right)
        e_lo = left if r["essay_low"] is None else r["essay_low"]
        e_hi = right if r["essay_high"] is None else r["essay_high"]
        if e_lo == e_hi:
            ax.axvline(e_lo, color="#444", lw=2, ls="--")
        else:
            ax.axvspan(e_lo, e_hi, color="#bbbbbb", alpha=0.55, lw=0)
        ys = list(range(len(r["items"])))
        for y, it in zip(ys, r["items"]):
            if it["low"] is not None and it["high"] is not None:
                ax.plot([it["low"], it["high"]], [y, y], color=colour, lw=3, solid_capstyle="round")
            ax.scatter([it["value"]], [y], color=colour, s=70, zorder=3, edgecolor="black", linewidth=0.6)
            if it["label"] and len(r["items"]) <= 4:  # more points than that: the owning notebook names them
                ax.annotate(
                    it["label"], (it["value"], y), xytext=(6, 4), textcoords="offset points", fontsize=7
                )
        ax.set_ylim(-0.8, len(ys) - 0.2)
        ax.set_yticks([])
        ax.set_ylabel(r["claim"], rotation=0, ha="right", va="center", fontsize=10, fontweight="bold")
        ax.set_title(
            f"{r['axis']}  —  essay: {r['essay_label']}  —  {r['verdict']}", fontsize=8.5, loc="left"
        )
        ax.grid(axis="y", visible=False)
        ax.tick_params(axis="x", labelsize=8)
    handles = [
        plt.Rectangle((0, 0), 1, 1, color="#bbbbbb", alpha=0.55),
        plt.Line2D([], [], color="#444", lw=2, ls="--"),
        plt.Line2D([], [], color="#555", lw=3, marker="o", markeredgecolor="black"),
    ]
    fig.suptitle(evidence_title(rows), fontsize=11, fontweight="bold")
    fig.tight_layout(rect=(0, 0, 1, 0.93))
    fig.legend(
        handles,
        [
            "the essay's region",
            "the essay's point",
            "our estimate and interval (colour: its claim's verdict)",
        ],
        loc="upper center",
        bbox_to_anchor=(0.5, 0.955),
        ncol=3,
        frameon=False,
        fontsize=8,
    )
    plots.caption(fig, SOURCES)
    return fig
