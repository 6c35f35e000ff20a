"""Notebook 02 (compute concentration) through the runner: the wiring only. What the notebook records must
be exactly what ``compute_concentration.analyze`` returns for the same parameters; the values, verdicts
and prose under other parameter sets are unit-tested without a kernel (test_compute_concentration_*.py)."""

from __future__ import annotations

import json

import pytest

from helpers.analysis import compute_concentration as cc
from helpers.analysis.compute_concentration.params import Params
from helpers.core.params import validate

pytestmark = pytest.mark.notebook
STEM = "02_compute_concentration"
EARLY_FLOW = {
    "as_of": "2023-08-15",
    "accelerator_basis": "last_4_quarters",
    "cap_other_at_smallest_named": True,
    "china_as_one_owner": True,
    "named_companies": ["NVIDIA", "TSMC", "AWS"],
    "control_share_pct": 75,
    "min_named_firms": 1,
    "n_draws": 300,
}


def expected(values: dict) -> dict:
    P = validate(Params, values, notebook=STEM)
    return json.loads(json.dumps(cc.analyze(P).entries()))


def test_notebook_records_what_the_analysis_returns(run_notebook):
    """Non-default parameters reach the kernel and the notebook records what ``analyze`` returns for them;
    the default parameters run in the collection's default run (test_reports, test_browser)."""
    assert run_notebook(STEM, EARLY_FLOW, name="test_nb02_early_flow") == expected(EARLY_FLOW)


def test_bad_parameter_is_named(run_notebook):
    with pytest.raises(AssertionError) as err:
        run_notebook(STEM, {"named_companies": ["Intel"]}, name="test_nb02_bad")
    assert "named_companies" in str(err.value)
