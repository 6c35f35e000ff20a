"""The public renders leave the exercise solutions out; only the instructor's render keeps them (issue 15,
item 2). The site's ``<stem>.html`` (full, with code) and ``<stem>.report.html`` (for readers) are both
public; ``render(..., solutions=True)`` is what ``make seminar`` writes into the instructor site."""

from __future__ import annotations

import nbformat

from helpers.publish import render

SECRET_CODE = "worked_solution_7319 = sorted([3, 1, 2])"
SECRET_OUTPUT = "OUTPUT-OF-THE-SOLUTION-4242"
SECRET_PROSE = "Model answer 5581: the rubric gives two points for naming the censoring."


def executed_notebook() -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_markdown_cell("# A notebook\n\n## Exercises\n\n1. Sort a list and explain."),
        nbformat.v4.new_code_cell(
            "halving_months = 8.0", metadata={"tags": ["parameters"]}, execution_count=1
        ),
        nbformat.v4.new_code_cell(
            "visible_cell_1234 = 1",
            execution_count=2,
            outputs=[nbformat.v4.new_output("stream", name="stdout", text="VISIBLE-OUTPUT\n")],
        ),
        nbformat.v4.new_code_cell(
            SECRET_CODE,
            metadata={"tags": ["solution"]},
            execution_count=3,
            outputs=[nbformat.v4.new_output("stream", name="stdout", text=SECRET_OUTPUT + "\n")],
        ),
        nbformat.v4.new_markdown_cell(SECRET_PROSE, metadata={"tags": ["solution"]}),
    ]
    return nb


def test_public_renders_leave_solutions_out_and_the_instructor_render_keeps_them(tmp_path):
    nb_file = tmp_path / "05_demo.ipynb"
    nbformat.write(executed_notebook(), str(nb_file))
    full, report = render.render_editions(
        nb_file, tmp_path / "05_demo.html", tmp_path / "05_demo.report.html"
    )
    full_html, report_html = full.read_text(), report.read_text()
    for html in (full_html, report_html):
        assert (
            "worked_solution_7319" not in html
            and SECRET_OUTPUT not in html
            and "Model answer 5581" not in html
        )
    # a printed value shows in the full render; the reader's edition leaves plain-text dumps out
    assert "VISIBLE-OUTPUT" in full_html and "VISIBLE-OUTPUT" not in report_html
    assert "visible_cell_1234" in full_html and "halving_months" in full_html  # the full render shows code
    assert "visible_cell_1234" not in report_html and "halving_months" not in report_html

    instructor = render.render(nb_file, tmp_path / "instructor.html", solutions=True).read_text()
    assert (
        "worked_solution_7319" in instructor
        and SECRET_OUTPUT in instructor
        and "Model answer 5581" in instructor
    )
    # the reader's edition never shows solutions, even when asked
    report_again = render.render(nb_file, tmp_path / "r.html", report=True, solutions=True).read_text()
    assert SECRET_OUTPUT not in report_again
