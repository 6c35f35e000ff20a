"""The essay's claims C1-C12: what each says, which notebook holds its evidence, what it is measured by,
and which recorded results are its estimate and its verdict.

One claim is judged here rather than in a notebook: C11 (background figures, context only); its reason is
written below.
"""

from __future__ import annotations

from dataclasses import dataclass

from helpers.core.verdicts import CONTEXT_ONLY

__all__ = ["CLAIMS", "CONC", "EXPORT", "PARITY", "SHORT", "VALUE", "Claim"]


@dataclass(frozen=True)
class Claim:
    id: str
    text: str  # paraphrase with the short quoted fragment that carries the figure
    notebook: str | None  # owner notebook stem (None: context only)
    measure: str
    estimate_keys: tuple  # recorded results shown as the estimate, in order
    verdict_key: str | None = None
    fixed_verdict: str | None = None
    fixed_reason: str = ""


PARITY, CONC, EXPORT = "01_benchmark_parity", "02_compute_concentration", "03_export_controls"
VALUE = "04_value_capture"

CLAIMS: tuple[Claim, ...] = (
    Claim(
        "C1",
        'Open models have won the model layer and are now the default ("open source won").',
        PARITY,
        "Gap between the best open and best closed model (Epoch Capabilities Index, Arena) and the lag in "
        "months",
        ("eci_gap_points_latest", "eci_lag_months", "arena_open_ratio_latest"),
        "verdict_C1",
    ),
    Claim(
        "C2",
        'Llama 4 reaches "90% of GPT-4.5 quality".',
        PARITY,
        "Llama 4 Maverick as a percentage of GPT-4.5 on every measure one evaluator scored for both",
        ("llama4_share_at_threshold_pct", "llama4_vs_gpt45_pct"),
        "verdict_C2",
    ),
    Claim(
        "C3",
        'DeepSeek V4 "matches frontier performance on most benchmarks".',
        PARITY,
        "Share of measures on which DeepSeek V4 Pro is within the tolerance of the best closed model",
        ("deepseek_v4_match_share",),
        "verdict_C3",
    ),
    Claim(
        "C4",
        'Two years ago three organizations could train a frontier model; now "any well-funded lab" '
        "can replicate 2024-era capabilities.",
        PARITY,
        "Organizations with a model above the compute threshold, by year",
        ("orgs_above_compute_threshold",),
        "verdict_C4",
    ),
    Claim(
        "C5",
        'The compute to make models useful "is controlled by five companies" (NVIDIA, TSMC, AWS, '
        "Azure, GCP).",
        CONC,
        "Concentration per layer: shares, CR-n, HHI; what the named five and the real top five hold",
        (
            "nvidia_share_h100e_latest",
            "tsmc_share_latest",
            "cr3_cloud_latest",
            "hyperscaler3_share_h100e_latest",
            "top5_owner_share_h100e_latest",
        ),
        "verdict_C5",
    ),
    Claim(
        "C6",
        'Cloud compute is a commodity with "razor margins".',
        VALUE,
        "Operating margins of the cloud segments (AWS, Microsoft Intelligent Cloud, Google Cloud) against a "
        "stated razor line, GPU-only clouds apart",
        ("cloud_operating_margin_latest_pct", "gpu_cloud_operating_margin_latest_pct"),
        "verdict_C6",
    ),
    Claim(
        "C7",
        'Training DeepSeek V4 cost "$40-60 million"; GPT-4.5 "likely cost 5-10x that".',
        EXPORT,
        "Cost from training compute x price per chip-hour, and the GPT-4.5 / DeepSeek V4 ratio",
        ("deepseek_v4_cost_usd", "gpt45_to_deepseek_v4_cost_ratio", "gpt45_to_deepseek_v4_compute_ratio"),
        "verdict_C7",
    ),
    Claim(
        "C8",
        "A non-US lab operating under export controls matched frontier performance.",
        EXPORT,
        "US vs China: capability lag in months and largest-training-run compute gap",
        ("us_china_capability_lag_months", "us_china_compute_gap_x_latest", "us_china_compute_gap_x_trend"),
        "verdict_C8",
    ),
    Claim(
        "C9",
        'The story shifts from "100,000 H100s" to "10,000 H200s and better algorithms".',
        EXPORT,
        "Compute ratio of the two fleets and the algorithmic gain needed to offset it",
        ("compute_ratio_scenario", "offset_multiplier_needed"),
        "verdict_C9",
    ),
    Claim(
        "C10",
        'Export controls are "a speed bump, not a roadblock".',
        EXPORT,
        "Delay in months the compute gap imposes, under published uncertainty",
        ("delay_months_median", "prob_speed_bump", "prob_roadblock"),
        "verdict_C10",
    ),
    Claim(
        "C11",
        'Context figures: Android "72%" of smartphones; Meta\'s "3.9 billion users".',
        None,
        "Outside the scope of this data",
        (),
        None,
        CONTEXT_ONLY,
        "Background figures for the essay's analogy, not claims about AI compute or models; not tested.",
    ),
    Claim(
        "C12",
        'Model providers are squeezed on price ("cutting API costs repeatedly").',
        VALUE,
        "API price at fixed capability (Epoch AI's method) and flagship list prices per year, with price cuts",
        (
            "price_decline_fixed_capability_x_per_year",
            "frontier_price_change_x_per_year",
            "price_cuts_by_provider",
        ),
        "verdict_C12",
    ),
)


SHORT = {
    "C1": "open models won",
    "C2": "Llama 4 at 90% of GPT-4.5",
    "C3": "DeepSeek V4 matches frontier",
    "C4": "any well-funded lab",
    "C5": "five firms control compute",
    "C6": "cloud: razor margins",
    "C7": "DeepSeek V4 cost $40-60M",
    "C8": "non-US lab matched frontier",
    "C9": "10,000 H200s + algorithms",
    "C10": "controls a speed bump",
    "C11": "context figures",
    "C12": "API price squeeze",
}
