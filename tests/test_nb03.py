"""Notebook 03 (export controls and efficiency) through the runner: defaults and other parameter sets."""

from __future__ import annotations

import math

import pytest

from helpers.core.params import ParamError, validate
from helpers.analysis.export_controls.params import Params

STEM = "03_export_controls"
KEYS = {"compute_ratio_scenario", "offset_multiplier_needed", "delay_months_median", "delay_months_p05",
        "delay_months_p95", "prob_speed_bump", "prob_roadblock", "us_china_compute_gap_x_latest",
        "us_china_capability_lag_months", "deepseek_v4_cost_usd", "gpt45_to_deepseek_v4_cost_ratio",
        "verdict_C7", "verdict_C8", "verdict_C9", "verdict_C10", "us_china_compute_gap_x_trend",
        "us_china_compute_lag_years_trend", "gpt45_to_deepseek_v4_compute_ratio"}
VERDICTS = {"supported", "partly supported", "not supported", "not testable"}
SMALL = {"n_draws": 2000}


@pytest.fixture(scope="module")
def default(run_notebook):
    return run_notebook(STEM, SMALL, name="test_nb03_default")


@pytest.fixture(scope="module")
def slower_algorithms(run_notebook):
    # the whole halving-time distribution stretched by 1.5 (same log-width, same seed)
    return run_notebook(STEM, {**SMALL, "halving_months": 12.0, "halving_months_low": 3.0,
                               "halving_months_high": 33.0}, name="test_nb03_slow_algorithms")


@pytest.fixture(scope="module")
def more_chips(run_notebook):
    return run_notebook(STEM, {**SMALL, "restricted_chips": 30000}, name="test_nb03_more_chips")


@pytest.fixture(scope="module")
def no_growth(run_notebook):
    return run_notebook(STEM, {**SMALL, "frontier_compute_growth_per_year": 1.0,
                               "restricted_compute_growth_per_year": 1.0, "growth_ci_factor": 1.0,
                               "halving_months_low": 8.0, "halving_months_high": 8.0,
                               "algorithms_diffuse": True, "as_of": "2025-06-30",
                               "speed_bump_max_months": 6.0, "roadblock_min_months": 24.0},
                        name="test_nb03_no_growth")


def _check_common(res):
    assert KEYS <= set(res)
    for c in ("C7", "C8", "C9", "C10"):
        assert res[f"verdict_{c}"]["value"] in VERDICTS
        assert res[f"verdict_{c}"]["claims"] == [c]
        assert any(ch.isdigit() for ch in res[f"verdict_{c}"]["note"])   # the reason carries numbers
    assert res["delay_months_p05"]["value"] <= res["delay_months_median"]["value"] <= res["delay_months_p95"]["value"]
    p_bump, p_road = res["prob_speed_bump"]["value"], res["prob_roadblock"]["value"]
    assert 0 <= p_bump <= 1 and 0 <= p_road <= 1 and p_bump + p_road <= 1
    for k in ("deepseek_v4_cost_usd", "gpt45_to_deepseek_v4_cost_ratio", "us_china_capability_lag_months",
              "us_china_compute_gap_x_trend", "us_china_compute_lag_years_trend", "gpt45_to_deepseek_v4_compute_ratio"):
        e = res[k]
        assert e["low"] <= e["value"] <= e["high"], k
    # the observed ratio of two maxima carries no interval: the trend fit's CI belongs to the fitted gap only
    assert res["us_china_compute_gap_x_latest"].get("low") is None and res["us_china_compute_gap_x_latest"].get("high") is None


@pytest.mark.notebook
def test_defaults(default):
    _check_common(default)
    # 100,000 H100 vs 10,000 H200: equal dense BF16 throughput (Epoch AI: 989.4 vs 989.5 TFLOP/s)
    assert default["compute_ratio_scenario"]["value"] == pytest.approx(10.0, rel=1e-3)
    assert default["offset_multiplier_needed"]["value"] == pytest.approx(default["compute_ratio_scenario"]["value"])
    # equal growth on both sides: the delay is ln R / (ln g + ln2 * 12/h) at the central values
    central = 12 * math.log(10.0) / (math.log(4.5) + math.log(2) * 12 / 8)
    assert default["delay_months_median"]["value"] == pytest.approx(central, rel=0.05)
    # DeepSeek-V4-Pro at V3's delivered FLOP per GPU-hour and $2/h: Epoch 9.702e24 / 3.3e24 x 2.788M h x $2
    assert default["deepseek_v4_cost_usd"]["value"] == pytest.approx(9.702e24 / 3.3e24 * 2.788e6 * 2, rel=1e-6)
    # the like-for-like ratio: one price per FLOP, ranged by the V4 compute factor (default 2)
    same = default["gpt45_to_deepseek_v4_compute_ratio"]
    assert same["low"] == pytest.approx(same["value"] / 2) and same["high"] == pytest.approx(same["value"] * 2)
    assert "one price per FLOP" in default["verdict_C7"]["note"]


@pytest.mark.notebook
def test_longer_halving_time_never_shortens_the_delay(default, slower_algorithms):
    _check_common(slower_algorithms)
    for k in ("delay_months_median", "delay_months_p05", "delay_months_p95"):
        assert slower_algorithms[k]["value"] >= default[k]["value"] - 1e-9, k
    assert slower_algorithms["prob_speed_bump"]["value"] <= default["prob_speed_bump"]["value"]


@pytest.mark.notebook
def test_more_restricted_chips_never_lengthen_the_delay(default, more_chips):
    _check_common(more_chips)
    assert more_chips["compute_ratio_scenario"]["value"] == pytest.approx(10 / 3, rel=1e-3)
    for k in ("delay_months_median", "delay_months_p05", "delay_months_p95"):
        assert more_chips[k]["value"] <= default[k]["value"] + 1e-9, k
    assert more_chips["prob_speed_bump"]["value"] >= default["prob_speed_bump"]["value"]


@pytest.mark.notebook
def test_no_growth_and_degenerate_interval_give_the_closed_form(no_growth):
    _check_common(no_growth)
    expected = 8 * math.log2(10.0)
    for k in ("delay_months_median", "delay_months_p05", "delay_months_p95"):
        assert no_growth[k]["value"] == pytest.approx(expected, rel=1e-3), k
    # 26.6 months is past the 24-month roadblock band of this run: certain roadblock, verdict follows
    assert no_growth["prob_roadblock"]["value"] == 1.0
    assert no_growth["verdict_C10"]["value"] == "not supported"


def test_bad_parameters_are_named():
    with pytest.raises(ParamError, match="valid chips: .*H100"):
        validate(Params, {"restricted_chip": "H2000"}, notebook=STEM)
    with pytest.raises(ParamError, match="halving_months_low <= halving_months"):
        validate(Params, {"halving_months_high": 6.0}, notebook=STEM)
    with pytest.raises(ParamError, match="speed_bump_max_months"):
        validate(Params, {"speed_bump_max_months": 48.0}, notebook=STEM)


@pytest.fixture(scope="module")
def strict_c8(run_notebook):
    # only the C8 bound changes: a lag of about 8 months is no longer 'close behind'
    return run_notebook(STEM, {**SMALL, "c8_close_months": 4.0}, name="test_nb03_strict_c8")


@pytest.mark.notebook
def test_c8_verdict_follows_its_own_bound_and_states_the_rule(default, strict_c8):
    lag = default["us_china_capability_lag_months"]["value"]
    note = default["verdict_C8"]["note"]
    assert "c8_close_months" in note and ("never level" in note or "was level" in note)
    never = "never level" in note
    close = lag <= 12.0
    expected = {(False, True): "supported", (True, False): "not supported"}.get((never, close), "partly supported")
    assert default["verdict_C8"]["value"] == expected
    # C10 and everything else are untouched by the C8 bound
    assert strict_c8["verdict_C10"]["value"] == default["verdict_C10"]["value"]
    assert strict_c8["us_china_capability_lag_months"]["value"] == pytest.approx(lag)
    if lag > 4.0:
        assert strict_c8["verdict_C8"]["value"] == ("not supported" if never else "partly supported")
        assert "beyond the 4-month bound" in strict_c8["verdict_C8"]["note"]
