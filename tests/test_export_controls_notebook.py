"""Notebook 03 (export controls and efficiency) through the runner: one run proves the wiring (what the
notebook records is what the analysis computes; every figure is saved; the verdicts show in claim order).
The verdicts and the prose under other parameters are unit tests: test_export_controls_*.py."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from helpers.analysis import export_controls as ec
from helpers.analysis.export_controls.params import Params
from helpers.core.params import ParamError, validate

STEM = "03_export_controls"
ROOT = Path(__file__).resolve().parents[1]
SMALL = {"n_draws": 2000}
FIGURES = {
    "chips_vs_thresholds",
    "export_status",
    "training_costs",
    "compute_record",
    "capability_gap",
    "arena_gap",
    "effective_compute_paths",
    "delay_distribution",
    "delay_tornado",
    "delay_by_growth_gap",
}
NAME = "test_nb03_default"


@pytest.fixture(scope="module")
def default(run_notebook):
    return run_notebook(STEM, SMALL, name=NAME)


@pytest.mark.notebook
def test_the_notebook_records_what_the_analysis_computes(default):
    expected = ec.analyze(validate(Params, SMALL, notebook=STEM)).entries()
    assert default == json.loads(json.dumps(expected))
    run = ROOT / "build" / "runs" / NAME
    assert {p.stem for p in (run / "figures" / STEM).glob("*.png")} == FIGURES
    nb = json.loads((run / f"{STEM}.ipynb").read_text())
    shown = "".join(
        "".join(o.get("data", {}).get("text/markdown", ""))
        for c in nb["cells"]
        if c["cell_type"] == "code"
        for o in c.get("outputs", [])
    )
    at = [shown.index(f"**{c}: ") for c in ("C7", "C8", "C9", "C10")]
    assert at == sorted(at)


def test_bad_parameters_are_named():
    with pytest.raises(ParamError, match=r"valid chips: .*H100"):
        validate(Params, {"restricted_chip": "H2000"}, notebook=STEM)
    with pytest.raises(ParamError, match="halving_months_low <= halving_months"):
        validate(Params, {"halving_months_high": 6.0}, notebook=STEM)
    with pytest.raises(ParamError, match="speed_bump_max_months"):
        validate(Params, {"speed_bump_max_months": 48.0}, notebook=STEM)
