"""Notebook 01 under the runner: one run with non-default parameters proves the wiring (the notebook records
what the analysis computes for them); plus the parameter model's contract. What the analysis computes under other parameters is tested without a kernel in
test_benchmark_parity_analysis.py, the verdict rules in test_benchmark_parity_verdicts.py."""

import datetime as dt
import json

import pytest

from helpers.analysis import benchmark_parity as bp
from helpers.analysis.benchmark_parity.params import Params
from helpers.core import paths
from helpers.core.params import ParamError, notebook_parameters_cell, validate

STEM = "01_benchmark_parity"
KEYS = [
    "eci_gap_points_latest",
    "eci_lag_months",
    "eci_gap_trend_per_year",
    "arena_gap_pct_latest",
    "arena_gap_elo_latest",
    "arena_win_prob_open_latest",
    "arena_open_ratio_latest",
    "llama4_vs_gpt45_pct",
    "deepseek_v4_match_share",
    "orgs_above_compute_threshold",
    "open_weights_share",
    "verdict_C1",
    "verdict_C2",
    "verdict_C3",
    "verdict_C4",
]


def test_parameters_cell_matches_model_defaults():
    cell = notebook_parameters_cell(paths.notebook(STEM))
    fields = Params.model_fields
    assert set(cell) == set(fields)
    for name, value in cell.items():
        default = fields[name].default
        default = default.isoformat() if isinstance(default, dt.date) else default
        assert value == default, name


def test_bad_parameters_are_named():
    with pytest.raises(ParamError) as e:
        validate(Params, {"as_of": "2023-06-01"}, notebook=STEM)
    assert "as_of" in str(e.value)
    with pytest.raises(ParamError) as e:
        validate(Params, {"match_tolerance_pct": 150}, notebook=STEM)
    assert "match_tolerance_pct" in str(e.value)
    with pytest.raises(ParamError) as e:
        validate(Params, {"comparison_metric": "vibes"}, notebook=STEM)
    assert "comparison_metric" in str(e.value)
    with pytest.raises(ParamError) as e:
        validate(Params, {"reference_model": "GPT4o"}, notebook=STEM)
    assert "reference_model" in str(e.value) and "GPT-4o" in str(e.value)  # suggests the close name
    with pytest.raises(ParamError) as e:
        validate(Params, {"as_of": "2025-01-01", "window_start": "2025-06-01"}, notebook=STEM)
    assert "as_of" in str(e.value) and "window_start" in str(e.value)


EARLY = {"n_boot": 50, "as_of": "2025-03-01", "window_start": "2023-06-01"}


@pytest.mark.notebook
def test_the_notebook_records_what_the_analysis_computes(run_notebook):
    """One run with non-default parameters proves the wiring: they reach the kernel, and the notebook
    records exactly what ``analyze`` returns for them (every key, verdicts and notes included). The default
    parameters run in the collection's default run (test_reports, test_browser)."""
    recorded = run_notebook(STEM, EARLY, name="test_nb01_early")
    expected = json.loads(json.dumps(bp.analyze(validate(Params, EARLY, notebook=STEM)).entries()))
    assert recorded == expected
    assert set(KEYS) <= set(recorded)
    assert all(recorded[k].get("claims") for k in KEYS)
    assert recorded["verdict_C3"]["value"] == "not testable"  # DeepSeek V4 Pro (2026-04-24) is not out yet
