"""Parameters of notebook 03 (export controls and efficiency gains, claims C7-C10)."""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import field_validator, model_validator

from helpers.core.params import NotebookParams, P


def _valid_chips() -> list[str]:
    # imported here, not at the top: the runner imports this model to validate parameters before any kernel
    # starts, and only a chip name needs the data layer (pandas, pandera: about a second)
    from helpers.data import load

    return sorted(load("chips")["chip"].tolist())


class Params(NotebookParams):
    # --- the essay's scenario (C9)
    frontier_chips: int = P(100_000, "chips on the unrestricted (frontier) side", unit="chips", ge=1)
    frontier_chip: str = P("H100", "the frontier side's chip (a name in the chips table)", unit="chip")
    restricted_chips: int = P(10_000, "chips on the restricted side", unit="chips", ge=1)
    restricted_chip: str = P("H200", "the restricted side's chip (a name in the chips table)", unit="chip")
    utilization: float = P(
        0.4,
        "share of peak dense BF16 FLOP/s achieved in training (both sides unless "
        "restricted_utilization is set)",
        unit="fraction",
        gt=0,
        le=1,
    )
    restricted_utilization: float | None = P(
        None, "utilization on the restricted side; None: the same as utilization", unit="fraction", gt=0, le=1
    )
    # --- algorithmic progress (published: Ho et al. 2024, NeurIPS version: 8 months, 90% CI 2-22)
    halving_months: float = P(
        8.0,
        "halving time of the compute needed for a fixed performance (central)",
        unit="months",
        gt=0,
        le=120,
    )
    halving_months_low: float = P(
        2.0, "lower end of the halving time's published interval", unit="months", gt=0, le=120
    )
    halving_months_high: float = P(
        22.0, "upper end of the halving time's published interval", unit="months", gt=0, le=120
    )
    halving_ci_level: float = P(0.90, "confidence level of that interval", unit="fraction", gt=0, lt=1)
    # --- hardware / spending growth (published: Epoch AI, frontier training compute 4-5x per year)
    frontier_compute_growth_per_year: float = P(
        4.5,
        "growth of the frontier side's physical training compute (1.0 = no growth)",
        unit="x per year",
        gt=0,
        le=100,
    )
    restricted_compute_growth_per_year: float | None = P(
        None,
        "growth of the restricted side's physical training compute (1.0 = no growth); None: estimated from "
        "Epoch's chip owners (frontier growth x China's H100e stock growth / all tracked stock growth)",
        unit="x per year",
        gt=0,
        le=100,
    )
    restricted_growth_ci_factor: float | None = P(
        None,
        "uncertainty of the restricted side's growth: 90% interval [g / factor, g x factor]; None: "
        "estimate / China's stock growth for the estimate (its low end is the legal stock's own growth), "
        "growth_ci_factor for a set rate",
        unit="factor",
        ge=1,
        le=10,
    )
    growth_ci_factor: float = P(
        1.12,
        "uncertainty of both growth rates: their 90% interval is [g / factor, g x factor] (Epoch's 4-5x "
        "range around 4.5 is about 1.12; 1.0 = no uncertainty)",
        unit="factor",
        ge=1,
        le=10,
    )
    algorithms_diffuse: bool = P(
        True,
        "does the restricted side get the same algorithmic progress? (False: none of it)",
        unit="true/false",
    )
    horizon_years: float = P(
        3.0,
        "years ahead at which the delay is measured (irrelevant when both sides grow equally fast)",
        unit="years",
        ge=0,
        le=20,
    )
    # --- verdict bands (C10)
    speed_bump_max_months: float = P(
        12.0, "a delay up to this long counts as a speed bump", unit="months", gt=0, le=240
    )
    roadblock_min_months: float = P(
        36.0, "a delay at least this long counts as a roadblock", unit="months", gt=0, le=240
    )
    algorithmic_share_bar: float = P(
        0.5,
        "C9: share of the frontier's effective-compute growth that algorithms must supply for supported",
        unit="fraction",
        gt=0,
        lt=1,
    )
    verdict_probability: float = P(
        0.5, "probability a band needs for the verdict to rest on it", unit="fraction", gt=0, lt=1
    )
    n_draws: int = P(200_000, "Monte Carlo draws", unit="draws", ge=1_000, le=10_000_000)
    seed: int = P(20261130, "random seed", unit="", ge=0)
    # --- the historical record (C8)
    as_of: date | None = P(
        None,
        "last date of the record; None: the newest publication in the data",
        unit="date",
        ge=date(2023, 1, 1),
    )
    trend_start_year: int = P(
        2020, "first year of the log-linear compute trends", unit="year", ge=2012, le=2025
    )
    eci_tolerance: float = P(
        2.0,
        "ECI points within which the best Chinese model counts as matching the best US model",
        unit="ECI points",
        ge=0,
        le=20,
    )
    lag_avg_start: date = P(
        date(2023, 1, 1),
        "first day of the time-averaged US-China ECI lag (Epoch AI's window starts with its ECI data, 2023-01)",
        unit="date",
        ge=date(2023, 1, 1),
    )
    lag_avg_tolerance: float = P(
        1.0,
        "ECI points within which two models count as the same in the time-averaged lag (Epoch AI: 1)",
        unit="ECI points",
        ge=0,
        le=20,
    )
    c8_close_months: float = P(
        12.0,
        "C8: a capability lag up to this long counts as close behind the US frontier "
        "(partly supported when China was never level; kept apart from the C10 "
        "speed-bump band, with the same default)",
        unit="months",
        gt=0,
        le=240,
    )
    arena_category: Literal["overall", "hard_prompts", "coding"] = P(
        "overall",
        "Arena category for the 2026 official leaderboard (earlier sources have overall only); as in "
        "notebook 01",
    )
    arena_style_control: bool = P(
        True,
        "Use style-controlled ratings of the 2026 official leaderboard (earlier "
        "sources keep the single view they published); as in notebook 01",
    )
    # --- costs (C7)
    price_usd_per_gpu_hour: float = P(
        2.0,
        "rental price per GPU-hour for the central cost (DeepSeek-V3's own assumption: $2 per H800-hour)",
        unit="USD per GPU-hour",
        gt=0,
        le=100,
    )
    compute_uncertainty_factor: float = P(
        2.0,
        "assumed uncertainty of Epoch's compute estimate for DeepSeek-V4-Pro (interval: /factor .. x factor)",
        unit="factor",
        ge=1,
        le=30,
    )
    essay_cost_low_usd: float = P(40e6, "low end of the essay's DeepSeek V4 training cost", unit="USD", gt=0)
    essay_cost_high_usd: float = P(
        60e6, "high end of the essay's DeepSeek V4 training cost", unit="USD", gt=0
    )
    essay_ratio_low: float = P(5.0, "low end of the essay's GPT-4.5 / DeepSeek V4 cost ratio", unit="x", gt=0)
    essay_ratio_high: float = P(
        10.0, "high end of the essay's GPT-4.5 / DeepSeek V4 cost ratio", unit="x", gt=0
    )

    @field_validator("frontier_chip", "restricted_chip")
    @classmethod
    def _chip_known(cls, v: str) -> str:
        valid = _valid_chips()
        if v not in valid:
            raise ValueError(f"names no chip in the chips table: {v!r} (valid chips: {', '.join(valid)})")
        return v

    @model_validator(mode="after")
    def _cross_checks(self):
        if not (self.halving_months_low <= self.halving_months <= self.halving_months_high):
            raise ValueError(
                "halving_months_low <= halving_months <= halving_months_high is required (got "
                f"{self.halving_months_low} <= {self.halving_months} <= {self.halving_months_high})"
            )
        if self.speed_bump_max_months > self.roadblock_min_months:
            raise ValueError(
                f"speed_bump_max_months ({self.speed_bump_max_months}) must not exceed roadblock_min_months "
                f"({self.roadblock_min_months})"
            )
        if self.essay_cost_low_usd > self.essay_cost_high_usd:
            raise ValueError("essay_cost_low_usd must not exceed essay_cost_high_usd")
        if self.essay_ratio_low > self.essay_ratio_high:
            raise ValueError("essay_ratio_low must not exceed essay_ratio_high")
        return self
