"""Notebook 04's figures. Each takes an analysis result, draws, titles it with the finding (from the
numbers), labels the axes with units and adds the source caption; none saves or shows."""

from __future__ import annotations

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from helpers.analysis.value_capture import prices
from helpers.core import plots

__all__ = [
    "SOURCE_MARGINS",
    "SOURCE_PRICES",
    "fixed_capability",
    "frontier_prices",
    "margins_over_time",
    "ours_vs_epoch",
    "price_cuts",
]

SOURCE_MARGINS = (
    "Data: company filings (SEC EDGAR and mirrors), press releases, aggregators; graded per row "
    "(each row cites its source in the collection's market sources)"
)
SOURCE_PRICES = (
    "Data: Epoch AI, LLM inference price trends (CC BY 4.0); Simon Willison, llm-prices; announcements "
    "(each row cites its source in the collection's market sources)"
)
SERIES_COLOURS = {
    "AWS": plots.colour("AWS"),
    "Microsoft Intelligent Cloud": plots.colour("Microsoft"),
    "Google Cloud": plots.colour("Google"),
    "CoreWeave": plots.colour("CoreWeave"),
    "NVIDIA": plots.colour("NVIDIA"),
}
PROVIDER_COLOURS = {
    "OpenAI": "#10A37F",
    "Anthropic": "#D97757",
    "Google": plots.colour("Google"),
    "xAI": plots.colour("xAI"),
    "DeepSeek": "#E69F00",
    "Meta": plots.colour("Meta"),
}


def margins_over_time(m, P) -> Figure:
    """Operating margins per series (fiscal years solid, quarters and TTM as dots; earlier segment bases
    dashed), the razor band shaded, GPU clouds in their own panel, comparison rows as ticks."""
    lat = m.latest.set_index("series")["margin_pct"]
    above = [s for s, v in lat.items() if v > P.razor_margin_pct]
    how = (
        "all above"
        if len(above) == len(lat)
        else "all at or below"
        if not above
        else f"{len(above)} of {len(lat)} above"
    )
    title = f"Cloud margins are {how} a {P.razor_margin_pct:g}% 'razor' line: " + ", ".join(
        f"{s} {v:.0f}%" for s, v in lat.items()
    )
    gpu = m.gpu.dropna(subset=["margin_pct"])
    if len(gpu) and len(lat) and gpu["margin_pct"].max() < lat.min():
        title += (
            "; GPU-only clouds run thinner ("
            + ", ".join(f"{r.series} {r.margin_pct:.0f}%" for r in gpu.itertuples())
            + ")"
        )
    fig, (ax, ax2) = plt.subplots(
        1, 2, figsize=(13, 5.2), gridspec_kw={"width_ratios": [2.2, 1]}, sharey=True
    )
    s = m.series
    for ax_, layer in ((ax, ("cloud", "chips")), (ax2, ("gpu_cloud",))):
        d = s[s["layer"].isin(layer)]
        for (name, basis), g in d.groupby(["series", "basis"], sort=True):
            col = SERIES_COLOURS.get(name, "#777777")
            fy = g[g["period_type"] == "FY"].sort_values("period_end")
            dashed = basis.startswith("original") or basis in ("pre-FY2025", "FY2017 original")
            if len(fy):
                ax_.plot(
                    fy["period_end"],
                    fy["operating_margin_pct"],
                    marker="o",
                    ms=4,
                    lw=2,
                    color=col,
                    ls="--" if dashed else "-",
                    label=f"{name}{' (' + basis + ')' if dashed else ''}",
                )
            q = g[g["period_type"] != "FY"]
            if len(q):
                ax_.scatter(
                    q["period_end"],
                    q["operating_margin_pct"],
                    s=18,
                    color=col,
                    marker="D",
                    alpha=0.7,
                    label=f"{name}, quarters/TTM" if not len(fy) else None,
                )
        ax_.axhspan(-200, P.razor_margin_pct, color="#FFEBEE", zorder=0)
        ax_.axhline(P.razor_margin_pct, color="#C00000", lw=1, ls=":")
        ax_.axhline(0, color="#444444", lw=0.8)
        ax_.xaxis.set_major_locator(mdates.YearLocator(2))
        ax_.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))
    comp = "\n".join(
        f"{r.series}, {r.fiscal_period}: {r.operating_margin_pct:.1f}%" for r in m.comparisons.itertuples()
    )
    ax.text(
        0.57,
        0.37,
        "Commodity and industry comparisons:\n" + comp,
        transform=ax.transAxes,
        fontsize=6.5,
        va="top",
        color="#555555",
        bbox={"facecolor": "white", "edgecolor": "#cccccc", "alpha": 0.9},
    )
    for r in m.gpu.itertuples():
        if pd.isna(r.margin_pct) and pd.notna(r.gross_margin_pct):
            ax2.scatter(
                [r.period_end],
                [r.gross_margin_pct],
                marker="x",
                color=plots.colour("Oracle"),
                s=40,
                label="Oracle GPU rentals, GROSS margin (reported)",
            )
    ax.set_ylim(-80, 75)
    ax.set_ylabel("operating margin (%)")
    ax.set_title("Cloud segments and NVIDIA (dashed: earlier segment basis)", fontsize=10, loc="left")
    ax2.set_title("GPU-only clouds", fontsize=10, loc="left")
    ax.legend(fontsize=7, loc="lower right", ncol=2)
    ax2.legend(fontsize=7, loc="lower right")
    ax.text(
        0.01,
        0.02,
        f"shaded: at or below {P.razor_margin_pct:g}% ('razor')",
        transform=ax.transAxes,
        fontsize=7,
        color="#C00000",
    )
    fig.suptitle(title, fontsize=11, x=0.01, ha="left")
    fig.tight_layout()
    plots.caption(fig, SOURCE_MARGINS + ". CoreWeave FY2022 (−145%) is off the scale.")
    return fig


def fixed_capability(fc, benchmarks=("MMLU", "GPQA Diamond")) -> Figure:
    """The lowest-price frontier points and fitted lines of each threshold of two benchmarks."""
    pts = fc.points
    p = fc.pooled
    title = (
        f"At fixed capability, API prices fell {fc.fits['ours'].min():.3g}x to {fc.fits['ours'].max():.3g}x per year "
        f"across {fc.n_fits} milestones (pooled: {p['factor']:.3g}x)"
    )
    fig, axes = plt.subplots(1, len(benchmarks), figsize=(12, 4.6), sharey=True)
    cmap = plt.get_cmap("viridis")
    for ax, bench in zip(np.atleast_1d(axes), benchmarks):
        fits = fc.fits[(fc.fits["benchmark"] == bench) & fc.fits["ours"].notna()]
        for i, f in enumerate(fits.itertuples()):
            g = pts[(pts["benchmark"] == bench) & (pts["threshold_model"] == f.threshold_model)].sort_values(
                "price_date"
            )
            col = cmap(i / max(1, len(fits) - 1) * 0.85)
            ax.scatter(g["price_date"], g["price"], color=col, s=22, zorder=3)
            t = (g["price_date"] - g["price_date"].min()).dt.days / prices.DAYS_PER_YEAR
            slope = -np.log10(f.ours)
            intercept = np.mean(np.log10(g["price"]) - slope * t)
            ax.plot(
                g["price_date"],
                10 ** (intercept + slope * t),
                color=col,
                lw=1.5,
                label=f"≥ {f.threshold_model} ({f.threshold_score:g}): {f.ours:.3g}x/yr",
            )
        ax.set_yscale("log")
        ax.set_title(bench, fontsize=10, loc="left")
        ax.xaxis.set_major_locator(mdates.YearLocator())
        ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))
        ax.legend(fontsize=7, loc="lower left")
    np.atleast_1d(axes)[0].set_ylabel(
        "cheapest price at or above the threshold\n(USD per million tokens, 3:1, log)"
    )
    fig.suptitle(title, fontsize=11, x=0.01, ha="left")
    fig.tight_layout()
    plots.caption(
        fig, SOURCE_PRICES + ". Method: Epoch AI's (cheapest model at or above the threshold model's score)."
    )
    return fig


def ours_vs_epoch(fc) -> Figure:
    """Our 21 factors against Epoch AI's, each with its 90% interval, on log axes."""
    f = fc.fits.dropna(subset=["ours"]).reset_index(drop=True)
    title = f"Our reproduction: {fc.n_within} of {fc.n_fits} of Epoch AI's fits inside its 90% intervals"
    fig, ax = plt.subplots(figsize=(8.5, 6.5))
    y = np.arange(len(f))
    ax.errorbar(
        f["theirs"],
        y + 0.15,
        xerr=[f["theirs"] - f["theirs_low"], f["theirs_high"] - f["theirs"]],
        fmt="o",
        color="#999999",
        ms=4,
        lw=1,
        label="Epoch AI (published)",
    )
    ax.errorbar(
        f["ours"],
        y - 0.15,
        xerr=[f["ours"] - f["ours_low"], f["ours_high"] - f["ours"]],
        fmt="s",
        color="#0072B2",
        ms=4,
        lw=1,
        label="ours (their method and data)",
    )
    ax.set_yticks(y, [f"{r.benchmark} ≥ {r.threshold_model}" for r in f.itertuples()], fontsize=7)
    ax.set_xscale("log")
    ax.set_xlabel("price decline factor per year (log; 90% intervals)")
    ax.invert_yaxis()
    ax.legend(fontsize=8, loc="lower right")
    ax.set_title(title, fontsize=11, loc="left")
    fig.tight_layout()
    plots.caption(fig, SOURCE_PRICES)
    return fig


def frontier_prices(fr, P) -> Figure:
    """Flagship launch prices per provider over time (log), with the pooled change per year."""
    c = fr.change
    verb = "fell" if c["high"] < 1 else "rose" if c["low"] > 1 else "changed"
    title = (
        f"Flagship list prices {verb} {abs(c['factor'] - 1) * 100:.0f}% a year ({c['factor']:.2f}x per year, 90% interval "
        f"{c['low']:.2f}–{c['high']:.2f}) over {c['n']} launches of {c['n_providers']} providers"
    )
    fig, ax = plt.subplots(figsize=(11, 5.2))
    for prov, g in fr.launches.groupby("provider", sort=True):
        g = g.sort_values("price_date")
        col = PROVIDER_COLOURS.get(prov, "#777777")
        ax.plot(
            g["price_date"], g["price"], marker="o", lw=1.5, color=col, label=prov, drawstyle="steps-post"
        )
        prem = g[g["tier"] == "premium"]
        if len(prem):
            ax.scatter(prem["price_date"], prem["price"], marker="^", s=40, color=col, zorder=4)
        for r in g.itertuples():
            ax.annotate(
                r.label,
                (r.price_date, r.price),
                xytext=(3, 3),
                textcoords="offset points",
                fontsize=6,
                color=col,
            )
    ax.set_yscale("log")
    ax.set_ylabel(f"launch list price, USD per million tokens\n(input weight {P.input_share:g}; log)")
    ax.xaxis.set_major_locator(mdates.YearLocator())
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))
    ax.legend(fontsize=8, ncol=5, loc="upper right")
    ax.set_title(title, fontsize=11, loc="left")
    fig.tight_layout()
    plots.caption(fig, SOURCE_PRICES + ". Launch dates of llm-prices rows are commit dates.")
    return fig


def price_cuts(cu) -> Figure:
    """List-price cuts of the same model per provider and year (stacked bars)."""
    py = cu.per_year
    tab = py.pivot_table(index="year", columns="provider", values="cuts", aggfunc="sum", fill_value=0)
    tot = tab.sum(axis=0).sort_values(ascending=False)
    tab = tab[tot.index]
    top = tot.index[0]
    title = (
        f"{int(tot.sum())} list-price cuts recorded {int(tab.index.min())}–{int(tab.index.max())}; {top} made "
        f"{int(tot.iloc[0])} of them"
    )
    fig, ax = plt.subplots(figsize=(8, 4.2))
    bottom = np.zeros(len(tab))
    for prov in tab.columns:
        ax.bar(
            tab.index.astype(str),
            tab[prov],
            bottom=bottom,
            color=PROVIDER_COLOURS.get(prov, "#999999"),
            label=prov,
        )
        bottom += tab[prov].to_numpy()
    ax.set_ylabel("cuts of the same model's list price")
    ax.set_xlabel("year")
    ax.legend(fontsize=8)
    ax.set_title(title, fontsize=11, loc="left")
    fig.tight_layout()
    plots.caption(fig, SOURCE_PRICES + ". A floor: prices are observed on some dates only.")
    return fig
