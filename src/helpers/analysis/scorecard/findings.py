"""What the data say, per claim, in one plain sentence with its number and interval: the front page's and
the scorecard's first line under each claim (the verdict's full reasoning stays in the row's reason).

Each sentence is written from the owning notebook's recorded results; a claim whose results are missing
gets no sentence (never a guessed one).
"""

from __future__ import annotations

from collections.abc import Callable

from helpers.core.text import fmt_number


def _v(res: dict, key: str):
    e = res.get(key)
    return e.get("value") if isinstance(e, dict) else None


def one(x) -> str:
    """One decimal (months, multiples): the rounding the collection uses for these quantities."""
    return f"{x:,.1f}"


def two(x) -> str:
    """Two decimals: multiples near or below 1 (a yearly price change of 0.73x)."""
    return f"{x:,.2f}"


def usd(x) -> str:
    return f"${fmt_number(x)}"


def _iv(res: dict, key: str, fmt=one) -> str:
    """' (interval LOW to HIGH)' for a recorded result with both bounds, else ''."""
    e = res.get(key) or {}
    lo, hi = e.get("low"), e.get("high")
    if isinstance(lo, (int, float)) and isinstance(hi, (int, float)):
        return f" (interval {fmt(lo)} to {fmt(hi)})"
    return ""


def _num(x) -> bool:
    return isinstance(x, (int, float)) and not isinstance(x, bool)


def c1(res):
    v = _v(res, "eci_lag_months")
    if not _num(v):
        return ""
    return f"Open-weight models trail the best closed model by {one(v)} months{_iv(res, 'eci_lag_months')} on Epoch AI's Capabilities Index."


def c2(res):
    e = res.get("llama4_share_at_threshold_pct") or {}
    if not e.get("note"):
        return ""
    return f"Llama 4 Maverick against GPT-4.5: {e['note']}."


def c3(res):
    v = _v(res, "deepseek_v4_match_share")
    if not _num(v):
        return ""
    return f"DeepSeek V4 Pro matches the best closed model on {fmt_number(v)}% of the measures compared."


def c4(res):
    cmp = _v(res, "c4_org_comparison")
    if not isinstance(cmp, dict) or "recent" not in cmp:
        return ""
    when = "by the end of" if cmp.get("counting") == "cumulative" else "in"
    return (
        f"{cmp['recent']} organizations released a model above the compute threshold {when} "
        f"{cmp['recent_year']}, against {cmp['earlier']} {when} {cmp['earlier_year']}."
    )


def c5(res):
    share, conc = _v(res, "c5_share_test"), _v(res, "c5_concentration_test")
    if not (_num(share) and _num(conc)):
        return ""
    n = res.get("c5_share_test", {}).get("unit", "of 4 layers").replace("of ", "")
    return (
        f"The five named firms jointly hold a majority in {share} of the {n} of the compute stack; {conc} of "
        f"the {n} are highly concentrated by the merger guidelines' index."
    )


def c6(res):
    m = _v(res, "cloud_operating_margin_latest_pct")
    if not isinstance(m, dict) or not m:
        return ""
    parts = ", ".join(f"{k} {v:.0f}%" for k, v in m.items() if _num(v))
    return f"Operating margins of the cloud segments in the latest year: {parts}."


def c7(res):
    v = _v(res, "deepseek_v4_cost_usd")
    if not _num(v):
        return ""
    ratio = _v(res, "gpt45_to_deepseek_v4_cost_ratio")
    more = (
        f"; GPT-4.5's about {one(ratio)}x that{_iv(res, 'gpt45_to_deepseek_v4_cost_ratio')}"
        if _num(ratio)
        else ""
    )
    return (
        f"DeepSeek V4's training compute costs about {usd(v)}{_iv(res, 'deepseek_v4_cost_usd', usd)} at rental "
        f"prices{more}."
    )


def c8(res):
    v = _v(res, "us_china_capability_lag_months")
    if not _num(v):
        return ""
    return (
        f"The best Chinese model trails the best US model by {one(v)} months"
        f"{_iv(res, 'us_china_capability_lag_months')} on Epoch AI's Capabilities Index."
    )


def c9(res):
    v, months = _v(res, "compute_ratio_scenario"), _v(res, "offset_months_needed")
    if not (_num(v) and _num(months)):
        return ""
    s = (
        f"Making up the {fmt_number(v)}x compute gap between the essay's two fleets takes {one(months)} months "
        f"of algorithmic progress{_iv(res, 'offset_months_needed')}"
    )
    share = _v(res, "algorithmic_share_of_growth")
    if _num(share):
        s += f"; algorithms supply {share:.0%} of the frontier's effective-compute growth"
        s += _iv(res, "algorithmic_share_of_growth", lambda x: f"{x:.0%}")
    return s + "."


def c10(res):
    v = _v(res, "delay_months_median")
    if not _num(v):
        return ""
    return f"The compute gap delays the restricted side by a median {one(v)} months{_iv(res, 'delay_months_median')}."


def c12(res):
    fixed, flag = (
        _v(res, "price_decline_fixed_capability_x_per_year"),
        _v(res, "frontier_price_change_x_per_year"),
    )
    if not _num(fixed):
        return ""
    tail = (
        f"; flagship list prices change {two(flag)}x a year{_iv(res, 'frontier_price_change_x_per_year', two)}"
        if _num(flag)
        else ""
    )
    return (
        f"At fixed capability, API prices fall {one(fixed)}x a year"
        f"{_iv(res, 'price_decline_fixed_capability_x_per_year')}{tail}."
    )


FINDINGS: dict[str, Callable[[dict], str]] = {
    "C1": c1,
    "C2": c2,
    "C3": c3,
    "C4": c4,
    "C5": c5,
    "C6": c6,
    "C7": c7,
    "C8": c8,
    "C9": c9,
    "C10": c10,
    "C12": c12,
}


def finding(claim: str, results: dict) -> str:
    """The plain sentence for ``claim`` from its notebook's ``results`` ('' when they are missing)."""
    fn = FINDINGS.get(claim)
    return fn(results) if fn else ""
