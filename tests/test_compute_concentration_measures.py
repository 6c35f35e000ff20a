"""Known answers for the concentration measures in helpers.analysis.compute_concentration.measures."""

import numpy as np
import pytest

from helpers.analysis.compute_concentration import measures as c
from helpers.core import uncertainty as unc


def test_monopoly():
    assert c.hhi([100]) == 10_000
    assert c.effective_number(c.hhi([100])) == 1
    assert c.cr_n([100], 3) == 100
    assert c.hhi_bounds([100]) == (10_000, 10_000)
    assert c.band(10_000) == "highly concentrated"


@pytest.mark.parametrize("n", [1, 2, 4, 5, 10, 50])
def test_n_equal_firms(n):
    s = c.shares([7.0] * n)
    assert np.allclose(s, 100 / n)
    assert c.hhi(s) == pytest.approx(10_000 / n)
    assert c.effective_number(c.hhi(s)) == pytest.approx(n)
    assert c.cr_n(s, 3) == pytest.approx(100 * min(3, n) / n)
    assert c.gini([7.0] * n) == pytest.approx(0.0, abs=1e-12)


def test_textbook_example():
    # 40/30/20/10: HHI 1600 + 900 + 400 + 100
    assert c.hhi([40, 30, 20, 10]) == 3000
    assert c.cr_n([10, 40, 20, 30], 1) == 40
    assert c.cr_n([10, 40, 20, 30], 3) == 90


def test_other_share_bounds():
    # named 50 and 20, 30 unallocated: low ignores it, high treats it as one firm
    lo, hi = c.hhi_bounds([50, 20])
    assert lo == 2500 + 400
    assert hi == 2500 + 400 + 900
    # explicit other share equals the implied one
    assert c.hhi_bounds([50, 20], 30) == (lo, hi)
    # capped: unnamed firms no bigger than 20 -> one of 20 and one of 10
    assert c.hhi_bounds([50, 20], 30, cap=20) == (2900, 2900 + 400 + 100)
    # the cap bound lies between the two extremes, and the true HHI of any split does too
    for split in ([30], [15, 15], [10] * 3, [20, 10], [1] * 30):
        true = c.hhi([50, 20, *split])
        assert lo <= true <= hi


def test_other_share_metrics():
    m = c.layer_metrics({"A": 28, "B": 21, "C": 14})
    assert m.other_pct == pytest.approx(37)
    assert m.cr3 == 63 and m.cr1 == 28 and m.cr5 == 63
    assert m.hhi_low == 784 + 441 + 196
    assert m.hhi_high == pytest.approx(1421 + 37**2)
    assert m.effective_n_high == pytest.approx(10_000 / 1421)
    assert m.effective_n_low <= m.effective_n_high


def test_bands_2023_and_2010():
    mod, high = c.GUIDELINES["2023"]
    assert (mod, high) == (1000, 1800)
    assert c.band(1801) == "highly concentrated"
    assert c.band(1800) == "moderately concentrated"
    assert c.band(999) == "unconcentrated"
    assert c.band(2000, *c.GUIDELINES["2010"]) == "moderately concentrated"
    with pytest.raises(c.ConcentrationError, match="below"):
        c.band(1000, 2000, 1500)


def test_band_range_names_both_bands_only_when_they_differ():
    assert c.band_range(1421, 2790) == "between moderately concentrated and highly concentrated"
    assert c.band_range(5007, 5513) == "highly concentrated"
    assert c.band_range(1421, 2790, *c.GUIDELINES["2010"]) == "between unconcentrated and highly concentrated"
    assert c.band_range(1000, 1800) == "moderately concentrated"  # both bounds on the band's edges


def test_max_sum_squares_of_a_capped_remainder():
    assert c.max_sum_squares(30, None) == 900
    assert c.max_sum_squares(30, 20) == 400 + 100
    assert c.max_sum_squares(30, 10) == 300
    assert c.max_sum_squares(0, 5) == 0


def test_gini_and_lorenz():
    # one of n holds everything: Gini = (n - 1) / n
    assert c.gini([0, 0, 0, 10]) == pytest.approx(0.75)
    x, y = c.lorenz([1, 3])
    assert np.allclose(x, [0, 0.5, 1]) and np.allclose(y, [0, 0.25, 1])
    # 1,2,3,4: Gini = sum|xi-xj| / (2 n^2 mean) = 20 / (2*16*2.5) = 0.25
    assert c.gini([4, 1, 3, 2]) == pytest.approx(0.25)


def test_bad_inputs_are_named():
    with pytest.raises(c.ConcentrationError, match="negative"):
        c.hhi([50, -5])
    with pytest.raises(c.ConcentrationError, match="more than 100"):
        c.hhi([70, 40])
    with pytest.raises(c.ConcentrationError, match="zero"):
        c.shares([0, 0])
    with pytest.raises(c.ConcentrationError, match="positive"):
        c.effective_number(0)
    with pytest.raises(c.ConcentrationError, match="n must be"):
        c.cr_n([50], 0)


def test_split_lognormal_matches_percentiles_and_is_seeded():
    p5, p50, p95 = np.array([50.0, 10.0]), np.array([100.0, 10.0]), np.array([300.0, np.nan])
    d1 = unc.split_lognormal_draws(p5, p50, p95, 40_000, np.random.default_rng(1))
    d2 = unc.split_lognormal_draws(p5, p50, p95, 40_000, np.random.default_rng(1))
    assert np.array_equal(d1, d2)
    q = np.quantile(d1[:, 0], [0.05, 0.5, 0.95])
    assert q == pytest.approx([50, 100, 300], rel=0.03)
    assert np.all(d1[:, 1] == 10)  # missing percentiles: held at the median
    with pytest.raises(ValueError, match="p5 <= p50"):
        unc.split_lognormal_draws([120.0], [100.0], [130.0], 10, np.random.default_rng(0))
