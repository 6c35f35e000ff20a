"""The prose of notebook 01, written from the analysis results so that text and numbers never disagree.

Each function takes a section's result and returns Markdown. Numbers go through ``fmt`` (this notebook's
fixed-decimals style: "9.8", "1,385", "n/a" for a missing value) and ``helpers.core.text``.
"""

from __future__ import annotations

import math

from helpers.analysis.benchmark_parity.arena import AI_INDEX_2025_ARENA
from helpers.analysis.benchmark_parity.measures import measure_words, metric_words
from helpers.core.labels import plain
from helpers.core.text import count, noun, ordinal, sci


def fmt(x, nd: int = 1) -> str:
    """A number with ``nd`` fixed decimals and thousands separators; "n/a" when missing or infinite."""
    return "n/a" if x is None or (isinstance(x, float) and not math.isfinite(x)) else f"{x:,.{nd}f}"


def inputs(inp) -> str:
    """What the analysis reads on its date (``inputs.Inputs``)."""
    why = "newest date in the data" if inp.as_of_is_newest else "parameter as_of"
    return (
        f"Analysis date **{inp.as_of:%Y-%m-%d}** ({why}); {inp.caps['model'].nunique()} models with an ECI score "
        f"and a known open/closed status ({inp.caps.loc[inp.caps['open'].astype(bool), 'model'].nunique()} open "
        f'under the definition "{plain(inp.open_definition)}"), scored in {len(inp.caps)} dated versions (each at its own release '
        "date), "
        f"{len(inp.models)} Epoch models, {inp.arena['snapshot_date'].nunique()} Arena snapshot dates."
    )


def _lag_sentence(e) -> str:
    if len(e.lags) == 0:
        return (
            f"No closed frontier step falls between window_start ({e.start:%Y-%m-%d}) and the end of ECI coverage "
            f"({e.end:%Y-%m-%d}), so no lag can be measured; choose an earlier window_start."
        )
    med = (
        f"{fmt(e.lag_med)} months"
        if math.isfinite(e.lag_med)
        else f"more than {fmt(e.lags['lag_months'].max())} months"
    )
    hi = (
        f"{fmt(e.lag_hi)} months"
        if math.isfinite(e.lag_hi)
        else "unbounded: the data do not bound it from above"
    )
    return (
        f"Over {len(e.lags)} closed frontier steps since {e.start:%Y-%m-%d}, {e.n_cens} had not been reached by an "
        f"open model by then. Taking those censored waits into account (Kaplan-Meier), the open frontier needed a "
        f"median of **{med}** (95% bootstrap interval {fmt(e.lag_lo)} to {hi}) to reach the same level; treating the "
        f"censored waits as if they had ended on {e.end:%Y-%m-%d} would give {fmt(e.lag_naive)} months, an "
        "underestimate."
    )


def avg_lag(e) -> str:
    """Epoch AI's estimand next to the Kaplan-Meier median, and why the two differ (``frontier.Eci``)."""
    if not math.isfinite(e.lag_avg):
        return (
            "The open and closed frontiers of the models released in the window share no range of ECI levels, so "
            "Epoch AI's average horizontal distance cannot be computed here."
        )
    top_open, top_closed = e.open_now, e.closed_now
    unmatched = e.lags[e.lags["censored"]]
    txt = (
        f"Epoch AI's estimand, the **average horizontal distance** between the two frontiers across the ECI levels "
        f"both span (models released {e.start:%Y-%m-%d} to {e.end:%Y-%m-%d}, no noise tolerance), is "
        f"**{fmt(e.lag_avg)} months** (90% bootstrap interval {fmt(e.lag_avg_lo)} to {fmt(e.lag_avg_hi)})"
    )
    if math.isfinite(e.lag_med) and e.lag_med > e.lag_avg:
        txt += (
            f", against a Kaplan-Meier median of {fmt(e.lag_med)} months. The median is longer because it counts one "
            f"wait per closed record: {count(len(unmatched), 'closed record')} above the open frontier's "
            f"{fmt(top_open)} (up to {fmt(top_closed)}) had not been matched by {e.end:%Y-%m-%d} and enter it as "
            "waits still running, while the average only covers levels the open frontier has reached, and weighs "
            "each ECI point equally however many closed models set records inside it."
        )
    else:
        txt += f", against a Kaplan-Meier median of {fmt(e.lag_med)} months."
    return txt


def eci_frontier(e) -> str:
    """The ECI gap, the Kaplan-Meier lag and the gap trend (``frontier.Eci``)."""
    t = e.trend
    word = (
        "shrinking"
        if t["high"] < 0
        else "growing"
        if t["low"] > 0
        else "neither clearly shrinking nor growing"
    )
    coverage = (
        " up to the analysis date"
        if e.end == e.as_of
        else f" (the analysis date is {e.as_of:%Y-%m-%d}; later models have no ECI yet)"
    )
    return (
        f"On {e.end:%Y-%m-%d}, the newest ECI release date{coverage}, the best closed model scores "
        f"**{fmt(e.closed_now)}** ECI ({e.closed_steps['model'].iloc[-1]}) and the best open model "
        f"**{fmt(e.open_now)}** ({e.open_steps['model'].iloc[-1]}): a gap of **{fmt(e.gap_now)} points**. "
        f"{_lag_sentence(e)} A linear trend of the monthly gap ({t['n']} months, HAC standard errors with "
        f"{e.hac_lags} lags) has slope **{fmt(t['slope_per_year'], 2)} ECI points per year** (95% CI "
        f"{fmt(t['low'], 2)} to {fmt(t['high'], 2)}): the gap is {word} over the window. {avg_lag(e)}"
    )


def arena(a) -> str:
    """The AI Index check and the latest Arena gap (``arena.Arena``)."""
    aix, c = AI_INDEX_2025_ARENA, a.check_row
    if c is not None:
        txt = (
            f"**AI Index check.** On {aix['date']} the best closed model ({c['best_closed']}) is rated "
            f"{fmt(c['best_closed_rating'])} and the best open one ({c['best_open']}) {fmt(c['best_open_rating'])}: a "
            f"gap of {fmt(c['gap_pct'], 2)}%. The AI Index 2025 reports {aix['closed_rating']:,} vs "
            f"{aix['open_rating']:,} and {aix['gap_pct']:g}%, so the figure "
            f"**{'reproduces' if a.reproduces else 'does not reproduce'}**."
        )
    else:
        txt = (
            f"**AI Index check.** The {aix['date']} snapshot is outside the analysis period, so the AI Index 2025 "
            "figure cannot be checked here."
        )
    L = a.latest
    if L is not None:
        txt += (
            f" On the latest comparable snapshot ({plain(L['scale_segment'])}, {L['snapshot_date']:%Y-%m-%d}), "
            f"{L['best_open']} trails {L['best_closed']} by **{fmt(L['gap_elo'])} points** "
            f"({fmt(L['gap_pct'], 2)}%; interval of the points gap {fmt(L['gap_low'])} to {fmt(L['gap_high'])}), "
            f"which means users would prefer the open model in **{fmt(100 * L['win_prob_open'])}%** of head-to-head "
            "votes."
        )
    return txt


def llama4(r) -> str:
    """C2's share under the chosen and the other metrics, and the Arena win probabilities (``pairs.Llama4``)."""
    txt = (
        ""
        if len(r.table_all)
        else (
            f"No measure scored both Llama 4 Maverick and GPT-4.5 by {r.as_of:%Y-%m-%d}, "
            "so C2 cannot be tested at this date. "
        )
    )
    txt += (
        f"On the {count(r.n, 'measure')} in the verdict, Maverick reaches {r.threshold_pct:g}% of GPT-4.5 on "
        f"**{r.hits}** ({fmt(r.share)}%) by the {metric_words(r.metric, long=True).replace(': ', ' (', 1)}). The "
        "same data give "
        + "; ".join(
            f"{h} of {n} by the {metric_words(m)}" for m, (_, h, n) in r.by_metric.items() if m != r.metric
        )
        + "."
    )
    probs = r.arena_win_probs()
    if probs:
        txt += (
            " Implied Arena win probabilities against GPT-4.5: "
            + "; ".join(f"{v} Maverick {fmt(100 * p)}% ({measure_words(seg)})" for v, seg, p in probs)
            + ". Which Maverick is counted (the unreleased chat-tuned variant Meta showed on Arena, or the released "
            "weights) therefore matters for any preference-based reading of the claim."
        )
    return txt


def deepseek_v4(r) -> str:
    """C3's share and the weakest measure (``pairs.DeepSeekV4``)."""
    w = r.worst
    if w is None:
        return "DeepSeek V4 Pro is not in the data up to the analysis date, so C3 cannot be tested."
    return (
        f"DeepSeek V4 Pro (released {r.release:%Y-%m-%d}) is within {r.tolerance_pct:g}% of the best closed model "
        f"available at its release on **{r.hits} of {count(r.n, 'measure')}** ({fmt(r.share)}%). Its weakest measure "
        f"is {measure_words(w['measure'])}, where it reaches {fmt(100 * w['r'])}% of {w['b_model']}."
    )


def diffusion(d) -> str:
    """Organizations above the threshold, the n-th organization's delays and the open share (``diffusion.Diffusion``)."""
    ref = d.reference_model
    reached = "; ".join(
        f"the {ordinal(r.n)} organization ({r.organization}) {fmt(r.months)} months after its release"
        if math.isfinite(r.months)
        else f"fewer than {int(r.n)} organizations by the analysis date"
        for r in d.nth.itertuples()
    )
    alone = (
        f" (0 months: that many organizations had reached its ECI by {ref}'s release, so it was not alone at the "
        "frontier)"
        if (d.nth["months"] == 0).any()
        else ""
    )
    cum_recent, cum_earlier = d.n_cumulative
    counted = "cumulative" if d.org_count == "cumulative" else "in-year"
    return (
        f"In {d.earlier_year}, **{d.n_earlier}** {noun(d.n_earlier, 'organization')} released a model trained with "
        f"at least {sci(d.threshold_flop)} FLOP; in {d.full_year}, **{d.n_recent}** did "
        f"({count(d.n_countries_recent, 'country', 'countries')}). Counted cumulatively, **{cum_earlier}** had done "
        f"so by the end of {d.earlier_year} and **{cum_recent}** by the end of {d.full_year}; C4's verdict reads the "
        f"{counted} counts (an analyst choice; the verdict section varies it). In-year counts fall when a developer's latest models have no "
        f"compute estimate, which is common for closed models of 2025-26. {ref} (ECI {fmt(d.reference_eci)}, "
        f"{d.reference_release:%Y-%m}) was reached by {reached}{alone}. Open weights made up "
        f"**{fmt(d.share_recent)}%** of notable models released in {d.full_year}."
    )


def verdicts(vs) -> str:
    """One bullet per verdict: the claim, its verdict in bold, the reason."""
    return "\n".join(f"- **{v.claim}: {v.value}.** {v.reason}" for v in vs)


def limitations(inp, e, a, c2, c3, d) -> str:
    """The limitations whose wording depends on the data or the parameters (the others are static Markdown)."""
    top = inp.bench.groupby("benchmark")["score"].max()
    first, last = a.top_n_span
    kimi = ""
    if a.latest is not None:
        kimi = (
            f" The best open model on the latest Arena snapshot, {a.latest['best_open']}, is classed open by its "
            f"licence label ('{a.best_open_licence}'); whether its weights are downloadable was not verified."
        )
    thr = sci(d.threshold_flop)
    per_measure = fmt(100 / c2.n if c2.n else float("nan"), 0)
    return f"""
- **Saturation and contamination.** The best score in the data is {fmt(100 * top.get("math_level_5", float("nan")))}% on
  MATH Level 5 and {fmt(100 * top.get("mmlu", float("nan")))}% on MMLU, so score ratios there approach 100% whatever the
  real difference; the error-rate ratio exposes such differences. Public test sets can leak into training data.
- **Arena scale and style control.** Ratings drift between snapshots and methods (online Elo, Bradley-Terry, style control
  from 2025); gaps are computed within a snapshot and drawn within a comparable span only. Top-N scrapes censor the
  best open model on days with none in the top N ({first:%Y-%m-%d} to {last:%Y-%m-%d}).{kimi}
- **Censoring and dependence in the lag.** The Kaplan-Meier median assumes a level's censoring time (the end of ECI
  coverage, {e.end:%Y-%m-%d}) is unrelated to how long its wait would be; recent, higher levels are both the most often
  censored and plausibly the slowest to match, which would still bias the median down. The closed frontier's steps are
  nested (each level is above the last), so their waits are not independent and the bootstrap interval is too narrow.
- **Gap trend.** The monthly gap is a step series: consecutive months repeat the same value, so the {e.hac_lags}-lag
  Newey-West interval of the slope is optimistic; read it as a lower bound on the uncertainty.
- **Few measures, overlapping measures.** C2 and C3 rest on {c2.n} and {c3.n} measures; Artificial Analysis's intelligence
  and coding indexes contain GPQA and HLE among their parts, so in C3 those items weigh twice. C3's reference is the best
  closed model *per measure* (an envelope of several models), stricter than any single closed model.
- **Licence labels as a proxy for openness.** Arena's licence column is corrected by a small override table; Epoch's
  accessibility field drives the ECI and models analysis (`open_definition` = "{plain(inp.open_definition)}").
- **Missing models.** The newest ECI release date is {inp.caps_all["release_date"].max():%Y-%m-%d}, so later models
  (DeepSeek V4 among them) have no ECI; many 2025-26 closed models have no compute estimate, which undercounts
  organizations above {thr} FLOP.
- **A fixed compute bar.** C4 counts organizations above one fixed threshold ({thr} FLOP) in every year, while the
  frontier's own training compute keeps growing, so crossing the bar later means less than crossing it earlier; the
  ECI-based delay to match the reference model is the measure that moves with the frontier.
- **What would change the conclusions.** C1: an open model at the closed frontier on ECI (lag near zero) and Arena; the
  Arena criterion sits at {fmt(100 * a.ratio)}% against a {100 - a.tolerance_pct:g}% bound, so a few rating points decide
  it. C2: a single measure (each moves the share by {per_measure} points), the threshold, the metric or which Maverick
  counts. C3: the tolerance and the metric (score ratios of Arena ratings are the most generous, win probabilities the
  strictest). C4: compute estimates for recent closed models or a different reference model.
"""
