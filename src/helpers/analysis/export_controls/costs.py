"""Training costs (claim C7): DeepSeek-V4-Pro's compute cost from DeepSeek-V3's reported GPU-hours and
Epoch AI's compute estimates, and GPT-4.5's cost against it, on mixed and on like-for-like bases.

DeepSeek's report gives V3's GPU-hours; with Epoch's compute estimate for V3 that calibrates the FLOP
DeepSeek's setup delivers per GPU-hour, which turns Epoch's V4-Pro compute into GPU-hours and, at a rental
price, into a cost. The range is a box: the lowest price with compute / k, the highest with compute x k.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from helpers.core.results import make_entry
from helpers.core.text import sci

from .text import fmt_usd
from .verdicts import range_judgement

SECONDS_PER_HOUR = 3600.0
PRICE_CHIPS = ["H100", "H800"]  # rental prices of these chips give the price range
PRICE_SINCE = pd.Timestamp("2024-01-01")

__all__ = [
    "Costs",
    "achieved_flop_per_gpu_hour",
    "gpu_hours_for",
    "implied_utilization",
    "training_cost_usd",
    "training_costs",
]


PRICE_PERCENTILES = (10, 90)  # the rental prices' span the cost range uses (the methods note reads it)


def achieved_flop_per_gpu_hour(compute_flop, gpu_hours):
    """FLOP actually delivered per GPU-hour in a reported run (= peak FLOP/s x utilization x 3600)."""
    c, h = np.asarray(compute_flop, float), np.asarray(gpu_hours, float)
    if np.any(c <= 0) or np.any(h <= 0):
        raise ValueError("compute and GPU-hours must be positive")
    return c / h


def implied_utilization(compute_flop, gpu_hours, peak_flop_per_s):
    """Utilization implied by a run's compute and GPU-hours against a chip's peak FLOP/s."""
    return achieved_flop_per_gpu_hour(compute_flop, gpu_hours) / (
        np.asarray(peak_flop_per_s, float) * SECONDS_PER_HOUR
    )


def gpu_hours_for(compute_flop, peak_flop_per_s, utilization):
    """GPU-hours needed for ``compute_flop`` at a chip's peak FLOP/s and a utilization."""
    u = np.asarray(utilization, float)
    if np.any((u <= 0) | (u > 1)):
        raise ValueError("utilization must be in (0, 1]")
    return np.asarray(compute_flop, float) / (np.asarray(peak_flop_per_s, float) * u * SECONDS_PER_HOUR)


def training_cost_usd(compute_flop, price_usd_per_chip_hour, peak_flop_per_s, utilization):
    """Compute cost of a training run: compute / (FLOP/s x utilization) in chip-hours x price per chip-hour."""
    return gpu_hours_for(compute_flop, peak_flop_per_s, utilization) * np.asarray(
        price_usd_per_chip_hour, float
    )


@dataclass(frozen=True)
class Costs:
    """DeepSeek-V4-Pro's compute cost and GPT-4.5's against it (values with their ranges)."""

    P: object
    v3: pd.Series  # DeepSeek-V3's row of reported_training_runs
    v3_compute: float
    v4_compute: float
    per_hour: float  # FLOP delivered per GPU-hour in V3's run
    v3_util: float  # ... as a share of the chip's dense BF16 peak
    v4_hours: float
    price_p10: float  # 10th-90th percentile of the on-demand rental prices
    price_p90: float
    n_prices: int
    price_lo: float  # the price range of the cost: the percentiles widened to the central price
    price_hi: float
    v4_cost: float
    v4_lo: float
    v4_hi: float
    gpt45_amort: float  # Epoch: amortized hardware and energy
    gpt45_2023: float  # Epoch: 2023 USD
    gpt45_compute: float
    ratio_cost: float  # GPT-4.5 / V4 cost, mixed bases
    ratio_lo: float
    ratio_hi: float
    same_ratio: float  # at one price per FLOP: the compute ratio
    same_lo: float
    same_hi: float

    @property
    def k(self) -> float:
        return self.P.compute_uncertainty_factor

    @property
    def price_for_essay(self) -> tuple[float, float]:
        """Price per GPU-hour at which V4-Pro's compute costs the essay's low and high ends."""
        return self.P.essay_cost_low_usd / self.v4_hours, self.P.essay_cost_high_usd / self.v4_hours

    @property
    def per_flop_v4(self) -> float:
        """USD per 10^18 FLOP of the V4 estimate (rental)."""
        return self.v4_cost / self.v4_compute * 1e18

    @property
    def per_flop_gpt45(self) -> float:
        """USD per 10^18 FLOP of Epoch's GPT-4.5 figure (amortized hardware and energy)."""
        return self.gpt45_amort / self.gpt45_compute * 1e18

    @property
    def judgements(self) -> tuple[int, int, int]:
        """Where the essay's ranges sit (``verdicts.range_judgement``): the V4 cost, the mixed-basis ratio
        and the like-for-like ratio."""
        P = self.P
        return (
            range_judgement(
                self.v4_cost, self.v4_lo, self.v4_hi, P.essay_cost_low_usd, P.essay_cost_high_usd
            ),
            range_judgement(
                self.ratio_cost, self.ratio_lo, self.ratio_hi, P.essay_ratio_low, P.essay_ratio_high
            ),
            range_judgement(
                self.same_ratio, self.same_lo, self.same_hi, P.essay_ratio_low, P.essay_ratio_high
            ),
        )

    def entries(self) -> dict:
        P, k = self.P, self.k
        return {
            "deepseek_v4_cost_usd": make_entry(
                "deepseek_v4_cost_usd",
                self.v4_cost,
                low=self.v4_lo,
                high=self.v4_hi,
                unit="USD",
                claims=["C7"],
                note=f"Epoch compute {sci(self.v4_compute, 3)} FLOP at DeepSeek-V3's delivered {sci(self.per_hour, 3)} "
                f"FLOP per GPU-hour; ${P.price_usd_per_gpu_hour:g}/h central, ${self.price_lo:.2f}-"
                f"{self.price_hi:.2f}/h and compute /{k:g}..x{k:g} for the range",
            ),
            "gpt45_to_deepseek_v4_cost_ratio": make_entry(
                "gpt45_to_deepseek_v4_cost_ratio",
                self.ratio_cost,
                low=self.ratio_lo,
                high=self.ratio_hi,
                unit="x",
                claims=["C7"],
                note=f"Epoch's amortized GPT-4.5 cost {fmt_usd(self.gpt45_amort)} (2023-USD estimate "
                f"{fmt_usd(self.gpt45_2023)}) over the V4 estimate; compute ratio "
                f"{self.gpt45_compute / self.v4_compute:.0f}x",
            ),
            "gpt45_to_deepseek_v4_compute_ratio": make_entry(
                "gpt45_to_deepseek_v4_compute_ratio",
                self.same_ratio,
                low=self.same_lo,
                high=self.same_hi,
                unit="x",
                claims=["C7"],
                note="GPT-4.5 / DeepSeek-V4-Pro training compute (Epoch): the cost ratio at one price per FLOP; "
                f"range /{k:g}..x{k:g} for the V4 estimate",
            ),
        }


def training_costs(inputs, P) -> Costs:
    """The costs of parameters ``P`` (central price, compute factor) on the newest model estimates (costs use
    every model whatever the record's end date)."""
    v3 = inputs.reported.set_index("model").loc["DeepSeek-V3"]
    mi = inputs.models_all.set_index("model")
    v3_compute = float(mi.loc["DeepSeek-V3", "training_compute_flop"])
    v4_compute = float(mi.loc["DeepSeek-V4-Pro", "training_compute_flop"])
    per_hour = float(achieved_flop_per_gpu_hour(v3_compute, v3["gpu_hours"]))
    v3_peak = inputs.chips.set_index("chip").loc[v3["chip"], "dense_bf16_tflops"] * 1e12
    v3_util = float(implied_utilization(v3_compute, v3["gpu_hours"], v3_peak))
    prices = inputs.prices
    hopper = prices[
        prices["chip"].isin(PRICE_CHIPS)
        & (prices["pricing"] == "on_demand")
        & (prices["price_date"] >= PRICE_SINCE)
    ]
    p10, p90 = np.percentile(hopper["price_usd_per_chip_hour"], PRICE_PERCENTILES)
    p_lo, p_hi = min(p10, P.price_usd_per_gpu_hour), max(p90, P.price_usd_per_gpu_hour)
    k = P.compute_uncertainty_factor
    v4_cost = float(training_cost_usd(v4_compute, P.price_usd_per_gpu_hour, v3_peak, v3_util))
    v4_lo = float(training_cost_usd(v4_compute / k, p_lo, v3_peak, v3_util))
    v4_hi = float(training_cost_usd(v4_compute * k, p_hi, v3_peak, v3_util))
    gpt45_amort = float(inputs.costs.set_index("model").loc["GPT-4.5", "amortized_hardware_energy_cost_usd"])
    gpt45_2023 = float(mi.loc["GPT-4.5", "training_cost_2023_usd"])
    gpt45_compute = float(mi.loc["GPT-4.5", "training_compute_flop"])
    same = gpt45_compute / v4_compute
    return Costs(
        P=P,
        v3=v3,
        v3_compute=v3_compute,
        v4_compute=v4_compute,
        per_hour=per_hour,
        v3_util=v3_util,
        v4_hours=v4_compute / per_hour,
        price_p10=float(p10),
        price_p90=float(p90),
        n_prices=len(hopper),
        price_lo=p_lo,
        price_hi=p_hi,
        v4_cost=v4_cost,
        v4_lo=v4_lo,
        v4_hi=v4_hi,
        gpt45_amort=gpt45_amort,
        gpt45_2023=gpt45_2023,
        gpt45_compute=gpt45_compute,
        ratio_cost=gpt45_amort / v4_cost,
        ratio_lo=min(gpt45_amort, gpt45_2023) / v4_hi,
        ratio_hi=max(gpt45_amort, gpt45_2023) / v4_lo,
        same_ratio=same,
        same_lo=same / k,
        same_hi=same * k,
    )
