"""The US-China record (claim C8), one import path for callers: the compute measures (``us_china_measures``:
largest runs, thresholds, missing estimates, trends), the compute record the verdict reads
(``record``) and the capability lag on the Epoch Capabilities Index (``capability_lag``).
"""

from __future__ import annotations

from helpers.analysis.export_controls.capability_lag import (
    CapabilityGap,
    LagAverage,
    capability_gap,
    capability_lag_months,
    frontier_records,
    horizontal_lag,
    lag_average,
    running_best,
)
from helpers.analysis.export_controls.record import ComputeRecord, compute_record
from helpers.analysis.export_controls.us_china_measures import (
    RUN_WINDOWS_MONTHS,
    TOP_K,
    TrendFit,
    country_frontier,
    counts_above,
    decimal_year,
    fit_country_trends,
    largest_run_by_year,
    missing_compute_share,
    run_comparison,
)

__all__ = [
    "RUN_WINDOWS_MONTHS",
    "TOP_K",
    "CapabilityGap",
    "ComputeRecord",
    "LagAverage",
    "TrendFit",
    "capability_gap",
    "capability_lag_months",
    "compute_record",
    "country_frontier",
    "counts_above",
    "decimal_year",
    "fit_country_trends",
    "frontier_records",
    "horizontal_lag",
    "lag_average",
    "largest_run_by_year",
    "missing_compute_share",
    "run_comparison",
    "running_best",
]
