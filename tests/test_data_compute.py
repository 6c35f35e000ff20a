"""Content checks of the compute-concentration tables against what their publishers state."""

from __future__ import annotations

import pandas as pd
import pytest
import yaml

from helpers import data
from helpers.core import paths
from helpers.data.tables import epoch_chip_owners


@pytest.fixture(scope="module")
def owners():
    return data.load("compute_owners")


@pytest.fixture(scope="module")
def clusters():
    return data.load("gpu_clusters")


@pytest.fixture(scope="module")
def shares():
    return data.load("market_shares")


def test_owners_cover_four_designers_from_their_start_quarters(owners):
    first = owners.groupby("designer")["quarter_end"].min()
    assert set(first.index) == set(epoch_chip_owners.DESIGNERS)
    assert first["NVIDIA"] == pd.Timestamp("2022-03-31")
    assert first["Google TPU"] == pd.Timestamp("2023-03-31")
    assert first["AMD"] == pd.Timestamp("2024-03-31")
    assert first["Amazon Trainium"] == pd.Timestamp("2024-03-31")
    # NVIDIA: one row per quarter for each modelled owner, 17 consecutive quarters
    nv = owners[(owners["designer"] == "NVIDIA") & (owners["owner"] == "Microsoft")]["quarter_end"]
    assert list(nv) == list(pd.date_range("2022-03-31", periods=17, freq="QE"))


def test_single_owner_designs(owners):
    assert set(owners.loc[owners["designer"] == "Google TPU", "owner"]) == {"Google"}
    assert set(owners.loc[owners["designer"] == "Amazon Trainium", "owner"]) == {"Amazon"}


def test_cumulative_stock_never_falls(owners):
    for (d, o), g in owners.groupby(["designer", "owner"]):
        if o in ("Unattributed", "xAI"):  # residual / deployment counts, not cumulative model outputs
            continue
        s = g.sort_values("quarter_end")["h100e_p50"]
        assert (s.diff().dropna() >= 0).all(), (d, o)


def test_percentiles_bracket_the_median(owners):
    both = owners.dropna(subset=["h100e_p5", "h100e_p95"])
    assert len(both) > 0.8 * len(owners)
    assert (both["h100e_p5"] <= both["h100e_p50"] + 0.5).all()
    assert (both["h100e_p50"] <= both["h100e_p95"] + 0.5).all()


def test_xai_only_where_epoch_publishes_a_total(owners):
    x = owners[owners["owner"] == "xAI"]
    assert list(x["quarter_end"]) == [pd.Timestamp("2024-12-31"), pd.Timestamp("2025-12-31")]
    assert x["h100e_p5"].isna().all()


def test_incomplete_quarters_are_the_newest(owners):
    inc = owners.loc[owners["incomplete"], "quarter_end"].unique()
    assert len(inc) >= 1
    assert inc.min() == owners["quarter_end"].max()


def test_top_hyperscalers_match_epochs_published_statement(owners):
    # Epoch (AI Chip Owners launch and erratum, 2026-04): the top US hyperscalers own over 60% of AI compute
    q = owners[owners["quarter_end"] == "2025-12-31"]
    by_owner = q.groupby("owner")["h100e_p50"].sum()
    five = by_owner[["Google", "Microsoft", "Amazon", "Meta", "Oracle"]].sum() / by_owner.sum() * 100
    assert 60 < five < 80
    # and Google is the largest owner once TPUs are counted
    assert by_owner.drop(["Other", "Unattributed"]).idxmax() == "Google"


def test_clusters_ids_flag_and_countries(clusters):
    assert clusters["cluster_id"].is_unique
    std = clusters[clusters["standard_analysis"]]
    assert len(std) == 482  # Epoch's standard-analysis set in the 2025-12 snapshot
    assert set(std["status"]) == {"Existing"}
    assert "United States of America" not in set(clusters["country"].dropna())
    cap = std.groupby("country")["h100e"].sum()
    assert cap.idxmax() == "United States"
    assert clusters["first_operational_date"].max() <= pd.Timestamp("2025-12-31")


def test_market_shares_one_series_per_layer(shares):
    assert shares.groupby("layer")["analyst"].nunique().eq(1).all()
    assert dict(shares.groupby("layer")["analyst"].first()) == {
        "cloud": "Synergy Research Group",
        "foundry": "TrendForce",
        "data-center GPU": "TechInsights",
    }
    assert shares.groupby(["layer", "period"])["share_pct"].sum().le(100.5).all()


def test_recalled_rows_are_left_out(shares):
    # the reference table marks Synergy's 2024Q4 figures as recalled only: they must not be shipped
    assert shares[(shares["layer"] == "cloud") & (shares["period"] == "2024Q4")].empty


def test_cloud_leader_and_tsmc(shares):
    cloud = shares[shares["layer"] == "cloud"]
    leaders = cloud.loc[cloud.groupby("period")["share_pct"].idxmax(), "company"]
    assert set(leaders) == {"AWS"}
    tsmc = shares[(shares["layer"] == "foundry") & (shares["company"] == "TSMC")]
    assert tsmc["share_pct"].between(50, 80).all()


def test_every_source_is_cited_and_verified(shares):
    src = yaml.safe_load((paths.SOURCES / "compute.yaml").read_text())
    used = set(shares["source_id"])
    assert used <= set(src)
    for sid in used:
        entry = src[sid]
        assert entry["url"].startswith("https://") or entry["url"].startswith("http://"), sid
        assert entry["verification"].startswith("verified"), sid
        assert entry["publisher"] and entry["title"] and entry["date"], sid


def test_raw_urls_are_official():
    for name in ("compute_owners", "gpu_clusters"):
        for raw in data.get(name).raw:
            assert raw.url.startswith(
                ("https://epoch.ai/", "https://raw.githubusercontent.com/epoch-research/")
            ), raw.url
