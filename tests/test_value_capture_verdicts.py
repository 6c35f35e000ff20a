"""Notebook 04's verdict rules (C6, C12): pure functions of numbers and thresholds."""

from __future__ import annotations

import pytest

from helpers.analysis.value_capture import verdicts as v
from helpers.core.verdicts import NOT_SUPPORTED, PARTLY, SUPPORTED


def test_c6_counts_segments_at_or_below_the_razor_line():
    assert v.c6_value({"A": 35.0, "B": 24.0, "C": 42.0}, 10.0) == NOT_SUPPORTED
    assert v.c6_value({"A": 35.0, "B": 8.0}, 10.0) == PARTLY
    assert v.c6_value({"A": 10.0, "B": -3.0}, 10.0) == SUPPORTED  # at the line counts as razor-thin
    with pytest.raises(ValueError, match="no segment"):
        v.c6_value({}, 10.0)


def test_c6_reason_names_each_segment_the_comparisons_and_the_gpu_clouds_apart():
    out = v.c6(
        {"AWS": 35.4, "Google Cloud": 23.7},
        10.0,
        periods={"AWS": "FY2025", "Google Cloud": "FY2025"},
        comparisons={"Kroger (FY2024)": 2.6},
        gpu={"CoreWeave": 16.9},
    )
    assert out.claim == "C6" and out.value == NOT_SUPPORTED and out.key == "verdict_C6"
    assert "0 of 2" in out.reason and "AWS 35.4%" in out.reason and "Kroger (FY2024) 2.6%" in out.reason
    assert "CoreWeave 16.9%" in out.reason and "not judged" in out.reason
    judged = v.c6(
        {"AWS": 35.4, "CoreWeave": 16.9},
        20.0,
        periods={"AWS": "FY2025", "CoreWeave": "FY2024"},
        gpu={"CoreWeave": 16.9},
    )
    assert judged.value == PARTLY and "not judged" not in judged.reason


@pytest.mark.parametrize(
    "fixed, change, high, rule, expected",
    [
        (
            24.0,
            0.73,
            0.94,
            "interval",
            SUPPORTED,
        ),  # both: fast fall at fixed capability, flagship prices fall
        (24.0, 0.81, 1.16, "interval", PARTLY),  # the flagship interval reaches 1: not shown to fall
        (24.0, 0.81, 1.16, "point", SUPPORTED),  # the point estimate falls
        (5.0, 0.73, 0.94, "interval", PARTLY),  # slow fall at fixed capability
        (5.0, 1.30, 1.60, "interval", NOT_SUPPORTED),  # slow, and flagship prices rise
    ],
)
def test_c12_reads_both_price_measures(fixed, change, high, rule, expected):
    assert v.c12_value(fixed, change, high, 10.0, rule) == expected


def test_c12_threshold_is_inclusive_and_a_bad_rule_is_refused():
    assert v.c12_value(10.0, 2.0, 3.0, 10.0, "interval") == PARTLY
    assert v.c12_value(9.99, 2.0, 3.0, 10.0, "interval") == NOT_SUPPORTED
    with pytest.raises(ValueError, match="frontier_rule"):
        v.frontier_falls(0.5, 0.9, "median")


def test_c12_reason_states_the_numbers_the_cuts_and_what_list_prices_cannot_show():
    out = v.c12(
        24.2,
        0.73,
        0.94,
        10.0,
        "interval",
        statistic="pooled fit",
        frontier_change_low=0.56,
        cuts_by_provider={"OpenAI": 9, "Meta": 0},
        cut_years=(2022, 2026),
        rising=("DeepSeek",),
    )
    assert out.value == SUPPORTED
    assert (
        "24.2x" in out.reason and "0.73x" in out.reason and "-27%" in out.reason and "0.56–0.94" in out.reason
    )
    assert "OpenAI 9" in out.reason and "Meta" not in out.reason and "2022–2026" in out.reason
    assert "DeepSeek" in out.reason and "cannot show margins" in out.reason
