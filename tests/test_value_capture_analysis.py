"""Notebook 04's analysis without a kernel: the decline fit and Epoch AI's lowest-price frontier on
hand-made data, the reproduction of Epoch's 21 fits, flagship prices, cuts, margins and the published
figures on the shipped data."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from helpers.analysis import value_capture as vc
from helpers.analysis.value_capture import margins, prices, published, text
from helpers.analysis.value_capture.params import Params
from helpers.core import replication
from helpers.core.params import ParamError, validate


@pytest.fixture(scope="module")
def inputs():
    return vc.load_inputs(Params())


@pytest.fixture(scope="module")
def result(inputs):
    return vc.analyze(Params(), inputs)


def test_fit_decline_recovers_a_known_rate_and_its_interval_covers_it():
    rng = np.random.default_rng(1)
    dates = pd.Series(pd.date_range("2022-01-01", periods=12, freq="60D"))
    years = (dates - dates.min()).dt.days / prices.DAYS_PER_YEAR
    price = 50 * 10 ** (-np.log10(20) * years) * 10 ** rng.normal(0, 0.05, len(dates))
    fit = prices.fit_decline(dates, price)
    assert fit["low"] < 20 < fit["high"] and fit["factor"] == pytest.approx(20, rel=0.15)
    exact = prices.fit_decline(dates, 50 * 10 ** (-np.log10(20) * years))
    assert exact["factor"] == pytest.approx(20) and exact["r_squared"] == pytest.approx(1)
    with pytest.raises(ValueError, match="at least 3"):
        prices.fit_decline(dates[:2], price[:2])


def test_lowest_price_frontier_keeps_only_new_lows_at_or_above_the_threshold():
    d = pd.DataFrame(
        {
            "model": ["T", "weak", "A", "B", "C", "D"],
            "price_date": pd.to_datetime(
                ["2023-01-01", "2023-02-01", "2023-03-01", "2023-03-01", "2023-06-01", "2023-09-01"]
            ),
            "price": [10.0, 0.1, 5.0, 4.0, 6.0, 1.0],
            "mmlu": [70, 50, 71, 75, 80, 70],
        }
    )
    f = prices.lowest_price_frontier(d, "mmlu", 70, pd.Timestamp("2023-01-01"))
    # the weak model is below the threshold; of A and B on one date the cheaper; C is not a new low
    assert list(f["model"]) == ["T", "B", "D"] and list(f["price"]) == [10.0, 4.0, 1.0]


def test_our_fits_reproduce_epochs_21_within_their_intervals(result):
    fc = result.fixed
    assert fc.n_fits == 21 and fc.n_within == 21
    f = fc.fits
    assert (f["n"] == f["theirs_n"]).all()  # the same observations in every fit
    # their method and data give their numbers: factors and interval ends to rounding error
    for ours, theirs in (("ours", "theirs"), ("ours_low", "theirs_low"), ("ours_high", "theirs_high")):
        assert ((f[ours] / f[theirs] - 1).abs() < 1e-6).all(), ours
    p = fc.pooled
    assert p["low"] < p["factor"] < p["high"] and f["ours"].min() < p["factor"] < f["ours"].max()


def test_reasoning_models_move_some_fits_when_counted(inputs, result):
    fc_r = prices.fixed_capability(inputs.prices, inputs.epoch_fits, Params(include_reasoning_models=True))
    assert (fc_r.fits["ours"] != result.fixed.fits["ours"]).any()
    assert len(fc_r.points) > len(result.fixed.points)


def test_blended_uses_input_and_output_where_given_else_the_sources_blend():
    d = pd.DataFrame(
        {
            "input_usd_per_mtok": [2.0, np.nan],
            "output_usd_per_mtok": [10.0, np.nan],
            "blended_3to1_usd_per_mtok": [4.0, 7.5],
        }
    )
    assert list(prices.blended(d, 0.75)) == [4.0, 7.5] and list(prices.blended(d, 0.5)) == [6.0, 7.5]


def test_frontier_change_per_year_and_its_interval(inputs, result):
    c = result.frontier.change
    assert c["low"] < c["factor"] < c["high"] and c["n_providers"] == 5
    launches = result.frontier.launches
    assert launches["price_date"].min() >= pd.Timestamp(Params().frontier_since)
    three = prices.frontier(inputs.prices, Params(frontier_providers=["OpenAI", "Anthropic", "Google"]))
    assert three.change["n_providers"] == 3 and three.change["n"] < c["n"]
    prem = prices.frontier(inputs.prices, Params(frontier_tier="with_premium"))
    assert (prem.launches["tier"] == "premium").any() and prem.change["n"] > c["n"]


def test_cuts_find_same_model_price_falls_and_skip_artefacts(inputs, result):
    ev = result.cuts.events
    cuts = ev[ev["kind"] == "cut"]
    assert (cuts["new"] < cuts["old"]).all() and (
        ev.loc[ev["kind"] == "increase", "new"] > ev.loc[ev["kind"] == "increase", "old"]
    ).all()
    o3 = cuts[cuts["model"] == "o3"]
    assert len(o3) == 1 and o3["change_pct"].iloc[0] == pytest.approx(-80)  # $10/$40 to $2/$8
    # the o3 revert to $10/$40 of 2025-10-10 is a migration artefact, not a price increase
    assert not ((ev["model"] == "o3") & (ev["kind"] == "increase")).any()
    assert result.cuts.per_year["cuts"].sum() == len(cuts)
    e = result.cuts.entries()
    per_year = e["price_cuts_per_provider_year"]["value"]
    assert {k: sum(v.values()) for k, v in per_year.items()} == e["price_cuts_by_provider"]["value"]


def test_margins_read_the_latest_fiscal_year_on_the_newest_segment_basis(inputs, result):
    lat = result.margins.latest.set_index("series")
    assert set(lat.index) == set(margins.HYPERSCALERS)
    assert lat.loc["Google Cloud", "margin_pct"] == pytest.approx(100 * 13_910 / 58_705)
    three = margins.margins(inputs, Params(margin_years=3)).latest.set_index("series")
    assert three.loc["Google Cloud", "margin_pct"] == pytest.approx(
        100 * (1_716 + 6_112 + 13_910) / (33_088 + 43_229 + 58_705)
    )
    gpu = margins.margins(
        inputs, Params(include_gpu_clouds=True, margin_period="latest_period")
    ).latest.set_index("series")
    assert gpu.loc["CoreWeave", "period"] == "Q3 2025" and gpu.loc[
        "CoreWeave", "margin_pct"
    ] == pytest.approx(4.0)
    assert result.margins.layers["margin_pct"].isna().sum() == 1  # model providers: not public


def test_published_figures_reproduce_epoch_and_say_why_others_differ(result):
    rows = {r["figure"]: r for r in replication.rows(result.replication)}
    assert len(rows) == 8 and all(r["note"] for r in rows.values())
    epoch = [r for r in rows.values() if r["publisher"].startswith("Epoch AI")]
    assert len(epoch) == 3 and all(r["status"] == "reproduced" for r in epoch)
    gundlach = [r for r in rows.values() if r["publisher"].startswith("Gundlach")]
    assert all(r["status"] == "not computable" and r["own"] is not None for r in gundlach)
    assert result.entries()["replication"]["value"] == replication.rows(result.replication)
    assert published.figures(result.inputs.prices, result.fixed, result.frontier)[0] == result.replication[0]


def test_entries_hold_the_issues_result_keys_and_prose_quotes_their_numbers(result):
    e = result.entries()
    for key in (
        "verdict_C6",
        "verdict_C12",
        "cloud_operating_margin_latest_pct",
        "price_decline_fixed_capability_x_per_year",
        "frontier_price_change_x_per_year",
        "replication",
    ):
        assert key in e, key
    d = e["price_decline_fixed_capability_x_per_year"]
    assert d["low"] < d["value"] < d["high"]
    assert set(e["cloud_operating_margin_latest_pct"]["value"]) == set(margins.HYPERSCALERS)
    s = text.fixed_capability(result.fixed, Params())
    assert f"{result.fixed.pooled['factor']:.3g}x" in s and "21 of 21" in s


def test_bad_parameters_are_named():
    with pytest.raises(ParamError, match="frontier_providers"):
        validate(Params, {"frontier_providers": ["Meta"]}, notebook="04_value_capture")
    with pytest.raises(ParamError, match="razor_margin_pct"):
        validate(Params, {"razor_margin_pct": 120}, notebook="04_value_capture")


def test_figure_titles_state_what_the_marks_show(inputs, result):
    import matplotlib

    matplotlib.use("Agg")
    from helpers.analysis.value_capture import figures

    title = figures.margins_over_time(result.margins, Params())._suptitle.get_text()
    assert "all above a 10% 'razor' line" in title and "Google Cloud 24%" in title
    strict = vc.analyze(Params(razor_margin_pct=25.0), inputs)
    assert (
        "2 of 3 above a 25%"
        in figures.margins_over_time(strict.margins, Params(razor_margin_pct=25.0))._suptitle.get_text()
    )
    c = result.frontier.change
    ax = figures.frontier_prices(result.frontier, Params()).axes[0]
    assert ("fell" if c["high"] < 1 else "rose" if c["low"] > 1 else "changed") in ax.get_title(loc="left")
    assert f"{result.fixed.n_within} of {result.fixed.n_fits}" in figures.ours_vs_epoch(result.fixed).axes[
        0
    ].get_title(loc="left")


def test_cuts_compare_each_price_with_the_one_before_it_in_the_same_series_only():
    """Hand-made prices: a series' first observation is no event; a fall of more than 1% is a cut and a rise
    an increase, each against the previous observation of the same provider, vendor and model (another
    model's price never counts); a change within 1% and an artefact row are no event."""
    from types import SimpleNamespace

    from helpers.analysis.value_capture import prices

    def row(i, model, date, price, provider="A", artefact=False):
        return {
            "price_id": i, "dataset": "llm_prices", "artefact": artefact, "provider": provider,
            "api_vendor": None, "model": model, "model_id": model, "price_date": pd.Timestamp(date),
            "input_usd_per_mtok": price, "output_usd_per_mtok": price, "blended_3to1_usd_per_mtok": None,
            "source_id": f"s{i}",
        }  # fmt: skip

    df = pd.DataFrame(
        [
            row(1, "m1", "2024-01-01", 10.0),
            row(2, "m1", "2024-06-01", 5.0),  # cut: -50%
            row(3, "m1", "2024-09-01", 5.02),  # +0.4%: no event
            row(4, "m2", "2024-02-01", 1.0),  # another model: compared with nothing
            row(5, "m2", "2024-03-01", 2.0),  # increase: +100%
            row(6, "m1", "2025-01-01", 1.0, artefact=True),  # an artefact: left out
            row(7, "m1", "2025-02-01", 4.0, provider="B"),  # another provider's series starts
        ]
    )
    ev = prices.cuts(df, SimpleNamespace(input_share=0.5)).events
    assert list(zip(ev["model"], ev["kind"], ev["old"], ev["new"])) == [
        ("m2", "increase", 1.0, 2.0),
        ("m1", "cut", 10.0, 5.0),
    ]
    assert ev["change_pct"].round(6).tolist() == [100.0, -50.0] and ev["source_id"].tolist() == ["s5", "s2"]
