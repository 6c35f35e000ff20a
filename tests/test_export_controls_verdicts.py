"""The verdict rules of C7-C10 (helpers.analysis.export_controls.verdicts): at, just inside and just outside
every threshold, the cases that flip each verdict, and reasons that carry the numbers and the rule."""

from __future__ import annotations

import math

import pytest

from helpers.analysis.export_controls import text, verdicts
from helpers.core.verdicts import NOT_SUPPORTED, PARTLY, SUPPORTED

EPS = 1e-9


# ------------------------------------------------------------------------------ ranges (C7's rule)


def test_range_overlap():
    assert verdicts.range_overlap(0, 10, 5, 15) == pytest.approx(0.5)
    assert verdicts.range_overlap(0, 1, 5, 15) == 0.0
    assert verdicts.range_overlap(0, 100, 5, 15) == 1.0
    assert verdicts.range_overlap(0, 10, 5, 5) == 1.0  # a point claim inside our range
    with pytest.raises(ValueError):
        verdicts.range_overlap(2, 1, 5, 15)


def test_range_judgement_at_the_claims_ends():
    assert verdicts.range_judgement(5.0, 1.0, 45.0, 5.0, 10.0) == 2  # central on the low end: inside
    assert verdicts.range_judgement(10.0, 1.0, 45.0, 5.0, 10.0) == 2  # ... on the high end
    assert verdicts.range_judgement(10.0 + EPS, 1.0, 45.0, 5.0, 10.0) == 1  # just above: overlap only
    assert (
        verdicts.range_judgement(11.0, 10.0 + EPS, 45.0, 5.0, 10.0) == 0
    )  # our range starts above the claim
    assert verdicts.range_judgement(11.0, 10.0 - EPS, 45.0, 5.0, 10.0) == 1  # ... or reaches into it


def test_range_judgement_words_state_central_estimate_and_range():
    w1 = text.range_judgement_words(1, "the essay's 5-10x", "1.1x-45x")
    assert "outside the essay's 5-10x at the central estimate" in w1 and "1.1x-45x overlaps" in w1
    assert text.range_judgement_words(2, "the essay's 5-10x", "1-45x") == "within the essay's 5-10x"
    assert "whole range" in text.range_judgement_words(0, "the essay's 5-10x", "11-45x")


# ------------------------------------------------------------------------------------------- C7

ESSAY = dict(essay_cost_low=40e6, essay_cost_high=60e6, essay_ratio_low=5.0, essay_ratio_high=10.0)


def c7(cost=(50e6, 30e6, 70e6), ratio=(7.0, 3.0, 20.0), same=(8.0, 4.0, 16.0), **kw):
    return verdicts.verdict_c7(*cost, *ratio, *same, **{**ESSAY, **kw})


def test_c7_supported_only_when_both_essay_ranges_contain_our_central_estimates():
    assert c7().value == SUPPORTED
    assert (
        c7(cost=(40e6, 30e6, 70e6), ratio=(10.0, 3.0, 20.0), same=(5.0, 4.0, 16.0)).value == SUPPORTED
    )  # at the ends


def test_c7_flips_to_partly_when_one_central_estimate_leaves_its_range():
    assert c7(cost=(40e6 - 1, 30e6, 70e6)).value == PARTLY  # cost just below $40M
    assert c7(ratio=(10.0 + EPS, 3.0, 20.0)).value == PARTLY  # mixed ratio just above 10x
    # the ratio counts with the weaker basis: mixed inside, like-for-like outside the whole range -> partly
    assert c7(same=(39.0, 19.6, 78.0)).value == PARTLY


def test_c7_not_supported_only_when_both_essay_ranges_lie_outside_our_ranges():
    assert c7(cost=(16e6, 8e6, 39e6), ratio=(11.0, 10.5, 45.0)).value == NOT_SUPPORTED
    # a cost range that only touches $40M does not overlap it (zero length); one reaching past it does
    assert c7(cost=(16e6, 8e6, 40e6), ratio=(11.0, 10.5, 45.0)).value == NOT_SUPPORTED
    assert c7(cost=(16e6, 8e6, 40e6 + 1), ratio=(11.0, 10.5, 45.0)).value == PARTLY
    # one ratio basis outside is enough for the ratio to count as outside
    assert c7(cost=(16e6, 8e6, 39e6), ratio=(7.0, 3.0, 20.0), same=(39.0, 19.6, 78.0)).value == NOT_SUPPORTED


def test_c7_reason_of_the_default_run():
    v = c7(
        cost=(16393440.0, 8196720.0, 169147513.92),
        ratio=(11.304, 1.0956, 44.653),
        same=(39.167, 19.584, 78.334),
    )
    assert v.claim == "C7" and v.key == "verdict_C7" and v.value == PARTLY
    assert v.reason == (
        "DeepSeek-V4-Pro's compute cost comes to $16.4M ($8.2M-$169.1M): the essay's $40-60M misses our central "
        "estimate but overlaps our range; GPT-4.5 at Epoch's estimates costs 11x as much (1.1x-45x): the essay's 5-10x "
        "misses our central estimate but overlaps our range, and at one price per FLOP (the compute ratio, 39x, "
        "20x-78x) it lies outside our range; the ratio counts with the weaker of the two."
    )


def test_c7_reads_the_essay_ranges_it_is_given():
    # the same estimates against a wider essay ratio (5-40x) contain both central ratios
    assert (
        c7(
            cost=(50e6, 30e6, 70e6), ratio=(11.3, 1.1, 44.7), same=(39.2, 19.6, 78.3), essay_ratio_high=40.0
        ).value
        == SUPPORTED
    )


# ------------------------------------------------------------------------------------------- C8


def c8(months_level=0, lag=8.0, close_months=12.0, **kw):
    return verdicts.verdict_c8(
        months_level,
        lag,
        9.8,
        10.0,
        4.4,
        close_months=close_months,
        **{"tolerance": 2.0, "since": "2022-10", **kw},
    )


def test_c8_level_and_close_grid():
    assert c8(3, 4.0).value == SUPPORTED
    assert c8(0, 8.0).value == PARTLY
    assert c8(1, 20.0).value == PARTLY
    assert c8(0, 20.0).value == NOT_SUPPORTED


def test_c8_close_bound_is_inclusive_and_flips_just_beyond():
    assert c8(0, 12.0).value == PARTLY  # exactly at the bound: close
    assert c8(0, 12.0 + EPS).value == NOT_SUPPORTED  # just beyond: not close
    assert c8(1, 12.0).value == SUPPORTED
    assert c8(1, 12.0 + EPS).value == PARTLY
    assert c8(0, 8.0, close_months=4.0).value == NOT_SUPPORTED  # the bound is the argument, nothing else


def test_c8_one_level_month_is_enough_and_a_missing_lag_is_never_close():
    assert c8(0, 4.0).value == PARTLY and c8(1, 4.0).value == SUPPORTED
    assert c8(0, float("nan")).value == NOT_SUPPORTED
    assert c8(5, math.inf).value == PARTLY


def test_c8_reason_states_the_rule_and_the_numbers():
    why = c8(3, 4.0).reason
    assert "both conditions" in why and "in 3 months since 2022-10" in why and "within 2 ECI points" in why
    why = c8(0, 8.0).reason
    assert "never level" in why and "within the 12-month bound" in why and "one of the two" in why
    why = c8(1, 20.0).reason
    assert (
        "in 1 month since" in why
        and "beyond the 12-month bound for close behind" in why
        and "c8_close_months" not in why
    )
    assert "neither" in c8(0, 20.0).reason
    assert (
        "It trails by 9.8 ECI points (10.0 months with no tolerance)" in why and "is 4.4x the largest" in why
    )


# ------------------------------------------------------------------------------------------- C9


def c9(offset_months=10.0, share=0.6, bump=12.0, road=36.0, **kw):
    return verdicts.verdict_c9(
        10.0,
        offset_months,
        2.5,
        27.5,
        share,
        0.3,
        0.8,
        4.5,
        speed_bump_max_months=bump,
        roadblock_min_months=road,
        **kw,
    )


def test_c9_supported_needs_a_short_offset_and_algorithms_supplying_half_the_growth():
    assert c9(12.0, 0.5).value == SUPPORTED  # both at their thresholds
    assert c9(12.0 + EPS, 0.5).value == PARTLY  # offset just past the speed bump
    assert c9(12.0, 0.5 - EPS).value == PARTLY  # algorithms just under half
    assert c9(12.0, 0.45, share_bar=0.4).value == SUPPORTED  # the bar is an argument


def test_c9_not_supported_from_a_roadblock_of_progress():
    assert c9(36.0, 0.9).value == NOT_SUPPORTED
    assert c9(36.0 - EPS, 0.9).value == PARTLY
    assert c9(26.6, 0.41).value == PARTLY  # the default run
    assert c9(26.6, 0.41, road=24.0).value == NOT_SUPPORTED  # a shorter roadblock band flips it
    # equal bands: an offset at both bounds is a speed bump when algorithms supply enough, else a roadblock
    assert c9(20.0, 0.6, bump=20.0, road=20.0).value == SUPPORTED
    assert c9(20.0, 0.4, bump=20.0, road=20.0).value == NOT_SUPPORTED


def test_c9_reason():
    v = verdicts.verdict_c9(
        9.999,
        26.575,
        6.644,
        73.082,
        0.408,
        0.201,
        0.734,
        4.5,
        speed_bump_max_months=12.0,
        roadblock_min_months=36.0,
    )
    assert v.reason == (
        "Offsetting a 10.0x compute gap takes 26.6 months of algorithmic progress (6.6-73.1), and algorithms supply "
        "41% (20%-73%) of frontier effective-compute growth against 4.5x per year physical growth: they substitute "
        "for the chips only with delay."
    )
    assert c9(10.0, 0.6).reason.endswith("within a speed bump.")
    assert c9(40.0, 0.6).reason.endswith("a roadblock's length of progress.")


# ------------------------------------------------------------------------------------------ C10


def c10(p_bump, p_road, prob=0.5):
    return verdicts.verdict_c10(
        10.6,
        4.7,
        15.3,
        p_bump,
        p_road,
        8.0,
        speed_bump_max_months=12.0,
        roadblock_min_months=36.0,
        verdict_probability=prob,
    )


def test_c10_bands_at_the_verdict_probability():
    assert c10(0.5, 0.0).value == SUPPORTED  # at the probability: enough
    assert c10(0.5 - EPS, 0.0).value == PARTLY
    assert c10(0.0, 0.5).value == NOT_SUPPORTED
    assert c10(0.0, 0.5 - EPS).value == PARTLY
    assert c10(0.673, 0.0).value == SUPPORTED  # the default run
    assert c10(0.673, 0.0, prob=0.7).value == PARTLY  # a stricter probability flips it
    # with a low probability both bands can qualify: the speed bump is checked first
    assert c10(0.3, 0.3, prob=0.25).value == SUPPORTED


def test_c10_reason():
    assert c10(0.67326, 0.0).reason == (
        "The modelled delay has median 10.6 months (5-95%: 4.7-15.3); P(speed bump, at most 12 months) = 0.67, "
        "P(roadblock, at least 36 months) = 0.00 (needed: 0.5); the historical capability lag is 8.0 months."
    )


def test_c8_reason_reports_the_run_spread_not_one_window():
    v = c8(0, 8.0, compute_gap_range=(2.0, 35.0), compute_windows="windows of 12, 18 and 24 months")
    assert "2.0x to 35x the largest Chinese ones over windows of 12, 18 and 24 months" in v.reason
    assert "(the single largest of the last 12 months: 4.4x)" in v.reason
    assert v.value == c8(0, 8.0).value  # the spread enters the reason only
    assert "the largest US run of the last year is 4.4x" in c8(0, 8.0).reason


def test_c10_reason_names_the_growth_source_and_the_decisive_input():
    v = verdicts.verdict_c10(
        22.3,
        10.0,
        33.7,
        0.09,
        0.02,
        5.2,
        speed_bump_max_months=12.0,
        roadblock_min_months=36.0,
        verdict_probability=0.5,
        restricted_growth="1.90x per year (estimated)",
        decisive="the restricted side's compute growth",
    )
    assert v.value == PARTLY
    assert "The restricted side's compute grows 1.90x per year (estimated)." in v.reason
    assert v.reason.endswith("Decisive input: the restricted side's compute growth.")
    assert "Decisive" not in c10(0.5, 0.0).reason  # without them the reason is unchanged
