"""The hand-compiled market tables of notebook 04: schema, a cited source per row, grades and value status,
restatements kept apart, and a sample of rows checked at their source (search corpora, 2026-12-03)."""

from __future__ import annotations

import pandas as pd
import pytest

from helpers import data

MARKET_TABLES = ("cloud_margins", "api_prices", "price_decline_fits")


@pytest.mark.parametrize("name", MARKET_TABLES)
def test_table_validates_and_every_source_id_is_cited(name):
    df = data.validate_table(name)
    sources = data.load_sources()
    assert len(df) and set(df["source_id"]) <= set(sources)
    for sid in set(df["source_id"]):
        s = sources[sid]
        assert s["publisher"] and s["url"] and s["verification"], sid
        assert s.get("grade") in ("H", "M", "L"), sid


def test_cloud_margins_keep_grade_status_and_restatements_apart():
    m = data.load("cloud_margins")
    assert set(m["value_status"]) == {"reported", "derived", "secondary"}
    g = m[m["series"] == "Google Cloud"]
    assert {"original (before 2023 recast)", "recast (2023 segment basis)"} <= set(g["basis"])
    ms = m[m["series"] == "Microsoft Intelligent Cloud"]
    assert {"FY2025 recast", "pre-FY2025"} <= set(ms["basis"])
    # a secondary or derived value is never graded H unless its source is a filing
    assert (m.loc[m["status_detail"].str.contains("aggregator"), "grade"] != "H").all()
    # the margin is operating income over revenue wherever both are given
    both = m.dropna(subset=["revenue_usd", "operating_income_usd", "operating_margin_pct"])
    assert (
        (100 * both["operating_income_usd"] / both["revenue_usd"] - both["operating_margin_pct"]).abs() < 0.6
    ).all()


@pytest.mark.parametrize(
    "series, period, revenue_musd, income_musd",
    [
        ("AWS", "FY2019", 35_026, 9_201),  # Amazon 10-K FY2019 XBRL R82
        ("AWS", "FY2023", 90_757, 24_631),  # Amazon 10-K FY2023 XBRL R32
        ("Google Cloud", "FY2025", 58_705, 13_910),  # Alphabet 10-K FY2025 XBRL R42
        (
            "Microsoft Intelligent Cloud",
            "FY2025 (July-June)",
            106_265,
            44_589,
        ),  # Microsoft 10-K FY2025, Item 8
        ("CoreWeave", "Q3 2025", 1_364.676, 51.850),  # CoreWeave Q3 2025 release
    ],
)
def test_rows_checked_at_their_source(series, period, revenue_musd, income_musd):
    m = data.load("cloud_margins")
    r = m[(m["series"] == series) & (m["fiscal_period"] == period)]
    assert len(r) == 1
    assert r["revenue_usd"].iloc[0] == pytest.approx(revenue_musd * 1e6)
    assert r["operating_income_usd"].iloc[0] == pytest.approx(income_musd * 1e6)


def test_api_prices_keep_epoch_input_data_whole_and_flag_artefacts():
    p = data.load("api_prices")
    epoch = p[p["dataset"].isin(["epoch_insight_aa", "epoch_insight_not_in_aa"])]
    assert len(epoch) == 73 and epoch["blended_3to1_usd_per_mtok"].notna().all()
    both = p.dropna(subset=["input_usd_per_mtok", "output_usd_per_mtok", "blended_3to1_usd_per_mtok"])
    blend = 0.75 * both["input_usd_per_mtok"] + 0.25 * both["output_usd_per_mtok"]
    assert (blend - both["blended_3to1_usd_per_mtok"]).abs().max() < 1e-6
    assert p.loc[p["artefact"], "notes"].str.startswith("ARTEFACT").all() and p["artefact"].sum() >= 1
    assert (p.loc[p["dataset"] == "news", "value_status"] == "secondary").all()
    assert p["price_date"].between(pd.Timestamp("2021-01-01"), pd.Timestamp("2026-12-31")).all()


def test_epoch_fits_are_the_21_published_ones():
    f = data.load("price_decline_fits")
    assert len(f) == 21 and f["benchmark"].nunique() == 6
    gpqa = f[(f["benchmark"] == "GPQA Diamond") & (f["threshold_model"] == "GPT-4-0314")].iloc[0]
    assert gpqa["factor_per_year"] == pytest.approx(42.0, abs=0.05)  # the page's "40x per year", unrounded
    assert f["factor_per_year"].min() == pytest.approx(9.2, abs=0.1) and f["factor_per_year"].max() < 900
