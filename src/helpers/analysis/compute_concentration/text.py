"""Notebook 02's prose, generated from the analysis results (so text and numbers never disagree).

Shares in this notebook's prose read with one decimal ("69.1%", ranges "65.7–72.9%") and HHI points
with thousands separators and no decimals; these two formatters are this topic's own."""

from __future__ import annotations

from helpers.core.text import and_join, fmt_number, noun

__all__ = [
    "clusters",
    "concentration",
    "coverage",
    "data_summary",
    "hhi_over_time",
    "limitations",
    "named_companies",
    "pct",
    "pct_range",
    "periods",
    "replication",
    "tests",
    "verdict",
]


def pct(x: float) -> str:
    """A share with one decimal: 69.1%."""
    return f"{x:.1f}%"


def pct_range(lo: float, hi: float) -> str:
    """A range of shares with one decimal: 65.7–72.9%."""
    return f"{lo:.1f}–{hi:.1f}%"


def data_summary(inputs) -> str:
    """What the three tables hold: rows, owners, quarters per designer, periods per layer, clusters."""
    owners, shares, clusters = inputs.owners, inputs.shares, inputs.clusters
    cover = owners.groupby("designer")["quarter_end"].agg(["min", "max"])
    return (
        f"Ownership estimates: {len(owners)} rows, {owners['owner'].nunique()} owners; quarters covered: "
        + "; ".join(f"{d} {r['min']:%Y-%m} to {r['max']:%Y-%m}" for d, r in cover.iterrows())
        + f". Market shares: {len(shares)} rows ("
        + "; ".join(
            f"{lay} {g['period'].min()}–{g['period'].max()} from {g['analyst'].iloc[0]}"
            for lay, g in shares.groupby("layer")
        )
        + f"). GPU clusters: {len(clusters)} rows, {int(clusters['standard_analysis'].sum())} in Epoch's "
        "standard analysis."
    )


def periods(inputs) -> str:
    """The period each layer is measured at."""
    how = (
        "no analysis date set: the newest quarter with all four designers"
        if inputs.as_of is None
        else f"the newest up to the analysis date {inputs.as_of}"
    )
    missing = inputs.missing_designers
    return (
        f"Ownership quarter: **{inputs.q:%Y-%m-%d}** ({how}). Cloud: **{inputs.p_cloud}**; foundry: "
        f"**{inputs.p_foundry}**; data-center GPUs (cross-check): **{inputs.p_gpu}**."
        + (f" Not yet tracked by Epoch in this quarter: {', '.join(missing)}." if missing else "")
    )


def coverage(tr) -> str:
    """Where Epoch's designer series start and how much that moves the shares (empty when none starts)."""
    if not len(tr.starts):
        return ""
    fq = tr.first_quarter
    moves = "; ".join(
        f"{r['company']}'s share of {r['panel']} from {r['without_pct']:.0f}% to {r['with_pct']:.0f}% "
        f"({r['names']}, {r['period']})"
        for _, r in tr.effects.sort_values(["quarter_end", "panel"]).iterrows()
    )
    return (
        f"**Coverage changes, not market changes.** Epoch's ownership data count NVIDIA chips from "
        f"{fq.year}Q{fq.quarter}, "
        + ", ".join(tr.starts["label"])
        + " (dotted lines). Older stock of the later "
        "series is missing, so the shares in the accelerator and ownership panels jump when a series enters. "
        f"Within the same quarter, counting the new series moves {moves}. Trends in these two panels are "
        "comparable only between the dotted lines."
    )


def concentration(conc) -> str:
    """Each layer's concentration at its latest period, with its band."""
    P = conc.P
    acc, acc_m, gpu = conc.acc_named, conc.acc["metrics"], conc.gpu["named"]
    f, c, o = conc.foundry["metrics"], conc.cloud["metrics"], conc.own["metrics"]
    nv, nv_lo, nv_hi = conc.nvidia
    own_lo, own_hi = conc.hhi_own
    basis = P.accelerator_basis.replace("_", " ")
    return (
        f"**Accelerators:** {acc.index[0]} holds {pct(acc.iloc[0])} of the tracked H100e ({basis}), HHI "
        f"{acc_m.hhi_low:,.0f}: {conc.band(acc_m)}. The GPU-only cross-check (TechInsights, {conc.p_gpu}) gives "
        f"{gpu.index[0]} {pct(gpu.iloc[0])} of data-center GPUs; once Google's TPUs, AMD and Amazon's Trainium are "
        f"counted in H100e, NVIDIA's share of AI accelerators is {pct(nv)}"
        + (f" (90% band {pct_range(nv_lo, nv_hi)})." if nv_lo is not None else ".")
        + f"\n\n**Foundry ({conc.p_foundry}):** TSMC {pct(conc.tsmc)} of revenue; HHI {f.hhi_low:,.0f}–{f.hhi_high:,.0f} "
        f"({conc.band(f)}), effective number of firms {f.effective_n_low:.1f}–{f.effective_n_high:.1f}."
        f"\n\n**Cloud ({conc.p_cloud}):** the top three hold {pct(c.cr3)}; HHI {c.hhi_low:,.0f}–{c.hhi_high:,.0f} "
        f"({conc.band(c)}) because {pct(conc.cloud['other_pct'])} of the market is not allocated to named providers; "
        f"effective number of firms {c.effective_n_low:.1f}–{c.effective_n_high:.1f}."
        f"\n\n**AI compute owners ({conc.q:%Y-%m-%d}):** HHI {own_lo:,.0f}–{own_hi:,.0f} ({conc.band(o)} at the "
        f"{P.owner_quantile} estimates); {pct(conc.own['other_pct'])} of the stock sits in pooled buckets "
        f"({', '.join(conc.pooled)})."
    )


def hhi_over_time(tr) -> str:
    first, last = tr.cloud_ends
    n = tr.P.min_named_firms
    return (
        f"Periods whose source names fewer than {n} firms are left out of this chart and are never a layer's "
        "'latest' period either (one rule, `min_named_firms`, for both), because their low bound could miss a "
        "large firm rather than a fringe: "
        + (", ".join(tr.dropped) if tr.dropped else "none")
        + f". Between the first and last period drawn, the cloud low bound went from {first['hhi_low']:,.0f} to "
        f"{last['hhi_low']:,.0f} HHI points."
    )


def named_companies(nc) -> str:
    """The cloud parents' share of AI compute owned and the real top owners, named or not."""
    h, h_lo, h_hi = nc.hyperscalers
    t_lo, t_hi = nc.top_band
    n_top = nc.P.top_n_owners
    out = (
        f"The three cloud parents own **{pct(h)}** of the tracked AI compute (90% band {pct_range(h_lo, h_hi)}). "
        f"The real top {n_top} owners are {', '.join(f'{o} ({pct(s)})' for o, s in nc.top.items())}, together "
        f"**{pct(nc.top_share)}** ({pct_range(t_lo, t_hi)}). "
    )
    out += (
        f"Of these, {and_join(nc.in_top_not_named)} {noun(len(nc.in_top_not_named), 'is', 'are')} not on the "
        "essay's list. "
        if nc.in_top_not_named
        else "All of them are on the essay's list. "
    )
    if nc.not_listed:
        out += (
            "Among the eight largest named owners, "
            + and_join([f"{o} ({pct(nc.owner_shares[o])})" for o in nc.not_listed])
            + f" {noun(len(nc.not_listed), 'is', 'are')} not named by the essay."
        )
    return out


def clusters(cl) -> str:
    parts = []
    for cs in cl.sets.values():
        us, us_lo, us_hi = cs.us
        cn, cn_lo, cn_hi = cs.china
        parts.append(
            f"in {cs.label} ({cs.n} clusters, {cs.h100e:,.0f} H100e) the United States holds **{pct(us)}** "
            f"(bootstrap 90% {pct_range(us_lo, us_hi)}) and China **{pct(cn)}** ({pct_range(cn_lo, cn_hi)})"
        )
    return (
        "Recorded cluster capacity by country, "
        + "; ".join(parts)
        + ". The standard-analysis flag is Epoch's own filter against duplicate and overlapping records, so it "
        "is the cleaner count; the gap between the two sets is itself a measure of how uncertain the Chinese "
        f"share is. The rest of this section uses {cl.chosen.label}. Capacity by owner is very unequal (Gini {cl.gini:.2f} over "
        f"{len(cl.capacity)} named owners; the ten largest hold {pct(cl.top10_pct)}); {cl.n_without_owner} "
        "clusters without a named owner are left out of the Lorenz curve."
    )


def tests(nc, tests: dict) -> str:
    """The two questions of C5 answered separately, and the accelerator layer counted both ways."""
    sh, co = tests["c5_share_test"], tests["c5_concentration_test"]
    views = nc.acc_views.set_index("key")
    d, p = views.loc["by_designer"], views.loc["by_parent"]

    def band(r) -> str:
        return (
            ""
            if r["low"] is None or r["low"] != r["low"]
            else f" (90% band {pct_range(r['low'], r['high'])})"
        )

    return (
        f"**Share test** (do the named companies jointly hold at least {nc.P.control_share_pct:g}% of each layer?): "
        f"{sh['note'].split('? ', 1)[1]}.\n\n"
        f"**Concentration test** (is each layer's HHI low bound above {nc.P.hhi_highly_concentrated:,.0f}?): "
        f"{co['note'].split('? ', 1)[1].split(' (merger-guideline')[0]}. The merger-guideline bands were drawn for *relevant markets* (sales "
        "to buyers who could switch), not for a stock of owned compute or a designer's share of it, so this "
        'test reads them as a yardstick for "few firms", not as a legal finding.\n\n'
        f"**Accelerators counted two ways.** By designer the named companies ({d['counted']}) hold "
        f"{pct(d['share_pct'])}{band(d)}; with Google's TPUs and Amazon's Trainium under their parents, which the essay names "
        f"as GCP and AWS, {pct(p['share_pct'])}{band(p)}. The HHI is {d['hhi']:,.0f} either way: each "
        "designer maps to a different firm, so regrouping renames the shares without merging any. The verdict "
        f"counts {'under parents' if nc.P.chips_under_parents else 'by designer'} (`chips_under_parents`)."
    )


def replication(figs) -> str:
    """How many published figures our data reproduce under the publishers' definitions, and the largest gap
    between theirs and our own definition."""
    ok = [f for f in figs if f.status() == "reproduced"]
    gaps = [f for f in figs if f.own is not None and f.ours is not None]
    widest = max(gaps, key=lambda f: abs(f.own - f.ours), default=None)
    out = (
        f"{len(ok)} of {len(figs)} published figures are reproduced with the publisher's own definition (within "
        "their interval, or 10% of their value)."
    )
    if widest is not None:

        def num(x: float) -> str:
            return pct(x) if widest.unit == "%" else f"{fmt_number(x)} {widest.unit}"

        out += (
            f' The definitions matter most in the row "{widest.figure}": {num(widest.ours)} with theirs, '
            f"{num(widest.own)} with ours ({widest.own_definition})."
        )
    return out


def verdict(v) -> str:
    """A verdict's bold line and its reason."""
    return f"**Verdict {v.claim}: {v.value}.** {v.reason}"


def limitations(conc) -> str:
    """The run's unallocated shares and the widest HHI range, for the Limitations section."""
    t = conc.table
    width = t["hhi_high"] - t["hhi_low"]
    widest = t.loc[width.idxmax(), "layer"].split(" (")[0].lower().replace("ai ", "AI ")
    return (
        f"In this run the unallocated shares were {pct(conc.cloud['other_pct'])} of cloud ({conc.p_cloud}), "
        f"{pct(conc.foundry['other_pct'])} of foundry ({conc.p_foundry}) and {pct(conc.own['other_pct'])} of AI "
        f"compute owned ({conc.q:%Y-%m-%d}); the widest HHI range is {width.max():,.0f} points, for {widest}."
    )
