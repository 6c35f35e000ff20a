"""Issue 13's corrections to notebook 03, unit by unit: the ECI lag stops at the data's end, Epoch AI's
time-averaged lag, the largest-runs comparison over windows and k with bounds for missing estimates, the
restricted side's growth from the chip owners, the delay against the growth gap, titles that say what an
interval supports, and the published-figures rows (computed with the publisher's definition, never tuned)."""

from __future__ import annotations

import math
from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest

from helpers.analysis.export_controls import capability_lag, published, text, us_china_measures
from helpers.analysis.export_controls import delay as dm
from helpers.analysis.export_controls import growth as gm
from helpers.analysis.export_controls import us_china as uc
from helpers.analysis.export_controls.params import Params

T = pd.Timestamp


def caps_frame(rows):
    return pd.DataFrame(rows, columns=["model", "release_date", "country", "eci"]).assign(
        release_date=lambda d: pd.to_datetime(d["release_date"])
    )


# the US frontier: a dropped first record, then 100 (2023-03-01), 110 (2024-01-01), 120 (2025-01-01);
# China: a dropped first record, then 99.5 (2023-06-01) and 109 (2024-07-01)
CAPS = caps_frame(
    [
        ("us0", "2023-01-01", "US", 80.0),
        ("us1", "2023-03-01", "US", 100.0),
        ("us2", "2024-01-01", "US", 110.0),
        ("us3", "2025-01-01", "US", 120.0),
        ("us_small", "2025-02-01", "US", 90.0),
        ("cn0", "2023-02-01", "China", 70.0),
        ("cn1", "2023-06-01", "China", 99.5),
        ("cn2", "2024-07-01", "China", 109.0),
    ]
)


def _inputs(caps, as_of):
    """As load_inputs: the table cut at as_of, the ECI record ending at min(as_of, newest release)."""
    return SimpleNamespace(
        caps=caps[caps["release_date"] <= T(as_of)],
        as_of=T(as_of),
        eci_end=min(T(as_of), caps["release_date"].max()),
        rules=pd.DataFrame({"date": [T("2022-10-07")]}),
    )


# ------------------------------------------------------------------ the lag stops at the data's end


def test_the_lag_does_not_grow_past_the_newest_eci_release():
    P = Params()
    at_end = uc.capability_gap(_inputs(CAPS, "2025-02-01"), P)
    later = uc.capability_gap(_inputs(CAPS, "2026-07-15"), P)
    assert later.end == T("2025-02-01") and later.best.index[-1] == T("2025-02-01")
    assert later.lag_now == pytest.approx(at_end.lag_now)
    assert later.lag.index.max() == T("2025-02-01")
    # on 2025-02-01 China's best is 109: the US frontier first beat 109 + 2 on 2025-01-01, a month earlier
    assert later.lag_now == pytest.approx(31 / 30.4375)
    # an as-of date inside the ECI record still ends the grid there (nothing after it is known)
    mid = uc.capability_gap(_inputs(CAPS, "2024-08-15"), P)
    assert mid.end == T("2024-08-15") and mid.best.index[-1] == T("2024-08-15")


def test_the_lag_of_the_real_record_ends_at_the_eci_release():
    from helpers.analysis.export_controls.inputs import load_inputs

    P = Params()
    inputs = load_inputs(P)
    assert inputs.eci_end == min(inputs.as_of, inputs.caps["release_date"].max())
    assert inputs.as_of > inputs.eci_end  # the models table runs past the ECI, the case issue 13 names
    cg = uc.capability_gap(inputs, P)
    cut = uc.capability_gap(_inputs(inputs.caps, f"{inputs.eci_end:%Y-%m-%d}"), P)
    assert cg.lag_now == pytest.approx(cut.lag_now)
    assert cg.lag.dropna().index.max() == inputs.eci_end


# ------------------------------------------------------------------ Epoch AI's time-averaged lag


def test_frontier_records_drop_the_first_and_keep_only_records():
    us = uc.frontier_records(CAPS, "US")
    assert us["model"].tolist() == ["us1", "us2", "us3"]  # us0 dropped, us_small is no record
    assert uc.frontier_records(CAPS, "US", drop_first=False)["model"].iloc[0] == "us0"


def test_horizontal_lag_follows_epochs_rule():
    lag = uc.horizontal_lag(CAPS, "2023-01-01", "2025-06-30", tolerance=1.0)
    # before China's first kept record (cn1, 2023-06-01): undefined
    assert lag[: T("2023-05-31")].isna().all()
    # 2023-06-01 .. 2023-12-31: China 99.5, US 100 <= 99.5 + 1: level
    assert (lag[T("2023-06-01") : T("2023-12-31")] == 0).all()
    # from 2024-01-01 the US frontier (110) beats 100.5: months since us2's release
    assert lag[T("2024-03-01")] == pytest.approx((T("2024-03-01") - T("2024-01-01")).days / 30.4375)
    # 2024-07-01: China 109, US 110 <= 110: level again; 2025-03-01: US 120 > 110, since 2025-01-01
    assert lag[T("2024-07-01")] == 0
    assert lag[T("2025-03-01")] == pytest.approx(59 / 30.4375)
    # with no tolerance the 2023 stretch is behind us1 (100 > 99.5), the first kept record: undefined
    strict = uc.horizontal_lag(CAPS, "2023-01-01", "2025-06-30", tolerance=0.0)
    assert strict[T("2023-07-01") : T("2023-12-31")].isna().all()


def _lag_by_day(best, tolerance):
    """capability_lag_months as its docstring says it, one date at a time (the reference)."""
    out = []
    for d in best.index:
        lead, target = best.loc[d, "US"], best.loc[d, "China"]
        if np.isnan(target):
            out.append(np.nan)
        elif np.isnan(lead) or lead < target + tolerance:
            out.append(0.0)
        else:
            first = best.index[(best["US"] >= target + tolerance) & (best.index <= d)][0]
            out.append(max(0.0, (d - first).days / 30.4375))
    return np.array(out)


def _horizontal_by_day(caps, start, end, tolerance):
    """horizontal_lag as its docstring says it, one day at a time (the reference)."""
    lead, fol = uc.frontier_records(caps, "US"), uc.frontier_records(caps, "China")
    out = []
    for d in pd.date_range(start, end, freq="D"):
        seen_l, seen_f = lead[lead["release_date"] <= d], fol[fol["release_date"] <= d]
        if seen_l.empty or seen_f.empty:
            out.append(np.nan)
            continue
        target = seen_f["eci"].iloc[-1] + tolerance
        if seen_l["eci"].iloc[-1] <= target:
            out.append(0.0)
            continue
        above = np.flatnonzero(seen_l["eci"].to_numpy() > target)[0]
        out.append(np.nan if above == 0 else (d - seen_l["release_date"].iloc[above]).days / 30.4375)
    return np.array(out)


@pytest.mark.parametrize("seed", range(12))
def test_the_vectorised_lags_equal_the_day_by_day_rules(seed):
    rng = np.random.default_rng(seed)
    n = int(rng.integers(10, 60))
    caps = caps_frame(
        [
            (
                f"m{i}",
                T("2022-01-01") + pd.Timedelta(days=int(d)),
                c,
                float(round(e)),
            )  # whole points: ties with the target
            for i, (d, c, e) in enumerate(
                zip(rng.integers(0, 900, n), rng.choice(["US", "China"], n), rng.normal(100, 3, n))
            )
        ]
    )
    tol = float(rng.choice([0.0, 1.0, 3.0]))
    best = uc.running_best(caps, "eci", "release_date", pd.date_range("2021-12-01", "2024-09-01", freq="MS"))
    got = uc.capability_lag_months(best, tolerance=tol).to_numpy()
    assert np.array_equal(got, _lag_by_day(best, tol), equal_nan=True)
    with pytest.raises(ValueError, match="sorted"):
        uc.capability_lag_months(best.iloc[::-1], tolerance=tol)
    daily = uc.horizontal_lag(caps, "2022-03-01", "2024-06-01", tol).to_numpy()
    assert np.array_equal(daily, _horizontal_by_day(caps, "2022-03-01", "2024-06-01", tol), equal_nan=True)


def test_lag_average_is_the_mean_of_the_defined_days_with_a_seeded_interval():
    a = uc.lag_average(CAPS, "2023-01-01", "2025-06-30", tolerance=1.0, seed=3)
    daily = uc.horizontal_lag(CAPS, "2023-01-01", "2025-06-30", tolerance=1.0).dropna()
    assert a.months == pytest.approx(daily.mean()) and a.n_days == len(daily)
    assert a.low <= a.months <= a.high and a.min_months == 0.0
    again = uc.lag_average(CAPS, "2023-01-01", "2025-06-30", tolerance=1.0, seed=3)
    assert (again.low, again.high) == (a.low, a.high)  # seeded: deterministic
    with pytest.raises(ValueError, match="no day"):
        uc.lag_average(CAPS, "2023-01-01", "2023-03-01")


def test_block_bootstrap_of_a_constant_series_has_no_width():
    lo, hi = capability_lag._block_bootstrap_mean(np.full(300, 4.0), 90, 500, 1, 0.9)
    assert lo == hi == pytest.approx(4.0)


# ------------------------------------------------------------------ the largest runs, robustly


def models_frame(rows):
    return pd.DataFrame(
        rows, columns=["model", "country", "publication_date", "training_compute_flop", "notable"]
    ).assign(publication_date=lambda d: pd.to_datetime(d["publication_date"]))


MODELS = models_frame(
    [
        ("big_us", "US", "2025-07-09", 5e26, True),  # inside 18 months, outside 12
        ("us_a", "US", "2025-10-01", 6e25, True),
        ("us_closed", "US", "2026-01-01", np.nan, True),
        ("cn_old", "China", "2024-10-01", 3e25, True),  # China's record, outside 18 months
        ("cn_a", "China", "2025-12-01", 1.5e25, True),
        ("cn_b", "China", "2026-02-01", 1e25, True),
        ("cn_open", "China", "2026-03-01", np.nan, False),
    ]
)


def test_the_run_comparison_does_not_rest_on_one_window():
    r = uc.run_comparison(MODELS, T("2026-07-15"), windows=(12, 18, 24), ks=(1, 2))
    top = r[r["k"] == 1].set_index("window_months")
    assert top.loc[12, "ratio"] == pytest.approx(6e25 / 1.5e25)  # the 12-month window misses big_us
    assert top.loc[18, "ratio"] == pytest.approx(5e26 / 1.5e25)
    assert top.loc[24, "ratio"] == pytest.approx(5e26 / 3e25)
    two = r[(r["k"] == 2) & (r["window_months"] == 12)]["ratio"].iloc[0]
    assert math.isnan(two)  # one US run with an estimate in 12 months: no top 2
    two24 = r[(r["k"] == 2) & (r["window_months"] == 24)]["ratio"].iloc[0]
    assert two24 == pytest.approx(math.sqrt(5e26 * 6e25) / math.sqrt(3e25 * 1.5e25))
    # missing shares among notable models; the bounds: a missing model at most its country's record so far
    assert top.loc[12, "missing_US"] == pytest.approx(1 / 2)
    assert top.loc[12, "missing_China"] == 0.0  # the Chinese model without an estimate is not notable
    assert top.loc[12, "high"] == pytest.approx(5e26 / 1.5e25)  # us_closed could be as large as big_us
    assert top.loc[12, "low"] == pytest.approx(6e25 / 3e25)  # cn_open could be as large as cn_old
    assert top.loc[12, "top_US"] == "us_a" and top.loc[18, "top_US"] == "big_us"


def test_top_k_needs_k_runs():
    assert math.isnan(us_china_measures._geo_top(pd.Series([1.0, 2.0]), 3))
    assert us_china_measures._geo_top(pd.Series([1.0, 100.0, np.nan]), 2) == pytest.approx(10.0)


# ------------------------------------------------------------------ the restricted side's growth


def owners_frame():
    rows = []
    for year, cn, rest in ((2023, 100.0, 900.0), (2024, 200.0, 3800.0), (2025, 250.0, 11750.0)):
        rows.append(("NVIDIA", "China", f"{year}-12-31", cn, False, "2022-01-01"))
        rows.append(("NVIDIA", "Other", f"{year}-12-31", rest, False, "2022-01-01"))
    rows.append(("AMD", "Other", "2025-12-31", 5000.0, False, "2025-01-01"))  # a designer added in 2025
    rows.append(("NVIDIA", "China", "2026-12-31", 260.0, True, "2022-01-01"))  # an incomplete year end
    f = pd.DataFrame(
        rows, columns=["designer", "owner", "quarter_end", "h100e_p50", "incomplete", "cumulative_since"]
    )
    return f.assign(
        quarter_end=lambda d: pd.to_datetime(d["quarter_end"]),
        cumulative_since=lambda d: pd.to_datetime(d["cumulative_since"]),
    )


def test_stock_growth_compares_like_with_like():
    o = owners_frame()
    c, a = gm.stock_growth(o, 2025)
    assert c == pytest.approx(250 / 200)
    assert a == pytest.approx(12000 / 4000)  # the AMD stock added in 2025 is not growth
    stocks = gm.year_end_stock(o)
    assert 2026 not in stocks.index  # incomplete
    assert stocks.loc[2025, "share"] == pytest.approx(250 / 17000)
    with pytest.raises(ValueError, match="no complete year-end stock"):
        gm.stock_growth(o, 2023)


def test_restricted_growth_from_the_owners_and_from_the_parameter():
    inp = SimpleNamespace(owners=owners_frame(), as_of=T("2026-07-15"))
    g = gm.restricted_growth(inp, Params())
    assert g.estimated and g.year == 2025
    assert g.value == pytest.approx(4.5 * 1.25 / 3.0)
    assert g.low == pytest.approx(1.25) and g.factor == pytest.approx(g.value / 1.25)
    assert g.gap == pytest.approx(3.0 / 1.25)
    assert "estimated" in g.source and "1.25x" in g.source
    set_ = gm.restricted_growth(inp, Params(restricted_compute_growth_per_year=4.5))
    assert not set_.estimated and set_.value == 4.5 and set_.factor == Params().growth_ci_factor
    wide = gm.restricted_growth(inp, Params(restricted_growth_ci_factor=2.0))
    assert wide.factor == 2.0 and wide.value == pytest.approx(g.value)
    # an earlier record's end uses only the stock known by then: 2024's growth
    early = gm.restricted_growth(SimpleNamespace(owners=owners_frame(), as_of=T("2025-06-30")), Params())
    assert early.year == 2024 and early.value == pytest.approx(4.5 * 2.0 / (4000 / 1000))


def test_the_restricted_factor_widens_only_the_restricted_draws():
    base = dict(ratio=10.0, halving_months=8.0, halving_low=8.0, halving_high=8.0, halving_level=0.9)
    fixed = dm.DelayInputs(
        **base,
        frontier_growth=4.5,
        restricted_growth=2.0,
        growth_factor=1.0,
        restricted_growth_factor=1.0,
        horizon_years=3.0,
    )
    d = dm.simulate_delay(fixed, 500, 1)
    assert np.allclose(d["restricted_growth"], 2.0) and np.allclose(d["frontier_growth"], 4.5)
    wide = dm.DelayInputs(**{**fixed.__dict__, "restricted_growth_factor": 2.0})
    w = dm.simulate_delay(wide, 20000, 1)
    assert np.allclose(w["frontier_growth"], 4.5)
    assert np.quantile(w["restricted_growth"], 0.95) == pytest.approx(4.0, rel=0.05)
    with pytest.raises(ValueError, match="restricted_growth_factor"):
        dm.simulate_delay(dm.DelayInputs(**{**fixed.__dict__, "restricted_growth_factor": 0.5}), 10, 1)


def test_delay_by_gap_is_flat_at_equal_growth_and_rises_with_gap_and_horizon():
    inp = dm.DelayInputs(
        ratio=10.0,
        halving_months=8.0,
        halving_low=2.0,
        halving_high=22.0,
        halving_level=0.9,
        frontier_growth=4.5,
        restricted_growth=4.5,
    )
    t = dm.delay_by_gap(inp, [1.0, 2.0, 4.0], [1.0, 5.0])
    at1 = t[t["gap"] == 1.0]["delay_months"]
    assert np.allclose(at1, at1.iloc[0])  # equal growth: the same at every horizon
    for _, g in t.groupby("horizon_years"):
        assert g["delay_months"].is_monotonic_increasing
    wide = t[t["gap"] == 4.0].set_index("horizon_years")["delay_months"]
    assert wide[5.0] > wide[1.0]
    expected = dm.delay_months(10.0, 8.0, 4.5, 4.5 / 2.0, True, 5.0)
    assert t[(t["gap"] == 2.0) & (t["horizon_years"] == 5.0)]["delay_months"].iloc[0] == pytest.approx(
        expected
    )


# ------------------------------------------------------------------ titles say what intervals support


def test_interval_clause_never_headlines_a_point_whose_interval_straddles_zero():
    assert text.interval_clause(0.6, -0.3, 2.4, "years", "ahead", "behind").startswith("cannot tell")
    assert text.interval_clause(0.6, 0.2, 2.4, "years", "ahead", "behind").startswith("behind by 0.6 years")
    assert text.interval_clause(-0.6, -2.0, -0.1, "years", "ahead", "behind").startswith("ahead by 0.6")


# ------------------------------------------------------------------ published figures, reproduced


def test_published_rows_use_their_definition_whatever_our_parameters():
    from helpers.analysis import export_controls as ec

    P = Params()
    inputs = ec.load_inputs(P)
    cg, co = ec.capability_gap(inputs, P), ec.training_costs(inputs, P)
    figs = published.published_figures(inputs, cg, co)
    assert [f.publisher.split(",")[0] for f in figs] == ["Epoch AI", "NIST CAISI", "DeepSeek-AI"]
    epoch, caisi, v3 = figs
    assert epoch.theirs == 7.0 and epoch.own == pytest.approx(cg.lag_avg.months)
    # ours with Epoch's definition: their tolerance and window, not the notebook's parameters
    other = Params(lag_avg_tolerance=3.0, lag_avg_start="2024-01-01")
    cg2 = ec.capability_gap(inputs, other)
    again = published.published_figures(inputs, cg2, co)[0]
    assert again.ours == pytest.approx(epoch.ours) and again.own != pytest.approx(epoch.own)
    assert (
        caisi.ours is None and caisi.status() == "not computable" and caisi.own == pytest.approx(cg.lag_now)
    )
    assert v3.status() == "reproduced" and v3.ours == pytest.approx(2.788e6 * 2)
    e = published.entries(figs)
    assert list(e) == ["replication"] and len(e["replication"]["value"]) == 3


def test_level_means_the_two_frontiers_were_within_the_tolerance_not_a_lag_rounded_to_zero():
    """A US model released a week before China's best passes it at the next monthly grid date, where the lag
    reads 0: that month is not 'level'. Level is China's best within the tolerance of the US best."""
    idx = pd.DatetimeIndex(["2024-09-01", "2024-10-01", "2024-11-01", "2024-12-01"])
    best = pd.DataFrame(
        {"US": [130.0, 136.6, 136.6, 136.6], "China": [125.8, 129.5, 129.5, 135.0]}, index=idx
    )
    gap = uc.CapabilityGap.__new__(uc.CapabilityGap)
    object.__setattr__(gap, "best", best)
    object.__setattr__(gap, "controls_start", pd.Timestamp("2022-10-07"))
    object.__setattr__(gap, "P", SimpleNamespace(eci_tolerance=2.0))
    assert list(gap.matched_dates) == [pd.Timestamp("2024-12-01")]
