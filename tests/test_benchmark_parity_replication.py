"""Notebook 01's published figures, reproduced: Epoch AI's average horizontal ECI lag on small frames, Epoch's
10^25 FLOP count, the C4 counts both ways, and the replication rows on the shipped data."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

import helpers.analysis.benchmark_parity as bp
from helpers.analysis.benchmark_parity import avg_lag
from helpers.analysis.benchmark_parity.avg_lag import avg_horizontal_lag, avg_lag_interval
from helpers.analysis.benchmark_parity.basics import DAYS_PER_MONTH
from helpers.analysis.benchmark_parity.replication import EPOCH_1E25, epoch_1e25
from helpers.analysis.benchmark_parity.verdicts import verdict_c4
from helpers.core.replication import KEY, entry


def caps(rows):
    return pd.DataFrame(rows, columns=["model", "release_date", "eci", "open"]).assign(
        release_date=lambda d: pd.to_datetime(d["release_date"])
    )


TWO_STEPS = caps(
    [
        ("A", "2023-01-01", 100.0, False),
        ("B", "2023-07-01", 110.0, False),
        ("a", "2023-01-01", 95.0, True),
        ("b", "2023-04-01", 105.0, True),  # ahead of the closed line on levels 100-105
        ("c", "2024-01-01", 110.0, True),  # levels 105-110: 184 days after B
    ]
)


def test_average_horizontal_lag_is_the_mean_over_the_levels_both_lines_span():
    # levels 100-110: half with open first (0), half 184 days behind
    assert avg_horizontal_lag(TWO_STEPS, start="2023-01-01", end="2024-06-01") == pytest.approx(
        184 / DAYS_PER_MONTH / 2, rel=1e-3
    )
    # a 5-point tolerance counts open at 105 as caught up with every level to 110: no lag left
    assert avg_horizontal_lag(TWO_STEPS, start="2023-01-01", end="2024-06-01", tolerance=5) == 0.0
    # models released outside the window do not draw the lines: before c, the lines share 100-105 only
    assert avg_horizontal_lag(TWO_STEPS, start="2023-01-01", end="2023-12-31") == 0.0
    # no shared range of levels: not computable
    assert math.isnan(avg_horizontal_lag(TWO_STEPS, start="2023-06-01", end="2023-12-31"))


def test_average_lag_interval_is_seeded_and_brackets_the_resamples():
    a = avg_lag_interval(TWO_STEPS, start="2023-01-01", end="2024-06-01", n_boot=200, seed=7)
    assert a == avg_lag_interval(TWO_STEPS, start="2023-01-01", end="2024-06-01", n_boot=200, seed=7)
    assert a[0] == avg_horizontal_lag(TWO_STEPS, start="2023-01-01", end="2024-06-01")
    assert a[1] <= a[2]


@pytest.mark.parametrize("seed", range(8))
def test_every_resample_average_is_the_one_computed_on_the_resample_alone(seed):
    rng = np.random.default_rng(seed)
    n = int(rng.integers(3, 40))
    days = np.sort(rng.integers(19_000, 19_700, n)).astype(float)
    eci = rng.integers(90, 125, n).astype(float)  # whole points: ties between models and with levels
    is_open = rng.random(n) < 0.4
    draws = rng.integers(0, n, size=(60, n))
    tol = float(rng.choice([0.0, 1.0, 2.0]))
    got = avg_lag._resampled_avgs(days, eci, is_open, draws, tol)
    alone = [avg_lag._avg(days[i], eci[i], is_open[i], days.min(), days.max(), tol) for i in draws]
    assert np.array_equal(got, np.array(alone), equal_nan=True)


def test_epoch_1e25_counts_models_strictly_above_the_threshold_by_the_date():
    models = pd.DataFrame(
        {
            "model": ["m1", "m2", "m3", "m4", "m5"],
            "organization": ["OpenAI", "OpenAI,Microsoft", "Lab", "Late", "Exact"],
            "publication_date": pd.to_datetime(
                ["2023-03-15", "2024-01-01", "2025-01-01", "2025-07-01", "2024-01-01"]
            ),
            "training_compute_flop": [2e25, 3e25, 1.1e25, 5e26, 1e25],
        }
    )
    n = epoch_1e25(models)
    assert n == {"models": 3, "developers": 2, "names": ["Lab", "OpenAI"]}  # m4 too late, m5 not above


def test_c4_reason_gives_the_other_count():
    kw = dict(
        recent_year=2025,
        earlier_year=2023,
        threshold_flop=1e25,
        nth_org=10,
        reference_model="GPT-4o",
        min_orgs=10,
        max_months=24.0,
    )
    v = verdict_c4(7, 3, 14.0, other_counts=(12, 3), **kw)
    assert "7 organizations above 10²⁵ FLOP in 2025 against 3 in 2023" in v.reason
    assert "counted cumulatively: 12 by the end of 2025 against 3 by the end of 2023" in v.reason
    assert v.value == "partly supported"  # the shown count does not decide
    v = verdict_c4(12, 3, 14.0, cumulative=True, other_counts=(7, 3), **kw)
    assert "counted in-year: 7 in 2025 against 3 in 2023" in v.reason and v.value == "supported"


@pytest.fixture(scope="module")
def default():
    P = bp.Params(n_boot=200)
    return P, bp.analyze(P)


def test_the_default_run_records_both_counts_and_both_lag_estimands(default):
    _, a = default
    e = a.entries()
    cum, year = (
        e["orgs_above_compute_threshold_cumulative"]["value"],
        e["orgs_above_compute_threshold"]["value"],
    )
    assert set(cum) == set(year) and all(cum[y] >= year[y] for y in year)
    assert list(cum.values()) == sorted(cum.values())  # a cumulative count never falls
    avg = e["eci_lag_months_avg"]
    assert avg["low"] <= avg["high"] and avg["value"] > 0 and "horizontal distance" in avg["note"]
    assert "Kaplan-Meier" in e["eci_lag_months"]["note"]
    assert "average horizontal distance" in bp.text.eci_frontier(a.eci)
    assert e[KEY] == entry(a.figures) and len(e[KEY]["value"]) == 5  # analyze records the replication rows


def test_replication_rows_use_their_definitions(default):
    P, a = default
    figs = bp.replication.figures(a.inputs, a.eci, a.arena, a.diffusion, P)
    assert len(figs) == 5 and all(f.publisher and f.definition and f.url for f in figs)
    aix, oct25, may26, devs, models = figs
    assert aix.theirs == 1.7 and aix.status() == "reproduced"  # the AI Index 2025 check
    assert (oct25.theirs, oct25.theirs_low, oct25.theirs_high) == (3.5, 1.1, 5.3)
    assert oct25.ours is not None and oct25.ours_low <= oct25.ours_high
    assert oct25.own == pytest.approx(a.eci.lag_med)  # our Kaplan-Meier median beside it
    assert may26.theirs == 4.0 and (may26.ours is not None or may26.note)  # not computable says why
    n = epoch_1e25(a.inputs.models_all)
    assert (devs.theirs, devs.ours, models.theirs, models.ours) == (
        EPOCH_1E25["developers"],
        n["developers"],
        EPOCH_1E25["models"],
        n["models"],
    )
    rec = entry(figs)
    assert KEY == "replication" and "published figures reproduced" in rec["note"]
    assert len(rec["value"]) == 5 and {r["status"] for r in rec["value"]} <= {
        "reproduced",
        "differs",
        "not computable",
    }


def test_replication_before_the_published_dates_is_not_computable():
    P = bp.Params(as_of="2025-03-01", window_start="2024-01-01", n_boot=50)
    a = bp.analyze(P)
    figs = bp.replication.figures(a.inputs, a.eci, a.arena, a.diffusion, P)
    assert figs[2].ours is None and figs[2].status() == "not computable"  # 2026 window not reached
    assert figs[3].ours is None and "before June 2025" in figs[3].note
