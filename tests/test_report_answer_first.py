"""The reader's edition puts the answer first (issue 17, item 2): a box of the notebook's claims after the
title, linked to each claim's section; no Exercises section; no plain-text variable dumps. The full edition
keeps the exercises and the printed output."""

from __future__ import annotations

import base64
import html as htmllib
import re

import nbformat
import pytest

from helpers.core.results import MIME as RESULT_MIME
from helpers.publish import render, report_box

# a 1x1 PNG, built here so the test depends on no file
PNG = base64.b64encode(
    bytes.fromhex(
        "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
        "1f15c4890000000d49444154789c6360000002000001e221bc330000000049454e44ae426082"
    )
).decode()
CRAFTED = "<script>alert('finding')</script> & \"quoted\""


def _output(kind, **kw):
    return nbformat.v4.new_output(kind, **kw)


def _notebook():
    nb = nbformat.v4.new_notebook()
    dump = nbformat.v4.new_code_cell("print('gap_points_latest =', 9.75)")
    dump.outputs = [_output("stream", name="stdout", text="gap_points_latest = 9.75 (dump_marker_C1)\n")]
    bare = nbformat.v4.new_code_cell("x")
    bare.outputs = [_output("execute_result", data={"text/plain": "bare_value_marker"}, execution_count=1)]
    prose = nbformat.v4.new_code_cell("display(Markdown(...))")
    prose.outputs = [
        _output(
            "display_data",
            data={"text/markdown": "prose_marker sentence (`algorithms_diffuse = True`)", "text/plain": "x"},
        )
    ]
    figure = nbformat.v4.new_code_cell("plot()")
    figure.outputs = [_output("display_data", data={"image/png": PNG, "text/plain": "<Figure>"})]
    table = nbformat.v4.new_code_cell("table()")
    table.outputs = [
        _output("display_data", data={"text/html": "<table><tr><td>table_marker</td></tr></table>"})
    ]
    recorded = nbformat.v4.new_code_cell("record('gap', 9.75)")
    recorded.outputs = [
        _output(
            "display_data",
            data={
                "text/markdown": "**gap** = 9.75 (recorded_marker)",
                "text/plain": "x",
                RESULT_MIME: {"key": "gap", "value": 9.75},
            },
        )
    ]
    ex_code = nbformat.v4.new_code_cell("print('exercise')")
    ex_code.outputs = [_output("stream", name="stdout", text="exercise_output_marker\n")]
    nb.cells = [
        nbformat.v4.new_markdown_cell("# Title_marker of the notebook\n\nIntro text."),
        nbformat.v4.new_markdown_cell(
            '## First_section\n\n<a id="claim-c1"></a>\nThe C1 section, with `razor_margin_pct` and `data/x.yaml`.'
        ),
        dump,
        bare,
        recorded,
        prose,
        figure,
        table,
        nbformat.v4.new_markdown_cell("## Exercises\n\n1. exercise_text_marker"),
        ex_code,
        nbformat.v4.new_markdown_cell("### Exercise 2 subheading_marker"),
        nbformat.v4.new_markdown_cell("## After_exercises_marker\n\nStill shown."),
    ]
    return nb


CLAIMS = [
    {"claim": "C1", "verdict": "not supported", "finding": CRAFTED, "anchor": "claim-c1", "text": "t"},
    {"claim": "C2", "verdict": "partly supported", "finding": "Second finding_marker.", "anchor": "claim-c2"},
]


@pytest.fixture(scope="module")
def editions(tmp_path_factory):
    d = tmp_path_factory.mktemp("answer_first")
    nb_file = d / "01_demo.ipynb"
    nbformat.write(_notebook(), str(nb_file))
    full, report = render.render_editions(
        nb_file, d / "01_demo.html", d / "01_demo.report.html", claims=CLAIMS
    )
    return full.read_text(), report.read_text()


def test_report_opens_with_the_claims_box_after_the_title(editions):
    full, report = editions
    box = report.index('class="claims-box"')
    assert report.index("Title_marker") < box < report.index("First_section")
    assert 'href="#claim-c1"' in report and 'href="#claim-c2"' in report
    assert 'id="claim-c1"' in report  # the link lands on the anchor the notebook emits
    assert "not supported" in report and "Second finding_marker." in report
    assert 'class="claims-box"' not in full  # the full edition is unchanged


def test_a_crafted_finding_is_shown_as_text(editions):
    _, report = editions
    assert "<script>alert('finding')" not in report
    box = report[report.index('<section class="claims-box"') : report.index("</section>")]
    assert "<script" not in box and "&lt;script&gt;alert(" in box
    cells = re.findall(r"<td[^>]*>(.*?)</td>", box)
    assert htmllib.unescape(cells[1]) == CRAFTED  # shown as the very text, nothing lost


def test_exercises_only_in_the_full_edition(editions):
    full, report = editions
    for marker in ("exercise_text_marker", "exercise_output_marker", "subheading_marker"):
        assert marker in full
        assert marker not in report
    assert not re.search(r">\s*Exercises\s*<", report)
    assert "After_exercises_marker" in report  # the section ends at the next heading of its level


def test_plain_text_dumps_and_recorded_lines_only_in_the_full_edition_rich_outputs_kept(editions):
    full, report = editions
    for marker in ("dump_marker_C1", "bare_value_marker", "recorded_marker"):
        assert marker in full
        assert marker not in report
    for marker in ("prose_marker", "table_marker", PNG[:40]):
        assert marker in report and marker in full


def test_without_claims_no_box_and_bad_claims_are_refused(tmp_path):
    nb = _notebook()
    assert not any(report_box.BOX_TAG in c.metadata.get("tags", []) for c in report_box.for_report(nb).cells)
    assert len(report_box.for_report(nb, []).cells) == len(report_box.for_report(nb).cells)
    with pytest.raises(TypeError, match="claims"):
        report_box.for_report(nb, {"claim": "C1"})
    with pytest.raises(ValueError, match="verdict"):
        report_box.box_html([{"claim": "C1", "verdict": None}])


def test_box_goes_on_top_when_the_first_cell_is_no_heading():
    cells = [nbformat.v4.new_markdown_cell("plain intro"), nbformat.v4.new_markdown_cell("## Section")]
    out = report_box.with_box(cells, CLAIMS[:1])
    assert report_box.BOX_TAG in out[0].metadata["tags"] and len(out) == 3


def test_box_into_a_rendered_page_lands_where_the_render_puts_it(tmp_path, editions):
    _, with_claims = editions
    nb_file = tmp_path / "01_demo.ipynb"
    nbformat.write(_notebook(), str(nb_file))
    page = render.render(nb_file, tmp_path / "01_demo.report.html", report=True)
    assert 'class="claims-box"' not in page.read_text()
    report_box.add_to_page(page, CLAIMS)
    report_box.add_to_page(page, CLAIMS)  # twice gives one box
    html = page.read_text()
    assert html.count('class="claims-box"') == 1
    assert html.index("Title_marker") < html.index('class="claims-box"') < html.index("First_section")
    start = html.index('<section class="claims-box"')
    assert html[start : html.index("</section>", start) + len("</section>")] == report_box.box_html(CLAIMS)
    assert 'href="#claim-c1"' in html and "<script>alert('finding')" not in html
    assert 'class="claims-box"' not in report_box.box_into_page(html, [])  # no rows, no box
    with pytest.raises(ValueError, match="box already"):
        report_box.box_into_page(with_claims, CLAIMS)
    with pytest.raises(FileNotFoundError, match="page"):
        report_box.add_to_page(tmp_path / "missing.report.html", CLAIMS)


def test_the_report_with_claims_is_deterministic(tmp_path):
    nb_file = tmp_path / "01_demo.ipynb"
    nbformat.write(_notebook(), str(nb_file))
    pages = [
        render.render(nb_file, tmp_path / f"r{i}.html", report=True, claims=CLAIMS).read_text()
        for i in (1, 2)
    ]
    assert pages[0] == pages[1]


def test_identifiers_are_said_in_words_only_in_the_report(editions):
    full, report = editions
    assert "razor_margin_pct" in full and "algorithms_diffuse" in full
    assert "razor_margin_pct" not in report and "algorithms_diffuse" not in report
    assert "<em>razor margin (%)</em>" in report and "<em>algorithms diffuse = yes</em>" in report
    assert "<code>data/x.yaml</code>" in report  # a path is not an identifier: kept as code
