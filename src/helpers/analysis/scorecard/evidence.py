"""Claim against evidence: for each claim with a number, what the essay's words imply on a measurable axis
and the collection's estimate on the same axis, with its interval.

The essay's side is read from its own short fragments (``claims.CLAIMS``): a figure it states ("$40-60
million", "5-10x", "90%") or the region its words imply ("most benchmarks" = over half; "a speed bump" = a
delay inside the notebook's speed-bump band; "razor margins" = an operating margin at or below the
notebook's razor line; "cutting API costs" = falling prices). Claims whose words carry no figure (C1, C4,
C5, C8: "won", "any well-funded lab", "controlled by", "matched") are judged by the notebooks' rules and
are not drawn here. Bands that are parameters are read from the run's parameters, so the figure follows a
rerun. Our side is a recorded result (value, low, high) of the owning notebook. A claim whose result is
missing in a run is left out of the figure, never guessed.
"""

from __future__ import annotations

from dataclasses import dataclass

from helpers.analysis.scorecard.claims import CLAIMS

NOTEBOOK = {c.id: c.notebook for c in CLAIMS}


@dataclass(frozen=True)
class Evidence:
    claim: str
    axis: str  # the comparable axis, in words with its unit
    essay_low: float | None  # the region the essay's words imply (None: open-ended on that side)
    essay_high: float | None
    essay_label: str  # what the essay says, in a few words
    key: str  # the result key of our estimate
    log: bool = False
    param_high: str | None = None  # the essay's upper bound is this parameter of the notebook (a band)
    param_low: str | None = None
    pick: str | None = None  # for a dict-valued result: the item to show (None: every item)


SPECS = (
    Evidence(
        "C2",
        "Llama 4 Maverick as % of GPT-4.5 (per measure, natural metric)",
        90.0,
        None,
        '"90% of GPT-4.5 quality"',
        "llama4_vs_gpt45_pct",
    ),
    Evidence(
        "C3",
        "% of measures where DeepSeek V4 Pro matches the best closed model",
        50.0,
        100.0,
        '"most benchmarks": over half',
        "deepseek_v4_match_share",
    ),
    Evidence(
        "C7",
        "DeepSeek V4 training cost (USD)",
        40e6,
        60e6,
        '"$40-60 million"',
        "deepseek_v4_cost_usd",
        log=True,
    ),
    Evidence(
        "C7",
        "GPT-4.5 cost as a multiple of DeepSeek V4's (x)",
        5.0,
        10.0,
        '"5-10x that"',
        "gpt45_to_deepseek_v4_cost_ratio",
        log=True,
    ),
    Evidence(
        "C10",
        "delay the compute gap imposes (months)",
        0.0,
        None,
        '"a speed bump": inside the speed-bump band',
        "delay_months_median",
        param_high="speed_bump_max_months",
    ),
    Evidence(
        "C6",
        "cloud segment operating margin, latest year (%)",
        None,
        None,
        '"razor margins": at or below the razor line',
        "cloud_operating_margin_latest_pct",
        param_high="razor_margin_pct",
    ),
    Evidence(
        "C12",
        "flagship list price change per year (x; below 1 = falling)",
        None,
        1.0,
        '"cutting API costs repeatedly": falling prices',
        "frontier_price_change_x_per_year",
        log=True,
    ),
)


def rows(upstream: dict, verdicts: dict[str, str]) -> list[dict]:
    """One row per estimate drawn: claim, axis, the essay's region, our value and interval, the verdict.
    ``verdicts`` maps claim -> the scorecard's verdict."""
    results, params = upstream.get("results", {}), upstream.get("params", {})
    out = []
    for e in SPECS:
        nb = NOTEBOOK.get(e.claim)
        entry = results.get(nb, {}).get(e.key)
        if not isinstance(entry, dict):
            continue
        p = params.get(nb, {})
        lo = p.get(e.param_low, e.essay_low) if e.param_low else e.essay_low
        hi = p.get(e.param_high, e.essay_high) if e.param_high else e.essay_high
        if e.param_high and e.param_high not in p:
            continue  # a band that is a parameter, unknown in this run: the essay's side cannot be drawn
        value = entry.get("value")
        items = (
            [(k, v, None, None) for k, v in value.items() if isinstance(v, (int, float))]
            if isinstance(value, dict)
            else [("", value, entry.get("low"), entry.get("high"))]
        )
        if e.pick:
            items = [i for i in items if i[0] == e.pick]
        items = [i for i in items if isinstance(i[1], (int, float)) and not isinstance(i[1], bool)]
        if not items:
            continue
        out.append(
            {
                "claim": e.claim,
                "axis": e.axis,
                "essay_low": lo,
                "essay_high": hi,
                "essay_label": e.essay_label,
                "log": e.log,
                "items": [{"label": k, "value": v, "low": a, "high": b} for k, v, a, b in items],
                "verdict": verdicts.get(e.claim, "not evaluated"),
                "key": e.key,
            }
        )
    return out
