"""Notebook 03 (export controls and efficiency) through the runner: one run proves the wiring (what the
notebook records is what the analysis computes; every figure is saved; the verdicts show in claim order).
That run is the hawkish_controls scenario's (conftest's ``hawkish_run``, shared with the scenario and
compare tests): its parameters differ from the defaults, so equal results show they reached the kernel.
The verdicts and the prose under other parameters are unit tests: test_export_controls_*.py."""

from __future__ import annotations

import json

import pytest

from helpers.analysis import export_controls as ec
from helpers.analysis.export_controls.params import Params
from helpers.core.params import ParamError, validate
from helpers.runner.plan import load_scenario

STEM = "03_export_controls"
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


@pytest.mark.notebook
def test_the_notebook_records_what_the_analysis_computes(hawkish_run):
    run = hawkish_run
    values = load_scenario("hawkish_controls")["parameters"][STEM]
    recorded = json.loads((run / "results.json").read_text())[STEM]
    expected = ec.analyze(validate(Params, values, notebook=STEM)).entries()
    assert recorded == json.loads(json.dumps(expected))
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
