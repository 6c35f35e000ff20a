"""Notebook 04's declared choices (claims C6, C12) and its fast verdicts for the specification grid, on the
shipped data, without a kernel."""

from __future__ import annotations

import json
from datetime import date

import pytest

from helpers.analysis.value_capture import alternatives as alt
from helpers.analysis.value_capture import load_inputs, margins, prices
from helpers.analysis.value_capture.params import Params
from helpers.analysis.value_capture.sections import analyze
from helpers.core import paths
from helpers.core.robustness import ReadRecorder, grid, one_change_specs, summarize
from helpers.core.verdicts import NOT_SUPPORTED, PARTLY, SUPPORTED

SEED = 20261130
ALL = alt.DECLARED.choices


@pytest.fixture(scope="module")
def inputs():
    return load_inputs(Params())


def _spec(spec: dict) -> Params:
    return Params().model_copy(update=spec)


def test_every_alternative_is_a_valid_parameter_value_other_than_the_default():
    defaults = Params()
    for c in ALL:
        assert c.param in Params.model_fields, c.param
        for a in c.alternatives:
            assert a.value != getattr(defaults, c.param), (c.param, a.value)
            assert a.reason and a.source, (c.param, a.value)
            Params(**{c.param: a.value})
    for name, why in alt.DECLARED.fixed.items():
        assert name in Params.model_fields and why, name
    assert alt.DECLARED.claims == ("C6", "C12")


@pytest.mark.parametrize(
    "spec", one_change_specs(ALL), ids=lambda s: json.dumps(s, default=str) if s else "default"
)
def test_every_parameter_the_verdicts_read_is_declared(inputs, spec):
    alt.clear_cache()  # from scratch, so the sections' reads are recorded too
    rec = ReadRecorder(_spec(spec))
    alt.verdicts(inputs, rec)
    assert alt.DECLARED.undeclared(rec.read) == []
    assert {"razor_margin_pct", "decline_fast_x", "frontier_rule", "frontier_tier"} <= rec.read


def test_each_section_reads_only_its_cache_key(inputs):
    for name, run in (
        ("margins", lambda P: margins.margins(inputs, P)),
        ("fixed", lambda P: prices.fixed_capability(inputs.prices, inputs.epoch_fits, P)),
        ("frontier", lambda P: prices.frontier(inputs.prices, P)),
        ("cuts", lambda P: prices.cuts(inputs.prices, P)),
    ):
        rec = ReadRecorder(Params())
        run(rec)
        assert rec.read <= set(alt.SECTION_READS[name]), name


def test_the_grid_verdicts_equal_the_notebooks_analysis(inputs):
    for spec in (
        {},
        {"frontier_tier": "with_premium"},
        {"include_gpu_clouds": True, "margin_period": "latest_period"},
    ):
        alt.clear_cache()
        a = analyze(_spec(spec), inputs)
        got = alt.judged(inputs, _spec(spec))
        assert got["C6"] == a.c6 and got["C12"] == a.c12, spec


def test_default_gives_the_committed_verdicts(inputs):
    committed = json.loads((paths.ROOT / "reports" / "results.json").read_text()).get("04_value_capture")
    if committed is None:
        pytest.skip("reports/results.json predates notebook 04 (the lead regenerates reports/)")
    got = alt.judged(inputs, Params())
    for claim in ("C6", "C12"):
        assert got[claim].value == committed[f"verdict_{claim}"]["value"], claim
        assert got[claim].reason == committed[f"verdict_{claim}"]["note"], claim


def test_c6_holds_under_every_single_change_but_gpu_clouds_at_their_latest_quarter_make_it_partly(inputs):
    for c in alt.DECLARED.for_claim("C6"):
        for a in c.alternatives:
            assert alt.verdicts(inputs, _spec({c.param: a.value}))["C6"] == NOT_SUPPORTED, (c.param, a.value)
    both = {"include_gpu_clouds": True, "margin_period": "latest_period"}  # CoreWeave Q3 2025: 4%
    assert alt.verdicts(inputs, _spec(both))["C6"] == PARTLY


def test_c12_single_flips_are_the_stricter_bar_the_premium_tier_and_the_recent_window(inputs):
    base = alt.verdicts(inputs, Params())["C12"]
    assert base == SUPPORTED
    flips = {
        (c.param, a.value if not isinstance(a.value, list) else tuple(a.value))
        for c in alt.DECLARED.for_claim("C12")
        for a in c.alternatives
        if alt.verdicts(inputs, _spec({c.param: a.value}))["C12"] != base
    }
    assert flips == {
        ("decline_fast_x", 40.0),
        ("frontier_tier", "with_premium"),
        ("frontier_since", date(2024, 6, 1)),
    }


def test_the_grids_run_and_name_their_flips(inputs):
    for claim in ("C6", "C12"):
        choices = alt.DECLARED.for_claim(claim)
        specs, _ = grid(choices, 60, SEED)
        alt.clear_cache()
        vs = [alt.verdicts(inputs, _spec(s))[claim] for s in specs]
        s = summarize(claim, specs, vs, choices)
        assert s["default"] == alt.verdicts(inputs, Params())[claim]
        assert 1 <= s["agree"] <= s["n_specs"] == len(specs)
    assert s["fragile"] and any(f["param"] == "frontier_tier" for f in s["flipped_by"])
