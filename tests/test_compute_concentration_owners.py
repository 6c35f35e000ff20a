"""The steps of notebook 02's analysis (periods, owners, clusters) on small hand-made frames with known answers."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from helpers.analysis.compute_concentration import clusters as cc
from helpers.analysis.compute_concentration import owners as ow
from helpers.analysis.compute_concentration import periods as pe
from helpers.core import uncertainty as unc


def _owners():
    rows = []
    for q, inc in (("2024-12-31", False), ("2025-03-31", False), ("2025-06-30", True)):
        for d, o, v in (
            ("NVIDIA", "Microsoft", 60.0),
            ("NVIDIA", "Other", 20.0),
            ("Google TPU", "Google", 10.0),
            ("AMD", "Meta", 5.0),
            ("Amazon Trainium", "Amazon", 5.0),
        ):
            if d == "AMD" and q == "2025-06-30":
                continue
            grow = {"2024-12-31": 1.0, "2025-03-31": 2.0, "2025-06-30": 3.0}[q]
            rows.append(
                {
                    "designer": d,
                    "owner": o,
                    "quarter_end": pd.Timestamp(q),
                    "h100e_p5": v * grow * 0.5,
                    "h100e_p50": v * grow,
                    "h100e_p95": v * grow * 2,
                    "incomplete": inc,
                }
            )
    return pd.DataFrame(rows)


def test_quarter_and_period_ends():
    assert pe.quarter_end("2024-11-02") == pd.Timestamp("2024-12-31")
    assert pe.period_end("2025Q1") == pd.Timestamp("2025-03-31")
    assert pe.period_end("2023") == pd.Timestamp("2023-12-31")
    with pytest.raises(pe.StackError, match="neither"):
        pe.period_end("Q5-2025")


def test_owner_quarter_rules():
    o = _owners()
    assert pe.owner_quarter(o) == pd.Timestamp("2025-03-31")  # newest with all four designers
    assert pe.owner_quarter(o, "2025-02-01") == pd.Timestamp("2025-03-31")
    assert pe.owner_quarter(o, "2025-12-01") == pd.Timestamp("2025-03-31")  # incomplete 2025Q2 skipped
    assert pe.owner_quarter(o, "2025-12-01", exclude_incomplete=False) == pd.Timestamp("2025-06-30")
    with pytest.raises(pe.StackError, match="before the first ownership quarter"):
        pe.owner_quarter(o, "2023-01-01")


def test_share_period_picks_newest_not_after():
    s = pd.DataFrame(
        {
            "layer": ["cloud"] * 3,
            "period": ["2024Q2", "2024Q4", "2025Q1"],
            "company": ["A"] * 3,
            "share_pct": [30.0] * 3,
        }
    )
    assert pe.share_period(s, "cloud", pd.Timestamp("2024-12-31")) == "2024Q4"
    assert pe.share_period(s, "cloud", pd.Timestamp("2025-02-01")) == "2024Q4"
    with pytest.raises(pe.StackError, match="starts in 2024Q2"):
        pe.share_period(s, "cloud", pd.Timestamp("2024-03-31"))


def test_share_period_skips_releases_naming_too_few_firms():
    s = pd.DataFrame(
        {
            "layer": ["foundry"] * 5,
            "period": ["2025Q3", "2025Q3", "2025Q3", "2025Q4", "2025Q4"],
            "company": ["A", "B", "C", "A", "B"],
            "share_pct": [70.0, 7.0, 5.0, 70.0, 7.0],
        }
    )
    end = pd.Timestamp("2025-12-31")
    assert pe.named_counts(s, "foundry").to_dict() == {"2025Q3": 3, "2025Q4": 2}
    assert pe.share_period(s, "foundry", end) == "2025Q4"  # default: every release counts
    assert pe.share_period(s, "foundry", end, min_named=3) == "2025Q3"
    with pytest.raises(pe.StackError, match="names at least 4 firms \\(min_named_firms\\)"):
        pe.share_period(s, "foundry", end, min_named=4)


def test_owner_layer_pools_other_and_sums_to_100():
    rows = ow.stock_at(_owners(), pd.Timestamp("2025-03-31"))
    lay = ow.owner_layer(ow.by_owner(rows), ow.pooled(False))
    assert lay["shares"].sum() == pytest.approx(100)
    assert lay["other_pct"] == pytest.approx(20)
    assert lay["metrics"].hhi_low == pytest.approx(60**2 + 10**2 + 5**2 + 5**2)
    assert lay["metrics"].hhi_high == pytest.approx(lay["metrics"].hhi_low + 20**2)
    # the p5 column is used when asked
    assert ow.stock_at(_owners(), pd.Timestamp("2025-03-31"), "p5")["h100e"].sum() == pytest.approx(100)


def test_designer_added_is_stock_difference():
    add = ow.designer_added(_owners(), pd.Timestamp("2025-03-31"))
    # no quarter a year before: added = stock
    assert add["NVIDIA"] == pytest.approx(160)


def test_simulation_is_seeded_and_bounded():
    rows = ow.stock_at(_owners(), pd.Timestamp("2025-03-31"))
    a = ow.simulate_owners(rows, 500, 7, ow.pooled(False), 2)
    b = ow.simulate_owners(rows, 500, 7, ow.pooled(False), 2)
    pd.testing.assert_frame_equal(a, b)
    assert (a["hhi_low"] <= a["hhi_high"]).all()
    share_cols = [c for c in a if c.startswith("share_")]
    assert np.allclose(a[share_cols].sum(axis=1), 100)
    owner_cols = [c for c in a if c.startswith("owner_")]
    assert np.allclose(a[owner_cols].sum(axis=1), 100)
    hyp = a[["owner_Microsoft", "owner_Google", "owner_Amazon"]].sum(axis=1)
    assert np.allclose(hyp, a["hyperscaler_share"])
    # medians of the draws sit near the point shares (Microsoft 60 + Google 10 + Amazon 5; top two 60 + 10)
    assert a["hyperscaler_share"].median() == pytest.approx(75, abs=8)
    assert a["top_n_share"].median() == pytest.approx(70, abs=8)
    lo, hi = unc.interval(a["hyperscaler_share"])
    assert lo < 75 < hi


def test_clusters_at_and_bootstrap():
    cl = pd.DataFrame(
        {
            "cluster_id": [1, 2, 3, 4],
            "owner": ["A", "B", None, "A"],
            "country": ["United States", "China", "United States", None],
            "h100e": [60.0, 20.0, 10.0, 10.0],
            "first_operational_date": pd.to_datetime(
                ["2023-01-01", "2024-01-01", "2026-01-01", "2024-05-01"]
            ),
            "status": ["Existing", "Existing", "Existing", "Existing"],
            "standard_analysis": [True, True, True, False],
        }
    )
    at = cc.clusters_at(cl, pd.Timestamp("2025-12-31"))
    assert list(at["cluster_id"]) == [1, 2]
    shares = cc.country_shares(cc.clusters_at(cl, pd.Timestamp("2025-12-31"), standard_only=False))
    assert shares.loc["United States", "share_pct"] == pytest.approx(60 / 90 * 100)
    assert shares.loc["Unknown", "share_pct"] == pytest.approx(10 / 90 * 100)
    lo, hi = cc.bootstrap_share(at, "United States", 200, 1)
    assert 0 <= lo <= 75 <= hi <= 100
    assert cc.owner_capacity(at).to_dict() == {"A": 60.0, "B": 20.0}


def _staggered_owners():
    """NVIDIA counted from 2022Q4, TPUs from 2023Q1, AMD and Trainium from 2023Q2 (like Epoch's staggered series)."""
    rows = []
    for q, parts in (
        ("2022-12-31", [("NVIDIA", "Microsoft", 60.0), ("NVIDIA", "Google", 20.0), ("NVIDIA", "Meta", 20.0)]),
        (
            "2023-03-31",
            [
                ("NVIDIA", "Microsoft", 60.0),
                ("NVIDIA", "Google", 20.0),
                ("NVIDIA", "Meta", 20.0),
                ("Google TPU", "Google", 100.0),
            ],
        ),
        (
            "2023-06-30",
            [
                ("NVIDIA", "Microsoft", 60.0),
                ("NVIDIA", "Google", 20.0),
                ("NVIDIA", "Meta", 20.0),
                ("Google TPU", "Google", 100.0),
                ("AMD", "Meta", 50.0),
                ("Amazon Trainium", "Amazon", 50.0),
            ],
        ),
    ):
        for d, o, v in parts:
            rows.append(
                {
                    "designer": d,
                    "owner": o,
                    "quarter_end": pd.Timestamp(q),
                    "h100e_p5": v / 2,
                    "h100e_p50": v,
                    "h100e_p95": v * 2,
                    "incomplete": False,
                }
            )
    return pd.DataFrame(rows)


def test_coverage_starts_lists_later_series_with_readable_labels():
    st = ow.coverage_starts(_staggered_owners())
    assert list(st["quarter_end"]) == [pd.Timestamp("2023-03-31"), pd.Timestamp("2023-06-30")]
    assert list(st["label"]) == ["TPUs from 2023Q1", "AMD and Trainium from 2023Q2"]
    assert st["designers"].iloc[1] == ["AMD", "Amazon Trainium"]
    assert ow.coverage_starts(_staggered_owners().query("designer == 'NVIDIA'")).empty


def test_coverage_effect_isolates_the_new_series_within_one_quarter():
    o = _staggered_owners()
    st = ow.coverage_starts(o)
    own = ow.coverage_effect(o, st, "owner").set_index("period")
    # 2023Q1: Google 20 of 100 without TPUs, 120 of 200 with them
    assert own.loc["2023Q1", "company"] == "Google"
    assert own.loc["2023Q1", "without_pct"] == pytest.approx(20.0)
    assert own.loc["2023Q1", "with_pct"] == pytest.approx(60.0)
    des = ow.coverage_effect(o, st, "designer").set_index("period")
    # the new series themselves are not reported; NVIDIA falls from 100% to 50% when TPUs enter
    assert des.loc["2023Q1", "company"] == "NVIDIA"
    assert (des.loc["2023Q1", "without_pct"], des.loc["2023Q1", "with_pct"]) == pytest.approx((100.0, 50.0))
    assert des.loc["2023Q2", "company"] in ("NVIDIA", "Google TPU")
    assert des.loc["2023Q2", "with_pct"] == pytest.approx(100 / 300 * 100)


def _cluster_frame():
    return pd.DataFrame(
        {
            "cluster_id": [1, 2, 3, 4, 5, 6],
            "owner": ["A", "B", "C", "D", "E", "F"],
            "country": ["United States", "China", "China", None, "United States", "United States"],
            "h100e": [60.0, 20.0, 20.0, 50.0, 100.0, 5.0],
            "first_operational_date": pd.to_datetime(
                ["2023-01-01", "2024-01-01", "2024-06-01", "2024-01-01", "2025-09-01", "2018-06-01"]
            ),
            "status": ["Existing", "Existing", "Decommissioned", "Existing", "Existing", "Existing"],
            "standard_analysis": [True, True, False, True, True, True],
        }
    )


def test_country_set_gives_each_share_with_a_band_containing_it():
    cl = _cluster_frame()
    cs = cc.country_set(cc.clusters_at(cl, pd.Timestamp("2025-12-31"), standard_only=False), "all", 300, 3)
    assert cs.n == 6 and cs.h100e == 255.0 and cs.label == "all recorded clusters"
    assert cs.us[0] == pytest.approx(165 / 255 * 100) and cs.china[0] == pytest.approx(40 / 255 * 100)
    for v, lo, hi in (cs.us, cs.china):
        assert lo <= v <= hi


def test_epoch_country_shares_follow_their_filter():
    """Known country, first operational date from 2019 to the as-of date, no standard-analysis filter."""
    cs = cc.epoch_country_shares(_cluster_frame(), "2025-05-31", 200, 1)
    # kept: clusters 1, 2, 3 (decommissioned, not standard); dropped: 4 (no country), 5 (later), 6 (2018)
    assert cs.n == 3
    assert cs.us[0] == pytest.approx(60.0) and cs.china[0] == pytest.approx(40.0)
