"""Answer keys against reruns: a key that reads a threshold or a rerun off the analysis must agree with the
analysis rerun under the exercise's parameters (what ``helpers run -p ...`` records, since each notebook
records its analysis' entries: test_*_notebook checks that). Kernel-free; the executed instructor edition
of the default run shows these keys (test_the_default_run_shows_the_keys)."""

from __future__ import annotations

import json

import nbformat
import pandas as pd
import pytest
import yaml

import helpers.analysis.benchmark_parity as bp
import helpers.analysis.compute_concentration as cc
import helpers.analysis.export_controls as ec
import helpers.analysis.scorecard as sc
from helpers.analysis.benchmark_parity.params import Params as BPParams
from helpers.analysis.compute_concentration.measures import GUIDELINES, band_range
from helpers.analysis.compute_concentration.params import Params as CCParams
from helpers.analysis.export_controls.params import Params as ECParams
from helpers.analysis.scorecard.grid import Grid
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
    nb01 = nbformat.read(default_run / "01_benchmark_parity.ipynb", as_version=4)
    text01 = json.dumps([c.get("outputs", []) for c in nb01.cells if c.cell_type == "code"])
    P1 = BPParams()
    key1 = bp.answers.unrestricted_open(bp.load_inputs(P1), P1)
    assert f"{key1.values['lag_median'][1]:.1f} months" in text01 and "**Model answer (why).**" in text01


# --------------------------------------------------------------------------- notebook 01's rerun keys


@pytest.fixture(scope="module")
def bp_run():
    P = BPParams()
    return P, bp.load_inputs(P)


def _fresh(P, **changes):
    """The analysis as the runner runs it under ``-p``: parameters validated, tables loaded again."""
    Q = BPParams(**{**P.model_dump(), **changes})
    return bp.analyze(Q, bp.load_inputs(Q))


def _c1(a):
    return next(v.value for v in a.verdicts if v.claim == "C1")


def test_the_unrestricted_key_is_the_rerun_and_censors_where_the_notebook_does(bp_run):
    P, inputs = bp_run
    ans = bp.answers.unrestricted_open(inputs, P)
    rerun = _fresh(P, open_definition="unrestricted_only")
    recorded = rerun.entries()["eci_lag_months"]["value"]  # what results.json holds after ``-p``
    assert ans.values["lag_median"][1] == pytest.approx(recorded)
    assert ans.values["lag_high"][1] == pytest.approx(rerun.eci.lag_hi)
    assert ans.values["C1"][1] == _c1(rerun)
    # a stricter definition never shortens the median wait, and the key says by how much it moved
    assert ans.values["lag_median"][1] >= ans.values["lag_median"][0]
    assert f"{rerun.eci.lag_med:.1f} months" in ans.markdown
    assert ans.values["left_open_frontier"], "some open frontier steps are restricted-licence models"
    assert "**Model answer" in ans.markdown and "**Rubric.**" in ans.markdown


def test_the_error_ratio_key_counts_what_the_rerun_counts(bp_run):
    P, inputs = bp_run
    ans = bp.answers.error_ratio_measures(inputs, P)
    rerun = _fresh(P, comparison_metric="error_ratio")
    default = _fresh(P)
    assert ans.values["hits"] == (default.llama4.hits, rerun.llama4.hits)
    assert ans.values["n"] == (default.llama4.n, rerun.llama4.n)
    t = ans.values["table"]
    assert not t["error_ratio"].isna().any(), "every counted measure has a ratio under error_ratio (no NaN)"
    assert int(t["passes (error ratio)"].sum()) == rerun.llama4.hits
    assert int(t["passes (default)"].sum()) == default.llama4.hits
    assert ans.values["changed"] == list(t.loc[t["changes side"], "measure"])
    assert f"on {rerun.llama4.hits} of {rerun.llama4.n}" in ans.markdown


def test_the_ai_index_key_is_the_rerun_on_that_snapshot(bp_run):
    P, inputs = bp_run
    ans = bp.answers.as_of_ai_index(inputs, P)
    rerun = _fresh(P, as_of=bp.answers.AI_INDEX_DATE)
    assert ans.values["lag_median"][0] == pytest.approx(rerun.eci.lag_med)
    assert ans.values["n_censored"][0] == rerun.eci.n_cens
    assert ans.values["C1"][0] == _c1(rerun)
    assert ans.values["arena_gap_pct"] == pytest.approx(float(rerun.arena.check["gap_pct"].iloc[0]))
    assert round(ans.values["arena_gap_pct"], 1) == ans.values["ai_index_gap_pct"] == 1.7
    assert "agrees with the AI Index" in ans.markdown


# --------------------------------------------------------------------------- the scorecard's grid keys


def _grid(shares: dict[str, dict[str, int]], defaults: dict[str, str]):
    summaries = {
        c: {
            "default": defaults[c],
            "n_specs": sum(s.values()),
            "agree": s.get(defaults[c], 0),
            "shares": s,
            "fragile": True,
            "flipped_by": [
                {"param": "x", "value": 1, "verdict": "partly supported", "reason": "a paper's range"}
            ],
        }
        for c, s in shares.items()
    }
    return Grid(summaries, pd.DataFrame(columns=["notebook", "claim", "spec", "changes", "verdict"]))


def test_most_fragile_is_the_smallest_share_agreeing():
    g = _grid(
        {"C1": {"supported": 8, "partly supported": 2}, "C2": {"supported": 3, "partly supported": 7}},
        {"C1": "supported", "C2": "supported"},
    )
    ans = sc.answers.most_fragile(g)
    assert ans.values["claim"] == "C2" and ans.values["agree"] == 3
    assert "3 of 10 specifications (30%)" in ans.markdown and "`x = 1`" in ans.markdown


def test_majority_verdicts_names_the_claims_whose_default_is_outvoted():
    g = _grid(
        {"C1": {"supported": 8, "partly supported": 2}, "C2": {"supported": 3, "partly supported": 7}},
        {"C1": "supported", "C2": "supported"},
    )
    ans = sc.answers.majority_verdicts(g)
    assert ans.values["differ"] == ["C2"]
    t = ans.values["table"].set_index("Claim")
    assert t.loc["C2", "Most common verdict"] == "partly supported" and t.loc["C1", "Differs"] == "no"
    assert sc.answers.majority_verdicts(None).values == {}
