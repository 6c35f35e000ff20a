"""Hand-compiled tables that no build derives: every row carries a ``source_id`` into ``data/sources/*.yaml``.

- ``export_controls``, ``trend_estimates``, ``reported_training_runs``: cited in ``data/sources/controls.yaml``;
- ``market_shares``: published analyst shares per layer of the compute stack (Synergy Research Group,
  TrendForce, TechInsights), cited in ``data/sources/compute.yaml``.

The compiled tables that a build reads (``chip_spec_gaps``, ``arena_open_overrides``, ``aa_name_map``) live
next to the derived table they correct.
"""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa

from helpers.data.catalog import Dataset, Source, register
from helpers.data.tables.common import ACCESSED, CONTROLS_COMPILED, nonneg_float

# ------------------------------------------------------------------------------------ export_controls

EFFECTS = ("licence_required", "exports_allowed", "case_by_case_review")

register(
    Dataset(
        name="export_controls",
        title="US export controls on AI chips to China, with their thresholds",
        description="The US rules and decisions on exporting AI accelerators to China by date: the 2022 and 2023 "
        "BIS thresholds (TPP, performance density, interconnect), the 2025 licence requirement for the "
        "H20 and its reversal, the December 2025 H200 decision and the January 2026 review policy. One "
        "row per rule clause; a chip is caught by a clause when it meets every threshold the clause sets "
        "(minimums inclusive, maximums exclusive).",
        schema=pa.DataFrameSchema(
            {
                "rule_id": pa.Column(str),
                "clause": pa.Column(str),
                "date": pa.Column(
                    "datetime64[ns]",
                    checks=pa.Check.in_range(pd.Timestamp("2022-01-01"), pd.Timestamp("2027-12-31")),
                ),
                "date_precision": pa.Column(str, checks=pa.Check.isin(["day", "month"])),
                "instrument": pa.Column(str),
                "effect": pa.Column(str, checks=pa.Check.isin(list(EFFECTS))),
                "tpp_min": nonneg_float(),
                "tpp_max": nonneg_float(),
                "performance_density_min": nonneg_float(),
                "performance_density_max": nonneg_float(),
                "interconnect_min_gb_s": nonneg_float(),
                "memory_bandwidth_max_gb_s": nonneg_float(),
                "chips_named": pa.Column(str, nullable=True),
                "revenue_share_pct": pa.Column(float, nullable=True, checks=pa.Check.in_range(0, 100)),
                "source_id": pa.Column(str),
            },
            strict=True,
            coerce=True,
        ),
        key=("rule_id", "clause"),
        sources=[CONTROLS_COMPILED],
        kind="compiled",
        date_columns=("date",),
        columns_doc={
            "rule_id": ("id of the rule or decision (issuer_year_month)", ""),
            "clause": ("clause of the rule (ECCN paragraph, 'named' for chip-specific decisions)", ""),
            "date": ("date announced (first of the month when only the month is known)", "date"),
            "date_precision": ("day or month", ""),
            "instrument": ("what the rule or decision is", ""),
            "effect": ("licence_required, exports_allowed (named chips) or case_by_case_review", ""),
            "tpp_min": ("clause applies from this TPP up (inclusive)", "TPP"),
            "tpp_max": ("clause applies below this TPP (exclusive)", "TPP"),
            "performance_density_min": ("clause applies from this performance density up", "TPP per mm2"),
            "performance_density_max": ("clause applies below this performance density", "TPP per mm2"),
            "interconnect_min_gb_s": ("clause applies from this chip-to-chip bandwidth up", "GB/s"),
            "memory_bandwidth_max_gb_s": ("clause applies below this memory bandwidth", "GB/s"),
            "chips_named": ("chips named by a chip-specific decision, ';'-separated", ""),
            "revenue_share_pct": ("share of China revenue to the US government under the decision", "%"),
            "source_id": ("citation id in data/sources/controls.yaml", ""),
        },
        notes="The January 2025 AI Diffusion rule (rescinded in May 2025) and the December 2024 HBM rule are left "
        "out: their chip thresholds could not be verified. The 2023 rule's 3A090.b clauses concern chips "
        "also eligible for a notified licence exception outside data centres; here they count as controlled.",
    )
)


# ------------------------------------------------------------------------------------ trend_estimates

register(
    Dataset(
        name="trend_estimates",
        title="Published rates of AI progress with their intervals",
        description="Published estimates of algorithmic progress (halving time of the compute needed for fixed "
        "performance), training-compute growth, hardware price-performance and training-cost growth, "
        "each with its interval and the interval's level as published.",
        schema=pa.DataFrameSchema(
            {
                "estimate_id": pa.Column(str, unique=True),
                "quantity": pa.Column(str),
                "central": pa.Column(float, checks=pa.Check.gt(0)),
                "interval_low": nonneg_float(),
                "interval_high": nonneg_float(),
                "interval_kind": pa.Column(
                    str, checks=pa.Check.isin(["confidence_interval", "range", "none"])
                ),
                "interval_level_pct": pa.Column(float, nullable=True, checks=pa.Check.in_range(50, 99.9)),
                "unit": pa.Column(str),
                "period": pa.Column(str),
                "source_id": pa.Column(str),
            },
            strict=True,
            coerce=True,
            checks=[
                pa.Check(
                    lambda d: (
                        (d["interval_low"].isna() | (d["interval_low"] <= d["central"]))
                        & (d["interval_high"].isna() | (d["interval_high"] >= d["central"]))
                    ),
                    error="interval_low <= central <= interval_high",
                )
            ],
        ),
        key=("estimate_id",),
        sources=[CONTROLS_COMPILED],
        kind="compiled",
        columns_doc={
            "estimate_id": ("id of the estimate", ""),
            "quantity": ("what is estimated", ""),
            "central": ("central (point) estimate", "see unit"),
            "interval_low": ("lower end of the published interval", "see unit"),
            "interval_high": ("upper end of the published interval", "see unit"),
            "interval_kind": ("confidence_interval (with a level), range (no stated level) or none", ""),
            "interval_level_pct": ("level of the confidence interval", "%"),
            "unit": ("unit of central and the interval", ""),
            "period": ("years the estimate covers", ""),
            "source_id": ("citation id in data/sources/controls.yaml", ""),
        },
    )
)


# ----------------------------------------------------------------------------- reported_training_runs

register(
    Dataset(
        name="reported_training_runs",
        title="Training runs with GPU-hours reported by their developers",
        description="GPU-hours and rental-price assumptions that developers themselves reported, used to "
        "calibrate cost estimates (DeepSeek-V3: 2.788M H800 GPU-hours at $2 per GPU-hour).",
        schema=pa.DataFrameSchema(
            {
                "model": pa.Column(str, unique=True),
                "chip": pa.Column(str),
                "gpu_hours": pa.Column(float, checks=pa.Check.gt(0)),
                "price_usd_per_gpu_hour": pa.Column(float, checks=pa.Check.gt(0)),
                "reported_cost_usd": pa.Column(float, checks=pa.Check.gt(0)),
                "scope": pa.Column(str),
                "source_id": pa.Column(str),
            },
            strict=True,
            coerce=True,
            checks=[
                pa.Check(
                    lambda d: (
                        (d["gpu_hours"] * d["price_usd_per_gpu_hour"] - d["reported_cost_usd"]).abs()
                        <= 0.01 * d["reported_cost_usd"]
                    ),
                    error="gpu_hours x price = reported cost",
                )
            ],
        ),
        key=("model",),
        sources=[CONTROLS_COMPILED],
        kind="compiled",
        columns_doc={
            "model": ("model name as in Epoch AI's models data", ""),
            "chip": ("chip the run used (short name of the chips table)", ""),
            "gpu_hours": ("GPU-hours of the reported training run", "GPU-hours"),
            "price_usd_per_gpu_hour": ("rental price the developer assumed", "USD per GPU-hour"),
            "reported_cost_usd": ("cost the developer reported (gpu_hours x price)", "USD"),
            "scope": ("what the reported figure covers", ""),
            "source_id": ("citation id in data/sources/controls.yaml", ""),
        },
    )
)


# ------------------------------------------------------------------------------------- market_shares

LAYERS = ("cloud", "foundry", "data-center GPU")

_share_schema = pa.DataFrameSchema(
    {
        "layer": pa.Column(str, pa.Check.isin(LAYERS)),
        "period": pa.Column(str, pa.Check.str_matches(r"^\d{4}(Q[1-4])?$")),
        "company": pa.Column(str),
        "share_pct": pa.Column(float, pa.Check.in_range(0, 100)),
        "analyst": pa.Column(str, pa.Check.isin(["Synergy Research Group", "TrendForce", "TechInsights"])),
        "source_id": pa.Column(str),
    },
    checks=[
        pa.Check(
            lambda d: d.groupby("layer")["analyst"].transform("nunique") == 1,
            name="one_analyst_per_layer",
            error="each layer must come from a single analyst series",
        ),
        pa.Check(
            lambda d: d.groupby(["layer", "period"])["share_pct"].transform("sum") <= 100.5,
            name="shares_sum_le_100",
            error="shares of one layer and period add up to more than 100",
        ),
    ],
    unique=["layer", "period", "company"],
    coerce=True,
    strict=True,
)

register(
    Dataset(
        name="market_shares",
        title="Market shares by layer of the AI compute stack (hand-compiled)",
        description="Published market shares: cloud infrastructure services (Synergy Research Group), foundry "
        "revenue (TrendForce top-10 ranking) and data-center GPUs (TechInsights). One analyst series "
        "per layer; the shares listed do not cover the whole market (the rest is unallocated).",
        schema=_share_schema,
        key=("layer", "period", "company"),
        sources=[
            Source(
                "Synergy Research Group",
                "Quarterly cloud infrastructure services market share releases",
                "https://www.srgresearch.com/",
                "figures quoted from press releases and press coverage",
                "2020-04-30 to 2026-05",
                ACCESSED,
                note="per-row citations in data/sources/compute.yaml",
            ),
            Source(
                "TrendForce",
                "Quarterly top-10 foundry revenue ranking",
                "https://www.trendforce.com/presscenter/news",
                "figures quoted from press releases and press coverage",
                "2024-04 to 2026-03-12",
                ACCESSED,
                note="per-row citations in data/sources/compute.yaml",
            ),
            Source(
                "TechInsights",
                "Data-center GPU shipments and revenue, 2022-2023",
                "https://www.techinsights.com/",
                "figures quoted from press coverage",
                "2024-06",
                ACCESSED,
                note="per-row citations in data/sources/compute.yaml",
            ),
        ],
        kind="compiled",
        columns_doc={
            "layer": ("stack layer: cloud, foundry or data-center GPU", "category"),
            "period": ("calendar quarter (YYYYQn) or year (YYYY) the share refers to", "period"),
            "company": ("company as named by the analyst", "text"),
            "share_pct": (
                "share of the layer's market (cloud: revenue; foundry: revenue; GPU: units and revenue)",
                "percent",
            ),
            "analyst": ("the research firm whose series the row belongs to", "text"),
            "source_id": ("citation id in data/sources/compute.yaml", "id"),
        },
        notes="Rows whose figures could only be recalled, not found on a stored page, are left out (Synergy "
        "2024Q4). Canalys cloud shares use a different definition and are not mixed in. Shares are rounded "
        "as published (cloud to whole percent).",
    )
)
