"""The analyst choices behind notebook 01's verdicts (C1-C4), their defensible alternatives, and the verdicts
for any specification of them, fast enough for a specification grid.

``DECLARED`` lists, per claim, every parameter its verdict reads: the model's default and the values a
referee could defend instead, each with its reason and source; ``fixed`` names the parameters a verdict
reads that have no alternative, with the reason. ``verdicts(inputs, P)`` gives {claim: verdict} through the
package's own functions and rules (``verdicts.rule_*``), so the default specification gives the committed
verdicts.

The numbers come from ``grid_numbers``, which computes each piece once per distinct tuple of the
parameter values it reads.
"""

from __future__ import annotations

from helpers.analysis.benchmark_parity import grid_numbers as gn
from helpers.analysis.benchmark_parity.grid_numbers import clear
from helpers.analysis.benchmark_parity.inputs import Inputs
from helpers.analysis.benchmark_parity.verdicts import rule_c1, rule_c4, rule_share
from helpers.core.robustness import Alternative, Choice, Declared

__all__ = ["DECLARED", "clear", "verdicts"]

A = Alternative
AI_INDEX = "Stanford HAI, AI Index Report 2025, Fig. 2.1.34 (open-closed Arena gap 1.7%, 2025-02)"
ISSUE_12 = "issue 12 (a referee rerunning the notebook)"
ESSAY = "the essay under test (claims.md)"

DECLARED = Declared(
    notebook="01_benchmark_parity",
    choices=(
        # ------------------------------------------------------------------------------- C1 (and C3)
        Choice(
            "match_tolerance_pct",
            ("C1", "C3"),
            (
                A(
                    2.0,
                    "parity as the reference report measured it: a gap of about 2% on the Arena",
                    AI_INDEX,
                ),
                A(
                    10.0,
                    "'matches' read as the essay's own parity bar, 90% of the reference (C2's '90% quality')",
                    ESSAY,
                ),
            ),
            what="how close to the best closed model counts as caught up (C1 Arena) or matching (C3)",
        ),
        Choice(
            "caught_up_months",
            ("C1",),
            (
                A(
                    6.0,
                    "within about one closed-lab release cycle (two frontier releases a year)",
                    "Epoch AI Capabilities Index: closed frontier steps 2024-2026",
                ),
                A(
                    12.0,
                    "'won' read loosely: within a year counts, the order of the open-closed lag Epoch AI reported",
                    "Epoch AI (2024), 'How far behind are open models?' (lag of about a year)",
                ),
            ),
            what="upper bound of the ECI lag's interval for open to count as caught up (C1)",
        ),
        Choice(
            "default_share_pct",
            ("C1",),
            (A(70.0, "'the default' as in the essay's own analogy: Android runs 72% of smartphones", ESSAY),),
            what="open-weights share of new notable models for open to be 'the default' (C1)",
        ),
        Choice(
            "comparison_metric",
            ("C1", "C2", "C3"),
            (
                A(
                    "score_ratio",
                    "the AI Index convention: Arena ratings compared as a percentage gap of scores",
                    AI_INDEX,
                ),
                A(
                    "error_ratio",
                    "saturated accuracy benchmarks hide differences that the error-rate ratio shows (Arena "
                    "ratings, with no error rate, by win probability)",
                    "notebook 01 limitations (saturation and contamination); issues 12 and 13",
                ),
            ),
            # 'win_ratio' equals the default 'natural' and 'strict' equals 'error_ratio' (measures.headline_ratio):
            # declaring them would count one specification twice in the grid
            what="the ratio by which an open model is compared with the reference on each measure",
        ),
        Choice(
            "open_definition",
            ("C1",),
            (
                A(
                    "unrestricted_only",
                    "open means usable without licence restrictions: restricted and non-commercial are closed",
                    "Open Source Initiative, Open Source AI Definition 1.0 (2024)",
                ),
            ),
            what="which Epoch accessibility classes count as open (ECI frontier and open share, C1)",
        ),
        Choice(
            "window_start",
            ("C1",),
            (
                A(
                    "2023-01-01",
                    "the longest window the ECI supports: every closed frontier step since GPT-4's era",
                    "Epoch AI Capabilities Index coverage (the parameter's lower bound)",
                ),
                A(
                    "2025-01-01",
                    "the present lag only: closed steps of the reasoning-model era, not 2024's",
                    "a critic's point that older frontier steps dilute today's lag",
                ),
            ),
            what="start of the span over which the ECI lag is estimated (C1)",
        ),
        Choice(
            "arena_category",
            ("C1", "C2", "C3"),
            (
                A(
                    "hard_prompts",
                    "the category Arena built to separate frontier models, where easy prompts do not tie them",
                    "LMSYS (2024), 'Introducing Hard Prompts Category in Chatbot Arena'",
                ),
            ),
            what="which 2026 official Arena category is the Arena measure",
        ),
        Choice(
            "arena_style_control",
            ("C1", "C2", "C3"),
            (
                A(
                    False,
                    "raw preference ratings, without the adjustment that discounts answer length and formatting",
                    "LMSYS (2024), 'Does Style Matter? Disentangling style and substance in Chatbot Arena'",
                ),
            ),
            what="whether the 2026 official Arena ratings are style-controlled",
        ),
        # ------------------------------------------------------------------------------------ C2
        Choice(
            "quality_threshold_pct",
            ("C2",),
            (
                A(
                    85.0,
                    "'90% quality' as a rounded marketing figure: about 90%, to the nearest ten points",
                    ESSAY,
                ),
            ),
            what="share of GPT-4.5's quality Maverick must reach on a measure (C2)",
        ),
        Choice(
            "aa_legacy_scores",
            ("C2",),
            (
                A(
                    "keep",
                    "Artificial Analysis still lists GPT-4.5's legacy index (13.6), so a reader of its site sees it",
                    "Artificial Analysis LLM snapshot 2026-08-22 (data/artificial_analysis.csv, legacy_index_only)",
                ),
            ),
            what="whether Artificial Analysis's legacy index scores count as a measure (C2)",
        ),
        Choice(
            "maverick_variant",
            ("C2",),
            (
                A(
                    "experimental",
                    "the Maverick Meta put on the Arena at launch was an unreleased chat-tuned variant",
                    "LMArena statement on Llama-4-Maverick-03-26-Experimental (April 2025)",
                ),
            ),
            what="which Llama 4 Maverick counts on the Arena (C2)",
        ),
        Choice(
            "majority_pct",
            ("C2", "C3"),
            (
                A(
                    66.7,
                    "'most' as a clear majority (two thirds), so one measure of five cannot decide it",
                    "a critic's stricter reading of 'most benchmarks'",
                ),
            ),
            what="share of measures above which 'most' is reached (C2, C3)",
        ),
        Choice(
            "partly_min_pct",
            ("C2", "C3"),
            (
                A(0.0, "any measure that passes is partial support", "a lenient reading of 'partly'"),
                A(
                    33.3,
                    "partial support needs at least a third of the measures",
                    "a strict reading of 'partly'",
                ),
            ),
            what="share of measures from which a claim counts as partly supported (C2, C3)",
        ),
        # ------------------------------------------------------------------------------------ C4
        Choice(
            "compute_threshold_flop",
            ("C4",),
            (
                A(
                    1e24,
                    "an order of magnitude below: labs training at GPT-3.5 to Llama-2 scale",
                    "notebook 03 (10^24 and 10^25 counts)",
                ),
                A(
                    3e25,
                    "a bar raised with the frontier: a fixed 10^25 means less each year",
                    "notebook 01 limitations (a fixed compute bar)",
                ),
                A(
                    1e26,
                    "the reporting threshold for dual-use foundation models",
                    "US Executive Order 14110 (2023)",
                ),
            ),
            what="training compute above which a model counts as frontier-scale (C4; default: EU AI Act's 10^25)",
        ),
        Choice(
            "c4_org_count",
            ("C4",),
            (
                A(
                    "cumulative",
                    "'can train' is a capability an organization keeps after its first frontier-scale run",
                    ISSUE_12,
                ),
            ),
            what="organizations counted in the year itself or by its end (C4)",
        ),
        Choice(
            "c4_min_orgs",
            ("C4",),
            (
                A(6, "twice the essay's 'three organizations' two years earlier", ESSAY),
                A(12, "the essay's 'Mistral, Qwen, and a dozen others'", ESSAY),
            ),
            what="organizations above the threshold needed for 'any well-funded lab' (C4)",
        ),
        Choice(
            "c4_nth_org",
            ("C4",),
            (
                A(5, "several labs beyond the three, not ten", "a lenient reading of 'any well-funded lab'"),
                A(12, "the essay's 'a dozen others'", ESSAY),
            ),
            what="the n-th organization whose delay to match the reference is judged (C4)",
        ),
        Choice(
            "c4_max_months",
            ("C4",),
            (
                A(
                    12.0,
                    "replication within a year, as 'today' against capabilities of the year before",
                    ESSAY,
                ),
                A(36.0, "'2024-era' counted from early 2024 to the essay's 2026 and a bit", ESSAY),
            ),
            what="months within which the n-th organization must match the reference (C4)",
        ),
        Choice(
            "reference_model",
            ("C4",),
            (
                A(
                    "Claude 3.5 Sonnet (October 2024)",
                    "the strongest non-reasoning model of 2024 as '2024-era capability'",
                    "Epoch AI Capabilities Index",
                ),
                A(
                    "o1",
                    "the end of 2024's frontier: the first reasoning model",
                    "Epoch AI Capabilities Index",
                ),
            ),
            what="the 2024-era model whose ECI the n-th organization must match (C4)",
        ),
    ),
    fixed={
        "as_of": "the data vintage of the run, not an analyst choice (every specification uses the run's)",
        "n_boot": "bootstrap resamples of the lag interval: precision, not a choice (the notebook's 1,000)",
        "seed": "randomness, not a choice",
    },
)


# ------------------------------------------------------------------------------------------ verdicts


def verdicts(inputs: Inputs, P) -> dict[str, str]:
    """{claim: verdict} of C1-C4 for parameters ``P`` (the notebook's Params, possibly changed by
    ``model_copy(update=...)``), through the package's section functions and its pure rules."""
    c1 = rule_c1(
        gn.lag_high(inputs, P),
        gn.arena_ratio(inputs, P),
        gn.open_share(inputs, P),
        caught_up_months=P.caught_up_months,
        tolerance_pct=P.match_tolerance_pct,
        default_share_pct=P.default_share_pct,
    )
    c2 = rule_share(gn.share(*gn.llama4_hits(inputs, P)), P.majority_pct, P.partly_min_pct)
    c3 = rule_share(gn.share(*gn.deepseek_v4_hits(inputs, P)), P.majority_pct, P.partly_min_pct)
    c4 = rule_c4(
        *gn.org_counts(inputs, P),
        gn.nth_months(inputs, P),
        min_orgs=P.c4_min_orgs,
        max_months=P.c4_max_months,
    )
    return {"C1": c1, "C2": c2, "C3": c3, "C4": c4}
