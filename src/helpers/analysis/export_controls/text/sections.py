"""The prose of notebook 03's sections, written from the analysis results (so text and numbers never
disagree).

Numbers go through ``helpers.core.text``; the two formatters only this notebook needs (USD in millions or
billions, a ratio as "11x") live here. Functions take the result objects of the sections (duck-typed, so
this module imports no analysis module and every analysis module may use its formatters).
"""

from __future__ import annotations

from helpers.core.labels import plain
from helpers.core.text import and_join, count, sci

__all__ = [
    "COUNTS_CAPTION",
    "LARGEST_RUNS_CAPTION",
    "MISSING_SHARE_CAPTION",
    "RUNS_CAPTION",
    "arena",
    "capability_gap",
    "compute_record",
    "costs",
    "data_summary",
    "decisive_words",
    "delay",
    "delay_band",
    "dollars",
    "essay_cost_words",
    "essay_ratio_words",
    "fmt_usd",
    "fmt_x",
    "growth",
    "interval_clause",
    "range_judgement_words",
    "rules",
    "scenario",
    "sellable_clause",
    "verdict_line",
    "windows_words",
]

LARGEST_RUNS_CAPTION = "Largest training run per year (FLOP):"
COUNTS_CAPTION = "Models at or above 10²⁴ and 10²⁵ FLOP per year:"
RUNS_CAPTION = (
    "Largest US runs over the largest Chinese ones (geometric means of the top k runs with an estimate) per "
    "window, then per window the single largest runs, the bounds for missing estimates (a missing model at most "
    "as large as its country's largest known run so far) and the share of notable models without an estimate:"
)
MISSING_SHARE_CAPTION = (
    "Share of models with an ECI but without a compute estimate (the missing are mostly closed US models):"
)


def fmt_usd(x: float) -> str:
    """USD in millions with one decimal, in billions with two from $1B: "$16.4M", "$1.25B"."""
    return f"${x / 1e9:,.2f}B" if x >= 1e9 else f"${x / 1e6:,.1f}M"


def fmt_x(x: float) -> str:
    """A ratio with one decimal below 10 and none above: "4.4x", "39x"."""
    return f"{x:.1f}x" if x < 10 else f"{x:.0f}x"


def range_judgement_words(judgement: int, claim: str, our_range: str) -> str:
    """How a claimed range (``claim``, e.g. "the essay's 5-10x") relates to our central estimate and range
    (``our_range``, e.g. "1-45x") for judgement 2/1/0 of ``verdicts.range_judgement``, as a clause that
    states both: the central estimate and the interval."""
    if judgement == 2:
        return f"within {claim}"
    if judgement == 1:
        return f"outside {claim} at the central estimate, but our range {our_range} overlaps it"
    return f"outside {claim}, as is our whole range {our_range}"


def dollars(markdown: str) -> str:
    """Markdown whose dollar signs read as dollars: escaped, since the renderers take a pair of ``$`` for
    inline math (which left "**$16.4M**" with its asterisks in the report)."""
    return markdown.replace("$", r"\$")


def essay_cost_words(P) -> str:
    return f"the essay's ${P.essay_cost_low_usd / 1e6:g}-{P.essay_cost_high_usd / 1e6:g}M"


def essay_ratio_words(P) -> str:
    return f"the essay's {P.essay_ratio_low:g}-{P.essay_ratio_high:g}x"


def sellable_clause(rl) -> str:
    """The chips that may be sold to China now, by designer, with their conditions (figure title)."""
    sellable = and_join(f"{and_join(cs_)} ({d})" for d, cs_ in rl.sellable_by_designer.items()) or "none"
    conds = rl.sale_conditions
    cond_set = sorted(set(conds) - {""})
    if not cond_set:
        return sellable
    if "" not in conds:
        return (
            sellable
            + f", {'each' if len(rl.sellable_now) > 1 else ''} with a {and_join(cond_set)}".replace(
                ",  with", ", with"
            )
        )
    return sellable + f", some with a {and_join(cond_set)}"


def data_summary(inputs, P) -> str:
    models, rules, halving = inputs.models, inputs.rules, inputs.halving
    return (
        f"{len(inputs.chips)} accelerators, {rules['rule_id'].nunique()} US rules or decisions ({len(rules)} clauses, "
        f"{rules['date'].min():%Y-%m} to {rules['date'].max():%Y-%m}), {len(models):,} models up to "
        f"{inputs.as_of:%Y-%m-%d} ({models['training_compute_flop'].notna().sum():,} with a compute estimate), "
        f"{len(inputs.caps)} models with an ECI, {len(inputs.prices)} rental-price observations, "
        f"{len(inputs.costs)} training-cost estimates. Published halving time used for the defaults: "
        f"{halving['central']:g} months ({halving['interval_level_pct']:g}% CI {halving['interval_low']:g}-"
        f"{halving['interval_high']:g}); this run uses {P.halving_months:g} ({P.halving_ci_level:.0%} interval "
        f"{P.halving_months_low:g}-{P.halving_months_high:g})."
    )


def rules(rl) -> str:
    cs = rl.specs
    h800, h100, h20 = cs.loc["H800"], cs.loc["H100"], cs.loc["H20"]
    return (
        f"Under the October 2022 rule {and_join(rl.escaped_2022)} could still be sold: the H800 has the H100's "
        f"{h800['dense_bf16_tflops']:.0f} TFLOP/s of dense BF16 and TPP {h800['tpp']:,.0f}, but a "
        f"{h800['interconnect_gb_s']:.0f} GB/s link instead of {h100['interconnect_gb_s']:.0f} GB/s. The October 2023 "
        f"rule dropped the link test and caught {and_join(rl.caught_2023)}; the H20 (TPP {h20['tpp']:,.0f}, density "
        f"{h20['performance_density']:.2f}) was designed to stay under it. The Huawei Ascend 910B and 910C would "
        f"exceed the TPP threshold ({cs.loc['Ascend 910B', 'tpp']:,.0f} and {cs.loc['Ascend 910C', 'tpp']:,.0f}) "
        "but are Chinese designs outside these rules. Chips marked unknown lack a verified die area or TPP."
    )


def scenario(sc) -> str:
    P = sc.P
    return (
        f"{P.frontier_chips:,} {P.frontier_chip} ({sc.frontier_flop_per_s / 1e12:,.1f} TFLOP/s each) against "
        f"{P.restricted_chips:,} {P.restricted_chip} ({sc.restricted_flop_per_s / 1e12:,.1f} TFLOP/s each): a year of "
        f"training gives {sci(sc.fleet_frontier_flop, 3)} vs {sci(sc.fleet_restricted_flop, 3)} FLOP, a ratio of "
        f"**{sc.ratio:.2f}x**. The restricted side needs algorithms **{sc.offset:.2f}x** more efficient to match, "
        f"which is **{sc.offset_months:.1f} months** of published algorithmic progress ({sc.offset_lo:.1f} to "
        f"{sc.offset_hi:.1f} months across the {P.halving_ci_level:.0%} interval of the halving time). Algorithms "
        f"are not free to one side only: at these rates algorithmic progress supplies {sc.alg_share:.0%} of the "
        f"frontier's growth in effective compute ({sc.alg_share_lo:.0%} to {sc.alg_share_hi:.0%} across the "
        f"halving interval), physical compute growth ({P.frontier_compute_growth_per_year:g}x per year) the rest."
    )


def delay_band(dl) -> str:
    """Which band the median delay falls in."""
    m, P = dl.summary["median"], dl.P
    return (
        "a speed bump"
        if m <= P.speed_bump_max_months
        else "a roadblock"
        if m >= P.roadblock_min_months
        else "between a speed bump and a roadblock"
    )


def delay(dl) -> str:
    s, P = dl.summary, dl.P
    slower = dl.inputs.restricted_growth < dl.inputs.frontier_growth
    diffuse = (
        (
            "Algorithms diffuse to the restricted side, but its compute grows more slowly "
            f"({dl.inputs.restricted_growth:.2f}x against {dl.inputs.frontier_growth:g}x per year), so the delay "
            "grows with the horizon"
            if slower
            else "Algorithms diffuse to the restricted side, so the gap stays constant in time when both sides grow "
            "equally fast"
        )
        if P.algorithms_diffuse
        else "Algorithms do not diffuse, so the frontier pulls away: the delay grows with the horizon"
    )
    return (
        f"With the central rates the delay is **{dl.central:.1f} months**. Under the published uncertainty its median "
        f"is **{s['median']:.1f} months** (90% of draws between {s['p05']:.1f} and {s['p95']:.1f}), which is "
        f"{delay_band(dl)}: P(speed bump, at most {P.speed_bump_max_months:g} months) = {s['prob_speed_bump']:.2f}, "
        f"P(roadblock, at least {P.roadblock_min_months:g} months) = {s['prob_roadblock']:.2f}. {diffuse}. Without "
        f"any growth in physical compute the same gap would cost {dl.no_growth:.1f} months: growth of the fleets, "
        "not algorithms alone, is what keeps the delay short."
    )


def compute_record(cr) -> str:
    P, fit, top = cr.P, cr.fit, cr.top
    gap, lo, hi = cr.trend_gap
    lo_r, hi_r = cr.gap_range
    t1 = cr.runs_top1
    per_window = "; ".join(
        f"{r.window_months} months: {fmt_x(r.ratio)} ({r.top_US} against {r.top_China}; bounds "
        f"{fmt_x(r.low)}-{fmt_x(r.high)}; {r.missing_US:.0%} of US and {r.missing_China:.0%} of Chinese notable "
        "models without an estimate)"
        for r in t1.itertuples()
    )
    return (
        f"In the 12 months to {cr.as_of:%Y-%m-%d} the largest US run ({sci(top['US'])} FLOP) was "
        f"{fmt_x(cr.gap_latest)} the largest Chinese run ({sci(top['China'])} FLOP), but that window decides "
        f"little on its own: over {windows_words(cr)} the US/Chinese ratio ranges from **{fmt_x(lo_r)} to "
        f"{fmt_x(hi_r)}** (median {fmt_x(cr.gap_median)}). The largest runs per window: {per_window}. The bounds "
        "assume a model without an estimate is at most as large as its country's largest known run so far; many "
        "estimates are missing on both sides, so the ratio is uncertain in both directions. Record-setting runs "
        f"since {P.trend_start_year} grew {fit.growth_per_year('US'):.1f}x per year in the US and "
        f"{fit.growth_per_year('China'):.1f}x in China; at {cr.as_of:%Y-%m} the fitted gap is {fmt_x(gap)} (95% CI "
        f"{fmt_x(lo)} to {fmt_x(hi)}): China's fitted trend reaches today's fitted US level {cr.lag_years:.1f} "
        f"years later (95% CI {cr.lag_lo:.1f} to {cr.lag_hi:.1f}"
        + ("; the fit cannot tell whether China is behind at all" if cr.lag_lo <= 0 else "")
        + "). That is a lag behind a standing target, not a "
        "date at which China catches up; the trend gap's interval is wide because few record-setting runs enter "
        "the fit."
    )


def capability_gap(cg) -> str:
    P, us, cn, after, matched = (
        cg.P,
        cg.best_models["US"],
        cg.best_models["China"],
        cg.after_controls,
        cg.matched_dates,
    )
    level = (
        f", and China was level in {count(len(matched), 'month')} "
        f"({', '.join(f'{d:%Y-%m}' for d in matched[:6])})."
        if len(matched)
        else ", and China was never level within the tolerance."
    )
    return (
        f"On {cg.end:%Y-%m-%d}, the newest ECI release (the lag is not counted past it), the best US model on the "
        f"ECI is {us['model']} ({us['eci']:.1f}) and the best "
        f"Chinese model {cn['model']} ({cn['eci']:.1f}): a gap of {cg.gap_points.iloc[-1]:.1f} points, or "
        f"**{cg.lag_now:.1f} months** (counting a model within {P.eci_tolerance:g} points as a match; "
        f"{cg.lag_strict_now:.1f} months with no tolerance). Since the first rule ({cg.controls_start:%Y-%m}) the "
        f"lag ranged from {after.min():.1f} to {after.max():.1f} months"
        + level
        + f" Epoch AI's estimand, the time-averaged horizontal distance between the two frontiers (within "
        f"{cg.lag_avg.tolerance:g} ECI point{'s' if cg.lag_avg.tolerance != 1 else ''}, every day from "
        f"{cg.lag_avg.start:%Y-%m-%d}, the first with a defined lag, to {cg.lag_avg.end:%Y-%m-%d}), is "
        f"**{cg.lag_avg.months:.1f} months** ({cg.lag_avg.level:.0%} interval {cg.lag_avg.low:.1f}-{cg.lag_avg.high:.1f}"
        f", block bootstrap over days; range {cg.lag_avg.min_months:.1f}-{cg.lag_avg.max_months:.1f})."
    )


def arena(ag) -> str:
    if not ag.available:
        return (
            "The Arena table is not available or has no snapshot with both a US and a Chinese model; "
            "the capability gap rests on the ECI alone."
        )
    last, cov, spans = ag.last, ag.coverage, ag.spans
    lead_word = "leads" if ag.china_leads else "trails"
    return (
        f"Arena ({count(len(ag.best), 'snapshot')} in {count(len(spans), 'comparable span')}: "
        + "; ".join(f"{plain(seg)} {r['min']:%Y-%m-%d} to {r['max']:%Y-%m-%d}" for seg, r in spans.iterrows())
        + f"; ratings compared only within a snapshot; {count(ag.n_holes, 'hole')} of more than 45 days within a "
        f"span, left open): on {last['snapshot_date']:%Y-%m-%d} {last['model_China']} {lead_word} {last['model_US']} "
        f"by {abs(last['gap_points']):.1f} points; in the last year of snapshots the two leaders' rating intervals "
        f"overlapped in {ag.share_overlap:.0%} of them. Organizations were mapped to countries through Epoch's "
        f"models table ({count(len(ag.org_country), 'organization')} mapped): {cov['rows_mapped']:,} of "
        f"{cov['rows']:,} rows have a country; {cov['rows_no_organization']:,} have no organization and "
        f"{cov['rows_unmapped']:,} belong to {count(len(cov['orgs_unmapped']), 'organization')} without a match "
        f"(most rows: {and_join(cov['orgs_unmapped'][:5])}). In {count(ag.n_hidden, 'snapshot')} such an unmapped "
        "model is rated above the best mapped Chinese model, so there the Chinese best may be missed and the gap "
        "overstated."
    )


def costs(co) -> str:
    P, v3 = co.P, co.v3
    _, _, j_same = co.judgements
    lo_e, hi_e = co.price_for_essay
    return dollars(
        f"DeepSeek-V3: {sci(co.v3_compute, 3)} FLOP (Epoch) in {v3['gpu_hours'] / 1e6:.3f}M H800-hours, i.e. "
        f"{sci(co.per_hour, 3)} FLOP per GPU-hour, a utilization of {co.v3_util:.0%} of the H800's dense BF16 peak "
        f"(V3 trained largely in FP8, so against the FP8 peak it is half that). DeepSeek-V4-Pro's "
        f"{sci(co.v4_compute, 3)} FLOP would then take {co.v4_hours / 1e6:.1f}M GPU-hours: **{fmt_usd(co.v4_cost)}** "
        f"at ${P.price_usd_per_gpu_hour:g}/hour, {fmt_usd(co.v4_lo)} to {fmt_usd(co.v4_hi)} over rental prices of "
        f"${co.price_lo:.2f}-{co.price_hi:.2f}/hour and a factor {co.k:g} on compute. The essay's "
        f"${P.essay_cost_low_usd / 1e6:g}-{P.essay_cost_high_usd / 1e6:g}M would need ${lo_e:.2f}-{hi_e:.2f} per "
        f"GPU-hour at V3's efficiency. Epoch AI puts GPT-4.5 at {fmt_usd(co.gpt45_amort)} (amortized hardware and "
        f"energy) or {fmt_usd(co.gpt45_2023)} (2023 USD), **{fmt_x(co.ratio_cost)}** this V4 estimate (range "
        f"{fmt_x(co.ratio_lo)} to {fmt_x(co.ratio_hi)}). The two costs are on different bases: per 10¹⁸ FLOP the V4 "
        f"estimate charges ${co.per_flop_v4:.2f} (rental), Epoch's GPT-4.5 figure ${co.per_flop_gpt45:.2f} "
        "(amortized hardware and energy), so the mixed ratio understates GPT-4.5's cost if both labs paid alike. At "
        f"one price per FLOP the ratio is the compute ratio, **{fmt_x(co.same_ratio)}** ({fmt_x(co.same_lo)}-"
        f"{fmt_x(co.same_hi)} over V4's compute factor): "
        + range_judgement_words(j_same, essay_ratio_words(P), f"{fmt_x(co.same_lo)}-{fmt_x(co.same_hi)}")
        + "."
    )


def windows_words(cr) -> str:
    """The run comparison's definitions in words: "windows of 12, 18 and 24 months and the top 1, 3 and 5 runs"."""
    ks, ws = cr.top_ks, cr.windows
    return f"windows of {and_join(str(w) for w in ws)} months and the top {and_join(str(k) for k in ks)} runs"


def decisive_words(dl) -> str:
    """The input that decides C10 (the restricted side's growth, against equal growth) and the tornado's
    widest one-at-a-time swing (for the C10 reason)."""
    t, P = dl.tornado.iloc[0], dl.P
    lo, hi = sorted((t["delay_at_low"], t["delay_at_high"]))
    band = (
        "a speed bump"
        if dl.equal_growth <= P.speed_bump_max_months
        else "a roadblock"
        if dl.equal_growth >= P.roadblock_min_months
        else "between the bands"
    )
    return (
        f"the restricted side's compute growth: at the frontier's {P.frontier_compute_growth_per_year:g}x (equal "
        f"growth) the central delay would be {dl.equal_growth:.1f} months, {band}, against {dl.central:.1f} at "
        f"{dl.growth.value:.2f}x; one at a time, the {t['input']} moves it most ({lo:.1f} to {hi:.1f} months over "
        f"{t['input_low']:.3g}-{t['input_high']:.3g})"
    )


def interval_clause(est: float, lo: float, hi: float, unit: str, ahead: str, behind: str) -> str:
    """What an interval supports, for a title: "China is 0.6 years behind (95% CI 0.2 to 1.4)" only when the
    whole interval is on one side of zero; otherwise "the data cannot tell whether ... (CI -0.3 to 2.4)"."""
    ci = f"95% CI {lo:.1f} to {hi:.1f} {unit}"
    if lo > 0:
        return f"{behind} by {est:.1f} {unit} ({ci})"
    if hi < 0:
        return f"{ahead} by {abs(est):.1f} {unit} ({ci})"
    return f"cannot tell whether China is behind ({ci})"


def growth(rg, dl) -> str:
    """Where the restricted side's compute growth comes from, and what equal growth would give."""
    P = dl.P
    hist = rg.history
    past = "; ".join(
        f"{y}: {r.china_growth:.2f}x against {r.all_growth:.2f}x" for y, r in hist.iterrows() if y != rg.year
    )
    shares = ", ".join(f"{s:.0%} ({y})" for y, s in rg.stocks["share"].items())
    if rg.estimated:
        head = (
            f"The restricted side's compute growth is estimated from Epoch AI's chip owners: China's "
            f"H100-equivalent stock grew **{rg.china_growth:.2f}x** in {rg.year} against **{rg.all_growth:.2f}x** for "
            f"all tracked stock (earlier years: {past}), and China's share of the tracked stock went {shares}. "
            f"Frontier runs grow {P.frontier_compute_growth_per_year:g}x a year while the stock they draw on grows "
            f"{rg.all_growth:.2f}x; if the restricted side's runs keep the same relation to their own stock, they "
            f"grow **{rg.value:.2f}x per year**, a growth gap of {rg.gap:.2f}x. Its 90% interval "
            f"({rg.low:.2f}-{rg.high:.2f}x) is wide on purpose: the low end is China's legal stock growth alone, the "
            "high end leaves room for what the table does not count (Huawei Ascend production and smuggled chips; "
            "Epoch's 'China' covers legal NVIDIA and AMD shipments only)."
        )
    else:
        head = (
            f"This run sets the restricted side's growth to **{rg.value:.2f}x per year** (90% interval "
            f"{rg.low:.2f}-{rg.high:.2f}x); the chip-owner data would give {rg.frontier_growth * rg.relative:.2f}x "
            f"(China's stock {rg.china_growth:.2f}x against all tracked stock's {rg.all_growth:.2f}x in {rg.year})."
        )
    return (
        head
        + f" With equal growth on both sides the central delay would be {dl.equal_growth:.1f} months; with "
        f"this growth it is {dl.central:.1f} months at the {P.horizon_years:g}-year horizon, and it grows with the "
        "horizon whenever the restricted side grows more slowly (figure below)."
    )


def verdict_line(v) -> str:
    """A verdict's bold line with its reason."""
    return f"**{v.claim}: {v.value}.** {dollars(v.reason)}"
