"""Notebook 02's figures. Each takes an analysis result, draws, titles it with the finding (from the
numbers), labels the axes with units and adds the source caption; none saves or shows."""

from __future__ import annotations

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import numpy as np
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from helpers.analysis.compute_concentration.layers import high_how
from helpers.core import plots
from helpers.core.text import noun

__all__ = [
    "SOURCE_CLUSTERS",
    "SOURCE_OWNERS",
    "SOURCE_SHARES",
    "clusters_countries",
    "hhi_over_time",
    "hhi_ranges",
    "layer_shares",
    "share_test",
]

SOURCE_OWNERS = "Data: Epoch AI, AI Chip Owners (CC BY 4.0)"
SOURCE_SHARES = (
    "Data: Synergy Research Group (cloud), TrendForce (foundry), via cited releases "
    "(each share cites its release in the collection's compute sources)"
)
SOURCE_CLUSTERS = "Data: Epoch AI, GPU Clusters (CC BY 4.0)"
# both sources in one caption, "Data:" said once
SOURCE_BOTH = SOURCE_OWNERS + "; " + SOURCE_SHARES.removeprefix("Data: ")
COLOUR_ALIAS = {"Google TPU": "Google", "Amazon Trainium": "Amazon"}


def _layer(label: str) -> str:
    """'Cloud (2025Q4)' -> 'Cloud'."""
    return label.split(" (")[0]


def layer_shares(tr) -> Figure:
    """One panel per layer: each company's share over time, the named companies drawn thick; dotted lines
    where an Epoch designer series starts (``trends.Trends``)."""
    acc, fou, clo, own = tr.leaders.values()
    title = (
        f"Leaders at each panel's newest period: {acc['company']} {acc['share_pct']:.0f}% of accelerator stock, "
        f"{fou['company']} {fou['share_pct']:.0f}% of foundry,\n{clo['company']} {clo['share_pct']:.0f}% of "
        f"cloud, {own['company']} {own['share_pct']:.0f}% of AI compute owned"
    )
    marks = tr.marks
    fig, axes = plt.subplots(2, 2, figsize=(12, 8), sharey=False)
    for ax, (name, df) in zip(axes.flat, tr.panels.items()):
        order = df.groupby("company")["share_pct"].max().sort_values(ascending=False).index
        for comp in order:
            g = df[df["company"] == comp].sort_values("x")
            hl = comp in tr.highlight
            ax.plot(
                g["x"],
                g["share_pct"],
                marker="o",
                ms=3 if hl else 2,
                lw=2.4 if hl else 1.0,
                color=plots.colour(COLOUR_ALIAS.get(comp, comp)),
                alpha=1 if hl else 0.6,
                label=comp,
            )
        ax.set_title(name, fontsize=10, loc="left", pad=14 if marks else 6)
        for x, label in marks.get(name, []):
            ax.axvline(x, color="#444444", lw=1, ls=":", zorder=1)
            ax.annotate(
                label,
                (x, 1.0),
                xycoords=("data", "axes fraction"),
                xytext=(2, 2),
                textcoords="offset points",
                fontsize=7,
                color="#444444",
                ha="left",
                va="bottom",
            )
        ax.xaxis.set_major_locator(mdates.YearLocator())
        ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))
        ax.set_ylabel("share (%)")
        ax.set_ylim(0, min(100, df["share_pct"].max() * 1.15 + 2))
        ax.legend(fontsize=7, ncol=2, frameon=False)
    for ax in axes.flat[len(tr.panels) :]:
        ax.set_visible(False)
    fig.suptitle(title, x=0.01, ha="left", fontweight="bold")
    fig.tight_layout()
    plots.caption(
        fig,
        SOURCE_BOTH + ". Shares of listed firms only; the rest of each market "
        "is unallocated."
        + (
            f" Dotted lines: Epoch's H100e series begin there ({'; '.join(tr.starts['label'])}); "
            "shares jump at them because of coverage."
            if len(tr.starts)
            else ""
        ),
    )
    return fig


def _range(lo: float, hi: float) -> str:
    a, b = f"{lo:,.0f}", f"{hi:,.0f}"
    return a if a == b else f"{a}–{b}"


def hhi_ranges(conc) -> Figure:
    """Horizontal HHI range per layer (low..high, point at the low bound) on the guideline bands
    (``layers.Concentration``)."""
    moderate, high = conc.P.hhi_moderately_concentrated, conc.P.hhi_highly_concentrated
    t = conc.hhi_table
    main4 = t[~t["layer"].str.contains("cross-check")].sort_values("hhi_low")
    most, least = main4.iloc[-1], main4.iloc[0]
    n_high = int((main4["hhi_low"] > high).sum())
    title = (
        f"{n_high} of {len(main4)} layers {noun(n_high, 'is', 'are')} highly concentrated even at the low bound;"
        f"\nmost: {_layer(most['layer'])} (HHI ≥ {most['hhi_low']:,.0f}), least: {_layer(least['layer'])} "
        f"(HHI ≥ {least['hhi_low']:,.0f})"
    )
    table = t.iloc[::-1]
    # the bar: the unallocated share's two readings at the point estimates, as in the table; the owners'
    # thin line widens it by their 90% Monte Carlo band, which the verdict's low bound reads
    point = conc.table.set_index("layer")[["hhi_low", "hhi_high"]].loc[table["layer"]]
    fig, ax = plt.subplots(figsize=(9, 0.6 * len(table) + 1.8))
    ax.axvspan(0, moderate, color=plots.BAND_COLOURS["low"], zorder=0)
    ax.axvspan(moderate, high, color=plots.BAND_COLOURS["moderate"], zorder=0)
    ax.axvspan(high, 10_000, color=plots.BAND_COLOURS["high"], zorder=0)
    y = np.arange(len(table))
    ax.hlines(y, table["hhi_low"], table["hhi_high"], lw=1.5, color="#555555")
    ax.hlines(y, point["hhi_low"], point["hhi_high"], lw=6, color="#555555")
    ax.plot(table["hhi_low"], y, "o", color="black")
    for yi, (_, r), (_, pr) in zip(y, table.iterrows(), point.iterrows()):
        label = _range(pr["hhi_low"], pr["hhi_high"])
        if (r["hhi_low"], r["hhi_high"]) != (pr["hhi_low"], pr["hhi_high"]):
            label += f" (with the 90% band {_range(r['hhi_low'], r['hhi_high'])})"
        ax.text(max(r["hhi_high"], pr["hhi_high"]) + 80, yi, label, va="center", fontsize=8)
    ax.set_yticks(y, table["layer"])
    ax.set_xlim(0, 10_000)
    ax.set_xlabel("Herfindahl-Hirschman index (HHI points)")
    ax.legend(
        handles=[
            Patch(color=plots.BAND_COLOURS[k], label=lab)
            for k, lab in (
                ("low", f"unconcentrated (< {moderate:,.0f})"),
                ("moderate", f"moderately concentrated ({moderate:,.0f}–{high:,.0f})"),
                ("high", f"highly concentrated (> {high:,.0f})"),
            )
        ],
        loc="lower center",
        bbox_to_anchor=(0.5, 1.0),
        ncol=3,
        frameon=False,
        fontsize=8,
    )
    ax.set_ylim(-0.6, len(table) - 0.4)
    ax.set_title(title, pad=28)
    plots.caption(
        fig,
        SOURCE_BOTH
        + "; TechInsights (GPU units). Dot: the low bound the verdict reads; bar: the unallocated "
        "share read as many tiny firms .. as one firm; thin line: widened by the owners' 90% Monte Carlo band. "
        "Bands: "
        f"moderate from {moderate:,.0f}, high above {high:,.0f} HHI points.",
    )
    return fig


def hhi_over_time(tr) -> Figure:
    """HHI range per period of cloud, foundry and AI compute owners on the bands (``layers.HHITrend``)."""
    P = tr.P
    high = P.hhi_highly_concentrated
    fig, ax = plt.subplots(figsize=(10, 5))
    ax.axhspan(high, 10_000, color=plots.BAND_COLOURS["high"], zorder=0)
    ax.axhspan(P.hhi_moderately_concentrated, high, color=plots.BAND_COLOURS["moderate"], zorder=0)
    cols = {
        "Cloud (Synergy)": plots.colour("AWS"),
        "Foundry (TrendForce)": plots.colour("TSMC"),
        "AI compute owners (Epoch)": plots.colour("closed"),
    }
    how = high_how(P.cap_other_at_smallest_named)
    for lab, g in tr.over.groupby("layer"):
        g = g.sort_values("x")
        ax.fill_between(g["x"], g["hhi_low"], g["hhi_high"], alpha=0.25, color=cols[lab], lw=0)
        ax.plot(
            g["x"],
            g["hhi_low"],
            marker="o",
            ms=3,
            color=cols[lab],
            label=f"{lab}: low bound (band up to the unallocated share {how})",
        )
    ax.set_ylim(0, 10_000)
    ax.set_ylabel("HHI (points)")
    ax.set_xlabel("period end")
    ax.legend(frameon=False, fontsize=8, loc="upper left")
    for x_start in tr.starts["quarter_end"]:  # the owners' line changes coverage there (see section 1)
        ax.axvline(x_start, color="#444444", lw=1, ls=":", zorder=1)
    first, last = tr.cloud_ends
    f_min = tr.foundry_min
    ax.set_title(
        f"Cloud HHI (low bound) went from {first['hhi_low']:,.0f} ({first['x']:%Y-%m}) to "
        f"{last['hhi_low']:,.0f} ({last['x']:%Y-%m});\nfoundry "
        f"{'stays above' if f_min > high else 'does not stay above'} the {high:,.0f} line "
        f"(lowest low bound {f_min:,.0f})"
    )
    plots.caption(
        fig,
        SOURCE_BOTH + f". Periods naming fewer than {P.min_named_firms} firms are "
        "not drawn (nor used as a layer's latest period)."
        + (
            f" Dotted lines: new chip series enter Epoch's owner data ({'; '.join(tr.starts['label'])})."
            if len(tr.starts)
            else ""
        ),
    )
    return fig


def clusters_countries(cl) -> Figure:
    """Left: US and Chinese shares of recorded cluster capacity under both of Epoch's sets, with 90%
    bootstrap bands; right: the owners' Lorenz curve of the chosen set (``clusters.Clusters``)."""
    fig, axes = plt.subplots(1, 2, figsize=(12, 5), gridspec_kw={"width_ratios": [1.3, 1]})
    ax = axes[0]
    sets = list(cl.sets.values())
    y = np.arange(len(sets))
    for dy, (name, attr) in zip((0.18, -0.18), (("United States", "us"), ("China", "china"))):
        vals = np.array([getattr(cs, attr) for cs in sets])
        ax.barh(
            y + dy, vals[:, 0], height=0.34, color=plots.colour("US" if attr == "us" else "China"), label=name
        )
        ax.errorbar(
            vals[:, 0],
            y + dy,
            xerr=[vals[:, 0] - vals[:, 1], vals[:, 2] - vals[:, 0]],
            fmt="none",
            ecolor="black",
            capsize=3,
            lw=1,
        )
        for yi, v in zip(y + dy, vals):
            ax.text(v[2] + 1, yi, f"{v[0]:.0f}% ({v[1]:.0f}–{v[2]:.0f})", va="center", fontsize=8)
    ax.set_yticks(y, [f"{cs.label}\n({cs.n} clusters)" for cs in sets])
    ax.set_xlim(0, 110)
    ax.set_xlabel("share of recorded cluster capacity (% of H100e; bars: 90% bootstrap over clusters)")
    ax.legend(frameon=False, fontsize=8, loc="lower right")
    std, allc = cl.sets["standard"], cl.sets["all"]
    us_lo, us_hi = min(cs.us[1] for cs in sets), max(cs.us[2] for cs in sets)
    ax.set_title(
        f"The US holds {us_lo:.0f}–{us_hi:.0f}% of recorded cluster capacity in either set;\nChina "
        f"{std.china[1]:.0f}–{std.china[2]:.0f}% (standard set) or {allc.china[1]:.0f}–{allc.china[2]:.0f}% "
        "(all clusters), 90% bands",
        fontsize=11,
    )
    x, yl = cl.lorenz
    axes[1].plot([0, 1], [0, 1], ls="--", color="#999999", lw=1)
    axes[1].plot(x, yl, color=plots.colour("closed"), lw=2)
    axes[1].set_xlabel("cumulative share of owners (smallest first)")
    axes[1].set_ylabel("cumulative share of capacity")
    axes[1].set_title(
        f"{len(cl.capacity)} owners: Gini {cl.gini:.2f}; top 10 hold {cl.top10_pct:.0f}%", fontsize=11
    )
    plots.caption(
        fig,
        SOURCE_CLUSTERS
        + f". Clusters operational by {cl.q:%Y-%m-%d}; Lorenz curve over {cl.chosen.label}. Chinese clusters "
        "are often anonymized, so both sets undercount China.",
    )
    return fig


def share_test(nc) -> Figure:
    """The share test per layer: the named companies' joint share with its 90% band where the data give one,
    the accelerators both by designer and with TPU and Trainium under their parents (``NamedCompanies``)."""
    ctrl = nc.P.control_share_pct
    views = nc.acc_views.set_index("key")
    rows = []
    for lay in nc.layers_checked:
        share = float(nc.joint.get(lay, 0.0))
        band = nc.bands.get(lay)
        if lay == "accelerators":
            for key, lab in (
                ("by_designer", "accelerators, by designer"),
                ("by_parent", "accelerators, TPU and Trainium under parents"),
            ):
                r = views.loc[key]
                b = None if r["low"] is None or r["low"] != r["low"] else (r["low"], r["high"])
                rows.append((lab, float(r["share_pct"]), b))
        else:
            rows.append((lay, share, band))
    n_pass = sum(float(nc.joint.get(lay, 0.0)) >= ctrl for lay in nc.layers_checked)
    low_ok = [
        lay for lay in nc.layers_checked if (nc.bands.get(lay) or (float(nc.joint.get(lay, 0.0)),))[0] >= ctrl
    ]
    n_lay = len(nc.layers_checked)
    title = f"The named companies hold at least {ctrl:g}% of {n_pass} of {n_lay} layers" + (
        ", even at the low end of every 90% band given"
        if len(low_ok) == n_pass == n_lay
        else f" ({len(low_ok)} of them also at the low end of the band)"
    )
    fig, ax = plt.subplots(figsize=(9, 0.55 * len(rows) + 1.8))
    y = np.arange(len(rows))[::-1]
    for yi, (_lab, share, band) in zip(y, rows):
        ax.barh(
            yi, share, height=0.6, color=plots.colour("closed") if share >= ctrl else plots.colour("Other")
        )
        if band is not None:
            ax.errorbar(
                share, yi, xerr=[[share - band[0]], [band[1] - share]], fmt="none", ecolor="black", capsize=3
            )
        txt = f"{share:.1f}%" + ("" if band is None else f" ({band[0]:.1f}–{band[1]:.1f})")
        ax.text((band[1] if band else share) + 1, yi, txt, va="center", fontsize=8)
    ax.axvline(ctrl, color="black", ls="--", lw=1)
    ax.set_yticks(y, [r[0] for r in rows])
    ax.set_xlim(0, 110)
    ax.set_xlabel(
        f"named companies' joint share of the layer (%; dashed: {ctrl:g}%; bars: 90% Monte Carlo band)"
    )
    ax.set_title(title)
    plots.caption(fig, SOURCE_BOTH + ". Foundry and cloud shares are published point figures (no band).")
    return fig
