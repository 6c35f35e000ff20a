"""The scorecard's verdict figure: one row per claim, a marker in the column of its verdict.

Convention of the collection: a figure function takes the analysis result, draws, sets the title (the
finding, from the numbers), the axis labels and the source caption, and returns the Figure; it never saves
or shows it (the notebook calls ``plots.save``).
"""

from __future__ import annotations

import matplotlib.pyplot as plt
from matplotlib.figure import Figure

from helpers.analysis.scorecard.claims import SHORT
from helpers.analysis.scorecard.table import Scorecard
from helpers.core import plots
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
    "Verdicts computed in notebooks 01-03 from Epoch AI (CC BY 4.0), LMArena, Artificial Analysis, "
    "Synergy Research, TrendForce and TechInsights data."
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
    ax.set_xlabel("verdict (computed in notebooks 01-03)")
    ax.set_ylabel("claim")
    ax.set_title(verdict_title(rows))
    ax.grid(axis="y", alpha=0.3)
    fig.tight_layout()
    plots.caption(fig, SOURCES)
    return fig
