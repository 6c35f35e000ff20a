"""Notebook 01's analysis on the shipped data, without a kernel: every section under the default parameters
reproduces reports/results.json, and other parameters move exactly what they should (the checks the
notebook runs used to make). Also the prose and the figures the notebook shows."""

import json

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import pytest

import helpers.analysis.benchmark_parity as bp
from helpers.core import paths
from helpers.core.results import make_entry
from helpers.core.verdicts import NOT_TESTABLE, VERDICTS
from helpers.publish.reports import rounded

STEM = "01_benchmark_parity"


def params(**kw):
    return bp.Params(**kw)


@pytest.fixture(scope="module")
def inputs():
    return bp.load_inputs(params())


@pytest.fixture(scope="module")
def default(inputs):
    return bp.analyze(params(), inputs)


def recorded(res) -> dict:
    """The entries as results.json stores them (verdicts through make_entry, JSON round trip)."""
    out = {
        k: make_entry(
            k,
            e["value"],
            low=e.get("low"),
            high=e.get("high"),
            unit=e.get("unit"),
            claims=e.get("claims", ()),
            note=e.get("note"),
        )
        for k, e in res.entries().items()
    }
    return json.loads(json.dumps(out, sort_keys=True))


def test_default_analysis_reproduces_the_committed_results(default):
    committed = json.loads((paths.ROOT / "reports" / "results.json").read_text())[STEM]
    assert rounded(recorded(default)) == committed  # reports/ keeps 12 significant digits


def test_default_run_values_hang_together(default):
    r = recorded(default)
    assert all(e.get("claims") for e in r.values())
    assert all(r[f"verdict_C{i}"]["value"] in VERDICTS for i in range(1, 5))
    lag = r["eci_lag_months"]
    assert lag["low"] <= lag["value"] <= lag["high"] and "Kaplan-Meier" in lag["note"]
    assert r["eci_gap_points_latest"]["value"] > 0  # closed ahead on ECI in the shipped data
    assert 0 < r["arena_win_prob_open_latest"]["value"] < 1
    # default metric: C1's Arena ratio is the win probability relative to parity
    assert r["arena_open_ratio_latest"]["value"] == pytest.approx(
        2 * r["arena_win_prob_open_latest"]["value"]
    )
    ar = r["arena_open_ratio_latest"]
    assert ar["low"] <= ar["value"] <= ar["high"]
    assert 0 <= r["deepseek_v4_match_share"]["value"] <= 100
    assert all(0 <= v <= 100 for v in r["open_weights_share"]["value"].values())


def test_stricter_tolerance_cannot_raise_match_share(inputs, default):
    strict = bp.pairs.deepseek_v4(inputs, params(match_tolerance_pct=1.0))
    assert strict.share <= default.deepseek_v4.share
    loose = bp.pairs.deepseek_v4(inputs, params(match_tolerance_pct=20.0))
    assert loose.share >= default.deepseek_v4.share
    # the ECI section does not read the tolerance
    assert bp.frontier.eci(inputs, params(match_tolerance_pct=1.0)).gap_now == default.eci.gap_now


def test_hac_lags_changes_only_the_trend_interval(inputs, default):
    a, b = default.eci.trend, bp.frontier.eci(inputs, params(hac_lags=0)).trend
    assert a["slope_per_year"] == pytest.approx(b["slope_per_year"])  # the OLS slope does not depend on it
    assert (a["low"], a["high"]) != (b["low"], b["high"])
    assert a["low"] <= a["slope_per_year"] <= a["high"]


def test_earlier_as_of_only_sees_earlier_models(default):
    early = bp.analyze(params(as_of="2025-03-01", window_start="2023-06-01", n_boot=50))
    r = recorded(early)
    assert max(int(y) for y in r["orgs_above_compute_threshold"]["value"]) <= 2025
    assert max(int(y) for y in r["open_weights_share"]["value"]) <= 2025
    # DeepSeek V4 Pro (2026-04-24) does not exist yet: C3 cannot be tested
    assert r["deepseek_v4_match_share"]["value"] is None
    assert r["verdict_C3"]["value"] == NOT_TESTABLE
    assert "2025-0" in r["arena_gap_elo_latest"]["note"]
    assert r["eci_gap_points_latest"]["value"] != recorded(default)["eci_gap_points_latest"]["value"]
    assert bp.text.deepseek_v4(early.deepseek_v4).endswith("so C3 cannot be tested.")
    assert "2025-02-14" in bp.text.arena(early.arena) and early.arena.reproduces  # the AI Index check


def test_other_metric_and_variant_move_c2(inputs, default):
    assert default.llama4.by_metric["natural"][1:] == (2, 4)  # AA's legacy GPT-4.5 index dropped
    err = bp.pairs.llama4(inputs, params(comparison_metric="error_ratio"))
    assert err.n == default.llama4.n and err.hits == default.llama4.by_metric["error_ratio"][1]
    exp = bp.pairs.llama4(inputs, params(maverick_variant="experimental"))
    assert exp.hits > default.llama4.hits  # the chat-tuned variant wins more votes
    assert "experimental Maverick" in exp.entries()["llama4_vs_gpt45_pct"]["note"]


def test_c4_thresholds_flip_the_verdict(inputs, default):
    assert default.verdicts[3].value == "partly supported"
    loose = bp.verdicts.decide(
        default.eci,
        default.arena,
        default.llama4,
        default.deepseek_v4,
        default.diffusion,
        params(c4_min_orgs=7),
    )
    assert loose[3].value == "supported"
    strict = bp.verdicts.decide(
        default.eci,
        default.arena,
        default.llama4,
        default.deepseek_v4,
        default.diffusion,
        params(c4_max_months=12),
    )
    assert strict[3].value == "not supported"


def test_lower_compute_threshold_counts_more_organizations(inputs, default):
    low = bp.diffusion.diffusion(inputs, params(compute_threshold_flop=1e24))
    assert low.n_recent >= default.diffusion.n_recent
    assert "10²⁴ FLOP" in low.entries()["orgs_above_compute_threshold"]["note"]


def test_prose_is_written_from_the_results(default):
    e = default.eci
    txt = bp.text.eci_frontier(e)
    assert f"{e.end:%Y-%m-%d}" in txt and "Kaplan-Meier" in txt and "**9.8 points**" in txt
    assert "reproduces" in bp.text.arena(default.arena) or "outside the analysis period" in bp.text.arena(
        default.arena
    )
    assert "**2** (50.0%)" in bp.text.llama4(default.llama4)
    assert "on **1 of 5 measures** (20.0%)" in bp.text.deepseek_v4(default.deepseek_v4)
    assert "**7** did" in bp.text.diffusion(default.diffusion)
    verdicts = bp.text.verdicts(default.verdicts)
    assert verdicts.splitlines()[0].startswith("- **C1: not supported.** ECI gap 9.8 points")
    lim = bp.text.limitations(
        default.inputs, e, default.arena, default.llama4, default.deepseek_v4, default.diffusion
    )
    assert "rest on 4 and 5 measures" in lim and "94.9% against a 95% bound" in lim and "2026-04-08" in lim


def test_figures_state_their_finding(default):
    figs = {
        "eci_frontier": bp.figures.eci_frontier(default.eci),
        "arena_gap": bp.figures.arena_gap(default.arena),
        "llama4": bp.figures.llama4_vs_gpt45(default.llama4),
        "deepseek_v4": bp.figures.deepseek_v4_vs_closed(default.deepseek_v4),
        "diffusion": bp.figures.diffusion(default.diffusion),
    }
    try:
        assert (
            figs["eci_frontier"]
            .axes[0]
            .get_title()
            .startswith("Open models trail the closed frontier by 9.8")
        )
        assert "expected wins" in figs["arena_gap"].axes[0].get_title()
        assert "on 2 of 4 shared measures" in figs["llama4"].axes[0].get_title()
        assert "on 1 of 5 measures" in figs["deepseek_v4"].axes[0].get_title()
        assert figs["diffusion"]._suptitle.get_text().startswith("7 organizations crossed")
        for f in figs.values():
            assert any(t.get_text().startswith("Data:") for t in f.texts)  # the source caption
    finally:
        for f in figs.values():
            plt.close(f)


def test_exercise_helpers(inputs, default):
    tol, k, n = bp.measures.tolerance_for_majority(default.deepseek_v4.ratios, 50)
    assert (k, n) == (3, 5) and tol > 5  # more than 5% is needed for 'most'
    assert bp.measures.match_share(default.deepseek_v4.ratios, tol)[1] >= k
    strict = bp.caps_as_of(inputs.caps_all, inputs.as_of, "unrestricted_only")
    assert strict["open"].sum() <= inputs.caps["open"].sum()
