"""Closed forms and properties of notebook 03's computations: the scenario, the delay model and its Monte Carlo,
chips against the rules, costs, the US-China record and the Arena by country (the verdict rules: test_export_controls_verdicts)."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from helpers.analysis.export_controls import arena_country, costs, delay, rules, scenario, us_china, verdicts
from helpers.core import uncertainty as unc

# ------------------------------------------------------------------------------ effective compute


def test_effective_compute_is_the_product():
    assert scenario.effective_compute(1000, 1e15, 0.5, 3600, 2.0) == pytest.approx(
        1000 * 1e15 * 0.5 * 3600 * 2.0
    )


def test_effective_compute_rejects_bad_utilization():
    with pytest.raises(ValueError, match="utilization"):
        scenario.effective_compute(10, 1e15, 1.5, 1.0)


def test_compute_ratio_of_the_essays_scenario_is_the_chip_count_ratio_at_equal_throughput():
    # 100,000 vs 10,000 chips of equal FLOP/s and utilization -> 10x
    assert scenario.compute_ratio(100_000, 989.4e12, 10_000, 989.4e12) == pytest.approx(10.0)
    # a utilization handicap on the restricted side widens the gap proportionally
    assert scenario.compute_ratio(100_000, 1e15, 10_000, 1e15, 0.4, 0.2) == pytest.approx(20.0)


def test_offset_multiplier_is_at_least_one():
    assert scenario.offset_multiplier_needed(0.5) == 1.0
    assert scenario.offset_multiplier_needed(10.0) == 10.0


def test_months_of_progress_closed_form():
    assert scenario.months_of_progress(10.0, 8.0) == pytest.approx(8 * math.log2(10))
    assert scenario.months_of_progress(2.0, 5.0) == pytest.approx(5.0)
    assert scenario.months_of_progress(1.0, 8.0) == pytest.approx(0.0)


# ------------------------------------------------------------------------------------ delay model


def test_delay_no_growth_ten_x_gap_eight_month_halving():
    assert delay.delay_months(10.0, 8.0, 1.0, 1.0) == pytest.approx(26.5754, abs=1e-3)
    assert delay.delay_months(10.0, 8.0) == pytest.approx(8 * math.log2(10))


def test_delay_with_equal_growth_is_independent_of_horizon_and_matches_closed_form():
    g, h, r = 4.5, 8.0, 10.0
    expected = 12 * math.log(r) / (math.log(g) + math.log(2) * 12 / h)
    for T in (0.0, 1.0, 5.0):
        assert delay.delay_months(r, h, g, g, True, T) == pytest.approx(expected)


def test_delay_without_diffusion_grows_with_the_horizon():
    d0 = delay.delay_months(10.0, 8.0, 2.0, 2.0, False, 0.0)
    d3 = delay.delay_months(10.0, 8.0, 2.0, 2.0, False, 3.0)
    a_f = math.log(2.0) + math.log(2) * 1.5
    assert d3 == pytest.approx(12 * (3 * (1 - math.log(2.0) / a_f) + math.log(10) / a_f))
    assert d3 > d0


def test_delay_is_zero_without_a_gap_and_clipped_when_the_restricted_side_overtakes():
    assert delay.delay_months(1.0, 8.0, 2.0, 2.0) == 0.0
    assert delay.delay_months(10.0, 8.0, 1.0, 100.0, True, 5.0) == 0.0


def test_delay_is_monotone_in_halving_time_and_ratio():
    h = np.linspace(1, 40, 200)
    d = delay.delay_months(10.0, h, 3.0, 2.0, True, 3.0)
    assert np.all(np.diff(d) >= -1e-12)
    r = np.linspace(1, 1000, 200)
    assert np.all(np.diff(delay.delay_months(r, 8.0, 3.0, 3.0)) >= 0)


def test_delay_is_vectorized():
    out = delay.delay_months(np.array([10.0, 100.0]), np.array([8.0, 8.0]))
    assert out.shape == (2,)
    assert out[1] == pytest.approx(2 * out[0])


def test_catch_up_time_with_no_growth_equals_months_of_progress():
    assert delay.catch_up_months(10.0, 8.0) == pytest.approx(scenario.months_of_progress(10.0, 8.0))
    assert math.isinf(delay.catch_up_months(10.0, 8.0, 1.0, algorithms_diffuse=False))


def test_delay_rejects_non_positive_inputs():
    with pytest.raises(ValueError):
        delay.delay_months(-1.0, 8.0)
    with pytest.raises(ValueError):
        delay.delay_months(10.0, 0.0)
    with pytest.raises(ValueError):
        delay.delay_months(10.0, 8.0, 0.0)


# ------------------------------------------------------------------------------------- Monte Carlo


def test_lognormal_fit_recovers_a_symmetric_log_interval():
    mu, sigma = unc.lognormal_from_interval(8.0, 8.0 / math.e, 8.0 * math.e, 0.95)
    assert mu == pytest.approx(math.log(8.0))
    assert sigma == pytest.approx(1 / 1.959964, rel=1e-5)


def test_lognormal_fit_degenerate_interval_is_a_point_mass():
    assert unc.lognormal_from_interval(8.0, 8.0, 8.0, 0.9) == (pytest.approx(math.log(8.0)), 0.0)


@pytest.mark.parametrize("bad", [(8.0, 9.0, 22.0, 0.9), (8.0, 2.0, 22.0, 1.0), (0.0, 0.0, 1.0, 0.9)])
def test_lognormal_fit_rejects_bad_intervals(bad):
    with pytest.raises(ValueError):
        unc.lognormal_from_interval(*bad)


def _inputs(**kw):
    base = dict(
        ratio=10.0,
        halving_months=8.0,
        halving_low=2.0,
        halving_high=22.0,
        halving_level=0.9,
        frontier_growth=4.5,
        restricted_growth=4.5,
        growth_factor=1.12,
        growth_level=0.9,
    )
    base.update(kw)
    return delay.DelayInputs(**base)


def test_degenerate_intervals_give_the_deterministic_answer():
    inp = _inputs(
        halving_low=8.0, halving_high=8.0, growth_factor=1.0, frontier_growth=1.0, restricted_growth=1.0
    )
    sim = delay.simulate_delay(inp, 5000, seed=1)
    assert np.allclose(sim["delay_months"], 8 * math.log2(10))


def test_simulation_is_seeded_and_matches_its_quantiles():
    a = delay.simulate_delay(_inputs(), 20000, seed=7)["delay_months"]
    b = delay.simulate_delay(_inputs(), 20000, seed=7)["delay_months"]
    c = delay.simulate_delay(_inputs(), 20000, seed=8)["delay_months"]
    assert np.array_equal(a, b)
    assert not np.array_equal(a, c)
    # with growth fixed, the delay is a monotone function of h, so its median is the delay at the median h
    sim = delay.simulate_delay(_inputs(growth_factor=1.0), 200_001, seed=3)
    assert np.median(sim["delay_months"]) == pytest.approx(
        float(delay.delay_months(10.0, 8.0, 4.5, 4.5)), rel=0.01
    )
    # the drawn halving times reproduce the published median and both ends of the asymmetric interval
    lo, med, hi = np.percentile(sim["halving_months"], [5, 50, 95])
    assert (lo, med, hi) == (
        pytest.approx(2.0, rel=0.02),
        pytest.approx(8.0, rel=0.02),
        pytest.approx(22.0, rel=0.02),
    )


def test_the_shared_normal_draws_are_those_of_the_seed_and_cannot_be_changed():
    """simulate_delay draws its normals once per (draws, seed), for every specification of a grid: they are
    the seed's own draws, and read-only, so no caller can alter what the next specification reads."""
    e = delay._normals(1000, 7)
    assert np.array_equal(e, np.random.default_rng(7).standard_normal((3, 1000)))
    with pytest.raises(ValueError):
        e[0, 0] = 0.0
    a = delay.simulate_delay(_inputs(), 1000, seed=7)
    a["delay_months"][:] = -1.0  # the returned arrays are the caller's own
    assert (delay.simulate_delay(_inputs(), 1000, seed=7)["delay_months"] >= 0).all()


def test_split_lognormal_meets_both_ends_where_one_lognormal_cannot():
    mu, s_lo, s_hi = unc.split_lognormal_from_interval(8.0, 2.0, 22.0, 0.9)
    assert mu == pytest.approx(math.log(8.0))
    assert math.exp(mu - 1.644854 * s_lo) == pytest.approx(2.0, rel=1e-5)
    assert math.exp(mu + 1.644854 * s_hi) == pytest.approx(22.0, rel=1e-5)
    # the symmetric fit misses both ends of this interval (about 2.4 and 26.5)
    _, sigma = unc.lognormal_from_interval(8.0, 2.0, 22.0, 0.9)
    assert math.exp(mu - 1.644854 * sigma) > 2.3 and math.exp(mu + 1.644854 * sigma) > 25.0
    # a symmetric interval gives equal halves
    _, a, b = unc.split_lognormal_from_interval(8.0, 4.0, 16.0, 0.95)
    assert a == pytest.approx(b)


def test_band_probabilities_add_up_and_respect_bands():
    d = np.array([1.0, 5.0, 12.0, 20.0, 36.0, 50.0])
    p = delay.band_probabilities(d, 12.0, 36.0)
    assert p["prob_speed_bump"] == pytest.approx(3 / 6)
    assert p["prob_roadblock"] == pytest.approx(2 / 6)
    assert p["prob_between"] == pytest.approx(1 / 6)
    with pytest.raises(ValueError):
        delay.band_probabilities(d, 40.0, 36.0)


def test_summary_quantiles_are_ordered():
    s = delay.delay_summary(delay.simulate_delay(_inputs(), 10000, seed=2)["delay_months"], 12, 36)
    assert s["p05"] <= s["median"] <= s["p95"]


def test_tornado_ranks_by_swing_and_restricted_growth_is_irrelevant_at_horizon_zero():
    t = delay.tornado(_inputs(horizon_years=0.0))
    assert list(t["swing"]) == sorted(t["swing"], reverse=True)
    row = t.set_index("input").loc["restricted compute growth (x/yr)"]
    assert row["swing"] == pytest.approx(0.0)
    t3 = delay.tornado(_inputs(horizon_years=3.0, restricted_growth=2.0))
    assert t3.set_index("input").loc["restricted compute growth (x/yr)", "swing"] > 0


# -------------------------------------------------------------------------------- chips and rules


def _chips():
    return pd.DataFrame(
        {
            "chip": ["big", "slow_link", "dense_small", "sparse", "unknown_pd"],
            "designer": ["X"] * 5,
            "tpp": [5000.0, 5000.0, 2000.0, 2000.0, 2000.0],
            "performance_density": [6.0, 6.0, 6.0, 2.0, np.nan],
            "interconnect_gb_s": [900.0, 400.0, 900.0, 900.0, 900.0],
            "memory_bandwidth_gb_s": [3000.0] * 5,
        }
    )


def _rules():
    base = {
        "tpp_min": np.nan,
        "tpp_max": np.nan,
        "performance_density_min": np.nan,
        "performance_density_max": np.nan,
        "interconnect_min_gb_s": np.nan,
        "memory_bandwidth_max_gb_s": np.nan,
        "chips_named": None,
    }
    rows = [
        {
            **base,
            "rule_id": "r1",
            "clause": "a",
            "date": pd.Timestamp("2022-10-07"),
            "effect": "licence_required",
            "tpp_min": 4800,
            "interconnect_min_gb_s": 600,
        },
        {
            **base,
            "rule_id": "r2",
            "clause": "a1",
            "date": pd.Timestamp("2023-10-17"),
            "effect": "licence_required",
            "tpp_min": 4800,
        },
        {
            **base,
            "rule_id": "r2",
            "clause": "a2",
            "date": pd.Timestamp("2023-10-17"),
            "effect": "licence_required",
            "tpp_min": 1600,
            "performance_density_min": 5.92,
        },
        {
            **base,
            "rule_id": "r3",
            "clause": "named",
            "date": pd.Timestamp("2025-04-09"),
            "effect": "licence_required",
            "chips_named": "sparse",
        },
    ]
    return pd.DataFrame(rows)


def test_classification_applies_every_threshold_of_a_clause():
    c = rules.classify_chips(_chips(), _rules()).set_index(["rule_id", "chip"])["caught"]
    assert c[("r1", "big")] is True or bool(c[("r1", "big")])
    assert not bool(c[("r1", "slow_link")])  # interconnect below 600 GB/s escapes the 2022 rule
    assert not bool(c[("r1", "dense_small")])  # TPP below 4800
    assert bool(c[("r2", "slow_link")])  # the 2023 rule dropped the interconnect test
    assert bool(c[("r2", "dense_small")])  # caught by density
    assert not bool(c[("r2", "sparse")])
    assert pd.isna(c[("r2", "unknown_pd")])  # density unknown and TPP below 4800: cannot tell


def test_timeline_follows_rules_and_named_decisions():
    t = rules.export_status_timeline(_chips(), _rules()).pivot(
        index="chip", columns="rule_id", values="status"
    )
    assert t.loc["slow_link", "r1"] == "allowed"
    assert t.loc["slow_link", "r2"] == "licence required"
    assert t.loc["sparse", "r2"] == "allowed"
    assert t.loc["sparse", "r3"] == "licence required"
    assert t.loc["unknown_pd", "r2"] == "unknown"


# ------------------------------------------------------------------------------------------ costs


def test_cost_calibration_on_deepseek_v3_reproduces_the_reported_cost():
    compute, hours = 3.3e24, 2.788e6
    per_hour = costs.achieved_flop_per_gpu_hour(compute, hours)
    util = costs.implied_utilization(compute, hours, 989e12)
    assert util == pytest.approx(compute / (hours * 3600 * 989e12))
    cost = costs.training_cost_usd(compute, 2.0, 989e12, util)
    assert cost == pytest.approx(5.576e6)
    assert per_hour * hours == pytest.approx(compute)


def test_cost_scales_linearly_with_compute_and_price():
    a = costs.training_cost_usd(1e24, 2.0, 1e15, 0.4)
    assert costs.training_cost_usd(2e24, 2.0, 1e15, 0.4) == pytest.approx(2 * a)
    assert costs.training_cost_usd(1e24, 3.0, 1e15, 0.4) == pytest.approx(1.5 * a)
    assert costs.training_cost_usd(1e24, 2.0, 1e15, 0.2) == pytest.approx(2 * a)


def test_range_overlap():
    assert verdicts.range_overlap(0, 10, 5, 15) == pytest.approx(0.5)
    assert verdicts.range_overlap(0, 1, 5, 15) == 0.0
    assert verdicts.range_overlap(0, 100, 5, 15) == 1.0


# ------------------------------------------------------------------------------ historical record


def test_country_frontier_keeps_record_setters_and_trend_fit_recovers_slopes():
    rng = np.random.default_rng(0)
    rows = []
    for country, a, b in (("US", 24.0, 0.6), ("China", 23.0, 0.5)):
        for i, t in enumerate(np.linspace(2020, 2026, 25)):
            date = pd.Timestamp("2020-01-01") + pd.to_timedelta((t - 2020) * 365.25, unit="D")
            rows.append(
                {
                    "model": f"{country}{i}",
                    "country": country,
                    "publication_date": date,
                    "training_compute_flop": 10 ** (a + b * (t - 2020) + rng.normal(0, 0.01)),
                }
            )
    m = pd.DataFrame(rows)
    f = us_china.country_frontier(m, start="2020-01-01")
    assert (f.groupby("country")["training_compute_flop"].apply(lambda s: s.is_monotonic_increasing)).all()
    fit = us_china.fit_country_trends(f)
    assert fit.slope("US") == pytest.approx(0.6, abs=0.02)
    assert fit.slope("China") == pytest.approx(0.5, abs=0.02)
    t = 2025.0
    gap, _se = fit.gap_log10(t)
    assert gap == pytest.approx((24 + 0.6 * 5) - (23 + 0.5 * 5), abs=0.05)
    lag, lo, hi = fit.lag_years(t)
    assert lag == pytest.approx(gap / fit.slope("China"))
    assert lo <= lag <= hi


def _frontier(rng, n=12):
    rows = []
    for country, a, b in (("US", 24.0, 0.6), ("China", 23.0, 0.5)):
        for t in np.sort(rng.uniform(2020, 2026, n)):
            rows.append(
                {"country": country, "t": t, "log10_compute": a + b * (t - 2020) + rng.normal(0, 0.3)}
            )
    return pd.DataFrame(rows)


def test_the_trend_fit_is_the_textbook_ols_and_its_centring_changes_no_quantity():
    f = _frontier(np.random.default_rng(3))
    fit = us_china.fit_country_trends(f)
    other = (f["country"] == "China").to_numpy(float)
    X = np.column_stack([np.ones(len(f)), f["t"], other, f["t"] * other])
    beta = np.linalg.lstsq(X, f["log10_compute"].to_numpy(), rcond=None)[0]  # raw years, no centring
    assert fit.slope("US") == pytest.approx(beta[1], rel=1e-8)
    assert fit.slope("China") == pytest.approx(beta[1] + beta[3], rel=1e-8)
    for t in (2021.0, 2026.5):
        gap = -(beta[2] + beta[3] * t)
        assert fit.gap_log10(t)[0] == pytest.approx(gap, rel=1e-8)
        assert fit.fitted_log10("China", t) == pytest.approx(
            beta[0] + beta[2] + (beta[1] + beta[3]) * t, rel=1e-9
        )


def test_the_trend_fit_does_not_depend_on_where_time_is_measured_from():
    # the raw decimal-year design had a condition number near 1e7 and differed across BLAS builds in the tenth
    # digit; centred, moving every date by 1,000 years leaves the gap, its error and the slopes unchanged
    f = _frontier(np.random.default_rng(4))
    fit, moved = us_china.fit_country_trends(f), us_china.fit_country_trends(f.assign(t=f["t"] + 1000))
    for country in ("US", "China"):
        assert moved.slope(country) == pytest.approx(fit.slope(country), rel=1e-12)
    gap, se = fit.gap_log10(2025.0)
    gap_m, se_m = moved.gap_log10(3025.0)
    assert gap_m == pytest.approx(gap, rel=1e-12) and se_m == pytest.approx(se, rel=1e-12)


def test_country_frontier_judges_records_against_runs_before_the_start():
    m = pd.DataFrame(
        {
            "model": ["big2019", "small2020", "mid2021", "big2022"],
            "country": "China",
            "publication_date": pd.to_datetime(["2019-06-01", "2020-03-01", "2021-03-01", "2022-03-01"]),
            "training_compute_flop": [1e23, 1e20, 1e22, 1e24],
        }
    )
    f = us_china.country_frontier(m, countries=("China",), start="2020-01-01")
    # the 2020 and 2021 models are below the 2019 run, so they set no record
    assert list(f["model"]) == ["big2022"]


def test_capability_lag_counts_months_since_the_leader_reached_the_follower():
    grid = pd.date_range("2024-01-01", "2024-12-01", freq="MS")
    best = pd.DataFrame(
        {
            "US": [100, 100, 110, 110, 110, 120, 120, 120, 120, 120, 120, 120],
            "China": [np.nan, 90, 95, 100, 105, 110, 110, 110, 120, 120, 125, 125],
        },
        index=grid,
        dtype=float,
    )
    lag = us_china.capability_lag_months(best)
    assert math.isnan(lag.iloc[0])
    assert lag.loc["2024-04-01"] == pytest.approx(
        (pd.Timestamp("2024-04-01") - pd.Timestamp("2024-01-01")).days / 30.4375
    )
    assert lag.loc["2024-09-01"] == pytest.approx(
        (pd.Timestamp("2024-09-01") - pd.Timestamp("2024-06-01")).days / 30.4375
    )
    assert lag.loc["2024-11-01"] == 0.0  # the follower is ahead
    tol = us_china.capability_lag_months(best, tolerance=10.0)
    assert (tol.dropna() <= lag.reindex(tol.dropna().index).fillna(np.inf)).all()


# ------------------------------------------------------------------------------ Arena by country


def _arena_rows():
    rows = []

    def add(src, seg, day, model, org, rating, sc=pd.NA, cat="overall"):
        rows.append(
            {
                "source": src,
                "scale_segment": seg,
                "snapshot_date": pd.Timestamp(day),
                "category": cat,
                "style_control": sc,
                "model": model,
                "organization": org,
                "rating": rating,
                "rating_lower": rating - 5,
                "rating_upper": rating + 5,
            }
        )

    # a scrape span without a style-control flag, with a 3-month hole
    for day in ("2025-01-01", "2025-01-15", "2025-04-20"):
        add("lmarena_scrape", "lmsys_csv_2024_2025", day, "us-1", "OpenAI", 1300)
        add("lmarena_scrape", "lmsys_csv_2024_2025", day, "cn-1", "DeepSeek", 1280)
    add("lmarena_scrape", "lmsys_csv_2024_2025", "2025-01-15", "zz-1", "Mystery Lab", 1290)  # no country
    # 2026 official board: default and style-controlled views
    for sc, us, cn in ((False, 1500, 1400), (True, 1480, 1470)):
        add(
            "lmarena_official",
            "official_2026_" + ("style_control" if sc else "default"),
            "2026-06-01",
            "us-2",
            "OpenAI",
            us,
            sc,
        )
        add(
            "lmarena_official",
            "official_2026_" + ("style_control" if sc else "default"),
            "2026-06-01",
            "cn-2",
            "DeepSeek",
            cn,
            sc,
        )
    a = pd.DataFrame(rows)
    a["style_control"] = a["style_control"].astype("boolean")
    return a


def test_arena_best_by_country_keeps_notebook_01_spans_and_breaks_holes():
    a = _arena_rows()
    oc = {"OpenAI": "US", "DeepSeek": "China"}
    ab = arena_country.arena_best_by_country(a, oc)  # style-controlled 2026 view, as notebook 01
    assert set(ab["scale_segment"]) == {"lmsys_csv_2024_2025", "official_2026_style_control"}
    last = ab.iloc[-1]
    assert last["gap_points"] == pytest.approx(10) and last["model_China"] == "cn-2"
    scr = ab[ab["scale_segment"] == "lmsys_csv_2024_2025"]
    assert list(scr["line"].diff().fillna(0)) == [0, 0, 1]  # the 95-day hole starts a new line
    assert list(scr["unmapped_above"]) == [False, True, False]
    ab_default = arena_country.arena_best_by_country(a, oc, style_control=False)
    assert "official_2026_default" in set(ab_default["scale_segment"])
    assert ab_default.iloc[-1]["gap_points"] == pytest.approx(100)


def test_arena_country_coverage_counts_unmapped_rows():
    a = _arena_rows()
    a.loc[0, "organization"] = pd.NA
    cov = arena_country.arena_country_coverage(a, {"OpenAI": "US", "DeepSeek": "China"})
    assert cov["rows"] == len(a)
    assert cov["rows_no_organization"] == 1
    assert cov["rows_unmapped"] == 1 and cov["orgs_unmapped"] == ["Mystery Lab"]
    assert cov["rows_mapped"] == len(a) - 2


def test_org_country_map_matches_prefixes_and_parenthesised_names():
    models = pd.DataFrame(
        {
            "organization": [
                "Z.ai (Zhipu AI)",
                "DeepSeek",
                "OpenAI",
                "AI21 Labs",
                "Ai2",
                "Tsinghua University,Z.ai (Zhipu AI)",
            ],
            "country": ["China", "China", "US", "Israel", "US", "China"],
        }
    )
    got = arena_country.org_country_map(
        ["Zhipu", "Zhipu AI", "deepseek", "openai", "ai2", "Unknown Lab", "Z.ai"], models
    )
    assert got == {
        "Zhipu": "China",
        "Zhipu AI": "China",
        "deepseek": "China",
        "openai": "US",
        "ai2": "US",
        "Z.ai": "China",
    }
