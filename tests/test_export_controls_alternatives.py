"""Notebook 03's declared alternatives (C7-C10): every verdict's reads are declared, the default gives the
committed verdicts, the flips issue 12 names happen, and the grid runs fast. No kernel; real data."""

from __future__ import annotations

import json

import pytest

from helpers.analysis.export_controls import alternatives as alt
from helpers.analysis.export_controls import specs
from helpers.analysis.export_controls.inputs import load_inputs
from helpers.analysis.export_controls.params import Params
from helpers.core import paths
from helpers.core.robustness import ReadRecorder, grid, one_change_specs, summarize
from helpers.core.verdicts import NOT_SUPPORTED, PARTLY, SUPPORTED

STEM = "03_export_controls"


@pytest.fixture(scope="module")
def inputs():
    return load_inputs(Params())


def _v(inputs, **change):
    return alt.verdicts(inputs, Params().model_copy(update=change))


def test_every_parameter_a_verdict_reads_is_declared(inputs):
    """Cold (every section computes) for the default, then each one-change specification; the sections'
    own reads are their cache keys (next test), and every key is declared."""
    specs.clear_cache()
    for spec in one_change_specs(alt.DECLARED.choices):
        rec = ReadRecorder(Params().model_copy(update=spec))
        alt.verdicts(inputs, rec)
        assert alt.DECLARED.undeclared(rec.read) == [], spec
    for name, keys in specs.SECTION_READS.items():
        assert alt.DECLARED.undeclared(keys) == [], name
    assert set(alt.DECLARED.fixed) | {c.param for c in alt.DECLARED.choices} <= set(Params.model_fields)


def test_each_cached_section_reads_only_its_key(inputs):
    """The cache of a section is keyed by SECTION_READS: a section reading anything else would be reused
    wrongly for specifications that change it."""
    for name, fn in specs._SECTIONS.items():
        rec = ReadRecorder(Params())
        fn(inputs, rec)
        assert rec.read <= set(specs.SECTION_READS[name]), name
    rec = ReadRecorder(Params())
    specs.simulate_delay(specs.delay_inputs(10.0, rec), 100, rec.seed)
    assert rec.read <= set(specs.SECTION_READS["delay"])


def test_the_default_gives_the_committed_verdicts(inputs):
    committed = json.loads((paths.ROOT / "reports" / "results.json").read_text())[STEM]
    got = alt.verdicts(inputs, Params())
    assert got == {c: committed[f"verdict_{c}"]["value"] for c in ("C7", "C8", "C9", "C10")}


def test_the_flips_issue_12_names(inputs):
    base = _v(inputs)
    assert base["C8"] == PARTLY and _v(inputs, eci_tolerance=3.0)["C8"] == SUPPORTED
    assert base["C10"] == SUPPORTED
    assert _v(inputs, restricted_compute_growth_per_year=3.5)["C10"] == PARTLY
    m = alt.c10_margin(inputs, Params().model_copy(update={"restricted_compute_growth_per_year": 3.5}))
    assert m["summary"]["median"] == pytest.approx(14.2, abs=0.1)
    assert m["prob_speed_bump"] == pytest.approx(0.32, abs=0.015)
    assert _v(inputs, restricted_chips=5_000)["C10"] == PARTLY  # a 20x chip gap
    assert _v(inputs, algorithms_diffuse=False)["C10"] == PARTLY


def test_choices_that_should_not_flip_do_not(inputs):
    base = _v(inputs)
    for change in (
        {"eci_tolerance": 1.0},
        {"c8_close_months": 18.0},
        {"restricted_compute_growth_per_year": 5.0},
        {"restricted_chips": 20_000},
        {"price_usd_per_gpu_hour": 3.47},
        {"compute_uncertainty_factor": 3.0},
        {"algorithmic_share_bar": 0.4},
        {"halving_months_low": 5.0},
        {"verdict_probability": 0.66},  # P(speed bump) 0.673 at n_draws: close to the bar, still above it
    ):
        assert _v(inputs, **change) == base, change


def test_other_single_choices_flip_as_shown(inputs):
    assert _v(inputs, c8_close_months=6.0)["C8"] == NOT_SUPPORTED  # lag 8.0 months > 6
    assert _v(inputs, roadblock_min_months=24.0)["C9"] == NOT_SUPPORTED  # offset 26.6 months >= 24
    assert _v(inputs, halving_months=14.0)["C9"] == NOT_SUPPORTED  # offset 46.5 months
    assert _v(inputs, halving_months=14.0)["C10"] == PARTLY
    assert _v(inputs, speed_bump_max_months=6.0)["C10"] == PARTLY
    assert _v(inputs, verdict_probability=0.9)["C10"] == PARTLY


def test_every_declared_specification_is_valid_parameters(inputs):
    """model_copy(update=...) does not validate: every one-change specification and every C9/C10 grid
    specification must pass the model's own checks (halving interval, band order)."""
    for claim in ("C9", "C10"):
        for spec in grid(alt.DECLARED.for_claim(claim), 2000, 20261130)[0]:
            Params(**spec)
    for spec in one_change_specs(alt.DECLARED.choices):
        Params(**spec)


def test_monte_carlo_error_is_smaller_than_the_distance_to_the_bar(inputs):
    """At GRID_DRAWS draws, or at the full n_draws where GRID_DRAWS came within ESCALATE_SE of the bar."""
    for spec in one_change_specs(alt.DECLARED.for_claim("C10")):
        m = alt.c10_margin(inputs, Params().model_copy(update=spec))
        assert m["margin_se"] >= alt.ESCALATE_SE or m["draws"] == Params().n_draws, spec
        assert m["draws"] in (alt.GRID_DRAWS, Params().n_draws)
    near = alt.c10_margin(inputs, Params().model_copy(update={"verdict_probability": 0.66}))
    assert near["draws"] == Params().n_draws and near["prob_speed_bump"] == pytest.approx(0.67326)


def test_the_grid_of_every_claim_keeps_the_default_verdict(inputs):
    """A sampled grid per claim evaluates, with the default specification's verdict the committed one
    (speed is measured by bench/robustness.py, not here)."""
    specs.clear_cache()
    for claim in alt.DECLARED.claims:
        choices = alt.DECLARED.for_claim(claim)
        grid_specs, _ = grid(choices, 120, 20261130)
        verdicts = [alt.verdicts(inputs, Params().model_copy(update=s))[claim] for s in grid_specs]
        s = summarize(claim, grid_specs, verdicts, choices)
        assert s["default"] == _v(inputs)[claim]
        assert s["n_specs"] == len(grid_specs)
