"""Notebook 03's analyst choices and their defensible alternatives (claims C7-C10), in one readable place.

``DECLARED`` lists, for each claim, every parameter its verdict reads with the alternatives a referee
could defend (the default is the model's default); parameters a verdict reads without a defensible
alternative are in ``fixed`` with the reason. ``verdicts(inputs, P)`` ({claim: verdict value}) comes from
``specs``: the same sections and ``claims.judge_claims`` as ``analyze``, each section cached by the values of
the parameters it reads, so a threshold-only specification calls only the pure rules.

C10's Monte Carlo runs ``GRID_DRAWS`` (10,000) draws per specification instead of ``n_draws`` (200,000),
with the same seed. Where a band probability lies within ``ESCALATE_SE`` (4) Monte Carlo standard errors of
``verdict_probability`` (so 10,000 draws could put it on the wrong side), the specification is simulated
again with the full ``n_draws`` and judged on those draws, as the notebook would judge it (``c10_margin``
reports the margin, its error and the draws used). The verdict needs only the simulated delays, so the grid
skips the tornado and the deterministic variants that ``delay_model`` adds for the notebook's figures.
"""

from __future__ import annotations

from helpers.core.robustness import Alternative, Choice, Declared

from .specs import ESCALATE_SE, GRID_DRAWS, SECTION_READS, c10_margin, judged, verdicts

__all__ = [
    "DECLARED",
    "ESCALATE_SE",
    "GRID_DRAWS",
    "MONTE_CARLO",
    "SECTION_READS",
    "c10_margin",
    "judged",
    "verdicts",
]


def _c10_monte_carlo(inputs, P) -> dict:
    m = c10_margin(inputs, P)
    return {"draws": m["draws"], "margin_se": m["margin_se"]}


# claims whose verdict rests on a Monte Carlo: per specification, the draws used and the distance of the
# deciding probability from its bar in Monte Carlo standard errors (the grid writes both, and flags a
# specification whose distance is under runner.robustness.MC_FLAG_SE)
MONTE_CARLO = {"C10": _c10_monte_carlo}


A = Alternative

# ------------------------------------------------------------------------------------- the choices

_C7 = (
    Choice(
        "price_usd_per_gpu_hour",
        ("C7",),
        (
            A(
                3.47,
                "the market price: median on-demand H100/H800 rental since 2024",
                "hardware_prices table (18 on-demand quotes, median $3.47)",
            ),
            A(
                3.73,
                "a long-term contract price, as a lab renting a whole cluster would pay",
                "hardware_prices table: median 3-year committed H100/H800 price since 2024 (2 quotes)",
            ),
        ),
        what="rental price per GPU-hour of the central V4 cost (default: DeepSeek-V3's own $2 per H800-hour)",
    ),
    Choice(
        "compute_uncertainty_factor",
        ("C7",),
        (
            A(
                1.5,
                "a tighter range than the default factor of 2",
                "a referee's reading (Epoch publishes no interval for this estimate)",
            ),
            A(
                3.0,
                "a wider range: Epoch labels V4-Pro's compute Likely, not Confident as for V3",
                "Epoch AI models table, compute_confidence column",
            ),
        ),
        what="uncertainty factor of Epoch's V4-Pro compute estimate (range: compute / k .. x k)",
    ),
)

_C8 = (
    Choice(
        "eci_tolerance",
        ("C8",),
        (
            A(
                3.0,
                "a looser match: 3 ECI points, about 3 months of the US frontier's progress",
                "issue 12's referee rerun; the US ECI frontier rose about 11.6 points a year since 2023",
            ),
            A(
                1.0,
                "a stricter match: 1 ECI point, about a month of frontier progress",
                "capabilities table: the US ECI frontier's pace since 2023",
            ),
            A(
                0.0,
                "strict: any lead of the US model counts against a match",
                "the strict reading of 'matched'",
            ),
        ),
        what="ECI points within which the best Chinese model counts as level with the best US model",
    ),
    Choice(
        "c8_close_months",
        ("C8",),
        (
            A(
                6.0,
                "close behind as half a year: about one frontier model release cycle",
                "a stricter referee reading (no published bound)",
            ),
            A(
                18.0,
                "a looser bound: a year and a half behind still counts as close",
                "a looser referee reading (no published bound)",
            ),
        ),
        what="capability lag (months) up to which China counts as close behind the US",
    ),
)

_BANDS = (
    Choice(
        "speed_bump_max_months",
        ("C9", "C10"),
        (
            A(6.0, "a speed bump as half a year: one model generation", "a stricter reading of 'speed bump'"),
            A(18.0, "a speed bump as a year and a half", "a looser reading of 'speed bump'"),
        ),
        what="the longest delay (months) that counts as a speed bump",
    ),
    Choice(
        "roadblock_min_months",
        ("C9", "C10"),
        (
            A(
                24.0,
                "a roadblock as two years: two model generations lost",
                "a looser reading of 'roadblock'",
            ),
            A(48.0, "a roadblock as four years", "a stricter reading of 'roadblock'"),
        ),
        what="the shortest delay (months) that counts as a roadblock",
    ),
)

_SCENARIO = (
    Choice(
        "restricted_chips",
        ("C9", "C10"),
        (
            A(
                5_000,
                "a 20x chip gap: tighter controls than the essay's 10x",
                "issue 12's referee rerun (20x)",
            ),
            A(20_000, "a 5x chip gap: looser controls or smuggled chips", "half the essay's gap"),
        ),
        what="chips on the restricted side (the essay: 10,000 against 100,000)",
    ),
    Choice(
        "restricted_utilization",
        ("C9", "C10"),
        (
            A(
                0.33,
                "the restricted side's achieved utilization: DeepSeek-V3's on H800s",
                "DeepSeek-V3 report's GPU-hours with Epoch's compute estimate (costs section: 33%)",
            ),
        ),
        what="utilization of the restricted side (default None: the same 40% as the frontier)",
    ),
    Choice(
        "halving_months",
        ("C9", "C10"),
        (
            A(
                6.0,
                "faster algorithmic progress: about 4x a year today",
                "Amodei 2025, 'On DeepSeek and Export Controls': ~4x a year (a 6-month halving)",
            ),
            A(
                14.0,
                "slower algorithmic progress: the slow end of the tighter interval",
                "Ho et al. 2024, arXiv v1: 95% CI 5-14 months",
            ),
        ),
        what="halving time (months) of the compute needed for a fixed performance (Ho et al. 2024: 8)",
    ),
    Choice(
        "frontier_compute_growth_per_year",
        ("C9", "C10"),
        (
            A(
                4.0,
                "the low end of the frontier's compute growth",
                "Epoch AI: frontier training compute 4-5x a year",
            ),
            A(
                5.0,
                "the high end of the frontier's compute growth",
                "Epoch AI: frontier training compute 4-5x a year",
            ),
        ),
        what="growth of the frontier side's physical training compute (x per year)",
    ),
)

_C10 = (
    Choice(
        "restricted_compute_growth_per_year",
        ("C10",),
        (
            A(
                4.5,
                "equal growth: the restricted side's compute grows as fast as the frontier's (the earlier default)",
                "Epoch AI: frontier training compute 4-5x a year; the essay's implicit assumption",
            ),
            A(
                3.5,
                "controls freeze the restricted side's chips: 4.5x less hardware growth of 1.29x",
                "issue 12; Epoch AI: ML hardware performance grows 1.29x a year (4.5 / 1.29 = 3.5)",
            ),
            A(
                5.0,
                "the restricted side builds out as fast as the frontier's high end",
                "Epoch AI: 4-5x a year",
            ),
        ),
        what="growth of the restricted side's physical training compute (x per year; default None: estimated "
        "from Epoch's chip owners as frontier growth x China's H100e stock growth / all tracked stock growth)",
    ),
    Choice(
        "restricted_growth_ci_factor",
        ("C10",),
        (
            A(
                1.12,
                "as certain as the frontier's growth: Epoch's 4-5x range around 4.5",
                "Epoch AI: frontier training compute 4-5x a year",
            ),
            A(
                2.0,
                "wider: Huawei and smuggled chips could double or halve the restricted side's growth",
                "Epoch AI chip owners: 'China' counts legal NVIDIA and AMD shipments only",
            ),
        ),
        what="uncertainty of the restricted side's growth (default None: estimate / China's legal stock growth)",
    ),
    Choice(
        "algorithms_diffuse",
        ("C10",),
        (
            A(
                False,
                "no diffusion: the restricted side gets none of the frontier's algorithmic progress",
                "issue 12; the bound of closed research with no leaks or publication",
            ),
        ),
        what="does the restricted side get the frontier's algorithmic progress?",
    ),
    Choice(
        "halving_months_low",
        ("C10",),
        (
            A(
                5.0,
                "the lower end of the tighter published interval",
                "Ho et al. 2024, arXiv v1: 95% CI 5-14 months",
            ),
        ),
        what="lower end of the halving time's interval (NeurIPS version: 2 months); enters C9 only in its reason",
    ),
    Choice(
        "halving_months_high",
        ("C10",),
        (
            A(
                14.0,
                "the upper end of the tighter published interval",
                "Ho et al. 2024, arXiv v1: 95% CI 5-14 months",
            ),
        ),
        what="upper end of the halving time's interval (NeurIPS version: 22 months); enters C9 only in its reason",
    ),
    Choice(
        "halving_ci_level",
        ("C10",),
        (
            A(
                0.95,
                "the interval read at the arXiv version's level",
                "Ho et al. 2024, arXiv v1: a 95% interval",
            ),
        ),
        what="confidence level of the halving time's interval (NeurIPS version: 90%)",
    ),
    Choice(
        "growth_ci_factor",
        ("C10",),
        (
            A(
                1.0,
                "growth rates as known: no uncertainty in either",
                "the deterministic reading of Epoch's 4.5x",
            ),
            A(
                1.22,
                "wider: the relative range of frontier budget growth",
                "Epoch AI: frontier budgets grow 2-3x a year (a factor 1.22 around 2.5)",
            ),
        ),
        what="uncertainty of both growth rates (90% interval: g / factor .. g x factor)",
    ),
    Choice(
        "horizon_years",
        ("C10",),
        (
            A(1.0, "the delay a year from now: the next model generation", "a shorter policy horizon"),
            A(5.0, "the delay five years from now", "a longer policy horizon"),
        ),
        what="years ahead at which the delay is measured (matters only when the two sides grow differently)",
    ),
    Choice(
        "verdict_probability",
        ("C10",),
        (
            A(
                0.66,
                "the band must be likely, not just more likely than not",
                "IPCC calibrated language: likely, >= 66%",
            ),
            A(0.9, "the band must be very likely", "IPCC calibrated language: very likely, >= 90%"),
        ),
        what="probability a band needs for the verdict to rest on it (default: more likely than not)",
    ),
)

_C9 = (
    Choice(
        "algorithmic_share_bar",
        ("C9",),
        (
            A(
                0.4,
                "algorithms as a large share, not a majority, of effective-compute growth",
                "a looser reading",
            ),
            A(0.6, "algorithms as a clear majority of effective-compute growth", "a stricter reading"),
        ),
        what="least share of the frontier's effective-compute growth algorithms must supply for supported",
    ),
)

DECLARED = Declared(
    notebook="03_export_controls",
    choices=_C7 + _C8 + _BANDS + _SCENARIO + _C10 + _C9,
    fixed={
        "essay_cost_low_usd": "the essay's figure ($40M), the claim under test, not a choice",
        "essay_cost_high_usd": "the essay's figure ($60M), the claim under test, not a choice",
        "essay_ratio_low": "the essay's figure (5x), the claim under test, not a choice",
        "essay_ratio_high": "the essay's figure (10x), the claim under test, not a choice",
        "frontier_chips": "the essay's scenario (100,000 chips); the gap is varied through restricted_chips",
        "frontier_chip": "the essay's scenario (H100); the gap is varied through restricted_chips",
        "restricted_chip": "the essay's scenario (H200 on the restricted side, the same peak as the H100)",
        "utilization": "the same on both sides, so it cancels in the compute ratio; restricted_utilization varies",
        "n_draws": f"Monte Carlo size, not a choice; the grid draws {GRID_DRAWS:,} per specification, n_draws near "
        "a bar",
        "seed": "randomness, not a choice (the Monte Carlo and the trend fit's coefficient draws)",
        "lag_avg_start": "the window of the time-averaged ECI lag (Epoch AI's estimand), recorded and reproduced; "
        "no verdict reads it",
        "lag_avg_tolerance": "the tolerance of the time-averaged ECI lag (Epoch AI's: 1 point); no verdict reads it",
        "trend_start_year": "read by the compute record, whose numbers in the C8 verdict (the largest runs over several "
        "windows) do not depend on it; it enters the reason only through the fitted trend",
    },
)
