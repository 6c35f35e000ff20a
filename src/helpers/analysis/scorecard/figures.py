"""The scorecard's verdict figure (kept out of the notebook so the notebook shows the idea)."""

from __future__ import annotations

import matplotlib.pyplot as plt

from helpers.core.verdicts import SCORECARD_STATES, TESTED

VERDICT_ORDER = list(SCORECARD_STATES)
VERDICT_COLOURS = {"supported": "#2E7D32", "partly supported": "#F9A825", "not supported": "#C62828",
                   "not testable": "#9E9E9E", "context only": "#90CAF9", "not evaluated": "#AB47BC"}


def verdict_figure(rows: list[dict]):
    """One row per claim, a coloured marker in the column of its verdict; title states the tally."""
    fig, ax = plt.subplots(figsize=(9, 0.42 * len(rows) + 1.6))
    ys = list(range(len(rows)))[::-1]
    for y, r in zip(ys, rows):
        x = VERDICT_ORDER.index(r["verdict"]) if r["verdict"] in VERDICT_ORDER else len(VERDICT_ORDER) - 1
        ax.scatter([x], [y], s=260, color=VERDICT_COLOURS.get(r["verdict"], "#000"), zorder=3,
                   edgecolor="white", linewidth=1.5)
    from helpers.analysis.scorecard.table import SHORT
    ax.set_yticks(ys, [f"{r['claim']}  {SHORT.get(r['claim'], '')}" for r in rows])
    ax.set_xticks(range(len(VERDICT_ORDER)), [v.replace(" ", "\n") for v in VERDICT_ORDER])
    ax.set_xlim(-0.6, len(VERDICT_ORDER) - 0.4)
    ax.set_ylim(-0.8, len(rows) - 0.2)
    ax.set_xlabel("verdict (computed in notebooks 01-03)")
    ax.set_ylabel("claim")
    tested = [r for r in rows if r["verdict"] in TESTED]
    held = [r for r in tested if r["verdict"] == "supported"]
    partly = [r for r in tested if r["verdict"] == "partly supported"]
    if tested:
        ax.set_title(f"{len(held)} of {len(tested)} tested claims hold up in full, {len(partly)} in part")
    else:
        ax.set_title("No claim could be tested in this run")
    ax.grid(axis="y", alpha=0.3)
    fig.tight_layout()
    return fig
