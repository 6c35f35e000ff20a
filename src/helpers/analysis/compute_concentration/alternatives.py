"""Notebook 02's analyst choices and their defensible alternatives (claim C5), and its verdicts for any
parameters, fast enough for a specification grid.

``DECLARED`` lists every parameter C5's verdict reads with the alternatives a referee could defend (the
default is the model's default); parameters it reads without a defensible alternative are in ``fixed``
with the reason. ``verdicts(inputs, P)`` decides C5 through the same sections and the same rule as
``analyze`` (``inputs.from_tables``, ``layers.concentration``, ``companies.named_companies``, then
``sections.c5_numbers`` and ``sections.c5_verdict``, which ``sections.judge`` calls too), each section
cached by the values of the parameters it reads (``SECTION_READS``): a specification that changes only a
threshold or a rule choice reuses every number and calls only the pure rule.

C6 ("razor margins") is notebook 04's claim (cloud segments' operating margins from filings); its choices
are declared in ``analysis/value_capture/alternatives.py``.

Two of the declared choices cannot move C5's value at any data, and are declared because a referee asks
about them and the grid shows it: ``cap_other_at_smallest_named`` moves only the upper HHI bounds (the rule
reads the low bounds), and ``top_n_owners`` only the real top owners the verdict's reason names. The grid
still computes the sections under each of their values, so that is checked, not assumed.
"""

from __future__ import annotations

from helpers.core.memo import SectionMemo
from helpers.core.robustness import Alternative, Choice, Declared

from . import companies, layers
from .inputs import from_tables
from .sections import c5_numbers, c5_verdict

__all__ = ["DECLARED", "DISPLAY_READS", "SECTION_READS", "clear_cache", "judged", "verdicts"]

A = Alternative

_RULE = (
    Choice(
        "hhi_highly_concentrated",
        ("C5",),
        (
            A(
                2500.0,
                "the older, stricter bar for a highly concentrated market",
                "2010 US Horizontal Merger Guidelines, section 5.3: HHI above 2,500",
            ),
            A(
                2000.0,
                "the European bar above which a merger may raise concerns",
                "EU Horizontal Merger Guidelines (2004), paragraph 20: post-merger HHI above 2,000",
            ),
        ),
        what="HHI above which a layer counts as highly concentrated (2023 US Merger Guidelines: 1,800)",
    ),
    Choice(
        "control_share_pct",
        ("C5",),
        (
            A(
                40.0,
                "control as a dominant position, which can start below half a market",
                "European Commission, Article 102 Guidance (2009), paragraph 14: dominance unlikely below 40%",
            ),
            A(
                60.0,
                "control as a clear majority, not a bare half",
                "Alcoa (2d Cir. 1945): 90% is enough for monopoly power, 60-64% doubtful",
            ),
            A(
                75.0,
                "control as three quarters, above the share US enforcers presumed monopoly power from",
                "US DOJ, Section 2 report (2008): over two-thirds held for a significant period",
            ),
        ),
        what="share of a layer the named companies must hold together to count as controlling it",
    ),
    Choice(
        "require_all_highly_concentrated",
        ("C5",),
        (
            A(
                False,
                "'controlled by five companies' is about who holds each layer, not about each layer's HHI",
                "issue 12's referee rerun: the named companies' joint shares alone",
            ),
        ),
        what="does supported also need every layer's HHI low bound above the highly concentrated bar?",
    ),
    Choice(
        "not_supported_below",
        ("C5",),
        (
            A(
                0.25,
                "lenient: any controlled layer is partial support (not supported only when none is)",
                "a looser referee reading of the rule's cut (four layers: fewer than one)",
            ),
            A(
                1.0,
                "strict: the claim is about the whole stack, so one layer out of their hands refutes it",
                "the essay's wording: the compute 'is controlled by five companies'",
            ),
        ),
        what="fraction of the layers below which C5 is not supported (default: fewer than half controlled)",
    ),
)

_COUNTING = (
    Choice(
        "chips_under_parents",
        ("C5",),
        (
            A(
                True,
                "GCP and AWS stand for Google and Amazon, whose own chips (TPU, Trainium) are part of their hold",
                "issue 12; Epoch AI, AI Chip Owners: TPU and Trainium are Google's and Amazon's designs",
            ),
        ),
        what="count Google TPU and Amazon Trainium among the named companies' accelerators (via GCP, AWS)",
    ),
    Choice(
        "accelerator_basis",
        ("C5",),
        (
            A(
                "last_4_quarters",
                "the market today: shares of the H100e added in a year, as analysts' shares are of a period",
                "Epoch AI, AI Chip Owners (stock a year apart); TechInsights' unit shares per year",
            ),
        ),
        what="accelerator shares from the H100e stock (default) or from the H100e added in four quarters",
    ),
    Choice(
        "owner_quantile",
        ("C5",),
        (
            A("p5", "the low end of Epoch's ownership estimates", "Epoch AI, AI Chip Owners: 5th percentile"),
            A(
                "p95",
                "the high end of Epoch's ownership estimates",
                "Epoch AI, AI Chip Owners: 95th percentile",
            ),
        ),
        what="which of Epoch's ownership estimates gives the point values (default: the median)",
    ),
    Choice(
        "china_as_one_owner",
        ("C5",),
        (
            A(
                True,
                "Chinese AI compute acts as one bloc under state direction, so count it as one owner",
                "Epoch AI's 'China' bucket groups many Chinese firms; a critic's bloc reading",
            ),
        ),
        what="Epoch's China owner bucket as one firm (True) or as unallocated (default)",
    ),
    Choice(
        "cap_other_at_smallest_named",
        ("C5",),
        (
            A(
                True,
                "a top-n list names the largest firms, so no unnamed firm is larger than the smallest named",
                "the standard tighter HHI upper bound for a top-n share table",
            ),
        ),
        what="upper HHI bound's unallocated share as firms below the smallest named one (the rule reads "
        "the low bound, so this moves only the reason's ranges)",
    ),
    Choice(
        "top_n_owners",
        ("C5",),
        (
            A(
                3,
                "the real top three, as many as the cloud parents the essay names",
                "the essay's AWS, Azure, GCP",
            ),
            A(
                8,
                "the eight largest named owners the notebook lists",
                "Epoch AI, AI Chip Owners: owner ranking",
            ),
        ),
        what="size of the real top set of AI compute owners (enters C5's reason, not its value)",
    ),
    Choice(
        "min_named_firms",
        ("C5",),
        (
            A(
                1,
                "every release counts: the HHI range is a valid bound whatever the number of firms named, and "
                "the newest release is the latest market",
                "measures.hhi_bounds: low = named firms' squares, high = the unallocated share as one firm",
            ),
        ),
        what="fewest firms a market-share release must name to count as a layer's latest period and in "
        "the HHI over time (one rule for both)",
    ),
    Choice(
        "exclude_incomplete",
        ("C5",),
        (
            A(
                False,
                "use the newest quarter even where Epoch flags its estimates incomplete",
                "Epoch AI, AI Chip Owners: the incomplete flag",
            ),
        ),
        what="skip quarters Epoch flags as incomplete when choosing the latest ownership quarter",
    ),
)

DECLARED = Declared(
    notebook="02_compute_concentration",
    choices=_RULE + _COUNTING,
    fixed={
        "as_of": "the date the claim is judged at (default: the newest quarter with all four designers); an "
        "earlier date judges the past, not another reading of the claim",
        "named_companies": "the claim under test: the essay's five companies; counting their parents' chips is "
        "the chips_under_parents choice",
        "hhi_moderately_concentrated": "read only for the band labels of the concentration table; C5's rule "
        "compares the HHI low bounds with hhi_highly_concentrated alone",
        "n_draws": "Monte Carlo size, not a choice; the grid keeps the notebook's draws (the owners' HHI low bound "
        "is the smaller of the point value and the draws' 5th percentile)",
        "seed": "randomness, not a choice (the owners' Monte Carlo)",
    },
)

# ------------------------------------------------------------------------------------- the verdicts

# every parameter each section reads: the section's cache key (tests check the sections read no other,
# besides DISPLAY_READS, which they read for labels only)
SECTION_READS = {
    "inputs": ("as_of", "exclude_incomplete", "min_named_firms"),
    "concentration": (
        "owner_quantile",
        "accelerator_basis",
        "cap_other_at_smallest_named",
        "china_as_one_owner",
        "top_n_owners",
        "n_draws",
        "seed",
    ),
    "named": ("named_companies", "chips_under_parents", "top_n_owners"),
}
# read by layers.concentration for its table's band labels only; no number C5's rule reads depends on them
DISPLAY_READS = ("hhi_moderately_concentrated", "hhi_highly_concentrated")

_memo = SectionMemo()  # the sections shared between specifications (core.memo)
clear_cache, _use, _cached = _memo.clear, _memo.use, _memo.cached


def _reads(name: str, P) -> tuple:
    return tuple(tuple(v) if isinstance(v, list) else v for v in (getattr(P, r) for r in SECTION_READS[name]))


def _numbers(inputs, P) -> dict:
    """``sections.c5_numbers`` for parameters ``P``, from the cached sections."""
    _use(inputs)
    # the latest periods: from_tables as load_inputs does, on the tables already loaded
    inp = _cached(
        "inputs", _reads("inputs", P), lambda: from_tables(inputs.owners, inputs.clusters, inputs.shares, P)
    )
    periods = (inp.q, inp.p_cloud, inp.p_foundry, inp.p_gpu)
    ckey = periods + _reads("concentration", P)
    # the concentration's parts under the parameters each reads (most specifications share most parts)
    memo = _memo.store.setdefault("concentration parts", {})
    conc = _cached("concentration", ckey, lambda: layers.concentration(inp, P, memo))
    nkey = ckey + _reads("named", P)
    # the accelerator layer's two countings read the named companies only, not the other named choices
    akey = ckey + (tuple(P.named_companies),)
    acc = _cached("accelerator views", akey, lambda: companies.accelerator_views(conc, P.named_companies))
    return _cached("numbers", nkey, lambda: c5_numbers(conc, companies.named_companies(conc, P, acc)))


def judged(inputs, P) -> dict:
    """{claim: Verdict} for C5 under parameters ``P``, as ``sections.judge`` decides it."""
    return {"C5": c5_verdict(_numbers(inputs, P), P)}


def verdicts(inputs, P) -> dict[str, str]:
    """{claim: verdict value} for C5 under ``P`` (e.g. ``Params().model_copy(update=spec)``)."""
    return {k: v.value for k, v in judged(inputs, P).items()}
