"""``core.show.table`` as a reader sees it: headers in words with their units, yes/no for booleans,
identifiers in words, a named index kept as columns, long tables folded; and ``labels.header``."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from helpers.core import labels, show


def _html(obj) -> str:
    return obj.to_html()


def _headers(html: str) -> list[str]:
    return [
        re.sub(r"<[^>]+>", "", h).strip() for h in re.findall(r"<th[^>]*col_heading[^>]*>(.*?)</th>", html)
    ]


def test_header_says_the_unit_of_a_snake_case_name():
    assert labels.header("lag_months") == "lag (months)"
    assert labels.header("margin_pct") == "margin (%)"
    assert labels.header("threshold_flop") == "threshold (FLOP)"
    assert labels.header("n_missing") == "n missing"
    assert labels.header("US / China") == "US / China"  # already words
    assert labels.header("gpqa_diamond") == "GPQA Diamond"  # a PLAIN entry wins


def test_table_headers_cells_and_booleans_read_as_words():
    df = pd.DataFrame(
        {
            "lag_months": [1.234, 2.0],
            "censored": [True, np.bool_(False)],
            "scale_segment": ["history_bt", "Model A"],
        }
    )
    html = _html(show.table(df, digits=1))
    assert _headers(html) == ["lag (months)", "censored", "scale segment"]
    cells = [re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", html)]
    assert cells == ["1.2", "yes", "Arena history, Bradley-Terry tables", "2.0", "no", "Model A"]
    assert "True" not in html and "False" not in html and "_" not in "".join(cells)


def test_a_named_index_becomes_columns_and_no_row_numbers_show():
    df = pd.DataFrame({"US": [1, 5]}, index=pd.Index([2021, 2022], name="year"))
    html = _html(show.table(df))
    assert _headers(html) == ["year", "US"]
    assert ">2021<" in html.replace(" ", "") and "2,021" not in html
    assert "row_heading" not in html


def test_a_long_table_is_folded_under_a_summary_a_short_one_is_not():
    long = pd.DataFrame({"year": range(1950, 2027), "value": range(77)})
    folded = show.table(long, what="Largest run per year")
    html = folded._repr_html_()
    assert html.startswith("<details><summary>Largest run per year: 77 rows")
    assert html.count("<tr") == 78  # header and every row, inside the fold
    short = show.table(long.head(show.FOLD_AFTER))
    assert "<details>" not in short.to_html()


def test_a_folded_table_takes_the_stylers_methods():
    long = pd.DataFrame({"claim": [f"C{i}" for i in range(40)]})
    styled = show.table(long).set_properties(**{"text-align": "left"})
    assert isinstance(styled, show.Folded) and "text-align: left" in styled.to_html()


def test_terse_column_names_have_their_words():
    assert labels.header("gap_elo") == "gap (rating points)"
    assert labels.header("cr3") == "CR3 (%)" and labels.header("hhi_low") == "HHI, low"
    assert all("_" not in v for v in labels.HEADERS.values())


def test_columns_of_words_and_their_headers_are_left_aligned_numbers_stay_right():
    html = show.table(pd.DataFrame({"series": ["AWS"], "margin_pct": [35.4]})).to_html()
    assert re.search(r"th\.col0 \{\s*text-align: left;", html)  # the words' header
    assert re.search(r"#T_\w+_row0_col0[^{]*\{\s*text-align: left;", html)  # the words' cells
    assert not re.search(r"th\.col1 \{\s*text-align: left;", html) and "row0_col1 {" not in html
