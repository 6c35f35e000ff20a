"""The verdict rules of claims C1-C4: pure functions of numbers and thresholds.

Each claim has a rule (``rule_*``: numbers -> verdict word) and a verdict (``verdict_c*``: the rule's word
with the sentence that gives its reason, as a ``helpers.core.verdicts.Verdict``). Every threshold a rule
reads is an argument, so a specification grid can call them with other choices. ``decide`` feeds them the
numbers of the notebook's analysis results.
"""

from __future__ import annotations

import math

from helpers.analysis.benchmark_parity.measures import metric_words
from helpers.analysis.benchmark_parity.text import fmt
from helpers.core.text import count, ordinal, sci
from helpers.core.verdicts import NOT_SUPPORTED, NOT_TESTABLE, PARTLY, SUPPORTED, Verdict


def _known(x) -> bool:
    return x is not None and not math.isnan(x)


# ------------------------------------------------------------------------------------------ rules


def rule_share(share_pct: float, majority_pct: float, partly_min_pct: float = 0.0) -> str:
    """C2/C3: supported when the share of measures passing the bar exceeds ``majority_pct`` ('most');
    partly supported when it is at least ``partly_min_pct`` (and above 0); else not supported; not testable
    without measures (share NaN)."""
    if not _known(share_pct):
        return NOT_TESTABLE
    if share_pct > majority_pct:
        return SUPPORTED
    return PARTLY if share_pct > 0 and share_pct >= partly_min_pct else NOT_SUPPORTED


def rule_c1(
    lag_high: float,
    arena_ratio: float,
    open_share_pct: float,
    *,
    caught_up_months: float,
    tolerance_pct: float,
    default_share_pct: float,
) -> str:
    """C1 ('open won the model layer, open is the default'): supported when the open frontier is caught up
    on both scales (upper bound of the ECI lag within ``caught_up_months``, and the best open Arena model at
    least ``100 - tolerance_pct`` % of the best closed one by the comparison metric, ``arena_ratio`` as a
    fraction) and open models are at least ``default_share_pct`` of new notable models; partly supported
    when caught up on at least one scale; not supported otherwise; not testable when neither scale has a
    number.

    ``arena_ratio`` should be the win-probability ratio (or another ratio chosen by the reader), not the
    percentage gap of two ratings: ratings carry an arbitrary offset, so their ratio is near 1 by construction."""
    eci_ok = _known(lag_high) and lag_high <= caught_up_months
    arena_ok = _known(arena_ratio) and arena_ratio >= 1 - tolerance_pct / 100 - 1e-12
    share_ok = _known(open_share_pct) and open_share_pct >= default_share_pct
    if not _known(lag_high) and not _known(arena_ratio):
        return NOT_TESTABLE
    if eci_ok and arena_ok and share_ok:
        return SUPPORTED
    return PARTLY if eci_ok or arena_ok else NOT_SUPPORTED


def rule_c4(
    n_orgs_recent: int, n_orgs_earlier: int, months_nth: float, *, min_orgs: int, max_months: float
) -> str:
    """C4 (capability diffused from ~3 organizations to 'any well-funded lab'): supported when at least
    ``min_orgs`` organizations crossed the compute threshold in the recent year, more than in the earlier
    year, and the n-th organization matched the reference model within ``max_months``; partly when one of
    the two holds; not supported otherwise."""
    spread = n_orgs_recent >= min_orgs and n_orgs_recent > n_orgs_earlier
    fast = _known(months_nth) and months_nth <= max_months
    if spread and fast:
        return SUPPORTED
    return PARTLY if spread or fast else NOT_SUPPORTED


def _share(hits: int, n: int) -> float:
    return hits / n * 100 if n else float("nan")


# --------------------------------------------------------------------------------- verdicts with reasons


def verdict_c1(
    *,
    lag_median: float,
    lag_low: float,
    lag_high: float,
    gap_points: float,
    arena_ratio: float,
    arena_ratio_low: float,
    arena_ratio_high: float,
    arena_gap_pct: float,
    open_share_pct: float,
    share_year: int,
    caught_up_months: float,
    tolerance_pct: float,
    default_share_pct: float,
    metric: str,
) -> Verdict:
    """C1 by ``rule_c1``; the reason gives the ECI gap and lag, the Arena ratio with its range and the open
    share, each against its bound, and says when the Arena range straddles the bound."""
    value = rule_c1(
        lag_high,
        arena_ratio,
        open_share_pct,
        caught_up_months=caught_up_months,
        tolerance_pct=tolerance_pct,
        default_share_pct=default_share_pct,
    )
    bound = 100 - tolerance_pct
    reason = (
        f"ECI gap {fmt(gap_points)} points, Kaplan-Meier median lag {fmt(lag_median)} months (95% CI "
        f"{fmt(lag_low)} to {'unbounded' if lag_high == math.inf else fmt(lag_high)}; caught up means the upper "
        f"end is at most {caught_up_months:g} months); Arena: best open model at {fmt(100 * arena_ratio)}% of the "
        f"best closed one by the {metric_words(metric)} (range {fmt(100 * arena_ratio_low)}-"
        f"{fmt(100 * arena_ratio_high)}% from the rating intervals; caught up means at least {bound:g}%; rating "
        f"gap {fmt(arena_gap_pct, 2)}% of the open rating); open weights {fmt(open_share_pct)}% of {share_year} "
        f"notable models (the default means at least {default_share_pct:g}%)."
    )
    if math.isfinite(arena_ratio_low) and arena_ratio_low < 1 - tolerance_pct / 100 <= arena_ratio_high:
        reason += (
            f" The Arena range straddles the {bound:g}% bound, so the Arena criterion (and with it this "
            "verdict) is within the rating uncertainty."
        )
    return Verdict("C1", value, reason)


def verdict_c2(
    hits: int,
    n: int,
    *,
    threshold_pct: float,
    majority_pct: float,
    partly_min_pct: float,
    metric: str,
    variant: str,
) -> Verdict:
    """C2 ('Llama 4 at 90% of GPT-4.5'): ``rule_share`` on the share of the ``n`` measures on which Maverick
    reaches ``threshold_pct`` % of GPT-4.5 (``hits``)."""
    share = _share(hits, n)
    reason = (
        f"Maverick ({variant} on Arena) reaches {threshold_pct:g}% of GPT-4.5 on {hits} of "
        f"{count(n, 'shared measure')} ({fmt(share)}%, {metric_words(metric, long=True)}); 'supported' needs "
        f"more than {majority_pct:g}%, 'partly' at least {partly_min_pct:g}%."
        + (
            f" With {n} measures one measure moves the share by {100 / n:.0f} points, so the verdict is fragile."
            if 0 < n < 10
            else ""
        )
    )
    return Verdict("C2", rule_share(share, majority_pct, partly_min_pct), reason)


def verdict_c3(
    hits: int, n: int, *, tolerance_pct: float, majority_pct: float, partly_min_pct: float, metric: str
) -> Verdict:
    """C3 ('DeepSeek V4 matches frontier performance on most benchmarks'): ``rule_share`` on the share of the
    ``n`` measures on which V4 Pro is within ``tolerance_pct`` of the best closed model (``hits``)."""
    share = _share(hits, n)
    reason = (
        f"DeepSeek V4 Pro is within {tolerance_pct:g}% of the best closed model available at release on {hits} "
        f"of {count(n, 'measure')} ({fmt(share)}%, {metric_words(metric, long=True)}); 'most' means more than "
        f"{majority_pct:g}%, 'partly' at least {partly_min_pct:g}%."
        + (f" With {n} measures one measure moves the share by {100 / n:.0f} points." if 0 < n < 10 else "")
    )
    return Verdict("C3", rule_share(share, majority_pct, partly_min_pct), reason)


def verdict_c4(
    n_orgs_recent: int,
    n_orgs_earlier: int,
    months_nth: float,
    *,
    recent_year: int,
    earlier_year: int,
    threshold_flop: float,
    nth_org: int,
    reference_model: str,
    min_orgs: int,
    max_months: float,
    cumulative: bool = False,
    other_counts: tuple[int, int] | None = None,
) -> Verdict:
    """C4 by ``rule_c4``; the reason gives both counts (in each year, or by its end when ``cumulative``), the
    counts of the other way of counting (``other_counts``: recent, earlier; shown, not judged) and the n-th
    organization's delay against their bounds."""
    when = "by the end of" if cumulative else "in"
    head = (
        f"{count(n_orgs_recent, 'organization')} above {sci(threshold_flop)} FLOP {when} {recent_year} against "
        f"{n_orgs_earlier} {when} {earlier_year} (needs at least {min_orgs}"
    )
    if other_counts is not None:
        other = "in" if cumulative else "by the end of"
        head += (
            f"; counted {'in-year' if cumulative else 'cumulatively'}: {other_counts[0]} {other} {recent_year} "
            f"against {other_counts[1]} {other} {earlier_year}"
        )
    head += "); "
    if _known(months_nth) and math.isfinite(months_nth):
        tail = (
            f"the {ordinal(nth_org)} organization matched {reference_model} after {fmt(months_nth)} months "
            f"(needs at most {max_months:g})."
        )
    else:
        tail = (
            f"fewer than {nth_org} organizations matched {reference_model} by the analysis date (needs at most "
            f"{max_months:g} months)."
        )
    value = rule_c4(n_orgs_recent, n_orgs_earlier, months_nth, min_orgs=min_orgs, max_months=max_months)
    return Verdict("C4", value, head + tail)


# ------------------------------------------------------------------------------------ from the results


def decide(eci, arena, llama4, deepseek_v4, diffusion, P) -> list[Verdict]:
    """The four verdicts from the section results (``frontier.Eci``, ``arena.Arena``, ``pairs.Llama4``,
    ``pairs.DeepSeekV4``, ``diffusion.Diffusion``) and the parameters' thresholds."""
    L = arena.latest
    v1 = verdict_c1(
        lag_median=eci.lag_med,
        lag_low=eci.lag_lo,
        lag_high=eci.lag_hi,
        gap_points=eci.gap_now,
        arena_ratio=arena.ratio,
        arena_ratio_low=arena.ratio_lo,
        arena_ratio_high=arena.ratio_hi,
        arena_gap_pct=float(L["gap_pct"]) if L is not None else float("nan"),
        open_share_pct=diffusion.share_recent,
        share_year=diffusion.full_year,
        caught_up_months=P.caught_up_months,
        tolerance_pct=P.match_tolerance_pct,
        default_share_pct=P.default_share_pct,
        metric=P.comparison_metric,
    )
    v2 = verdict_c2(
        llama4.hits,
        llama4.n,
        threshold_pct=P.quality_threshold_pct,
        majority_pct=P.majority_pct,
        partly_min_pct=P.partly_min_pct,
        metric=P.comparison_metric,
        variant=P.maverick_variant,
    )
    v3 = verdict_c3(
        deepseek_v4.hits,
        deepseek_v4.n,
        tolerance_pct=P.match_tolerance_pct,
        majority_pct=P.majority_pct,
        partly_min_pct=P.partly_min_pct,
        metric=P.comparison_metric,
    )
    v4 = verdict_c4(
        *diffusion.n_counted,
        diffusion.nth_months,
        recent_year=diffusion.full_year,
        earlier_year=diffusion.earlier_year,
        threshold_flop=P.compute_threshold_flop,
        nth_org=P.c4_nth_org,
        reference_model=P.reference_model,
        min_orgs=P.c4_min_orgs,
        max_months=P.c4_max_months,
        cumulative=diffusion.org_count == "cumulative",
        other_counts=(
            (diffusion.n_recent, diffusion.n_earlier)
            if diffusion.org_count == "cumulative"
            else diffusion.n_cumulative
        ),
    )
    return [v1, v2, v3, v4]
