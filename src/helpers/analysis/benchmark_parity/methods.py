"""Notebook 01's methods note: the estimators behind its intervals, with this run's settings."""

from __future__ import annotations

from helpers.analysis.benchmark_parity.arena import ARENA_CI_LEVEL
from helpers.analysis.benchmark_parity.avg_lag import AVG_LAG_LEVEL
from helpers.analysis.benchmark_parity.frontier import TREND_LEVEL
from helpers.core import methods as m
from helpers.core.survival import KM_LEVEL


def note(P) -> str:
    """Markdown: the Kaplan-Meier lag, the average-distance lag, the gap trend and the Arena intervals."""
    return m.note(
        [
            m.kaplan_meier("the median lag on the ECI frontier", P.n_boot, P.seed, level=KM_LEVEL),
            m.percentile_bootstrap(
                "Average distance between the frontiers (Epoch AI's measure of the lag)",
                "the models released in the window",
                P.n_boot,
                P.seed,
                level=AVG_LAG_LEVEL,
                caveat="Both frontiers are rebuilt on each resample; resamples in which the open frontier never "
                "climbs are left out. The level is the one Epoch AI reports.",
            ),
            m.hac_trend("Trend of the monthly gap", P.hac_lags, level=TREND_LEVEL),
            m.quadrature("Interval of an Arena gap", level=ARENA_CI_LEVEL),
            "- **Win probability.** Arena ratings are on the Elo (Bradley–Terry) scale: a lead of *d* points "
            "means the leader wins a head-to-head vote with probability 1 / (1 + 10^(−*d*/400)).",
            "- **Measure-by-measure comparisons (C2, C3) and organization counts (C4)** are exact counts and "
            "ratios of published scores, without sampling intervals; their uncertainty is the choice of measure "
            "and metric, which the verdict section varies.",
        ]
    )
