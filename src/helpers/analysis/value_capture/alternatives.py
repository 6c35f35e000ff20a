"""Notebook 04's analyst choices and their defensible alternatives (claims C6 and C12), and its verdicts for
any parameters, fast enough for a specification grid.

``DECLARED`` lists every parameter the two verdicts read with the alternatives a referee could defend (the
default is the model's default); ``fixed`` names the one read without a defensible alternative.
``verdicts(inputs, P)`` decides C6 and C12 through the same sections and rules as ``analyze``
(``margins.margins``, ``prices.fixed_capability``, ``prices.frontier``, ``prices.cuts``, then
``sections.c6_verdict`` and ``sections.c12_verdict``), each section cached by the values of the parameters
it reads (``SECTION_READS``), so a specification that changes only a threshold calls only the pure rule.
"""

from __future__ import annotations

from datetime import date

from helpers.core.memo import SectionMemo
from helpers.core.robustness import Alternative, Choice, Declared

from . import margins, prices
from .sections import c6_numbers, c6_verdict, c12_numbers, c12_verdict

__all__ = ["DECLARED", "SECTION_READS", "clear_cache", "judged", "verdicts"]

A = Alternative

_C6 = (
    Choice(
        "razor_margin_pct",
        ("C6",),
        (
            A(
                5.0,
                "razor-thin as grocers and carmakers earn it, not as airlines do",
                "Kroger FY2024 2.6%; Damodaran, US Auto & Truck after-tax operating margin 5.0% (Jan 2024)",
            ),
            A(
                15.0,
                "a looser bar: margins below the typical S&P 500 company's still count as thin",
                "a critic's reading; Damodaran's Computer Services average 6.7% and Delta's 9.7% lie under it",
            ),
        ),
        what="operating margin at or below which a cloud segment counts as 'razor-thin'",
    ),
    Choice(
        "margin_years",
        ("C6",),
        (
            A(
                3,
                "a margin over a cycle, not one year: Google Cloud turned profitable only in 2023",
                "Alphabet 10-K FY2025 segment table (2023-2025)",
            ),
        ),
        what="fiscal years averaged for each segment's margin (revenue-weighted)",
    ),
    Choice(
        "margin_period",
        ("C6",),
        (
            A(
                "latest_period",
                "the newest quarter or trailing twelve months, not the last full fiscal year",
                "Amazon Q4 2025 release; Alphabet TTM to Q1 2026; CoreWeave Q3 2025 release",
            ),
        ),
        what="margins from full fiscal years or each series' newest period",
    ),
    Choice(
        "include_gpu_clouds",
        ("C6",),
        (
            A(
                True,
                "'cloud compute' for AI is rented GPUs, so the GPU-only clouds belong in the judged set",
                "CoreWeave's filings; The Information on Oracle's GPU rentals (gross margin 14%)",
            ),
        ),
        what="judge C6 on the hyperscale segments only or with the GPU-only clouds (CoreWeave)",
    ),
)

_C12 = (
    Choice(
        "decline_fast_x",
        ("C12",),
        (
            A(
                5.0,
                "fast is any decline above the low end of the published fixed-performance rate",
                "Gundlach et al. (2026): 'around 5x to 10x per year' for frontier models",
            ),
            A(
                40.0,
                "fast is Epoch AI's headline rate at GPT-4's level",
                "Epoch AI (2025): 'fell by 40x per year' on GPQA Diamond",
            ),
        ),
        what="decline per year of the price at fixed capability that counts as 'cut fast'",
    ),
    Choice(
        "decline_statistic",
        ("C12",),
        (
            A(
                "median",
                "the typical milestone, as Epoch AI reports a range of separate fits, not a pooled slope",
                "Epoch AI (2025): 21 per-benchmark fits, median 46x (computed from their file)",
            ),
        ),
        what="our fixed-capability estimate the verdict reads: pooled fit or median of the 21 fits",
    ),
    Choice(
        "include_reasoning_models",
        ("C12",),
        (
            A(
                True,
                "reasoning models are the cheapest way to some scores; leaving them out drops real offers",
                "Epoch AI excluded them (llm_price_trends.ipynb, exclude_reasoning_models)",
            ),
        ),
        what="count reasoning models among the cheapest models at a threshold",
    ),
    Choice(
        "frontier_providers",
        ("C12",),
        (
            A(
                ("OpenAI", "Anthropic", "Google"),  # a tuple: grid specifications must be hashable
                "the three labs with a frontier model throughout 2023-2026; xAI and DeepSeek start later",
                "Epoch AI, frontier models data (notebook 01 of this collection)",
            ),
        ),
        what="providers whose flagship list prices are followed",
    ),
    Choice(
        "frontier_tier",
        ("C12",),
        (
            A(
                "with_premium",
                "the frontier is what the most capable tier costs, Pro and research-preview models included",
                "Gundlach et al. (2026): the price of running frontier models is rising",
            ),
        ),
        what="flagship models only, or with the premium tier (GPT-4.5, o1 Pro, GPT-5 Pro ...)",
    ),
    Choice(
        "frontier_since",
        ("C12",),
        (
            A(
                date(2024, 6, 1),
                "the frontier of the last two years, after GPT-4-class models were cut",
                "a referee's window: the essay writes about today's price war",
            ),
        ),
        what="first launch date of the flagship series",
    ),
    Choice(
        "input_share",
        ("C12",),
        (
            A(
                0.5,
                "the plain average of input and output prices",
                "a16z (2024): 'If the price differed for input and output tokens, we took the average'",
            ),
        ),
        what="weight of the input price in the blended price per token (Epoch AI: 3:1)",
    ),
    Choice(
        "frontier_rule",
        ("C12",),
        (
            A(
                "point",
                "falling when the best estimate falls, not only when the 90% interval excludes no change",
                "a lenient referee: the point estimate as the evidence",
            ),
        ),
        what="flagship prices count as falling by the 90% interval's upper end or by the point estimate",
    ),
)

DECLARED = Declared(
    notebook="04_value_capture",
    choices=_C6 + _C12,
    fixed={
        "min_points": "Epoch AI's minimum of 4 observations per fit; every one of the 21 thresholds has at least "
        "4, so fewer changes nothing and more would drop fits Epoch published"
    },
)

# ------------------------------------------------------------------------------------- the verdicts

# every parameter each section reads: the section's cache key
SECTION_READS = {
    "margins": ("margin_period", "margin_years", "include_gpu_clouds"),
    "fixed": ("include_reasoning_models", "min_points"),
    "frontier": ("frontier_providers", "frontier_tier", "frontier_since", "input_share"),
    "cuts": ("input_share",),
}

_memo = SectionMemo()  # the sections shared between specifications (core.memo)
clear_cache, _use, _cached = _memo.clear, _memo.use, _memo.cached


def _reads(name: str, P) -> tuple:
    return tuple(tuple(v) if isinstance(v, list) else v for v in (getattr(P, r) for r in SECTION_READS[name]))


def judged(inputs, P) -> dict:
    """{claim: Verdict} for C6 and C12 under parameters ``P``, as ``sections.judge`` decides them."""
    _use(inputs)
    m = _cached("margins", _reads("margins", P), lambda: c6_numbers(margins.margins(inputs, P)))
    fixed = _cached(
        "fixed", _reads("fixed", P), lambda: prices.fixed_capability(inputs.prices, inputs.epoch_fits, P)
    )
    front = _cached("frontier", _reads("frontier", P), lambda: prices.frontier(inputs.prices, P))
    cut = _cached("cuts", _reads("cuts", P), lambda: prices.cuts(inputs.prices, P))
    return {"C6": c6_verdict(m, P), "C12": c12_verdict(c12_numbers(fixed, front, cut), P)}


def verdicts(inputs, P) -> dict[str, str]:
    """{claim: verdict value} for C6 and C12 under ``P`` (e.g. ``Params().model_copy(update=spec)``)."""
    return {k: v.value for k, v in judged(inputs, P).items()}
