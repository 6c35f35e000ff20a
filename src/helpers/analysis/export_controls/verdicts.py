"""The verdict rules of claims C7-C10: pure functions of numbers and thresholds, each returning a ``Verdict``
whose reason states the numbers and the rule that decided it.

Every threshold or choice a rule reads is an argument (no parameters object, no globals), so a grid of
specifications can call the rules directly.
"""

from __future__ import annotations

import math

from helpers.core.verdicts import NOT_SUPPORTED, PARTLY, SUPPORTED, Verdict, by_count

from .text import fmt_usd, fmt_x

__all__ = [
    "ALGORITHMIC_SHARE_BAR",
    "range_judgement",
    "range_overlap",
    "verdict_c7",
    "verdict_c8",
    "verdict_c9",
    "verdict_c10",
]

ALGORITHMIC_SHARE_BAR = 0.5  # C9: algorithms must supply at least this share of effective-compute growth

_RANGE_WORDS = {
    2: "contains our central estimate",
    1: "misses our central estimate but overlaps our range",
    0: "lies outside our range",
}


def range_overlap(a_low: float, a_high: float, b_low: float, b_high: float) -> float:
    """Length of the overlap of two intervals divided by the length of the second (0 when disjoint)."""
    if a_low > a_high or b_low > b_high:
        raise ValueError("intervals must have low <= high")
    inter = max(0.0, min(a_high, b_high) - max(a_low, b_low))
    width = b_high - b_low
    return inter / width if width > 0 else float(a_low <= b_low <= a_high)


def range_judgement(central: float, low: float, high: float, claim_low: float, claim_high: float) -> int:
    """2 when the claimed range contains our central estimate, 1 when it misses the central estimate but
    overlaps our range [low, high], 0 when it lies outside our range."""
    if claim_low <= central <= claim_high:
        return 2
    return 1 if range_overlap(low, high, claim_low, claim_high) > 0 else 0


def verdict_c7(
    cost: float,
    cost_low: float,
    cost_high: float,
    ratio: float,
    ratio_low: float,
    ratio_high: float,
    same_ratio: float,
    same_low: float,
    same_high: float,
    *,
    essay_cost_low: float,
    essay_cost_high: float,
    essay_ratio_low: float,
    essay_ratio_high: float,
) -> Verdict:
    """C7: DeepSeek V4 cost "$40-60 million", GPT-4.5 "5-10x that".

    Each essay range is judged against our central estimate and range (``range_judgement``: 2 contains the
    central estimate, 1 overlaps the range only, 0 outside). The ratio must hold on both cost bases (mixed:
    Epoch's amortized GPT-4.5 cost over the rental V4 cost; like-for-like: the compute ratio), so it counts
    with the weaker judgement. Both essay ranges contain our central estimates -> supported; both lie
    outside our ranges -> not supported; otherwise partly supported."""
    j_cost = range_judgement(cost, cost_low, cost_high, essay_cost_low, essay_cost_high)
    j_mixed = range_judgement(ratio, ratio_low, ratio_high, essay_ratio_low, essay_ratio_high)
    j_same = range_judgement(same_ratio, same_low, same_high, essay_ratio_low, essay_ratio_high)
    total = j_cost + min(j_mixed, j_same)
    value = SUPPORTED if total == 4 else NOT_SUPPORTED if total == 0 else PARTLY
    return Verdict(
        "C7",
        value,
        f"DeepSeek-V4-Pro's compute cost comes to {fmt_usd(cost)} ({fmt_usd(cost_low)}-{fmt_usd(cost_high)}): "
        f"the essay's ${essay_cost_low / 1e6:g}-{essay_cost_high / 1e6:g}M {_RANGE_WORDS[j_cost]}; GPT-4.5 at "
        f"Epoch's estimates costs {fmt_x(ratio)} as much ({fmt_x(ratio_low)}-{fmt_x(ratio_high)}): the essay's "
        f"{essay_ratio_low:g}-{essay_ratio_high:g}x {_RANGE_WORDS[j_mixed]}, and at one price per FLOP (the "
        f"compute ratio, {fmt_x(same_ratio)}, {fmt_x(same_low)}-{fmt_x(same_high)}) it {_RANGE_WORDS[j_same]}; "
        "the ratio counts with the weaker of the two.",
    )


def verdict_c8(
    months_level: int,
    lag_now_months: float,
    gap_points: float,
    lag_strict_months: float,
    compute_gap_x: float,
    *,
    close_months: float,
    tolerance: float,
    since: str,
    compute_gap_range: tuple[float, float] | None = None,
    compute_windows: str = "",
) -> Verdict:
    """C8 ("a lab under export controls matched the frontier") from the capability record.

    supported: the follower was level with the leader (within ``tolerance`` ECI points) in at least one month
    since the controls (``months_level`` > 0) AND is now at most ``close_months`` behind; partly supported:
    only one of the two (level once but since fallen further behind, or never level but now close behind);
    not supported: neither. A lag that is not finite is never close. ``gap_points``, ``lag_strict_months``
    (no tolerance), ``compute_gap_x`` (largest US / largest Chinese run of the last 12 months) and
    ``compute_gap_range`` (the smallest and largest top-k ratio over the windows ``compute_windows``) only
    enter the reason."""
    level = months_level > 0
    close = bool(math.isfinite(lag_now_months)) and lag_now_months <= close_months
    months = f"{months_level} month{'s' if months_level != 1 else ''}"
    level_txt = (
        f"was level with the leader (within {tolerance:g} ECI points) in {months} since {since}"
        if level
        else f"was never level with the leader (within {tolerance:g} ECI points) since {since}"
    )
    bound = f"the {close_months:g}-month bound for close behind"
    close_txt = (
        f"is now {lag_now_months:.1f} months behind, within {bound}"
        if close
        else f"is now {lag_now_months:.1f} months behind, beyond {bound}"
    )
    value = by_count(int(level) + int(close), 2)
    rule = {
        SUPPORTED: f"{level_txt} and {close_txt}: both conditions hold, so supported",
        PARTLY: f"{level_txt} but {close_txt}: one of the two conditions holds, so partly supported",
        NOT_SUPPORTED: f"{level_txt} and {close_txt}: neither condition holds, so not supported",
    }[value]
    return Verdict(
        "C8",
        value,
        "Rule: supported if the best Chinese model was level with the best US model at some point since "
        "the first control and is now close behind; partly supported if only one holds. The best Chinese "
        f"model {rule}. It trails by {gap_points:.1f} ECI points ({lag_strict_months:.1f} months with no "
        f"tolerance), while "
        + (
            f"the largest US runs are {fmt_x(compute_gap_range[0])} to {fmt_x(compute_gap_range[1])} the "
            f"largest Chinese ones over {compute_windows} (the single largest of the last 12 months: "
            f"{fmt_x(compute_gap_x)}), a spread that no single window decides."
            if compute_gap_range is not None
            else f"the largest US run of the last year is {fmt_x(compute_gap_x)} the largest Chinese one."
        ),
    )


def verdict_c9(
    ratio: float,
    offset_months: float,
    offset_low: float,
    offset_high: float,
    alg_share: float,
    alg_share_low: float,
    alg_share_high: float,
    frontier_growth: float,
    *,
    speed_bump_max_months: float,
    roadblock_min_months: float,
    share_bar: float = ALGORITHMIC_SHARE_BAR,
) -> Verdict:
    """C9: algorithms can substitute for a 10x chip gap.

    supported: offsetting the gap takes at most a speed bump of algorithmic progress (``offset_months`` <=
    ``speed_bump_max_months``) AND algorithms supply at least ``share_bar`` of the frontier's growth in
    effective compute; not supported (otherwise): it takes at least a roadblock (>= ``roadblock_min_months``);
    partly supported: anything else. ``frontier_growth`` (x per year) and the interval ends enter the reason."""
    if offset_months <= speed_bump_max_months and alg_share >= share_bar:
        value = SUPPORTED
    elif offset_months >= roadblock_min_months:
        value = NOT_SUPPORTED
    else:
        value = PARTLY
    ending = {
        SUPPORTED: "they can stand in for the missing chips within a speed bump.",
        NOT_SUPPORTED: "making up for the missing chips would take a roadblock's length of progress.",
        PARTLY: "they substitute for the chips only with delay.",
    }[value]
    return Verdict(
        "C9",
        value,
        f"Offsetting a {ratio:.1f}x compute gap takes {offset_months:.1f} months of algorithmic progress "
        f"({offset_low:.1f}-{offset_high:.1f}), and algorithms supply {alg_share:.0%} "
        f"({alg_share_low:.0%}-{alg_share_high:.0%}) of frontier effective-compute growth against "
        f"{frontier_growth:g}x per year physical growth: " + ending,
    )


def verdict_c10(
    median: float,
    p05: float,
    p95: float,
    prob_speed_bump: float,
    prob_roadblock: float,
    lag_now_months: float,
    *,
    speed_bump_max_months: float,
    roadblock_min_months: float,
    verdict_probability: float,
    restricted_growth: str = "",
    decisive: str = "",
) -> Verdict:
    """C10: export controls are "a speed bump, not a roadblock".

    ``prob_speed_bump`` = P(delay <= speed_bump_max_months) and ``prob_roadblock`` = P(delay >=
    roadblock_min_months) of the simulated delay. supported: P(speed bump) >= ``verdict_probability``; not
    supported (otherwise): P(roadblock) >= ``verdict_probability``; partly supported: neither band is that
    likely. The band ends, the quantiles, the historical lag, where the restricted side's growth comes from
    (``restricted_growth``) and the input that alone moves the delay most (``decisive``) enter the reason."""
    if prob_speed_bump >= verdict_probability:
        value = SUPPORTED
    elif prob_roadblock >= verdict_probability:
        value = NOT_SUPPORTED
    else:
        value = PARTLY
    return Verdict(
        "C10",
        value,
        f"The modelled delay has median {median:.1f} months (5-95%: {p05:.1f}-{p95:.1f}); "
        f"P(speed bump, at most {speed_bump_max_months:g} months) = {prob_speed_bump:.2f}, "
        f"P(roadblock, at least {roadblock_min_months:g} months) = {prob_roadblock:.2f} "
        f"(needed: {verdict_probability:g}); the historical capability lag is {lag_now_months:.1f} months."
        + (f" The restricted side's compute grows {restricted_growth}." if restricted_growth else "")
        + (f" Decisive input: {decisive}." if decisive else ""),
    )
