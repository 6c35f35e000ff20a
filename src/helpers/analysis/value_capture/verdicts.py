"""The verdict rules of notebook 04, pure functions of numbers and thresholds (no tables, no kernel).

C6, cloud compute is "a commodity with razor margins": each judged cloud segment's operating margin is
compared with ``razor_margin_pct``. Supported: every segment at or below it; not supported: none; partly
supported: some (``core.verdicts.by_count``).

C12, model providers are "squeezed" on price, "cutting API costs repeatedly": judged from two price
measures, (a) the price at fixed capability falls at least ``decline_fast_x`` per year, and (b) the list
price of the providers' flagships falls (its change per year below 1: the whole 90% interval with
``frontier_rule="interval"``, the point estimate with ``"point"``). Both: supported; one: partly
supported; neither: not supported. List prices say nothing of providers' costs, so the rule judges the
price squeeze only, and the reason says so.
"""

from __future__ import annotations

from collections.abc import Mapping

from helpers.core.text import and_join
from helpers.core.verdicts import Verdict, by_count

__all__ = ["c6", "c6_value", "c12", "c12_value", "frontier_falls"]


def c6_value(margins: Mapping[str, float], razor_margin_pct: float) -> str:
    """C6 on its numbers: ``margins`` {segment: operating margin, percent}."""
    if not margins:
        raise ValueError("c6: no segment margins to judge")
    n_razor = sum(float(m) <= razor_margin_pct for m in margins.values())
    return by_count(n_razor, len(margins))


def c6(
    margins: Mapping[str, float],
    razor_margin_pct: float,
    *,
    periods: Mapping[str, str],
    comparisons: Mapping[str, float] = (),
    gpu: Mapping[str, float] = (),
) -> Verdict:
    """C6's verdict with its reason: each segment's margin against the razor threshold, the commodity
    comparisons and the GPU-only clouds (shown apart unless judged)."""
    value = c6_value(margins, razor_margin_pct)
    parts = [
        f"{s} {float(m):.1f}% in {periods[s]} ({'≤' if float(m) <= razor_margin_pct else '>'} {razor_margin_pct:g}%)"
        for s, m in margins.items()
    ]
    n_razor = sum(float(m) <= razor_margin_pct for m in margins.values())
    comp = dict(comparisons)
    gpu_d = {k: v for k, v in dict(gpu).items() if k not in margins}
    reason = (
        f"C6 is {value}: {n_razor} of {len(margins)} cloud segments have an operating margin at or below the "
        f"'razor' line of {razor_margin_pct:g}%: " + "; ".join(parts) + "."
    )
    if comp:
        reason += (
            " Commodity businesses for comparison: "
            + ", ".join(f"{k} {v:.1f}%" for k, v in comp.items())
            + "."
        )
    if gpu_d:
        reason += (
            " GPU-only clouds, not judged here: "
            + ", ".join(f"{k} {v:.1f}%" for k, v in gpu_d.items())
            + " (thin, and nearer the razor line)."
        )
    return Verdict("C6", value, reason)


def frontier_falls(change: float, change_high: float, frontier_rule: str) -> bool:
    """Flagship list prices fall: their change per year (price ratio, below 1 when falling) below 1, by the
    upper end of its 90% interval (``interval``) or by the point estimate (``point``)."""
    if frontier_rule not in ("interval", "point"):
        raise ValueError(f"frontier_rule must be 'interval' or 'point', not {frontier_rule!r}")
    return (change_high if frontier_rule == "interval" else change) < 1.0


def c12_value(
    fixed_decline_x: float,
    frontier_change: float,
    frontier_change_high: float,
    decline_fast_x: float,
    frontier_rule: str,
) -> str:
    """C12 on its numbers: (a) the fixed-capability decline factor per year (>1: falling), (b) the flagship
    price change per year (price ratio; <1: falling) and its interval's upper end."""
    a = fixed_decline_x >= decline_fast_x
    b = frontier_falls(frontier_change, frontier_change_high, frontier_rule)
    return by_count(int(a) + int(b), 2)


def c12(
    fixed_decline_x: float,
    frontier_change: float,
    frontier_change_high: float,
    decline_fast_x: float,
    frontier_rule: str,
    *,
    statistic: str,
    frontier_change_low: float,
    cuts_by_provider: Mapping[str, int] = (),
    cut_years: tuple[int, int] | None = None,
    rising: tuple[str, ...] = (),
) -> Verdict:
    """C12's verdict with its reason: both price measures against their thresholds, the cuts counted, and
    what list prices cannot show."""
    value = c12_value(fixed_decline_x, frontier_change, frontier_change_high, decline_fast_x, frontier_rule)
    a = fixed_decline_x >= decline_fast_x
    b = frontier_falls(frontier_change, frontier_change_high, frontier_rule)
    pct = (frontier_change - 1) * 100
    how = "90% interval entirely below 1" if frontier_rule == "interval" else "point estimate below 1"
    reason = (
        f"C12 is {value}: (a) at fixed capability the price falls {fixed_decline_x:.3g}x per year ({statistic} of "
        f"Epoch AI's 21 thresholds; {'≥' if a else '<'} {decline_fast_x:g}x, {'cut fast' if a else 'not cut fast'}); "
        f"(b) flagship list prices change {frontier_change:.2f}x per year ({pct:+.0f}% a year, 90% interval "
        f"{frontier_change_low:.2f}–{frontier_change_high:.2f}): {'falling' if b else 'not shown to fall'} (rule: {how})."
    )
    cuts = {k: int(v) for k, v in dict(cuts_by_provider).items() if v}
    if cuts:
        span = f" in {cut_years[0]}–{cut_years[1]}" if cut_years else ""
        reason += (
            " List-price cuts of the same model recorded"
            + span
            + ": "
            + ", ".join(f"{k} {v}" for k, v in cuts.items())
            + "."
        )
    if rising:
        reason += f" Flagship prices rose over their series at {and_join(list(rising))}."
    reason += (
        " List prices cannot show margins: providers' serving costs, discounts and profits are not public, so "
        "falling prices may reflect falling costs rather than a squeeze."
    )
    return Verdict("C12", value, reason)
