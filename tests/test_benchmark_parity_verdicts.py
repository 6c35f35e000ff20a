"""The verdict rules of claims C1-C4 (helpers.analysis.benchmark_parity.verdicts): pure functions, tested at
and around every threshold, including the values that flip a verdict, and the reasons they write."""

import math

import pytest

from helpers.analysis.benchmark_parity import verdicts as V
from helpers.core.verdicts import NOT_SUPPORTED, NOT_TESTABLE, PARTLY, SUPPORTED, Verdict

NAN, INF = float("nan"), math.inf
EPS = 1e-9


# ------------------------------------------------------------------------------------ C2/C3 share rule


@pytest.mark.parametrize(
    "share, majority, partly, expected",
    [
        (60, 50, 0, SUPPORTED),
        (50 + EPS, 50, 0, SUPPORTED),  # 'most' is strictly more than the majority share
        (50, 50, 0, PARTLY),  # at the majority share: not 'most'
        (50 - EPS, 50, 25, PARTLY),
        (25, 50, 25, PARTLY),  # at the partly bound: partly
        (25 - EPS, 50, 25, NOT_SUPPORTED),  # just below it: not supported
        (16.7, 50, 25, NOT_SUPPORTED),
        (0, 50, 0, NOT_SUPPORTED),  # no measure passes: never partly, even with a 0 bound
        (NAN, 50, 25, NOT_TESTABLE),  # no measures
        (None, 50, 25, NOT_TESTABLE),
        (100, 100, 25, PARTLY),  # majority 100%: nothing can exceed it
    ],
)
def test_rule_share_at_and_around_its_thresholds(share, majority, partly, expected):
    assert V.rule_share(share, majority, partly) == expected


C2 = dict(threshold_pct=90, majority_pct=50, partly_min_pct=25, metric="natural", variant="released")
C3 = dict(tolerance_pct=5, majority_pct=50, partly_min_pct=25, metric="natural")


@pytest.mark.parametrize(
    "hits, n, expected",
    [
        (3, 5, SUPPORTED),
        (5, 10, PARTLY),
        (6, 10, SUPPORTED),
        (1, 4, PARTLY),
        (1, 5, NOT_SUPPORTED),
        (0, 5, NOT_SUPPORTED),
        (0, 0, NOT_TESTABLE),
    ],
)
def test_c2_and_c3_flip_with_one_measure(hits, n, expected):
    v2, v3 = V.verdict_c2(hits, n, **C2), V.verdict_c3(hits, n, **C3)
    assert isinstance(v2, Verdict) and (v2.claim, v3.claim) == ("C2", "C3")
    assert v2.value == v3.value == expected


def test_c2_and_c3_thresholds_are_arguments():
    assert V.verdict_c2(3, 5, **{**C2, "majority_pct": 60}).value == PARTLY  # 60% is no longer 'most'
    assert V.verdict_c2(1, 5, **{**C2, "partly_min_pct": 20}).value == PARTLY  # 20% reaches a 20% bound
    assert V.verdict_c3(1, 5, **{**C3, "partly_min_pct": 20}).value == PARTLY


def test_c2_c3_reasons_match_the_recorded_notes():
    assert V.verdict_c2(3, 5, **C2).reason == (
        "Maverick (released on Arena) reaches 90% of GPT-4.5 on 3 of 5 shared measures (60.0%, natural metric: win "
        "probability for Arena ratings, score ratio elsewhere); 'supported' needs more than 50%, 'partly' at least "
        "25%. With 5 measures one measure moves the share by 20 points, so the verdict is fragile."
    )
    assert V.verdict_c3(1, 5, **C3).reason == (
        "DeepSeek V4 Pro is within 5% of the best closed model available at release on 1 of 5 measures (20.0%, "
        "natural metric: win probability for Arena ratings, score ratio elsewhere); 'most' means more than 50%, "
        "'partly' at least 25%. With 5 measures one measure moves the share by 20 points."
    )
    assert "fragile" not in V.verdict_c2(6, 10, **C2).reason  # ten measures or more: no warning
    assert "1 shared measure " in V.verdict_c2(1, 1, **C2).reason
    assert "(n/a%" in V.verdict_c3(0, 0, **C3).reason


# ------------------------------------------------------------------------------------------------ C1

RULE1 = dict(caught_up_months=3, tolerance_pct=5, default_share_pct=50)


@pytest.mark.parametrize(
    "lag_high, ratio, share, expected",
    [
        (2, 0.99, 60, SUPPORTED),
        (3, 0.95, 50, SUPPORTED),  # every bound met exactly
        (3 + EPS, 0.95, 50, PARTLY),  # the lag bound flips it (Arena still caught up)
        (3, 0.95 - 1e-6, 50, PARTLY),  # the Arena bound flips it (ECI still caught up)
        (3, 0.95, 50 - EPS, PARTLY),  # the open share flips it: caught up, but not the default
        (9, 0.99, 40, PARTLY),
        (9, 0.95, 40, PARTLY),  # exactly at the tolerance counts as caught up
        (9, 0.95 - 1e-6, 60, NOT_SUPPORTED),
        (9, 0.92, 60, NOT_SUPPORTED),
        (INF, 0.92, 60, NOT_SUPPORTED),  # an unbounded lag is not caught up
        (NAN, 0.99, 60, PARTLY),  # one scale missing: judged on the other
        (9, NAN, 60, NOT_SUPPORTED),
        (NAN, NAN, 60, NOT_TESTABLE),
        (2, 0.99, NAN, PARTLY),  # no open share: cannot be the default
    ],
)
def test_rule_c1_at_and_around_its_thresholds(lag_high, ratio, share, expected):
    assert V.rule_c1(lag_high, ratio, share, **RULE1) == expected


def test_rule_c1_thresholds_are_arguments():
    assert V.rule_c1(10.35, 0.949, 40, **RULE1) == NOT_SUPPORTED  # the default run
    assert V.rule_c1(10.35, 0.949, 40, **{**RULE1, "tolerance_pct": 6}) == PARTLY  # looser Arena bound
    assert V.rule_c1(10.35, 0.949, 40, **{**RULE1, "caught_up_months": 12}) == PARTLY  # looser lag bound
    assert (
        V.rule_c1(10.35, 0.949, 40, caught_up_months=12, tolerance_pct=6, default_share_pct=40) == SUPPORTED
    )


DEFAULT_C1 = dict(
    lag_median=7.227926078028747,
    lag_low=4.271047227926078,
    lag_high=10.349075975359343,
    gap_points=9.750357968552066,
    arena_ratio=0.949386414039083,
    arena_ratio_low=0.926850133837918,
    arena_ratio_high=0.9719743560930055,
    arena_gap_pct=1.1814459287104724,
    open_share_pct=40.0,
    share_year=2025,
    caught_up_months=3.0,
    tolerance_pct=5.0,
    default_share_pct=50.0,
    metric="natural",
)


def test_verdict_c1_reason_matches_the_recorded_note():
    v = V.verdict_c1(**DEFAULT_C1)
    assert (v.claim, v.value, v.key) == ("C1", NOT_SUPPORTED, "verdict_C1")
    assert v.reason == (
        "ECI gap 9.8 points, Kaplan-Meier median lag 7.2 months (95% CI 4.3 to 10.3; caught up means the upper end "
        "is at most 3 months); Arena: best open model at 94.9% of the best closed one by the natural metric (range "
        "92.7-97.2% from the rating intervals; caught up means at least 95%; rating gap 1.18% of the open rating); "
        "open weights 40.0% of 2025 notable models (the default means at least 50%). The Arena range straddles the "
        "95% bound, so the Arena criterion (and with it this verdict) is within the rating uncertainty."
    )


def test_verdict_c1_reason_says_unbounded_and_drops_the_straddle_note():
    v = V.verdict_c1(**{**DEFAULT_C1, "lag_high": INF, "arena_ratio_low": 0.96})
    assert "4.3 to unbounded" in v.reason and "straddles" not in v.reason
    v = V.verdict_c1(**{**DEFAULT_C1, "arena_ratio": NAN, "arena_ratio_low": NAN, "arena_ratio_high": NAN})
    assert "at n/a%" in v.reason and "straddles" not in v.reason
    assert V.verdict_c1(**{**DEFAULT_C1, "tolerance_pct": 6}).value == PARTLY  # the straddling bound flips it


# ------------------------------------------------------------------------------------------------ C4

RULE4 = dict(min_orgs=10, max_months=24)


@pytest.mark.parametrize(
    "recent, earlier, months, expected",
    [
        (12, 3, 10, SUPPORTED),
        (10, 9, 24, SUPPORTED),  # both bounds met exactly
        (9, 3, 24, PARTLY),  # one organization short: only 'fast' holds
        (10, 9, 24 + EPS, PARTLY),  # just too slow: only 'spread' holds
        (10, 10, 10, PARTLY),  # no growth over the earlier year: not spread
        (7, 3, 14, PARTLY),  # the default run
        (7, 3, 24 + EPS, NOT_SUPPORTED),
        (3, 3, NAN, NOT_SUPPORTED),  # fewer than n organizations matched
        (12, 3, NAN, PARTLY),
        (12, 3, INF, PARTLY),
    ],
)
def test_rule_c4_at_and_around_its_thresholds(recent, earlier, months, expected):
    assert V.rule_c4(recent, earlier, months, **RULE4) == expected


C4 = dict(
    recent_year=2025,
    earlier_year=2023,
    threshold_flop=1e25,
    nth_org=10,
    reference_model="GPT-4o",
    min_orgs=10,
    max_months=24.0,
)


def test_verdict_c4_reasons():
    v = V.verdict_c4(7, 3, 14.0, **C4)
    assert (v.claim, v.value) == ("C4", PARTLY)
    assert v.reason == (
        "7 organizations above 10²⁵ FLOP in 2025 against 3 in 2023 (needs at least 10); the 10th "
        "organization matched GPT-4o after 14.0 months (needs at most 24)."
    )
    assert V.verdict_c4(7, 3, NAN, **C4).reason.endswith(
        "fewer than 10 organizations matched GPT-4o by the analysis date (needs at most 24 months)."
    )
    assert V.verdict_c4(7, 3, 14.0, **{**C4, "min_orgs": 7}).value == SUPPORTED
    assert V.verdict_c4(1, 0, 30.0, **{**C4, "min_orgs": 1}).reason.startswith("1 organization above")
