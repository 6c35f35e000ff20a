"""Each claim's plain sentence: written from its notebook's results, with its number and interval, one
rounding per quantity, and nothing when the results are missing."""

from __future__ import annotations

import pytest

from helpers.analysis.scorecard.findings import FINDINGS, finding
from helpers.analysis.scorecard.table import evaluate, to_markdown


def test_sentences_carry_the_number_and_its_interval():
    res = {"eci_lag_months": {"value": 6.6365, "low": 4.271, "high": 9.396}}
    assert finding("C1", res) == (
        "Open-weight models trail the best closed model by 6.6 months (interval 4.3 to 9.4) on Epoch AI's "
        "Capabilities Index."
    )
    res = {"deepseek_v4_cost_usd": {"value": 16.39e6, "low": 8.2e6, "high": 1.69e8}}
    assert "about $16.4 million (interval $8.2 million to $169 million)" in finding("C7", res)
    res = {
        "price_decline_fixed_capability_x_per_year": {"value": 24.1, "low": 18.1, "high": 32.08},
        "frontier_price_change_x_per_year": {"value": 0.729, "low": 0.563, "high": 0.943},
    }
    assert finding("C12", res).endswith("flagship list prices change 0.73x a year (interval 0.56 to 0.94).")


@pytest.mark.parametrize("claim", sorted(FINDINGS))
def test_no_results_no_sentence(claim):
    assert finding(claim, {}) == ""


def test_the_markdown_scorecard_says_what_the_data_say():
    upstream = {
        "notebooks": {"03_export_controls": {"status": "ok"}},
        "results": {
            "03_export_controls": {
                "verdict_C8": {"value": "supported", "note": "why"},
                "us_china_capability_lag_months": {"value": 5.19, "low": 4.2, "high": 7.2},
            }
        },
    }
    rows = evaluate(upstream)
    md = to_markdown(rows)
    assert "| What the data say |" in md
    assert "The best Chinese model trails the best US model by 5.2 months (interval 4.2 to 7.2)" in md
    assert all("finding" in r for r in rows)


def test_c4_says_the_counts_its_verdict_compares():
    """The sentence follows the verdict's counting rule and years, not the cumulative table's last row."""
    import helpers.analysis.benchmark_parity as bp
    from helpers.analysis.benchmark_parity.params import Params

    for counting in ("in_year", "cumulative"):
        res = bp.analyze(Params(c4_org_count=counting)).entries()
        cmp = res["c4_org_comparison"]["value"]
        sentence = finding("C4", res)
        assert f"{cmp['recent']} organizations" in sentence and str(cmp["recent_year"]) in sentence
        assert f"against {cmp['earlier']}" in sentence, sentence
        # the verdict's own reason carries the same two counts
        assert f"{cmp['recent']} organizations above" in res["verdict_C4"]["note"], counting
    assert "by the end of" in sentence


def test_c5_counts_layers_in_words():
    res = {
        "c5_share_test": {"value": 3, "unit": "of 4 layers"},
        "c5_concentration_test": {"value": 2, "unit": "of 4 layers"},
    }
    assert finding("C5", res) == (
        "The five named firms jointly hold a majority in 3 of the 4 layers of the compute stack; 2 of the 4 "
        "layers are highly concentrated by the merger guidelines' index."
    )


def test_c9_gives_the_months_of_progress_with_their_interval():
    import helpers.analysis.export_controls as ec
    from helpers.analysis.export_controls.params import Params

    res = ec.analyze(Params()).entries()
    m = res["offset_months_needed"]
    assert m["low"] < m["value"] < m["high"]
    sentence = finding("C9", res)
    assert (
        f"takes {m['value']:.1f} months" in sentence
        and f"(interval {m['low']:.1f} to {m['high']:.1f})" in sentence
    )
    # the verdict's reason and the sentence agree on the months
    assert f"{m['value']:.1f} months" in res["verdict_C9"]["note"]
