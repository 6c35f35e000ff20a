"""The report renders of the default run as a reader sees them (issue 17): no result key, parameter name or
other snake_case identifier, no raw pandas values (NaN, NaT, True/False, 1.0e+24, six-decimal floats), no
literal Markdown, and each analysis report ends its sections with the methods note."""

from __future__ import annotations

import re

import pytest
from test_site_front import SNAKE, visible  # the front page's reader-text check, reused

RAW = {
    "NaN/NaT/None": re.compile(r"\b(NaN|NaT|None)\b"),
    "True/False": re.compile(r"\b(True|False)\b"),
    "e-notation": re.compile(r"\b\d\.\d+e[+-]\d+\b"),
    "six decimals": re.compile(r"\b\d+\.\d{6,}\b"),
    "literal Markdown": re.compile(r"\*\*"),
}


@pytest.fixture(scope="module")
def reports(default_run):
    pages = sorted((default_run / "site").glob("*.report.html"))
    assert len(pages) == 5, pages
    return {p.name.split(".")[0]: p.read_text(encoding="utf-8") for p in pages}


@pytest.mark.kernel
def test_no_identifier_or_raw_value_in_what_a_reader_of_a_report_sees(reports):
    problems = []
    for stem, page in reports.items():
        text = visible(page)
        problems += [(stem, "identifier", w) for w in SNAKE.findall(text)]
        for what, pat in RAW.items():
            problems += [(stem, what, m.group()) for m in pat.finditer(text)]
    assert not problems, problems[:12]


@pytest.mark.kernel
def test_each_analysis_report_has_its_methods_note_after_the_limitations(reports):
    for stem, page in reports.items():
        if stem.startswith("00_"):
            continue
        text = visible(page)
        assert 'id="methods"' in page and 'href="#methods"' in page, stem
        assert text.index("Limitations") < text.index("Methods note"), stem
        assert "Exercises" not in text, stem  # exercises belong to the full and seminar editions
