"""Notebook 03's declared alternatives (C7-C10): every verdict's reads are declared, the default gives the
committed verdicts, the flips issue 12 names happen, and the grid runs fast. No kernel; real data."""

from __future__ import annotations

import pytest

from helpers.analysis.export_controls import alternatives as alt
from helpers.analysis.export_controls import specs
from helpers.analysis.export_controls.inputs import load_inputs
from helpers.analysis.export_controls.params import Params
from helpers.core.robustness import ReadRecorder, grid, one_change_specs, summarize
from helpers.core.verdicts import NOT_SUPPORTED, PARTLY, SUPPORTED


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
    growth = specs._SECTIONS["growth"](inputs, Params())
    specs.simulate_delay(specs.delay_inputs(10.0, rec, growth), 100, rec.seed)
    assert rec.read <= set(specs.SECTION_READS["delay"])


def test_the_growth_section_from_the_shared_stock_record_is_the_analysis_own(inputs):
    """The grid computes the chip-owner stock record once and the growth from it per setting: the same
    RestrictedGrowth as ``restricted_growth`` computing everything, at the default and at other settings."""
    from helpers.analysis.export_controls.growth import restricted_growth

    specs.clear_cache()
    for change in (
        {},
        {"frontier_compute_growth_per_year": 3.0},
        {"restricted_compute_growth_per_year": 2.0},
    ):
        P = Params().model_copy(update=change)
        a, b = specs._SECTIONS["growth"](inputs, P), restricted_growth(inputs, P)
        assert (a.value, a.factor, a.year, a.china_growth, a.all_growth) == (
            b.value,
            b.factor,
            b.year,
            b.china_growth,
            b.all_growth,
        ), change
        assert a.history.equals(b.history) and a.stocks.equals(b.stocks)


def test_the_default_gives_the_notebooks_verdicts(inputs):
    """The grid's path (cached sections, GRID_DRAWS escalated near the bar) decides as the notebook's
    (``analyze`` with all n_draws); reports/results.json is checked against ``analyze`` in the analysis tests."""
    from helpers.analysis.export_controls.claims import analyze

    res = analyze(Params(), inputs)
    assert alt.verdicts(inputs, Params()) == {v.claim: v.value for v in res.verdicts}
    assert [v.reason for v in alt.judged(inputs, Params())][:3] == [v.reason for v in res.verdicts][:3]


def test_equal_growth_is_the_choice_that_flips_c10(inputs):
    """Issue 13: the restricted side's growth is estimated from the chip owners (well below the frontier's), so
    C10 rests on it; equal growth (the earlier default) is the declared alternative that makes it a speed bump."""
    base = _v(inputs)
    assert base["C10"] == PARTLY
    m = alt.c10_margin(inputs, Params())
    assert 12.0 < m["summary"]["median"] < 36.0  # between the bands
    assert _v(inputs, restricted_compute_growth_per_year=4.5)["C10"] == SUPPORTED
    eq = alt.c10_margin(inputs, Params().model_copy(update={"restricted_compute_growth_per_year": 4.5}))
    assert eq["summary"]["median"] < m["summary"]["median"]
    assert _v(inputs, restricted_compute_growth_per_year=5.0)["C10"] == SUPPORTED
    assert _v(inputs, algorithms_diffuse=False)["C10"] == NOT_SUPPORTED  # the frontier pulls away
    reason = alt.judged(inputs, Params())[3].reason
    assert "Decisive input: the restricted side's compute growth" in reason and "chip owners" in reason


def test_choices_that_should_not_flip_do_not(inputs):
    base = _v(inputs)
    for change in (
        {"eci_tolerance": 1.0},
        {"c8_close_months": 18.0},
        {"restricted_compute_growth_per_year": 3.5},
        {"restricted_growth_ci_factor": 1.12},
        {"restricted_growth_ci_factor": 2.0},
        {"restricted_chips": 20_000},
        {"restricted_chips": 5_000},
        {"price_usd_per_gpu_hour": 3.47},
        {"compute_uncertainty_factor": 3.0},
        {"algorithmic_share_bar": 0.4},
        {"halving_months_low": 5.0},
        {"horizon_years": 1.0},
        {"horizon_years": 5.0},
        {"verdict_probability": 0.66},
    ):
        assert _v(inputs, **change) == base, change


def test_other_single_choices_flip_as_shown(inputs):
    base = _v(inputs)
    lag = specs._section("capability", inputs, Params()).lag_now
    # C8 follows its close-behind bound: a bound below the lag flips its closeness condition
    assert (_v(inputs, c8_close_months=lag - 0.5)["C8"] == base["C8"]) is (base["C8"] == NOT_SUPPORTED)
    assert _v(inputs, roadblock_min_months=24.0)["C9"] == NOT_SUPPORTED  # offset 26.6 months >= 24
    # a looser 'level' (within 3 ECI points) counts one month as level: C8 becomes supported (fragile)
    assert base["C8"] == PARTLY and _v(inputs, eci_tolerance=3.0)["C8"] == SUPPORTED
    assert _v(inputs, halving_months=14.0)["C9"] == NOT_SUPPORTED  # offset 46.5 months
    assert _v(inputs, speed_bump_max_months=18.0)["C10"] == PARTLY


def test_monte_carlo_error_is_smaller_than_the_distance_to_the_bar(inputs):
    """At GRID_DRAWS draws, or at the full n_draws where GRID_DRAWS came within ESCALATE_SE of the bar."""
    for spec in one_change_specs(alt.DECLARED.for_claim("C10")):
        m = alt.c10_margin(inputs, Params().model_copy(update=spec))
        assert m["margin_se"] >= alt.ESCALATE_SE or m["draws"] == Params().n_draws, spec
        assert m["draws"] in (alt.GRID_DRAWS, Params().n_draws)
    # a bar next to the default's P(speed bump) is judged on the full draws
    p = alt.c10_margin(inputs, Params())["prob_speed_bump"]
    near = alt.c10_margin(inputs, Params().model_copy(update={"verdict_probability": round(p + 0.002, 4)}))
    assert near["draws"] == Params().n_draws


def test_every_declared_specification_is_valid_parameters(inputs):
    """model_copy(update=...) does not validate: every one-change specification and every C9/C10 grid
    specification must pass the model's own checks (halving interval, band order)."""
    for claim in ("C9", "C10"):
        for spec in grid(alt.DECLARED.for_claim(claim), 2000, 20261130)[0]:
            Params(**spec)
    for spec in one_change_specs(alt.DECLARED.choices):
        Params(**spec)


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
