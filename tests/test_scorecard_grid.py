"""The scorecard's view of the specification grid: how sure each verdict is, the reader's table, the
choices that flip verdicts, the specification curve and the words, on a small synthetic grid."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from helpers.analysis.scorecard import figures, text
from helpers.analysis.scorecard.grid import Grid, load_grid
from helpers.analysis.scorecard.table import evaluate, how_sure, sureness, to_markdown
from helpers.core.verdicts import NOT_SUPPORTED, PARTLY, SUPPORTED

FLIP = {
    "param": "tol",
    "value": 3,
    "verdict": SUPPORTED,
    "reason": "a wider band",
    "source": "x",
    "share_moved": 0.5,
}


def summaries() -> dict:
    return {
        "C1": {
            "claim": "C1",
            "default": PARTLY,
            "n_specs": 4,
            "agree": 2,
            "shares": {PARTLY: 2, SUPPORTED: 2},
            "flipped_by": [FLIP],
            "fragile": True,
            "choices": ["tol", "metric"],
            "sampled": False,
        },
        "C8": {
            "claim": "C8",
            "default": NOT_SUPPORTED,
            "n_specs": 2,
            "agree": 2,
            "shares": {NOT_SUPPORTED: 2},
            "flipped_by": [],
            "fragile": False,
            "choices": ["band"],
            "sampled": False,
        },
    }


def specs() -> pd.DataFrame:
    rows = [
        ("C1", 0, {}, PARTLY),
        ("C1", 1, {"tol": 3}, SUPPORTED),
        ("C1", 2, {"metric": "win"}, PARTLY),
        ("C1", 3, {"tol": 3, "metric": "win"}, SUPPORTED),
        ("C8", 0, {}, NOT_SUPPORTED),
        ("C8", 1, {"band": 6}, NOT_SUPPORTED),
    ]
    return pd.DataFrame(
        [{"notebook": "nb", "claim": c, "spec": i, "changes": ch, "verdict": v} for c, i, ch, v in rows]
    )


@pytest.fixture()
def grid() -> Grid:
    return Grid(summaries=summaries(), specs=specs())


def test_how_sure_reads_the_grid_only_when_its_default_is_the_rows_verdict():
    s = summaries()["C1"]
    got = how_sure(s, PARTLY)
    assert got == {
        "agree": 2,
        "n_specs": 4,
        "fragile": True,
        "flip": {k: FLIP[k] for k in ("param", "value", "verdict", "reason")},
    }
    assert how_sure(s, SUPPORTED) == {}  # a grid computed for other parameters says nothing about this row
    assert how_sure(None, PARTLY) == {}
    assert (
        sureness({"verdict": PARTLY, **got})
        == "2 of 4 specifications agree; fragile: tol = 3 gives supported"
    )
    assert sureness({"verdict": PARTLY}) == "not in the specification grid"


def test_rows_markdown_and_summary_carry_k_of_n_and_fragile():
    upstream = {
        "notebooks": {"01_benchmark_parity": {"status": "ok"}},
        "results": {"01_benchmark_parity": {"verdict_C1": {"value": PARTLY, "note": "why"}}},
        "robustness": {"claims": summaries()},
    }
    rows = evaluate(upstream)
    c1 = next(r for r in rows if r["claim"] == "C1")
    assert c1["agree"] == 2 and c1["n_specs"] == 4 and c1["fragile"]
    md = to_markdown(rows)
    assert "| How sure |" in md and "2 of 4 specifications agree; fragile: tol = 3 gives supported" in md
    assert "1 of these 1 verdicts are fragile, flipped by a single choice (C1)" in text.summary(rows)


def test_reader_table_influence_and_curve(grid):
    t = grid.table().set_index("Claim")
    assert t.loc["C1", "Specifications agreeing"] == "2 of 4 (50%)"
    assert t.loc["C1", "Fragile"] == "yes" and t.loc["C8", "Fragile"] == "no"
    assert t.loc["C1", "Most influential single choice"] == "tol = 3 gives supported"
    assert t.loc["C8", "Most influential single choice"] == "none flips it"
    inf = grid.influence()
    assert list(inf.iloc[0][["Choice", "Alternative", "Claims it flips alone", "Count"]]) == [
        "tol",
        "3",
        "C1",
        1,
    ]
    curve, choices = grid.curve("C1")
    assert choices == ["tol", "metric"]
    assert list(curve["verdict"]) == [SUPPORTED, SUPPORTED, PARTLY, PARTLY]  # the vocabulary's order
    assert curve.loc[curve["verdict"] == PARTLY, "is_default"].iloc[0]  # the default first within its verdict
    assert list(curve["tol"]) == [True, True, False, False]


def test_entry_and_words(grid):
    e = grid.entry()
    json.dumps(e)
    assert e["value"]["C1"]["flipped_by"] == ["tol=3"] and e["note"] == "6 specifications; fragile: C1"
    words = text.robustness(grid)
    assert "6 specifications" in words and "C8 gives the same verdict under every specification" in words
    assert "1 of 2 verdicts are fragile" in words and "C1 by tol (50% of specifications agree)" in words
    assert "not computed" in text.robustness(None)


def test_figures_state_what_they_draw(grid):
    fig = figures.robustness_figure(grid)
    assert fig.axes[0].get_title() == "1 of 2 verdicts flip under a single defensible choice (C1)"
    fig = figures.spec_curve(grid, "C1")
    top, bottom = fig.axes[:2]
    assert top.get_title().startswith("C1: 2 of 4 specifications give partly supported")
    assert "the default's verdict;\ntol = 3 alone gives supported" in top.get_title()
    assert top.images[0].get_array().shape == (1, 4, 3)  # one column per specification
    marks = bottom.images[0].get_array()
    # columns: tol=3, tol=3+metric, the default, metric: the metric row is white where metric is unchanged
    assert marks.shape == (2, 4, 3) and (marks[1, [0, 2]] == 1.0).all() and (marks[1, [1, 3]] < 1.0).any()
    assert [t.get_text() for t in bottom.get_yticklabels()] == ["tol", "metric"]
    assert "no single choice flips it" in figures.spec_curve(grid, "C8").axes[0].get_title()


def test_load_grid_needs_both_files(tmp_path):
    assert load_grid(None, None) is None
    csv = tmp_path / "robustness.csv"
    assert load_grid({"claims": summaries()}, csv) is None
    df = specs().assign(changes=lambda d: [json.dumps(c) for c in d["changes"]])
    df.to_csv(csv, index=False)
    g = load_grid({"claims": summaries()}, csv)
    assert g.claims == ["C1", "C8"] and g.specs.loc[1, "changes"] == {"tol": 3}


def test_a_monte_carlo_claim_states_its_draws_and_flags():
    s = summaries()
    s["C8"]["monte_carlo"] = {
        "draws_min": 10_000,
        "draws_max": 200_000,
        "min_margin_se": 0.5,
        "flag_below_se": 2.0,
        "flagged": 3,
    }
    words = text.robustness(Grid(summaries=s, specs=specs()))
    assert "C8 rests on a Monte Carlo: 10,000 to 200,000 draws per specification" in words
    assert "in 3 of them the deciding probability lies within 2 Monte Carlo standard errors" in words
    s["C8"]["monte_carlo"].update(flagged=0, draws_max=10_000)
    words = text.robustness(Grid(summaries=s, specs=specs()))
    assert "10,000 draws per specification" in words and "cannot change the verdict" in words


def test_claim_against_evidence_reads_the_runs_bands_and_skips_what_is_missing():
    from helpers.analysis.scorecard import evidence

    upstream = {
        "results": {
            "03_export_controls": {
                "deepseek_v4_cost_usd": {"value": 16e6, "low": 8e6, "high": 1.7e8},
                "delay_months_median": {"value": 22.0, "low": 10.0, "high": 34.0},
            },
            "04_value_capture": {
                "cloud_operating_margin_latest_pct": {"value": {"AWS": 35.4, "Google Cloud": 23.7}}
            },
        },
        "params": {
            "03_export_controls": {"speed_bump_max_months": 12.0},
            "04_value_capture": {"razor_margin_pct": 8.0},
        },
    }
    rows = evidence.rows(upstream, {"C7": PARTLY, "C10": PARTLY, "C6": NOT_SUPPORTED})
    by = {r["key"]: r for r in rows}
    assert set(by) == {"deepseek_v4_cost_usd", "delay_months_median", "cloud_operating_margin_latest_pct"}
    assert (by["deepseek_v4_cost_usd"]["essay_low"], by["deepseek_v4_cost_usd"]["essay_high"]) == (40e6, 60e6)
    assert by["delay_months_median"]["essay_high"] == 12.0  # the band is the run's parameter
    assert by["cloud_operating_margin_latest_pct"]["essay_high"] == 8.0
    assert [i["label"] for i in by["cloud_operating_margin_latest_pct"]["items"]] == ["AWS", "Google Cloud"]
    del upstream["params"]["03_export_controls"]
    assert "delay_months_median" not in {r["key"] for r in evidence.rows(upstream, {})}
    fig = figures.evidence_figure(rows)
    assert (
        fig._suptitle.get_text()
        == "The essay's figures against the data: 0 of 3 estimates fall where the essay's words put them"
    )
    assert len([a for a in fig.axes if a.get_title(loc="left")]) == 3


def test_a_default_that_most_specifications_reject_says_so():
    """420 of 1,296 agreeing is not 'how sure' but 'how unsure': the reader learns the verdict most
    specifications give, on the scorecard and the front page."""
    from helpers.publish.front import sure_html

    s = {
        "default": NOT_SUPPORTED,
        "agree": 420,
        "n_specs": 1296,
        "fragile": True,
        "shares": {NOT_SUPPORTED: 420, PARTLY: 876},
        "flipped_by": [],
    }
    got = how_sure(s, NOT_SUPPORTED)
    assert got["most"] == {"verdict": PARTLY, "count": 876}
    assert sureness({"verdict": NOT_SUPPORTED, **got}) == (
        "420 of 1,296 specifications agree, more (876) give partly supported"
    )
    assert "more of them (876) give partly supported" in sure_html(got)
    s_major = dict(s, agree=900, shares={NOT_SUPPORTED: 900, PARTLY: 396})
    assert "most" not in how_sure(s_major, NOT_SUPPORTED)
