"""The figures of notebook 01. One convention: ``<figure>(result) -> Figure`` draws one section's result,
titles it with the finding (written from the numbers), labels the axes with units and adds the source
caption; it never saves or shows (the notebook calls ``plots.save``). The ``plot_*`` helpers draw on a
given axes and are tested on their own."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import seaborn as sns

from helpers.analysis.benchmark_parity.arena import AI_INDEX_2025_ARENA, break_segments
from helpers.analysis.benchmark_parity.frontier import frontier_at
from helpers.analysis.benchmark_parity.labels import place_labels
from helpers.analysis.benchmark_parity.measures import headline_ratio, measure_words, metric_words
from helpers.analysis.benchmark_parity.text import fmt
from helpers.core import plots
from helpers.core.labels import plain
from helpers.core.text import count, sci

FIRST_YEAR_SHOWN = "2023-01-01"  # the ECI figure starts here (earlier open models are far below)
COUNTED_LABEL = "counted"  # the legend entry of the ratio the verdict reads (first word of its label)


# ------------------------------------------------------------------------------------ axes helpers


def plot_frontiers(
    ax,
    open_steps: pd.DataFrame,
    closed_steps: pd.DataFrame,
    *,
    start,
    end,
    colours: dict,
    label_top: int = 6,
    xlim=None,
    ylim=None,
) -> list[str]:
    """Step lines of the open and closed frontiers; the latest ``label_top`` step-setting models of each group
    since ``start`` are named where a name fits without overlapping another (see ``labels.place_labels``).

    ``xlim``/``ylim`` (either end may be None) are applied before the names are placed. Returns the names
    that did not fit, newest first, for the caption."""
    cands = []
    for name, st in (("closed", closed_steps), ("open", open_steps)):
        st = st[st["date"] <= pd.Timestamp(end)]
        if st.empty:
            continue
        x = list(st["date"]) + [pd.Timestamp(end)]
        y = list(st["value"]) + [st["value"].iloc[-1]]
        ax.step(x, y, where="post", color=colours[name], lw=2, label=f"best {name} model")
        ax.scatter(st["date"], st["value"], color=colours[name], s=18, zorder=3)
        recent = st[st["date"] >= pd.Timestamp(start)].tail(label_top)
        nxt = dict(zip(st["date"], list(st["date"].iloc[1:]) + [pd.Timestamp(end)]))
        cands += [
            {
                "x": r["date"],
                "y": float(r["value"]),
                "text": r["model"],
                "colour": colours[name],
                "side": "above" if name == "closed" else "below",
                "group": name,
                "x_next": nxt[r["date"]],
            }
            for _, r in recent.iloc[::-1].iterrows()
        ]
    ax.axvline(pd.Timestamp(start), color="#777777", lw=0.8, ls=":")
    ax.set_xlabel("release date")
    ax.set_ylabel("Epoch Capabilities Index (ECI points)")
    if xlim is not None:
        ax.set_xlim(*xlim)
    if ylim is not None:
        ax.set_ylim(*ylim)
    if ylim is None or ylim[1] is None:  # head-room so the newest closed names fit inside the frame
        lo, hi = ax.get_ylim()
        ax.set_ylim(lo, hi + 0.1 * (hi - lo))
    leg = ax.legend(loc="lower right")
    ax.figure.canvas.draw()
    # newest first within each group, alternating groups so both keep their latest names
    order = sorted(cands, key=lambda c: (-pd.Timestamp(c["x"]).value, c["group"]))
    placed = place_labels(ax, order, obstacles=[leg.get_window_extent(ax.figure.canvas.get_renderer())])
    return [p["text"] for p in placed if not p["placed"]]


def plot_arena_gaps(ax, gaps: pd.DataFrame, *, colour: str, check_date=None):
    """Gap (% of the open rating) per snapshot, one line per comparable span, holes left open. The first
    span is drawn in ``colour``, the others in a colour-blind-safe sequence so overlapping spans stay apart."""
    g = gaps.dropna(subset=["gap_pct"]).copy()
    g["line"] = break_segments(g)
    segs = list(dict.fromkeys(g.sort_values("snapshot_date")["scale_segment"]))
    others = [c for c in sns.color_palette("colorblind", 10).as_hex() if c.lower() != colour.lower()]
    cols = dict(zip(segs, [colour] + others))
    markers = dict(zip(segs, "osD^vP*X"))
    for (seg, _), part in g.groupby(["scale_segment", "line"], sort=False):
        ax.plot(
            part["snapshot_date"],
            part["gap_pct"],
            color=cols[seg],
            lw=1.2,
            marker=markers[seg],
            ms=3,
            label=plain(seg) if plain(seg) not in ax.get_legend_handles_labels()[1] else None,
        )
    if check_date is not None:
        c = g[g["snapshot_date"] == pd.Timestamp(check_date)]
        if len(c):
            ax.scatter(
                c["snapshot_date"],
                c["gap_pct"],
                s=90,
                facecolors="none",
                edgecolors="black",
                zorder=4,
                label="AI Index 2025 check",
            )
    ax.axhline(0, color="#555555", lw=0.8)
    ax.set_xlabel("leaderboard snapshot")
    ax.set_ylabel("best closed minus best open (% of open rating)")
    ax.legend(
        fontsize=7,
        title="comparable span",
        title_fontsize=7,
        loc="upper left",
        bbox_to_anchor=(1.01, 1.0),
        borderaxespad=0.0,
    )


def plot_ratios(
    ax, table: pd.DataFrame, *, threshold_pct: float, colour: str, counted=None, counted_words: str = ""
):
    """Horizontal dot plot of the three ratios per measure with the threshold line.

    ``counted`` (optional, aligned with ``table``'s rows, NaN where a row does not count) is the ratio the
    verdict reads: drawn filled and large in ``colour`` and named "counted (<counted_words>)" in the legend,
    the three ratios then faint behind it. Without it the score ratio is the prominent one."""
    t = table.reset_index(drop=True)
    y = np.arange(len(t))
    faint = counted is not None
    for col, mk, lab in (
        ("score_ratio", "o", "score ratio"),
        ("error_ratio", "s", "error-rate ratio"),
        ("win_ratio", "D", "win probability / 0.5"),
    ):
        v = t[col].astype(float) * 100
        ok = v.notna() & np.isfinite(v)
        lead = col == "score_ratio" and not faint
        ax.scatter(
            v[ok],
            y[ok],
            marker=mk,
            facecolors="none" if faint else (colour if lead else "#555555"),
            edgecolors="#9e9e9e" if faint else (colour if lead else "#555555"),
            linewidths=0.8,
            s=36 if lead else 22,
            label=lab,
            zorder=3,
        )
    if faint:
        c = pd.Series(np.asarray(counted, dtype=float)) * 100
        ok = c.notna() & np.isfinite(c)
        ax.scatter(
            c[ok],
            y[ok.to_numpy()],
            marker="o",
            color=colour,
            edgecolors="black",
            linewidths=0.6,
            s=70,
            label=f"{COUNTED_LABEL} ({counted_words})" if counted_words else COUNTED_LABEL,
            zorder=4,
        )
    ax.axvline(threshold_pct, color="black", lw=1, ls="--", label=f"threshold {threshold_pct:g}%")
    ax.axvline(100, color="#999999", lw=0.8)
    ax.set_yticks(y, [measure_words(m) for m in t["measure"]])
    ax.set_xlabel("open model as % of the closed reference")
    # outside the frame, so no marker is hidden whatever the values
    ax.legend(fontsize=7, loc="upper left", bbox_to_anchor=(1.01, 1.0), borderaxespad=0.0)


# ------------------------------------------------------------------------------------- figures


def eci_frontier(e) -> plt.Figure:
    """The open and closed ECI frontiers since 2023 with the step-setting models named (``frontier.Eci``)."""
    fig, ax = plt.subplots(figsize=(10, 5.5))
    early = frontier_at(e.open_steps, FIRST_YEAR_SHOWN)
    lo_y = min(early if np.isfinite(early) else 100, 110)
    unnamed = plot_frontiers(
        ax,
        e.open_steps,
        e.closed_steps,
        start=e.start,
        end=e.end,
        colours={"open": plots.colour("open"), "closed": plots.colour("closed")},
        xlim=(pd.Timestamp(FIRST_YEAR_SHOWN), e.end + pd.Timedelta(days=20)),
        ylim=(lo_y - 5, None),
    )
    med = "beyond " + fmt(e.lags["lag_months"].max()) if e.lag_med == np.inf else fmt(e.lag_med)
    ax.set_title(
        f"Open models trail the closed frontier by {fmt(e.gap_now)} ECI points on {e.end:%Y-%m-%d};\n"
        f"median lag {med} months (95% interval {fmt(e.lag_lo)} to "
        f"{'unbounded' if e.lag_hi == np.inf else fmt(e.lag_hi)})"
    )
    plots.caption(
        fig,
        "Data: Epoch AI, AI Benchmarking Hub (Epoch Capabilities Index), CC BY 4.0. Open = Epoch "
        f"'Model accessibility' ({plain(e.open_definition)}). Lines end at the newest ECI release date "
        f"({e.end:%Y-%m-%d})."
        + (f" Steps not named for lack of room: {', '.join(unnamed)}." if unnamed else ""),
    )
    return fig


def arena_gap(a) -> plt.Figure:
    """The best closed minus the best open Arena rating per snapshot, per comparable span (``arena.Arena``)."""
    fig, ax = plt.subplots(figsize=(10, 5))
    plot_arena_gaps(
        ax,
        a.gaps,
        colour=plots.colour("open"),
        check_date=AI_INDEX_2025_ARENA["date"] if len(a.check) else None,
    )
    L, F = a.latest, a.first
    if L is not None:
        # percentages of ratings shrink as the whole scale drifts up, so the title also gives the implied win
        # probability, which depends on the points gap only
        method = (
            "another rating method: compare the win probabilities"
            if F["scale_segment"] != L["scale_segment"]
            else "same rating method"
        )
        ax.set_title(
            f"On Arena the best open model trails by {fmt(L['gap_pct'])}% ({fmt(L['gap_elo'], 0)} points, "
            f"{fmt(100 * L['win_prob_open'], 0)}% expected wins) on {L['snapshot_date']:%Y-%m-%d},\nagainst "
            f"{fmt(F['gap_pct'])}% ({fmt(100 * F['win_prob_open'], 0)}% expected wins) in "
            f"{F['snapshot_date']:%b %Y} ({method})"
        )
    plots.caption(
        fig,
        "Data: LMArena / Arena text leaderboards (Hugging Face Elo results, lmarena.ai scrapes, arena.ai, "
        "lmarena-ai/leaderboard-dataset CC BY 4.0). Open = licence label, corrected by the collection's "
        "list of open-weight overrides (each with its source).",
    )
    return fig


def llama4_vs_gpt45(r) -> plt.Figure:
    """Maverick as % of GPT-4.5 on every shared measure, the uncounted rows marked (``pairs.Llama4``)."""
    t = r.table_all
    fig, ax = plt.subplots(figsize=(9, 0.45 * len(t) + 1.8))
    counted = set(r.table["measure"])
    plot_ratios(
        ax,
        t.assign(measure=[m if m in counted else f"{m} [not counted]" for m in t["measure"]]),
        threshold_pct=r.threshold_pct,
        colour=plots.colour("open"),
        counted=headline_ratio(t, r.metric).where(t["measure"].isin(counted).to_numpy()),
        counted_words=metric_words(r.metric),
    )
    ax.set_title(
        f"Llama 4 Maverick reaches {r.threshold_pct:g}% of GPT-4.5 on {r.hits} of "
        f"{count(r.n, 'shared measure')}\n({metric_words(r.metric, long=True)})"
    )
    plots.caption(
        fig,
        "Data: Epoch AI Benchmarking Hub (CC BY 4.0); LMArena / Arena; Artificial Analysis (2026-08-22). "
        "Rows marked [not counted]: ECI (interval scale), earlier Arena snapshots (one Arena measure "
        f"counts) and the {r.other_variant} Maverick.",
    )
    return fig


def deepseek_v4_vs_closed(r) -> plt.Figure:
    """DeepSeek V4 Pro as % of the best closed model available at its release, per measure (``pairs.DeepSeekV4``)."""
    fig, ax = plt.subplots(figsize=(9, 0.45 * len(r.table) + 1.8))
    plot_ratios(
        ax,
        r.table,
        threshold_pct=100 - r.tolerance_pct,
        colour=plots.colour("open"),
        counted=r.ratios,
        counted_words=metric_words(r.metric),
    )
    ax.set_title(
        f"DeepSeek V4 Pro is within {r.tolerance_pct:g}% of the best closed model on {r.hits} of "
        f"{count(r.n, 'measure')}\n({metric_words(r.metric, long=True)})"
    )
    plots.caption(
        fig,
        "Data: Artificial Analysis (2026-08-22 snapshot); LMArena / Arena text leaderboards. Reference = "
        "best closed model available at DeepSeek V4 Pro's release, per measure.",
    )
    return fig


def diffusion(d) -> plt.Figure:
    """Organizations above the compute threshold per year, and the open-weights share of notable models
    (``diffusion.Diffusion``)."""
    fig, (a1, a2) = plt.subplots(1, 2, figsize=(12, 4.8))
    orgs, thr = d.orgs, sci(d.threshold_flop)
    a1.bar(orgs["year"], orgs["n_in_year"], color=plots.colour("Other"), label="in that year")
    a1.plot(orgs["year"], orgs["n_cumulative"], color="black", marker="o", label="cumulative")
    a1.set_xticks(orgs["year"], [str(y) + ("*" if y > d.full_year else "") for y in orgs["year"]])
    a1.set_xlabel("year (* = partial year)")
    a1.set_ylabel(f"organizations with a model of at least {thr} FLOP")
    a1.legend()
    s = d.share[d.share["year"] >= 2016]
    a2.errorbar(
        s["year"],
        s["share_pct"],
        yerr=[s["share_pct"] - s["low_pct"], s["high_pct"] - s["share_pct"]],
        color=plots.colour("open"),
        marker="o",
        capsize=3,
    )
    for r in s.itertuples():
        a2.annotate(
            f"n={r.n_models}",
            (r.year, r.low_pct),
            xytext=(0, -10),
            textcoords="offset points",
            ha="center",
            fontsize=7,
        )
    a2.axhline(d.default_share_pct, color="black", ls="--", lw=1)
    a2.set_xlabel("year")
    a2.set_ylabel("notable models with open weights (%)")
    fig.suptitle(
        f"{count(d.n_recent, 'organization')} crossed {thr} FLOP in {d.full_year} ({d.n_cumulative[0]} by its end, "
        f"{d.n_earlier} in {d.earlier_year}); open weights: {fmt(d.share_recent, 0)}% of notable models",
        fontweight="bold",
        x=0.01,
        ha="left",
    )
    plots.caption(
        fig,
        "Data: Epoch AI, Notable AI Models and Large-Scale AI Models, CC BY 4.0. Recent closed models "
        "often lack compute estimates.",
    )
    return fig
