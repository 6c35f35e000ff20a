"""Unit tests of notebook 01's analysis functions (helpers.analysis.benchmark_parity) on small hand-made tables
whose answers are known. The verdict rules are tested in test_benchmark_parity_verdicts.py, the sections on the
real data in test_benchmark_parity_analysis.py."""

import math

import numpy as np
import pandas as pd
import pytest

from helpers.analysis.benchmark_parity import arena as ar
from helpers.analysis.benchmark_parity import basics, figures, frontier, labels
from helpers.analysis.benchmark_parity import diffusion as dif
from helpers.analysis.benchmark_parity import measures as ms
from helpers.core import survival as surv
from helpers.core import uncertainty as unc

D = pd.Timestamp


def caps_table():
    # closed: 100 (2024-01-01), 110 (2024-07-01); open: 95 (2024-03-01), 105 (2024-10-01), 111 (2025-01-01)
    return pd.DataFrame(
        {
            "model": ["C1", "C2", "C-low", "O1", "O2", "O3"],
            "release_date": pd.to_datetime(
                ["2024-01-01", "2024-07-01", "2024-08-01", "2024-03-01", "2024-10-01", "2025-01-01"]
            ),
            "eci": [100.0, 110.0, 90.0, 95.0, 105.0, 111.0],
            "open": [False, False, False, True, True, True],
            "organization": ["A", "A", "B", "C", "D", "E"],
        }
    )


def test_frontier_steps_keeps_only_new_maxima():
    c = caps_table()
    st = frontier.frontier_steps(c[~c["open"]])
    assert list(st["model"]) == ["C1", "C2"]  # C-low (90) never sets a new maximum
    assert list(st["value"]) == [100.0, 110.0]
    assert frontier.frontier_at(st, "2024-06-30") == 100.0
    assert frontier.frontier_at(st, "2024-07-01") == 110.0
    assert math.isnan(frontier.frontier_at(st, "2023-12-31"))


def test_frontier_lags_known_months_and_censoring():
    c = caps_table()
    cl, op = frontier.frontier_steps(c[~c["open"]]), frontier.frontier_steps(c[c["open"]])
    lags = frontier.frontier_lags(cl, op, start="2024-01-01", end="2025-06-01")
    # 100 set 2024-01-01, reached by O2 (105) on 2024-10-01: 274 days; 110 set 2024-07-01, reached 2025-01-01: 184 days
    assert lags["lag_months"].round(6).tolist() == [
        round(274 / basics.DAYS_PER_MONTH, 6),
        round(184 / basics.DAYS_PER_MONTH, 6),
    ]
    assert not lags["censored"].any()
    # with the analysis ending before O3, level 110 is censored at the end date
    lags2 = frontier.frontier_lags(cl, op, start="2024-01-01", end="2024-12-01")
    assert lags2["censored"].tolist() == [False, True]
    assert lags2["lag_months"].iloc[1] == pytest.approx(153 / basics.DAYS_PER_MONTH)


def test_lag_is_zero_when_open_was_ahead():
    cl = pd.DataFrame({"date": [D("2024-05-01")], "value": [100.0], "model": ["C"]})
    op = pd.DataFrame({"date": [D("2024-01-01")], "value": [120.0], "model": ["O"]})
    lags = frontier.frontier_lags(cl, op, start="2024-01-01", end="2024-12-31")
    assert lags["lag_months"].tolist() == [0.0]


def test_bootstrap_median_constant_and_deterministic():
    m, lo, hi = unc.bootstrap_median([4.0, 4.0, 4.0], n_boot=50, seed=1)
    assert (m, lo, hi) == (4.0, 4.0, 4.0)
    a = unc.bootstrap_median([1, 2, 3, 10, 20], n_boot=200, seed=7)
    b = unc.bootstrap_median([1, 2, 3, 10, 20], n_boot=200, seed=7)
    assert a == b and a[0] == 3 and a[1] <= 3 <= a[2]
    assert all(math.isnan(x) for x in unc.bootstrap_median([], 10, 1))


def test_km_median_handles_censoring():
    # no censoring: the product-limit median is the lower median of the observed times
    assert surv.km_median([1, 2, 3, 4], [False] * 4) == 2
    assert surv.km_median([5, 1, 3], [False] * 3) == 3
    # hand-computed: events at 1 and 4, censorings at 2 and 3: S(1) = 3/4, S(4) = 3/4 * 0/1 = 0 -> median 4,
    # where the naive median counting the censored waits as ended would be 2.5
    assert surv.km_median([1, 2, 3, 4], [False, True, True, False]) == 4
    # S(1) = 4/5, S(3) = 4/5 * 2/3 = 0.533, S(4) = 0.533 * 1/2 = 0.267 -> 4
    assert surv.km_median([1, 2, 3, 4, 6], [False, True, False, False, True]) == 4
    # fewer than half of the waits ended: not bounded
    assert surv.km_median([1, 5, 6], [False, True, True]) == math.inf
    # a censoring tied with an event counts as still at risk at that time
    assert surv.km_median([2, 2], [False, True]) == 2
    assert math.isnan(surv.km_median([], []))


def test_bootstrap_km_median_interval_and_determinism():
    t, c = [1, 2, 3, 4, 6, 7, 8], [False, True, False, False, True, False, True]
    a = surv.bootstrap_km_median(t, c, n_boot=300, seed=3)
    assert a == surv.bootstrap_km_median(t, c, n_boot=300, seed=3)
    assert a[0] == surv.km_median(t, c) and a[1] <= a[0] <= a[2]
    # mostly censored data: the upper end is unbounded
    m, _lo, hi = surv.bootstrap_km_median([1, 9, 9, 9], [False, True, True, True], n_boot=200, seed=1)
    assert m == math.inf and hi == math.inf


def test_trend_fit_recovers_slope():
    dates = pd.date_range("2024-01-01", periods=25, freq="MS")
    years = (dates - dates[0]).days / 365.25
    y = 10 - 2.0 * years + np.tile([0.1, -0.1], 13)[:25]
    fit = frontier.trend_fit(pd.Series(dates), pd.Series(y), hac_lags=2)
    assert fit["slope_per_year"] == pytest.approx(-2.0, abs=0.05)
    assert fit["low"] < -2.0 < fit["high"] and fit["high"] < 0
    assert math.isnan(frontier.trend_fit(pd.Series(dates[:2]), pd.Series([1.0, 2.0]))["slope_per_year"])


def test_gap_series_closed_minus_open():
    cl = pd.DataFrame({"date": [D("2024-01-01")], "value": [10.0], "model": ["C"]})
    op = pd.DataFrame({"date": [D("2024-02-15")], "value": [7.0], "model": ["O"]})
    g = frontier.gap_series(cl, op, start="2024-01-01", end="2024-03-01")
    assert g["gap"].isna().tolist() == [True, True, False] and g["gap"].iloc[2] == 3.0  # open starts 02-15


def test_win_probability_values():
    assert basics.win_probability(1500, 1500) == 0.5
    assert basics.win_probability(1400, 1800) == pytest.approx(1 / 11)


def arena_table():
    return pd.DataFrame(
        {
            "scale_segment": ["s1"] * 4 + ["s1"] * 2,
            "snapshot_date": pd.to_datetime(["2025-02-14"] * 4 + ["2025-03-01"] * 2),
            "model": ["c1", "c2", "o1", "o2", "c1", "c2"],
            "open_weights": pd.array([False, False, True, True, False, False], dtype="boolean"),
            "rating": [1384.6, 1300.0, 1361.5, 1200.0, 1390.0, 1380.0],
            "rating_lower": [1380.6, np.nan, 1358.5, np.nan, np.nan, np.nan],
            "rating_upper": [1388.6, np.nan, 1364.5, np.nan, np.nan, np.nan],
        }
    )


def test_arena_gaps_reproduces_ai_index_figure():
    g = ar.arena_gaps(arena_table())
    day = g[g["snapshot_date"] == D("2025-02-14")].iloc[0]
    assert day["best_open"] == "o1" and day["best_closed"] == "c1"
    assert day["gap_elo"] == pytest.approx(23.1)
    assert round(day["gap_pct"], 1) == 1.7  # AI Index 2025: 1.7%
    assert day["win_prob_open"] == pytest.approx(1 / (1 + 10 ** (23.1 / 400)))
    assert day["gap_low"] == pytest.approx(23.1 - 5.0) and day["gap_high"] == pytest.approx(
        23.1 + 5.0
    )  # sqrt(4^2+3^2)
    # a snapshot without an open model keeps its row with a missing gap (shown as a hole, not bridged)
    later = g[g["snapshot_date"] == D("2025-03-01")].iloc[0]
    assert later["n_open"] == 0 and math.isnan(later["gap_elo"])


def test_break_segments_splits_on_holes_and_segments():
    g = pd.DataFrame(
        {
            "scale_segment": ["a", "a", "a", "b"],
            "snapshot_date": pd.to_datetime(["2024-01-01", "2024-01-20", "2024-06-01", "2024-06-05"]),
            "gap_elo": [1.0, 2.0, 3.0, 4.0],
        }
    )
    ids = ar.break_segments(g, max_days=45)
    assert ids.iloc[0] == ids.iloc[1] and ids.nunique() == 3


def test_relative_quality_metrics():
    q = ms.relative_quality(0.8, 0.9, "fraction")
    assert q["score_ratio"] == pytest.approx(0.8 / 0.9)
    assert q["error_ratio"] == pytest.approx(0.1 / 0.2)  # twice the errors -> 50%
    r = ms.relative_quality(1400, 1400, "rating")
    assert r["win_prob"] == 0.5 and r["win_ratio"] == 1.0
    with pytest.raises(ValueError):
        ms.relative_quality(1, 2, "percent")


def test_headline_ratio_and_shares():
    t = ms.compare_measures(
        [
            {
                "measure": "m1",
                "evaluator": "E",
                "kind": "fraction",
                "a": 0.8,
                "b": 0.9,
            },  # 0.889 score, 0.5 error
            {"measure": "m2", "evaluator": "E", "kind": "index", "a": 95, "b": 100},  # 0.95
            {"measure": "m3", "evaluator": "E", "kind": "rating", "a": 1400, "b": 1400},  # 1.0, win 1.0
        ]
    )
    assert ms.share_at_least(ms.headline_ratio(t, "score_ratio"), 90) == (pytest.approx(200 / 3), 2, 3)
    # error_ratio: m1 by errors (0.5, fails), m2 by score (index, passes), m3 by win probability (parity, passes)
    assert ms.headline_ratio(t, "error_ratio").round(4).tolist() == [0.5, 0.95, 1.0]
    assert ms.share_at_least(ms.headline_ratio(t, "error_ratio"), 90)[1] == 2
    # natural: ratings use the win ratio, others the score ratio
    assert ms.headline_ratio(t, "natural").round(4).tolist() == [round(0.8 / 0.9, 4), 0.95, 1.0]
    t2 = ms.compare_measures([{"measure": "r", "evaluator": "E", "kind": "rating", "a": 1300, "b": 1400}])
    assert t2["score_ratio"].iloc[0] == pytest.approx(13 / 14)  # 93%: passes a 90% bar
    assert ms.headline_ratio(t2, "natural").iloc[0] == pytest.approx(2 / (1 + 10**0.25))  # 72%: fails it
    assert ms.match_share(ms.headline_ratio(t, "score_ratio"), 5) == (pytest.approx(200 / 3), 2, 3)
    assert ms.match_share(ms.headline_ratio(t, "score_ratio"), 0)[1] == 1
    # a stricter tolerance never raises the share
    shares = [ms.match_share(ms.headline_ratio(t, "score_ratio"), tol)[0] for tol in (20, 10, 5, 1, 0)]
    assert shares == sorted(shares, reverse=True)


def test_rating_gap_ratio_by_metric():
    # a 0-point gap is parity on every metric; 100 points: win probability 1/(1+10**0.25) = 0.3599
    assert ms.rating_gap_ratio(1400, 0, "natural") == pytest.approx(1.0)
    assert ms.rating_gap_ratio(1400, 100, "natural") == pytest.approx(2 / (1 + 10**0.25))
    assert ms.rating_gap_ratio(1400, 100, "win_ratio") == pytest.approx(2 / (1 + 10**0.25))
    assert ms.rating_gap_ratio(1400, 100, "score_ratio") == pytest.approx(1400 / 1500)
    # issue 13: a rating has no error rate, so error_ratio reads the Arena by win probability, never by the
    # ratio of two ratings (near 100% by construction)
    assert ms.rating_gap_ratio(1400, 100, "error_ratio") == pytest.approx(2 / (1 + 10**0.25))
    assert ms.rating_gap_ratio(1400, 100, "strict") == ms.rating_gap_ratio(1400, 100, "error_ratio")
    assert math.isnan(ms.rating_gap_ratio(1400, float("nan"), "natural"))


def test_orgs_above_threshold_by_year():
    m = pd.DataFrame(
        {
            "organization": ["OpenAI", "Google DeepMind,Google", "OpenAI", "Meta AI", "Small"],
            "country": ["US", "US", "US", "US", "France"],
            "publication_date": pd.to_datetime(
                ["2023-03-01", "2023-12-01", "2024-05-01", "2024-07-01", "2024-08-01"]
            ),
            "training_compute_flop": [2e25, 5e25, 3e25, 4e25, 1e24],
        }
    )
    t = dif.orgs_above_threshold(m, 1e25)
    assert t["n_in_year"].tolist() == [2, 2] and t["n_cumulative"].tolist() == [2, 3]
    assert "Google DeepMind" in t["names"].iloc[0]
    assert dif.orgs_above_threshold(m, 1e25, as_of="2023-06-30")["n_in_year"].tolist() == [1]
    assert dif.orgs_above_threshold(m, 1e25, by="country")["n_in_year"].tolist() == [1, 1]


def test_nth_org_lags():
    c = caps_table()
    t = dif.nth_org_lags(c, "C1", ns=(2, 3, 5))
    # orgs with eci >= 100: A (2024-01-01), D (2024-10-01), E (2025-01-01)
    assert t["organization"].tolist()[:2] == ["D", "E"]
    assert t["months"].iloc[0] == pytest.approx(274 / basics.DAYS_PER_MONTH)
    assert math.isnan(t["months"].iloc[2])
    with pytest.raises(KeyError):
        dif.nth_org_lags(c, "nope")


def test_open_share_by_year_with_interval():
    m = pd.DataFrame(
        {
            "publication_date": pd.to_datetime(["2024-01-01"] * 4 + ["2025-01-01"] * 2),
            "accessibility": ["open weights", "API", "API", "unreleased", "open weights", None],
            "open_weights": [True, False, False, False, True, False],
        }
    )
    s = dif.open_share_by_year(m)
    assert s["share_pct"].tolist() == [25.0, 100.0] and s["n_models"].tolist() == [4, 1]
    assert (s["low_pct"] <= s["share_pct"]).all() and (s["share_pct"] <= s["high_pct"]).all()


def test_openness_definitions():
    d = pd.DataFrame(
        {
            "open_weights": pd.array([True, True, False, pd.NA], dtype="boolean"),
            "accessibility_detail": [
                "Open weights (unrestricted)",
                "Open weights (restricted use)",
                "API access",
                None,
            ],
        }
    )
    assert basics.openness(d).tolist()[:3] == [True, True, False]
    strict = basics.openness(d, "unrestricted_only")
    assert strict.tolist()[:3] == [True, False, False] and pd.isna(strict.iloc[3])
    with pytest.raises(ValueError):
        basics.openness(d, "vibes")


def test_latest_pair_and_best_closed_rows():
    a = pd.DataFrame(
        {
            "scale_segment": ["s"] * 6,
            "snapshot_date": pd.to_datetime(
                ["2025-01-01", "2025-01-01", "2025-02-01", "2025-02-01", "2025-02-01", "2025-02-01"]
            ),
            "model": ["A", "B", "A", "B", "B-alias", "Z"],
            "rating": [1300.0, 1350.0, 1310.0, 1340.0, 1345.0, 1400.0],
            "open_weights": pd.array([True, False, True, False, False, False], dtype="boolean"),
        }
    )
    pr = ms.latest_pair_rating(a, "a", ["b", "b-alias"])
    assert pr[["a", "b"]].iloc[0].tolist() == [1310.0, 1345.0]  # best of the aliases on the latest shared day
    rows = ms.arena_best_closed_rows(a, ["A"], "2025-01-15")
    # Z and B-alias first appear after the release date, so the reference is B on the latest snapshot
    assert len(rows) == 1 and rows[0]["b_model"] == "B" and rows[0]["b"] == 1340.0 and rows[0]["a"] == 1310.0


def test_one_rating_per_leaderboard_keeps_latest_snapshot():
    rows = [
        {"measure": "Epoch x", "evaluator": "Epoch AI"},
        {"measure": "Arena old", "evaluator": "Arena", "snapshot_date": D("2025-05-01")},
        {"measure": "Arena new", "evaluator": "Arena (LMArena)", "snapshot_date": D("2026-01-01")},
        {"measure": "AA y", "evaluator": "Artificial Analysis"},
    ]
    kept, dropped = ms.one_rating_per_leaderboard(rows)
    assert [r["measure"] for r in kept] == ["Epoch x", "Arena new", "AA y"]
    assert [r["measure"] for r in dropped] == ["Arena old"]
    kept, dropped = ms.one_rating_per_leaderboard(rows[:2])
    assert len(kept) == 2 and dropped == []


def test_latest_full_year():
    assert basics.latest_full_year("2026-08-19") == 2025
    assert basics.latest_full_year("2025-12-31") == 2025


# ------------------------------------------------------------------------------------- label layout


def _crowded_steps(
    n: int, start: str = "2026-01-01", days: int = 6, base: float = 150.0, prefix: str = "Model"
):
    dates = pd.date_range(start, periods=n, freq=f"{days}D")
    return pd.DataFrame(
        {
            "date": dates,
            "value": base + np.arange(n) * 0.8,
            "model": [f"{prefix} number {i}" for i in range(n)],
        }
    )


def test_frontier_labels_never_overlap_and_unplaced_are_reported():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.text import Annotation, Text

    closed = _crowded_steps(8)
    open_ = _crowded_steps(8, start="2026-01-03", base=145.0, prefix="Open")
    fig, ax = plt.subplots(figsize=(6, 4))
    missing = figures.plot_frontiers(
        ax,
        open_,
        closed,
        start="2025-06-01",
        end="2026-04-01",
        colours={"open": "red", "closed": "blue"},
        label_top=8,
    )
    fig.canvas.draw()
    r = fig.canvas.get_renderer()
    anns = [a for a in ax.texts if isinstance(a, Annotation)]
    boxes = [Text.get_window_extent(a, r) for a in anns]
    for i in range(len(boxes)):
        for j in range(i + 1, len(boxes)):
            assert not labels.overlaps(boxes[i], [boxes[j]], pad=0.0), (
                anns[i].get_text(),
                anns[j].get_text(),
            )
    named = {a.get_text() for a in anns}
    # crowded steps 6 days apart cannot all be named: the rest are returned, and every candidate is one or the other
    assert missing and named
    assert named | set(missing) == set(closed["model"]) | set(open_["model"])
    assert not named & set(missing)
    frame = ax.get_window_extent(r)
    assert all(frame.x0 <= b.x0 and b.x1 <= frame.x1 and frame.y0 <= b.y0 and b.y1 <= frame.y1 for b in boxes)
    plt.close(fig)


def test_place_labels_names_far_apart_points_all():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(6, 4))
    ax.set_xlim(0, 10)
    ax.set_ylim(0, 10)
    fig.canvas.draw()
    pts = [
        {"x": 2.0, "y": 2.0, "text": "A", "colour": "k", "side": "above"},
        {"x": 8.0, "y": 8.0, "text": "B", "colour": "k", "side": "below"},
    ]
    out = labels.place_labels(ax, pts)
    assert [p["placed"] for p in out] == [True, True]
    assert [p["level"] for p in out] == [0, 0]
    plt.close(fig)


def test_metric_words_cover_every_metric_and_reject_others():
    for m in ("natural", "score_ratio", "error_ratio", "win_ratio"):
        assert ms.metric_words(m)
        ms.headline_ratio(
            ms.compare_measures([{"measure": "x", "evaluator": "e", "kind": "fraction", "a": 0.5, "b": 0.6}]),
            m,
        )
    assert ms.metric_words("natural") == "natural metric"
    assert ms.metric_words("natural", long=True).startswith("natural metric: win probability")
    with pytest.raises(ValueError, match="natural"):
        ms.metric_words("bogus")


def test_ratio_legend_sits_outside_the_frame():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    t = ms.compare_measures(
        [
            {"measure": "m1", "evaluator": "e", "kind": "fraction", "a": 0.9, "b": 0.95},
            {"measure": "m2", "evaluator": "e", "kind": "rating", "a": 1400, "b": 1420},
        ]
    )
    fig, ax = plt.subplots()
    figures.plot_ratios(ax, t, threshold_pct=90, colour="red")
    fig.canvas.draw()
    r = fig.canvas.get_renderer()
    leg, frame = ax.get_legend().get_window_extent(r), ax.get_window_extent(r)
    assert leg.x0 >= frame.x1
    plt.close(fig)


def test_error_ratio_never_reads_a_ratio_of_two_ratings_and_says_so():
    """Issue 13: under error_ratio an Arena measure 100 points behind must fail a 90% bar (win ratio 0.72), not
    pass it on the ratio of the ratings (0.93), and the label names what the Arena is read by."""
    t = ms.compare_measures(
        [
            {"measure": "acc", "evaluator": "E", "kind": "fraction", "a": 0.9, "b": 0.95},
            {"measure": "elo", "evaluator": "Arena", "kind": "rating", "a": 1300.0, "b": 1400.0},
        ]
    )
    r = ms.headline_ratio(t, "error_ratio")
    assert r.iloc[0] == pytest.approx(0.05 / 0.1) and r.iloc[1] == pytest.approx(t["win_ratio"].iloc[1])
    assert r.iloc[1] != pytest.approx(t["score_ratio"].iloc[1])
    assert ms.share_at_least(r, 90)[1] == 0
    assert "win probability for Arena ratings" in ms.metric_words("error_ratio", long=True)
    for m in ("natural", "error_ratio", "win_ratio", "strict"):
        assert ms.headline_ratio(t, m).iloc[1] == pytest.approx(t["win_ratio"].iloc[1]), m
