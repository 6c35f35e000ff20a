"""Parameters of notebook 04 (who captures the value: cloud margins, C6, and API prices, C12)."""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import field_validator

from helpers.core.params import NotebookParams, P

# the providers whose flagship list prices the notebook follows (flagships.FLAGSHIPS holds their lineages)
PROVIDERS = ("OpenAI", "Anthropic", "Google", "xAI", "DeepSeek")


class Params(NotebookParams):
    razor_margin_pct: float = P(
        10.0,
        "operating margin at or below which a business counts as 'razor-thin': 10% sits above every "
        "commodity comparison row in the data (grocer 2.6%, airline 9.7%, US air transport and autos 5-7%)",
        unit="percent",
        gt=0,
        lt=100,
    )
    margin_years: int = P(
        1,
        "fiscal years averaged for each cloud segment's margin (1: the latest fiscal year only)",
        unit="years",
        ge=1,
        le=5,
    )
    margin_period: Literal["fiscal_year", "latest_period"] = P(
        "fiscal_year",
        "margins from fiscal years (fiscal_year) or from each series' newest period, quarter or trailing "
        "twelve months included (latest_period)",
        unit="choice",
    )
    include_gpu_clouds: bool = P(
        False,
        "judge C6 on the hyperscale cloud segments only (False) or also on GPU-only clouds, CoreWeave (True)",
        unit="true/false",
    )
    decline_fast_x: float = P(
        10.0,
        "factor per year by which the price at fixed capability must fall to count as cut fast: 10x, an order "
        "of magnitude a year, a16z's headline, over three times Gundlach et al.'s 3x-a-year algorithmic gain",
        unit="x per year",
        gt=1,
    )
    decline_statistic: Literal["pooled", "median"] = P(
        "pooled",
        "which of our fixed-capability estimates the verdict reads: the pooled fit over Epoch's 21 "
        "thresholds (one common slope) or the median of the 21 separate fits",
        unit="choice",
    )
    include_reasoning_models: bool = P(
        False,
        "count reasoning models (o1, o3-mini, DeepSeek-R1 ...) among the cheapest models at a threshold "
        "(Epoch AI left them out: their per-token price hides the extra tokens they use)",
        unit="true/false",
    )
    min_points: int = P(
        4,
        "fewest price observations a fixed-capability fit needs (Epoch AI: 4)",
        unit="observations",
        ge=3,
        le=8,
    )
    frontier_providers: list[str] = P(
        list(PROVIDERS), "providers whose flagship list prices are followed", unit="names"
    )
    frontier_tier: Literal["flagship", "with_premium"] = P(
        "flagship",
        "each provider's flagship model only, or also its premium tier (GPT-4.5, o1 Pro, GPT-5 Pro ...)",
        unit="choice",
    )
    frontier_since: date = P(
        date(2023, 3, 1),
        "first launch date of the flagship series (default: GPT-4, the first model of today's frontier tier)",
        unit="date",
        ge=date(2021, 1, 1),
        le=date(2026, 1, 1),
    )
    input_share: float = P(
        0.75,
        "weight of the input price in the blended price per token (Epoch AI: 3:1, 0.75; a16z: the plain "
        "average, 0.5)",
        unit="fraction",
        ge=0,
        le=1,
    )
    frontier_rule: Literal["interval", "point"] = P(
        "interval",
        "frontier prices count as falling when the 90% interval of their change per year lies below 1 "
        "(interval) or when the point estimate does (point)",
        unit="choice",
    )

    @field_validator("frontier_providers")
    @classmethod
    def _known(cls, v: list[str]) -> list[str]:
        if not v:
            raise ValueError("must name at least one provider")
        bad = [p for p in v if p not in PROVIDERS]
        if bad:
            raise ValueError(f"has unknown provider(s) {bad}; allowed: {', '.join(PROVIDERS)}")
        if len(set(v)) != len(v):
            raise ValueError("lists a provider twice")
        return v
