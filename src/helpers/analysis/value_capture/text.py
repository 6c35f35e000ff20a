"""Notebook 04's prose, generated from the analysis results (so text and numbers never disagree)."""

from __future__ import annotations

import pandas as pd

from helpers.core.text import count

__all__ = [
    "cuts",
    "data_summary",
    "fixed_capability",
    "frontier",
    "layers",
    "limitations",
    "margins",
    "verdict",
    "x",
]


def x(v: float) -> str:
    """A factor per year as the notebook writes it: 24x, 9.3x, 0.73x."""
    return f"{v:.3g}x"


def _counts(s: pd.Series) -> str:
    return ", ".join(f"{v} {k}" for k, v in s.value_counts().sort_index().items())


def data_summary(inputs) -> str:
    m, p, f = inputs.margins, inputs.prices, inputs.epoch_fits
    years = m.loc[m["period_end"].notna(), "period_end"].dt.year
    return (
        f"Cloud margins: {len(m)} rows, {m['series'].nunique()} series, periods ending {years.min()}–{years.max()} "
        f"(values: {_counts(m['value_status'])}; grades: {_counts(m['grade'])}). API prices: {len(p)} rows from "
        f"{p['dataset'].nunique()} compilations, {p['price_date'].min():%Y-%m} to {p['price_date'].max():%Y-%m}, "
        f"{p['provider'].nunique()} providers (values: {_counts(p['value_status'])}; grades: {_counts(p['grade'])}; "
        f"{int(p['artefact'].sum())} rows flagged as data-migration artefacts and left out). Epoch AI's published fits: "
        f"{len(f)}."
    )


def margins(m, P) -> str:
    lat = m.latest
    parts = [
        f"**{r.series}** {r.margin_pct:.1f}% ({r.period}; {r.value_status}, grade {r.grade})"
        for r in lat.itertuples()
    ]
    gpu = [
        f"**{r.series}** {r.margin_pct:.1f}% operating ({r.period})"
        if pd.notna(r.margin_pct)
        else f"**{r.series}** {r.gross_margin_pct:.0f}% *gross* ({r.period}; {r.value_status}, not disclosed by the company)"
        for r in m.gpu.itertuples()
    ]
    comp = [
        f"{r.series} {r.operating_margin_pct:.1f}% ({r.fiscal_period})" for r in m.comparisons.itertuples()
    ]
    how = (
        "latest fiscal year"
        if P.margin_years == 1 and P.margin_period == "fiscal_year"
        else f"revenue-weighted mean of the last {P.margin_years} fiscal years"
        if P.margin_period == "fiscal_year"
        else "newest period of any kind"
    )
    return (
        f"Operating margins judged ({how}): "
        + "; ".join(parts)
        + f". The 'razor' line is {P.razor_margin_pct:g}%. "
        "GPU-only clouds, shown apart: " + "; ".join(gpu) + ". Comparison rows: " + "; ".join(comp) + "."
    )


def layers(m) -> str:
    d = m.layers.dropna(subset=["margin_pct"])
    top = d.sort_values("margin_pct", ascending=False).iloc[0]
    low = d.sort_values("margin_pct").iloc[0]
    return (
        f"By layer, the highest margin in the data is **{top['layer']}** at {top['margin_pct']:.0f}% "
        f"({top['period']}), the lowest **{low['layer']}** at {low['margin_pct']:.0f}% ({low['what']}). "
        "Model providers' margins are not public, so the data cannot say whether value accrues to the compute "
        "stack *rather than* to them; what they show is that chips earn more than clouds, and hyperscale clouds "
        "more than GPU-only clouds."
    )


def fixed_capability(fc, P) -> str:
    fits = fc.fits.dropna(subset=["ours"])
    lo, hi = fits.loc[fits["ours"].idxmin()], fits.loc[fits["ours"].idxmax()]
    p = fc.pooled
    miss = fits[~fits["within"]]
    miss_s = (
        " Outside: "
        + "; ".join(
            f"{r.benchmark} at {r.threshold_model} ({x(r.ours)} vs {x(r.theirs)})" for r in miss.itertuples()
        )
        + "."
        if len(miss)
        else ""
    )
    reasoning = (
        " Reasoning models are included (Epoch AI left them out)." if P.include_reasoning_models else ""
    )
    return (
        f"With Epoch AI's method and input data, **{fc.n_within} of {fc.n_fits}** of our fits fall inside Epoch's "
        f"published 90% intervals.{miss_s} Our factors range from {x(lo['ours'])} per year ({lo['benchmark']} at "
        f"{lo['threshold_model']}) to {x(hi['ours'])} ({hi['benchmark']} at {hi['threshold_model']}); their median is "
        f"{x(fc.median)}. Pooled over the {fc.n_fits} thresholds (one slope, {p['n']} observations), the price at fixed "
        f"capability falls **{x(p['factor'])} per year** (90% interval {x(p['low'])}–{x(p['high'])}; too narrow, "
        f"since the thresholds share models).{reasoning}"
    )


def frontier(fr, P) -> str:
    c = fr.change
    direction = (
        "falling" if c["high"] < 1 else "rising" if c["low"] > 1 else "neither clearly falling nor rising"
    )
    rows = []
    for r in fr.by_provider.itertuples():
        g = fr.launches[fr.launches["provider"] == r.provider]
        s = f"{r.provider}: {g['label'].iloc[0]} ${r.first_price:.3g} → {g['label'].iloc[-1]} ${r.last_price:.3g}"
        if r.change_x_per_year is not None and pd.notna(r.change_x_per_year):
            s += f" ({r.change_x_per_year:.2f}x a year)"
        rows.append(s)
    tier = "flagships and premium tiers" if P.frontier_tier == "with_premium" else "flagships"
    return (
        f"Launch list prices of the {tier} since {P.frontier_since:%Y-%m} ({c['n']} launches, "
        f"{count(c['n_providers'], 'provider')}; blended with input weight {P.input_share:g}) change by "
        f"**{c['factor']:.2f}x per year** (90% interval {c['low']:.2f}–{c['high']:.2f}): {direction}. "
        "Per provider, first to last launch (per million tokens): " + "; ".join(rows) + "."
    )


def cuts(cu) -> str:
    ev = cu.events
    c = ev[ev["kind"] == "cut"]
    inc = ev[ev["kind"] == "increase"]
    if c.empty:
        return "No list-price cut of the same model is recorded in the data."
    tot = c.groupby("provider").size().sort_values(ascending=False, kind="mergesort")
    big = c.sort_values("change_pct").iloc[0]
    s = (
        f"**{len(c)} list-price cuts** of the same model at the same vendor, {c['price_date'].min():%Y} to "
        f"{c['price_date'].max():%Y}: "
        + ", ".join(f"{k} {v}" for k, v in tot.items())
        + f". The deepest: {big['model']} "
        f"({big['provider']}, {big['price_date']:%Y-%m}) by {-big['change_pct']:.0f}%."
    )
    if len(inc):
        s += (
            " Increases of the same model: "
            + "; ".join(
                f"{r.model} ({r.provider}, {r.price_date:%Y-%m}, +{r.change_pct:.0f}%)"
                for r in inc.itertuples()
            )
            + "."
        )
    return s + (
        " The count is a floor: the compilations observe prices on some dates only, and a new model launched "
        "cheaper than its predecessor is not a cut of the same model."
    )


def verdict(v) -> str:
    return f"**{v.claim}: {v.value}.** {v.reason}"


def limitations(inputs) -> str:
    m = inputs.margins
    n_sec = int((m["value_status"] != "reported").sum())
    p = inputs.prices
    last_epoch = p.loc[p["dataset"].str.startswith("epoch_insight"), "price_date"].max()
    return (
        f"In numbers: {n_sec} of {len(m)} margin rows are derived or secondary; the fixed-capability fits end in "
        f"{last_epoch:%Y-%m} (Epoch AI's input data), while list prices run to {p['price_date'].max():%Y-%m}."
    )
