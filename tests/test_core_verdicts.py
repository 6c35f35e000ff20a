"""The verdict vocabulary, the Verdict value, the all/none/some rule, and how notebooks show tables."""

from __future__ import annotations

import pandas as pd
import pytest

from helpers.core import verdicts as v
from helpers.core.show import table


def test_a_verdict_takes_only_the_collection_words_and_knows_its_results_key():
    ok = v.Verdict("C7", v.PARTLY, "the cost range overlaps ours")
    assert ok.key == "verdict_C7" and ok.value == "partly supported"
    with pytest.raises(ValueError, match="'partially supported' is not one of"):
        v.Verdict("C7", "partially supported", "")
    with pytest.raises(ValueError, match="not one of"):  # scorecard-only states are not an analysis' verdict
        v.Verdict("C11", v.CONTEXT_ONLY, "")


def test_scorecard_states_extend_the_verdicts_in_one_order():
    assert v.SCORECARD_STATES[: len(v.VERDICTS)] == v.VERDICTS
    assert v.TESTED == ("supported", "partly supported", "not supported")


@pytest.mark.parametrize(
    "passed, of, want",
    [
        (3, 3, v.SUPPORTED),
        (0, 3, v.NOT_SUPPORTED),
        (1, 3, v.PARTLY),
        (2, 3, v.PARTLY),
        (1, 1, v.SUPPORTED),
        (0, 1, v.NOT_SUPPORTED),
    ],
)
def test_by_count_all_none_or_some(passed, of, want):
    assert v.by_count(passed, of) == want


@pytest.mark.parametrize("passed, of", [(0, 0), (4, 3), (-1, 2)])
def test_by_count_refuses_impossible_counts(passed, of):
    with pytest.raises(ValueError):
        v.by_count(passed, of)


def test_table_hides_the_index_blanks_missing_values_and_is_stable():
    df = pd.DataFrame(
        {"flop": [1.5e25, None], "model": ["a", "b"], "date": pd.to_datetime(["2024-01-02", None])}
    )
    html = table(df).to_html()
    assert "1.5 × 10²⁵" in html and "2024-01-02" in html
    assert "nan" not in html.lower() and "NaT" not in html and ">0<" not in html  # no NaN, no row numbers
    assert html == table(df.copy()).to_html()  # same data, same HTML
    assert ">1.50<" in table(pd.DataFrame({"x": [1.5]}), digits=2).to_html()


def test_table_writes_years_without_a_thousands_separator():
    html = table(pd.DataFrame({"year": [2023, 2024], "n_in_year": [1362, 7]})).to_html()
    assert ">2023<" in html and ">2,023<" not in html and ">1,362<" in html
