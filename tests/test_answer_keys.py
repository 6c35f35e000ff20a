"""Answer keys against reruns: a key that reads a threshold or a rerun off the analysis must agree with the
analysis rerun under the exercise's parameters (what ``helpers run -p ...`` records, since each notebook
records its analysis' entries: test_*_notebook checks that). Kernel-free; the executed instructor edition
of the default run shows these keys (test_the_default_run_shows_the_keys)."""

from __future__ import annotations

import json

import nbformat
import pytest
import yaml

import helpers.analysis.compute_concentration as cc
import helpers.analysis.export_controls as ec
from helpers.analysis.compute_concentration.measures import GUIDELINES, band_range
from helpers.analysis.compute_concentration.params import Params as CCParams
from helpers.analysis.export_controls.params import Params as ECParams
from helpers.core import paths
from helpers.core.verdicts import SUPPORTED

DRAWS = 20_000  # the key and its reruns share the draws (and the seed), so they see one simulation


@pytest.fixture(scope="module")
def ec_run():
    P = ECParams()
    return P, ec.analyze(P, n_draws=DRAWS)


def test_the_speed_bump_band_key_is_where_a_rerun_flips_c10(ec_run):
    P, a = ec_run
    key = ec.answers.speed_bump_band(a.delay, P).values
    at = ec.analyze(P.model_copy(update={"speed_bump_max_months": key["band_to_try"]}), a.inputs, DRAWS)
    assert at.verdict("C10").value == key["above"] == SUPPORTED
    shorter = round(key["band_needed"] - 0.2, 1)
    below = ec.analyze(P.model_copy(update={"speed_bump_max_months": shorter}), a.inputs, DRAWS)
    assert below.verdict("C10").value == key["below"]
    assert a.verdict("C10").value == key["now"]


def test_the_key_says_what_it_found(ec_run):
    P, a = ec_run
    ans = ec.answers.speed_bump_band(a.delay, P)
    assert f"at least **{ans.values['band_to_try']:.1f} months**" in ans.markdown
    assert ans._repr_markdown_() == ans.markdown


def test_the_arxiv_key_is_the_rerun_with_the_arxiv_interval(ec_run):
    P, a = ec_run
    ans = ec.answers.arxiv_interval(P.model_copy(update={"n_draws": DRAWS}), a.inputs)
    rerun = ec.analyze(P.model_copy(update={**ec.answers.ARXIV, "n_draws": DRAWS}), a.inputs)
    assert rerun.delay.inputs.halving_low == 5.0 and rerun.delay.inputs.halving_high == 14.0
    got = ans.values["arXiv v1"]
    assert got["median"] == pytest.approx(rerun.delay.summary["median"])
    assert got["C10"] == rerun.verdict("C10").value
    assert f"{got['median']:.1f} months" in ans.markdown and f"**{got['C10']}**" in ans.markdown


def test_the_2010_bands_key_reads_both_bounds_and_ignores_the_runs_bands():
    """Under the 2010-bands scenario the 2023 column still shows the 2023 bands (the old key showed the
    run's), and the 2010 column is what a rerun with the 2010 thresholds calls each layer."""
    scenario = yaml.safe_load((paths.ROOT / "notebooks/scenarios/strict_control_2010_bands.yaml").read_text())
    changes = scenario["parameters"]["02_compute_concentration"]
    P, P10 = CCParams(), CCParams(**changes)
    inputs = cc.load_inputs(P)
    default, rerun = cc.layers.concentration(inputs, P), cc.layers.concentration(inputs, P10)
    a, b = cc.answers.bands_2023_vs_2010(default), cc.answers.bands_2023_vs_2010(rerun)
    assert a.equals(b), "the key depends on the run's band parameters"
    for row, (lo, hi) in zip(
        a.itertuples(index=False), zip(default.hhi_table.hhi_low, default.hhi_table.hhi_high)
    ):
        assert row[3] == band_range(lo, hi, *GUIDELINES["2023"])
        assert row[4] == band_range(lo, hi, *GUIDELINES["2010"])
    # the scenario is the 2010 guidelines, and under it the run calls each layer what the 2010 column says
    assert (P10.hhi_moderately_concentrated, P10.hhi_highly_concentrated) == GUIDELINES["2010"]
    assert [rerun.band(m) for m in rerun.hhi_table.itertuples()] == list(a["band (2010 guidelines)"])
    assert "yes" in set(a["changes"]), "the exercise asks which layers change band: some do"


def test_the_default_run_shows_the_keys(default_run):
    """The executed instructor edition (the default run) prints what the keys compute."""
    results = json.loads((default_run / "results.json").read_text())
    assert "03_export_controls" in results
    nb = nbformat.read(default_run / "03_export_controls.ipynb", as_version=4)
    text = json.dumps([c.get("outputs", []) for c in nb.cells if c.cell_type == "code"])
    P = ECParams()
    key = ec.answers.speed_bump_band(ec.analyze(P).delay, P)
    assert f"at least **{key.values['band_to_try']:.1f} months**" in text
