"""Notebook 03's methods note: the estimators behind its intervals, with this run's settings."""

from __future__ import annotations

from helpers.analysis.export_controls.capability_lag import BLOCK_DAYS, BLOCK_RESAMPLES, LAG_LEVEL
from helpers.analysis.export_controls.costs import PRICE_PERCENTILES
from helpers.analysis.export_controls.delay import GROWTH_LEVEL
from helpers.analysis.export_controls.record import TREND_LEVEL
from helpers.analysis.export_controls.us_china_measures import CATCH_UP_LEVEL, COEF_DRAWS
from helpers.core import methods as m
from helpers.core.text import fmt_number, ordinal


def note(P, rg) -> str:
    """Markdown in the report's claim order: the cost range (C7), the compute trends and the ECI lag (C8), the
    delay's Monte Carlo and its inputs (C10). ``rg`` is the restricted side's growth (``growth.RestrictedGrowth``),
    whose interval factor the draws use."""
    k = P.compute_uncertainty_factor
    lo, hi = PRICE_PERCENTILES
    return m.note(
        [
            "- **Training cost range (C7).** Compute divided by the FLOP per GPU-hour DeepSeek-V3 achieved on its "
            "reported GPU-hours, times a rental price. The range puts the compute estimate divided and "
            f"multiplied by {fmt_number(k)} together with the {ordinal(lo)} and {ordinal(hi)} percentiles of on-demand Hopper "
            "rental prices (widened to hold the central price): a bound over those combinations, not a "
            "probability interval.",
            m.robust_trend(
                "Compute trends of record-setting US and Chinese runs (C8)",
                "log10 training compute on time, a China indicator and their interaction",
                level=TREND_LEVEL,
            ),
            m.coefficient_draws(
                "Years until China's trend reaches the US level", COEF_DRAWS, P.seed, level=CATCH_UP_LEVEL
            ),
            m.block_bootstrap(
                "Time-averaged US–China lag on the ECI (C8)",
                BLOCK_DAYS,
                BLOCK_RESAMPLES,
                P.seed,
                LAG_LEVEL,
                caveat="The interval says how much the average depends on which stretches of the window it "
                "covers, not how uncertain each ECI score is.",
            ),
            m.split_lognormal(
                "Halving time of the compute needed for a fixed performance",
                P.halving_months,
                P.halving_months_low,
                P.halving_months_high,
                P.halving_ci_level,
                "months",
            ),
            m.lognormal("The frontier's compute growth per year", P.growth_ci_factor, GROWTH_LEVEL),
            m.lognormal("The restricted side's compute growth per year", rg.factor, GROWTH_LEVEL),
            m.monte_carlo(
                "Delay (C10)",
                P.n_draws,
                P.seed,
                caveat="The three inputs are drawn independently; the verdict reads the shares of draws in the "
                "speed-bump and roadblock bands.",
            ),
        ]
    )
