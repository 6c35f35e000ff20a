"""Notebook 03's analysis on the real data without a kernel: the default run reproduces reports/results.json,
and other parameter sets move the delay, the verdicts and the prose as they should (these checks ran the
notebook five times before; the Monte Carlo uses fewer draws where a test only needs its direction)."""

from __future__ import annotations

import dataclasses
import json
import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from helpers.analysis import export_controls as ec
from helpers.analysis.export_controls.params import Params
from helpers.core.params import validate
from helpers.core.results import make_entry
from helpers.core.verdicts import VERDICTS
from helpers.publish.reports import rounded

STEM = "03_export_controls"
ROOT = Path(__file__).resolve().parents[1]
SMALL = 2000


def params(**kw):
    return validate(Params, kw, notebook=STEM)


@pytest.fixture(scope="module")
def inputs():
    return ec.load_inputs(params())


@pytest.fixture(scope="module")
def default(inputs):
    return ec.analyze(params(), inputs, n_draws=SMALL)


def run(inputs, **kw):
    return ec.analyze(params(**kw), inputs, n_draws=SMALL)


def values(res) -> dict:
    return {k: e["value"] for k, e in res.entries().items()}


def check_common(res):
    e = res.entries()
    for c in ("C7", "C8", "C9", "C10"):
        v = res.verdict(c)
        assert v.value in VERDICTS and v.key == f"verdict_{c}"
        assert any(ch.isdigit() for ch in v.reason)  # the reason carries numbers
    assert [v.claim for v in res.verdicts] == ["C7", "C8", "C9", "C10"]
    s = res.delay.summary
    assert s["p05"] <= s["median"] <= s["p95"]
    assert 0 <= s["prob_speed_bump"] <= 1 and 0 <= s["prob_roadblock"] <= 1
    assert s["prob_speed_bump"] + s["prob_roadblock"] <= 1
    for k in (
        "deepseek_v4_cost_usd",
        "gpt45_to_deepseek_v4_cost_ratio",
        "us_china_capability_lag_months",
        "us_china_compute_gap_x_trend",
        "us_china_compute_lag_years_trend",
        "gpt45_to_deepseek_v4_compute_ratio",
    ):
        assert e[k]["low"] <= e[k]["value"] <= e[k]["high"], k
    # the observed ratio of two maxima carries no interval: the trend fit's CI belongs to the fitted gap only
    assert (
        "low" not in e["us_china_compute_gap_x_latest"] and "high" not in e["us_china_compute_gap_x_latest"]
    )
    for key, entry in e.items():  # every entry is recordable as it stands
        assert (
            make_entry(
                key,
                entry["value"],
                low=entry.get("low"),
                high=entry.get("high"),
                unit=entry.get("unit"),
                claims=entry.get("claims", ()),
                note=entry.get("note"),
            )
            == entry
        )


def test_the_default_analysis_reproduces_the_committed_results(inputs):
    res = ec.analyze(params(), inputs)  # all 200,000 draws, as the notebook
    committed = json.loads((ROOT / "reports" / "results.json").read_text())[STEM]
    assert rounded(json.loads(json.dumps(res.entries()))) == committed  # reports/: 12 significant digits


def test_defaults(default):
    check_common(default)
    v = values(default)
    # 100,000 H100 vs 10,000 H200: equal dense BF16 throughput (Epoch AI: 989.4 vs 989.5 TFLOP/s)
    assert v["compute_ratio_scenario"] == pytest.approx(10.0, rel=1e-3)
    assert v["offset_multiplier_needed"] == pytest.approx(v["compute_ratio_scenario"])
    # the restricted side grows by the frontier's 4.5x times China's stock growth over all tracked stock's
    # (Epoch's chip owners, last complete year): delay(T) = T (1 - a_r / a_f) + ln R / a_f at the central values
    g = default.growth
    assert g.estimated and g.value == pytest.approx(4.5 * g.china_growth / g.all_growth)
    assert g.low == pytest.approx(g.china_growth)  # the interval's low end: the legal stock's own growth
    alg = math.log(2) * 12 / 8
    a_f, a_r = math.log(4.5) + alg, math.log(g.value) + alg
    central = 12 * (3.0 * (1 - a_r / a_f) + math.log(10.0) / a_f)
    assert default.delay.central == pytest.approx(central, rel=1e-3)
    assert v["delay_months_median"] == pytest.approx(central, rel=0.05)
    assert v["restricted_compute_growth_per_year"] == pytest.approx(g.value)
    # equal growth (the earlier default): ln R / (ln g + ln2 * 12/h) at every horizon
    assert default.delay.equal_growth == pytest.approx(12 * math.log(10.0) / a_f, rel=1e-3)
    # DeepSeek-V4-Pro at V3's delivered FLOP per GPU-hour and $2/h: Epoch 9.702e24 / 3.3e24 x 2.788M h x $2
    assert v["deepseek_v4_cost_usd"] == pytest.approx(9.702e24 / 3.3e24 * 2.788e6 * 2, rel=1e-6)
    # the like-for-like ratio: one price per FLOP, ranged by the V4 compute factor (default 2)
    same = default.entries()["gpt45_to_deepseek_v4_compute_ratio"]
    assert same["low"] == pytest.approx(same["value"] / 2) and same["high"] == pytest.approx(
        same["value"] * 2
    )
    assert "one price per FLOP" in default.verdict("C7").reason


def test_longer_halving_time_never_shortens_the_delay(inputs, default):
    # the whole halving-time distribution stretched by 1.5 (same log-width, same seed)
    slow = run(inputs, halving_months=12.0, halving_months_low=3.0, halving_months_high=33.0)
    check_common(slow)
    for k in ("median", "p05", "p95"):
        assert slow.delay.summary[k] >= default.delay.summary[k] - 1e-9, k
    assert slow.delay.summary["prob_speed_bump"] <= default.delay.summary["prob_speed_bump"]
    assert slow.scenario.offset_months == pytest.approx(1.5 * default.scenario.offset_months)


def test_more_restricted_chips_never_lengthen_the_delay(inputs, default):
    more = run(inputs, restricted_chips=30000)
    check_common(more)
    assert more.scenario.ratio == pytest.approx(10 / 3, rel=1e-3)
    for k in ("median", "p05", "p95"):
        assert more.delay.summary[k] <= default.delay.summary[k] + 1e-9, k
    assert more.delay.summary["prob_speed_bump"] >= default.delay.summary["prob_speed_bump"]


def test_no_growth_and_degenerate_interval_give_the_closed_form():
    P = params(
        frontier_compute_growth_per_year=1.0,
        restricted_compute_growth_per_year=1.0,
        growth_ci_factor=1.0,
        halving_months_low=8.0,
        halving_months_high=8.0,
        algorithms_diffuse=True,
        as_of="2025-06-30",
        speed_bump_max_months=6.0,
        roadblock_min_months=24.0,
    )
    res = ec.analyze(P, n_draws=SMALL)
    check_common(res)
    expected = 8 * math.log2(10.0)
    for k in ("median", "p05", "p95"):
        assert res.delay.summary[k] == pytest.approx(expected, rel=1e-3), k
    # 26.6 months is past the 24-month roadblock band of this run: certain roadblock, verdict follows
    assert res.delay.summary["prob_roadblock"] == 1.0
    assert res.verdict("C10").value == "not supported"
    assert res.inputs.as_of == pd.Timestamp("2025-06-30")
    assert "a roadblock:" in ec.text.delay(res.delay)
    assert ec.text.delay(res.delay).count(f"{expected:.1f} months") >= 2  # central and without growth


def test_c8_verdict_follows_its_own_bound_and_states_the_rule(inputs, default):
    lag = default.capability.lag_now
    note = default.verdict("C8").reason
    assert "bound for close behind" in note and ("never level" in note or "was level" in note)
    never = "never level" in note
    expected = {(False, True): "supported", (True, False): "not supported"}.get(
        (never, lag <= 12.0), "partly supported"
    )
    assert default.verdict("C8").value == expected
    strict = run(inputs, c8_close_months=4.0)
    # C10 and everything else are untouched by the C8 bound
    assert strict.verdict("C10") == default.verdict("C10")
    assert strict.capability.lag_now == pytest.approx(lag)
    assert lag > 4.0
    assert strict.verdict("C8").value == ("not supported" if never else "partly supported")
    assert "beyond the 4-month bound" in strict.verdict("C8").reason


def test_the_speed_bump_band_flips_c10_where_the_exercise_says(inputs, default):
    # exercise 3: the band must reach the delay's quantile at the verdict probability
    needed = float(np.quantile(default.delay.sim["delay_months"], 0.5))
    assert run(inputs, speed_bump_max_months=needed + 0.01).verdict("C10").value == "supported"
    assert run(inputs, speed_bump_max_months=needed - 0.5).verdict("C10").value == "partly supported"


def test_prose_follows_the_parameters(inputs, default):
    lim = ec.text.limitations(default.rules, default.scenario, default.delay, default.record, default.costs)
    assert " against the frontier's 4.5x" in lim and "below that span" in lim
    equal = run(inputs, restricted_compute_growth_per_year=4.5)
    lim_eq = ec.text.limitations(equal.rules, equal.scenario, equal.delay, equal.record, equal.costs)
    assert ", like the frontier's" in lim_eq
    assert equal.delay.central == pytest.approx(default.delay.equal_growth)
    assert f"{default.delay.slow_restricted:.1f} months instead of {default.delay.central:.1f}" in lim
    hawk = run(inputs, algorithms_diffuse=False, restricted_compute_growth_per_year=2.0)
    assert hawk.delay.summary["median"] > default.delay.summary["median"]
    assert "the frontier pulls away" in ec.text.delay(hawk.delay)
    lim = ec.text.limitations(hawk.rules, hawk.scenario, hawk.delay, hawk.record, hawk.costs)
    assert "2.00x per year against the frontier's 4.5x" in lim and "`algorithms_diffuse = False`" in lim
    dear = run(inputs, price_usd_per_gpu_hour=20.0)
    assert "above that span" in ec.text.limitations(
        dear.rules, dear.scenario, dear.delay, dear.record, dear.costs
    )
    assert dear.costs.v4_cost == pytest.approx(10 * default.costs.v4_cost)


def test_arena_prose_without_the_arena_table(inputs):
    no_arena = ec.arena_gap(dataclasses.replace(inputs, arena=None), params())
    assert not no_arena.available
    assert "rests on the ECI alone" in ec.text.arena(no_arena)


def test_sections_say_what_the_figures_show(default):
    assert "of these chips through" not in ec.text.rules(default.rules)  # the title is the figure's
    assert "H800" in default.rules.escaped_2022 and set(default.rules.caught_2023) <= set(
        default.rules.escaped_2022
    )
    assert f"**{default.scenario.ratio:.2f}x**" in ec.text.scenario(default.scenario)
    assert ec.text.verdict_line(default.verdict("C9")).startswith("**C9: ")


def test_dollar_signs_in_the_prose_are_not_math_delimiters(default):
    prose = [
        ec.text.costs(default.costs),
        ec.text.verdict_line(default.verdict("C7")),
        ec.text.limitations(default.rules, default.scenario, default.delay, default.record, default.costs),
    ]
    for md in prose:
        assert "$" in md and md.count("$") == md.count(r"\$"), md[:80]
    assert r"**\$16.4M**" in prose[0]
    assert "\\" not in default.verdict("C7").reason  # the recorded reason stays plain text


def test_the_record_tables_read_as_words_with_units():
    """Notebook 03's record tables (``tables``): no index, powers of ten, ratios with ×, shares in percent."""
    from helpers.analysis.export_controls import tables

    P = ec.params.Params()
    cr = ec.compute_record(ec.load_inputs(P), P)
    largest = tables.largest_runs(cr)
    assert list(largest.columns) == ["year", "US (FLOP)", "China (FLOP)"] and largest.index.names == [None]
    assert largest["year"].is_monotonic_decreasing and "10²" in largest["US (FLOP)"].iloc[0]
    counts = tables.run_counts(cr)
    assert set(counts["at or above (FLOP)"]) == {"1 × 10²⁴", "1 × 10²⁵"}
    assert all(v.endswith("×") for v in tables.run_ratios(cr)["top 1"])
    shares = tables.missing_shares(cr)["share without"]
    assert all(v.endswith("%") for v in shares)
    for f in (tables.largest_runs, tables.run_counts, tables.run_ratios, tables.runs, tables.missing_shares):
        assert f(cr).index.names == [None], f.__name__
