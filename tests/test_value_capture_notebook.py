"""Notebook 04 (value capture) through the runner: the wiring only. What the notebook records must be exactly
what ``value_capture.analyze`` returns for the same parameters, under the default parameters and under a
second set that changes every section; the values, verdicts and prose are unit-tested without a kernel
(test_value_capture_*.py)."""

from __future__ import annotations

import json

import pytest

from helpers.analysis import value_capture as vc
from helpers.analysis.value_capture.params import Params
from helpers.core.params import validate

pytestmark = pytest.mark.notebook
STEM = "04_value_capture"
REFEREE = {
    "razor_margin_pct": 25,
    "margin_period": "latest_period",
    "include_gpu_clouds": True,
    "decline_statistic": "median",
    "include_reasoning_models": True,
    "frontier_providers": ["OpenAI", "Anthropic", "Google"],
    "frontier_tier": "with_premium",
    "frontier_since": "2024-06-01",
    "input_share": 0.5,
}


def expected(values: dict) -> dict:
    P = validate(Params, values, notebook=STEM)
    return json.loads(json.dumps(vc.analyze(P).entries()))


@pytest.mark.parametrize("values", [{}, REFEREE], ids=["default", "referee"])
def test_notebook_records_what_the_analysis_returns(run_notebook, values):
    got = run_notebook(STEM, values, name=f"test_nb04_{'referee' if values else 'default'}")
    assert got == expected(values)
    if values:  # the second set reaches the kernel: another rule reading, other verdict reasons
        assert (
            got["verdict_C6"]["value"] == "partly supported"
            and "CoreWeave" in got["cloud_operating_margin_latest_pct"]["value"]
        )


def test_bad_parameter_is_named(run_notebook):
    with pytest.raises(AssertionError) as err:
        run_notebook(STEM, {"frontier_tier": "cheapest"}, name="test_nb04_bad")
    assert "frontier_tier" in str(err.value)
