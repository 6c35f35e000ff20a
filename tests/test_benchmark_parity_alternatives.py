"""Notebook 01's declared alternatives (C1-C4) and its verdicts for any specification, without a kernel."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from helpers.analysis import benchmark_parity as bp
from helpers.analysis.benchmark_parity import alternatives as alt
from helpers.analysis.benchmark_parity import diffusion as dif
from helpers.analysis.benchmark_parity.measures import aa_without_legacy, compare_measures, headline_ratio
from helpers.analysis.benchmark_parity.params import Params
from helpers.analysis.benchmark_parity.sections import analyze
from helpers.analysis.benchmark_parity.verdicts import verdict_c4
from helpers.core import paths
from helpers.core.params import validate
from helpers.core.robustness import ReadRecorder, grid, one_change_specs

STEM = "01_benchmark_parity"
P = Params()


@pytest.fixture(scope="module")
def inputs():
    return bp.load_inputs(P)


def spec(**changes) -> Params:
    return P.model_copy(update=changes)


def test_every_parameter_a_verdict_reads_is_declared(inputs):
    alt.clear()  # cold: every section is computed, so every parameter it reads is seen
    rec = ReadRecorder(P)
    alt.verdicts(inputs, rec)
    assert alt.DECLARED.undeclared(rec.read) == []
    assert {"quality_threshold_pct", "c4_org_count", "aa_legacy_scores", "n_boot"} <= rec.read
    for s in one_change_specs(alt.DECLARED.choices)[1:]:
        rec = ReadRecorder(spec(**s))
        alt.verdicts(inputs, rec)
        assert alt.DECLARED.undeclared(rec.read) == [], s


def test_every_choice_is_a_parameter_with_its_default_left_out():
    fields = Params.model_fields
    assert alt.DECLARED.notebook == STEM
    for c in alt.DECLARED.choices:
        assert c.param in fields and c.claims and c.what
        default = fields[c.param].default
        for a in c.alternatives:
            assert a.value != default and a.reason and a.source, (c.param, a)
            json.dumps(a.value)  # robustness.json and .csv write the values as they are
    assert set(alt.DECLARED.fixed) <= set(fields)
    assert alt.DECLARED.claims == ("C1", "C2", "C3", "C4")


def test_the_default_gives_the_committed_verdicts(inputs):
    committed = json.loads((paths.ROOT / "reports" / "results.json").read_text())[STEM]
    assert alt.verdicts(inputs, P) == {
        c: committed[f"verdict_{c}"]["value"] for c in ("C1", "C2", "C3", "C4")
    }


@pytest.mark.parametrize(
    "changes, claim, before, after",
    [
        # issue 13: AA's legacy GPT-4.5 index is dropped by default (2 of 4); keeping it gives 3 of 5
        ({"aa_legacy_scores": "keep"}, "C2", "partly supported", "supported"),
        ({"maverick_variant": "experimental"}, "C2", "partly supported", "supported"),
        ({"comparison_metric": "score_ratio"}, "C2", "partly supported", "supported"),
        ({"c4_min_orgs": 6}, "C4", "partly supported", "supported"),
        # issue 12: counting organizations above 10^25 FLOP cumulatively (12) instead of in-year (7)
        ({"c4_org_count": "cumulative"}, "C4", "partly supported", "supported"),
        ({"compute_threshold_flop": 1e24}, "C4", "partly supported", "supported"),
        ({"c4_max_months": 12.0}, "C4", "partly supported", "not supported"),
        # issue 12: the Arena ratio 0.949 sits against the 0.95 bound
        ({"match_tolerance_pct": 10.0}, "C1", "not supported", "partly supported"),
        ({"comparison_metric": "score_ratio"}, "C1", "not supported", "partly supported"),
        ({"arena_category": "hard_prompts"}, "C1", "not supported", "partly supported"),
        ({"caught_up_months": 12.0}, "C1", "not supported", "partly supported"),
        ({"partly_min_pct": 0.0}, "C3", "not supported", "partly supported"),
    ],
)
def test_the_single_choices_that_flip_a_verdict(inputs, changes, claim, before, after):
    assert alt.verdicts(inputs, P)[claim] == before
    assert alt.verdicts(inputs, spec(**changes))[claim] == after


@pytest.mark.parametrize(
    "changes",
    [
        {"match_tolerance_pct": 2.0},
        {"quality_threshold_pct": 85.0},
        {"majority_pct": 66.7},
        {"comparison_metric": "win_ratio"},
        # issue 13: error_ratio no longer reads Arena by the ratio of two ratings, which turned C1 partly supported
        {"comparison_metric": "error_ratio"},
        {"comparison_metric": "strict"},
        {"c4_min_orgs": 12},
        {"reference_model": "o1"},
        {"open_definition": "unrestricted_only"},
        {"window_start": "2025-01-01"},
    ],
)
def test_choices_that_do_not_flip_leave_every_verdict(inputs, changes):
    assert alt.verdicts(inputs, spec(**changes)) == alt.verdicts(inputs, P)


@pytest.mark.parametrize(
    "changes",
    [
        {
            "arena_category": "hard_prompts",
            "comparison_metric": "strict",
            "aa_legacy_scores": "drop",
            "c4_org_count": "cumulative",
            "compute_threshold_flop": 1e24,
            "reference_model": "o1",
            "match_tolerance_pct": 10.0,
        },
        {
            "arena_style_control": False,
            "comparison_metric": "score_ratio",
            "maverick_variant": "experimental",
            "open_definition": "unrestricted_only",
            "window_start": "2025-01-01",
            "c4_nth_org": 12,
            "caught_up_months": 12.0,
        },
    ],
)
def test_verdicts_are_those_of_the_whole_analysis(inputs, changes):
    """The memoized shortcuts (one Arena snapshot, C2's rows once, C4 in pieces) give analyze's verdicts."""
    full = validate(Params, {**P.model_dump(), **changes}, notebook=STEM)  # dates as dates
    expected = {v.claim: v.value for v in analyze(full, bp.load_inputs(full)).verdicts}
    assert alt.verdicts(inputs, spec(**changes)) == expected


def test_the_grid_of_each_claim_moves_its_verdict_somewhere(inputs):
    """Every claim of notebook 01 has a specification that gives another verdict (speed is measured by
    bench/robustness.py, not here)."""
    alt.clear()
    for claim in alt.DECLARED.claims:
        specs, _ = grid(alt.DECLARED.for_claim(claim), 150, 20261130)
        values = [alt.verdicts(inputs, P.model_copy(update=s))[claim] for s in specs]
        assert len(set(values)) > 1, claim


# ----------------------------------------------------------------------------- the new choices themselves


def test_the_strict_metric_takes_errors_on_accuracy_and_win_probability_on_ratings():
    t = compare_measures(
        [
            {"measure": "acc", "evaluator": "", "kind": "fraction", "a": 0.9, "b": 0.95},
            {"measure": "idx", "evaluator": "", "kind": "index", "a": 50.0, "b": 40.0},
            {"measure": "elo", "evaluator": "", "kind": "rating", "a": 1300.0, "b": 1400.0},
        ]
    )
    r = headline_ratio(t, "strict").tolist()
    assert r[0] == pytest.approx(0.05 / 0.1) and r[1] == pytest.approx(1.25)
    assert r[2] == pytest.approx(t["win_ratio"].iloc[2])
    # issue 13: error_ratio no longer falls back to the ratio of two ratings (1300 / 1400): it is strict's reading
    assert headline_ratio(t, "error_ratio").tolist() == pytest.approx(r)


def test_legacy_artificial_analysis_rows_are_the_index_only_unpriced_ones(inputs):
    assert (
        P.aa_legacy_scores == "drop"
    )  # issue 13: nothing backs GPT-4.5's 13.6, so C2 leaves it out by default
    assert inputs.aa_all.loc[inputs.aa_all["slug"] == "gpt-4-5", "legacy_index_only"].all()
    kept = aa_without_legacy(inputs.aa_all)
    dropped = set(inputs.aa_all["slug"]) - set(kept["slug"])
    assert "gpt-4-5" in dropped and "llama-4-maverick" not in dropped
    gone = inputs.aa_all[inputs.aa_all["slug"].isin(dropped)]
    assert gone["gpqa"].isna().all() and gone["intelligence_index"].notna().all()
    assert len(kept) + len(gone) == len(inputs.aa_all)


def test_organizations_counted_cumulatively_carry_over_years_without_a_model():
    t = pd.DataFrame({"year": [2023, 2025], "n_in_year": [3, 2], "n_cumulative": [3, 4]})
    assert dif.n_in(t, 2024) == 0 and dif.n_in(t, 2024, "n_cumulative") == 3
    assert dif.n_in(t, 2022, "n_cumulative") == 0 and dif.n_in(t, 2026, "n_cumulative") == 4


def test_the_c4_reason_says_how_organizations_were_counted():
    kw = dict(
        recent_year=2025,
        earlier_year=2023,
        threshold_flop=1e25,
        nth_org=10,
        reference_model="GPT-4o",
        min_orgs=10,
        max_months=24.0,
    )
    v = verdict_c4(12, 3, 14.0, cumulative=True, **kw)
    assert v.value == "supported" and "by the end of 2025 against 3 by the end of 2023" in v.reason
    assert "in 2025 against 3 in 2023" in verdict_c4(7, 3, 14.0, **kw).reason


def test_no_declared_alternative_repeats_the_default_or_another_metric():
    """'win_ratio' reads every measure as 'natural' does and 'strict' as 'error_ratio' does (issue 13), so
    neither is declared: a specification grid would count the same specification twice."""
    metric = next(c for c in alt.DECLARED.choices if c.param == "comparison_metric")
    assert {a.value for a in metric.alternatives} == {"score_ratio", "error_ratio"}
    legacy = next(c for c in alt.DECLARED.choices if c.param == "aa_legacy_scores")
    assert [a.value for a in legacy.alternatives] == ["keep"] and Params().aa_legacy_scores == "drop"
