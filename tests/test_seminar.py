"""``python -m helpers seminar``: a student edition (no outputs, no solutions, a placeholder where each
solution was) and an instructor edition (solutions kept, no outputs) of every notebook in notebooks/."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from helpers.publish import csp, seminar, seminar_pages

REPO = Path(__file__).resolve().parents[1]
NOTEBOOKS = [p for p in sorted((REPO / "notebooks").glob("*.ipynb")) if p.name[:2].isdigit()]


def run_seminar(root: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, HELPERS_ROOT=str(root), MPLBACKEND="Agg")
    p = subprocess.run(
        [sys.executable, "-m", "helpers", "seminar"],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert p.returncode == 0, p.stdout + p.stderr
    assert "Traceback" not in p.stderr
    return p


def is_solution(cell) -> bool:
    return "solution" in cell.get("metadata", {}).get("tags", [])


def check_editions(original: Path, seminar_dir: Path) -> tuple[int, int]:
    """Compare both editions of one notebook with its source; returns (cells, exercises with solutions)."""
    src = nbformat.read(str(original), as_version=4)
    student = nbformat.read(str(seminar_dir / "student" / original.name), as_version=4)
    instructor = nbformat.read(str(seminar_dir / "instructor" / original.name), as_version=4)
    for edition in (student, instructor):
        nbformat.validate(edition)
        assert edition.metadata["kernelspec"] == seminar.KERNELSPEC, (
            f"{original.name}: not the project kernel"
        )
        assert {k: v for k, v in edition.metadata.items() if k != "kernelspec"} == {
            k: v for k, v in src.metadata.items() if k != "kernelspec"
        }, f"{original.name}: notebook metadata changed"
        for c in edition.cells:
            if c.cell_type == "code":
                assert c.outputs == [] and c.execution_count is None, f"{original.name}: outputs kept"
    # instructor: every cell as written, solutions included, then the session's discussion questions (if any)
    added = instructor.cells[len(src.cells) :]
    assert [(c.cell_type, c.source, is_solution(c)) for c in instructor.cells[: len(src.cells)]] == [
        (c.cell_type, c.source, is_solution(c)) for c in src.cells
    ], f"{original.name}: instructor edition differs"
    assert all("discussion" in c.metadata.get("tags", []) for c in added)
    # student: the other cells in order; per exercise a heading, a Markdown answer cell and a code cell
    kept = [
        c for c in student.cells if not set(c.metadata.get("tags", [])) & {seminar.ANSWER_TAG, "discussion"}
    ]
    assert [(c.cell_type, c.source) for c in kept] == [
        (c.cell_type, c.source) for c in src.cells if not is_solution(c)
    ], f"{original.name}: a non-solution cell changed"
    assert not any(map(is_solution, student.cells)), f"{original.name}: a cell is tagged solution"
    groups = seminar.solution_groups(src.cells)
    headings = [c.source for c in student.cells if c.source.startswith("### Exercise ")]
    assert [h.split(":")[0] for h in headings] == [f"### Exercise {n}" for n, _ in groups]
    texts = seminar.exercise_texts(src)
    for (n, _), h in zip(groups, headings):
        if n in texts:
            assert texts[n][:40] in h, f"{original.name}: exercise {n} heading does not quote the exercise"
    answers = [c for c in student.cells if c.source == seminar.ANSWER_PROMPT]
    assert len(answers) == len(groups) and all(c.cell_type == "markdown" for c in answers)
    # no line of a worked solution survives anywhere in the student edition (unless the notebook says it elsewhere)
    student_text = "\n".join(c.source for c in student.cells)
    elsewhere = "\n".join(c.source for c in src.cells if not is_solution(c))
    for o in filter(is_solution, src.cells):
        for line in (ln.strip() for ln in o.source.splitlines()):
            if len(line) > 20 and not line.startswith("#") and line not in elsewhere:
                assert line not in student_text, f"{original.name}: solution line {line!r} leaks to students"
    return len(src.cells), len(groups)


@pytest.mark.skipif(not NOTEBOOKS, reason="notebooks/ holds no notebook yet")
def test_editions_of_the_real_notebooks():
    p = run_seminar(REPO)
    out = REPO / "build" / "seminar"
    for edition in ("student", "instructor"):
        assert f"{edition}: {len(NOTEBOOKS)} notebook(s)" in p.stdout
        assert sorted(x.name for x in (out / edition).glob("*.ipynb")) == [n.name for n in NOTEBOOKS]
        assert (out / edition / "README.md").is_file()
    for nb in NOTEBOOKS:
        check_editions(nb, out)
    # the discussion questions of each session close its notebook, in both editions
    questions = seminar.discussion_questions()
    assert set(questions) >= {"01_benchmark_parity", "02_compute_concentration", "03_export_controls"}
    for stem, q in questions.items():
        for edition in ("student", "instructor"):
            text = (out / edition / f"{stem}.ipynb").read_text()
            assert "## Discussion questions" in text and json.dumps(q.splitlines()[0])[1:-1] in text
    # the guide, glossary, reading list and prediction sheet, as Markdown and as pages
    for name in seminar_pages.DOCS:
        assert f"doc: build/seminar/{name}.html" in p.stdout
        assert (out / f"{name}.md").read_text() == (REPO / "docs" / "seminar" / f"{name}.md").read_text()
        assert csp.META in (out / f"{name}.html").read_text()


def _fixture_notebook() -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.metadata["helpers"] = {"title": "Fixture"}
    executed = nbformat.v4.new_code_cell(
        "x = 2\nx * 21",
        execution_count=1,
        outputs=[nbformat.v4.new_output("execute_result", {"text/plain": "42"}, execution_count=1)],
    )
    solution = nbformat.v4.new_code_cell(
        "answer = sorted([3, 1, 2])  # the worked solution\nanswer",
        execution_count=2,
        metadata={"tags": ["solution"]},
        outputs=[nbformat.v4.new_output("execute_result", {"text/plain": "[1, 2, 3]"}, execution_count=2)],
    )
    model_answer = nbformat.v4.new_markdown_cell(
        "**Model answer.** Sorting puts the smallest first; rubric: names the order.",
        metadata={"tags": ["solution"]},
    )
    second = nbformat.v4.new_code_cell(
        "# Solution 2: reversed\nsorted([3, 1, 2], reverse=True)", metadata={"tags": ["solution"]}
    )
    nb.cells = [
        nbformat.v4.new_markdown_cell("# Fixture"),
        executed,
        nbformat.v4.new_markdown_cell(
            "## Exercises\n\n1. Sort the list [3, 1, 2] and say why the\n   order is what it is.\n"
            "2. Sort it the other way."
        ),
        solution,
        model_answer,
        second,
        nbformat.v4.new_markdown_cell("The end."),
    ]
    return nb


FIXTURE_ROWS = [
    {
        "claim": "C1",
        "text": "Open <b>models</b> won.",
        "verdict": "not supported",
        "estimate": "gap 9.8",
        "agree": 90,
        "n_specs": 100,
        "flip": {"param": "p", "value": 1, "verdict": "supported"},
    },
    {"claim": "C2", "text": "Llama 4 is at 90%.", "verdict": "partly supported", "estimate": "ratio 0.9"},
]


def _fixture_root(tmp_path) -> Path:
    root = tmp_path / "proj"
    (root / "src").mkdir(parents=True)
    (root / "src" / "helpers").symlink_to(REPO / "src" / "helpers")
    (root / "pyproject.toml").write_text("")
    (root / "notebooks" / "scenarios").mkdir(parents=True)
    (root / "notebooks" / "scenarios" / "s.yaml").write_text("description: d\nparameters: {}\n")
    nbformat.write(_fixture_notebook(), str(root / "notebooks" / "10_fixture.ipynb"))
    (root / "notebooks" / "out.ipynb").write_text(nbformat.writes(_fixture_notebook()))  # papermill's stray
    return root


def test_editions_of_a_fixture_notebook(tmp_path):
    root = _fixture_root(tmp_path)
    stale = root / "build" / "seminar" / "student" / "99_removed.ipynb"
    stale.parent.mkdir(parents=True)
    stale.write_text("{}")

    p = run_seminar(root)
    out = root / "build" / "seminar"
    assert "student: 1 notebook(s) -> build/seminar/student/" in p.stdout  # out.ipynb is not the collection's
    assert "no run 'default'" in p.stdout and not (out / "handout.html").exists()
    assert not stale.exists(), "an edition must be rebuilt from scratch, not merged into the old one"
    cells, exercises = check_editions(root / "notebooks" / "10_fixture.ipynb", out)
    assert (cells, exercises) == (7, 2)
    student = nbformat.read(str(out / "student" / "10_fixture.ipynb"), as_version=4)
    first = next(c for c in student.cells if c.source.startswith("### Exercise 1"))
    assert "say why the order is what it is" in first.source
    text = (out / "student" / "10_fixture.ipynb").read_text()
    instructor = (out / "instructor" / "10_fixture.ipynb").read_text()
    for secret in ("sorted([3, 1, 2])", "Model answer", "reverse=True"):
        assert secret not in text and secret in instructor
    for edition in ("student", "instructor"):
        assert (out / edition / "scenarios" / "s.yaml").is_file()


def test_handout_and_instructor_site_come_from_the_run(tmp_path):
    from helpers.publish import render

    root = _fixture_root(tmp_path)
    run = root / "build" / "runs" / "default"
    (run / "site").mkdir(parents=True)
    executed = run / "10_fixture.ipynb"
    nbformat.write(_fixture_notebook(), str(executed))
    render.render_editions(
        executed, run / "site" / "10_fixture.html", run / "site" / "10_fixture.report.html"
    )
    public = (run / "site" / "10_fixture.html").read_text()
    assert "sorted" not in public and "Model answer" not in public and "[1, 2, 3]" not in public
    (run / "site" / "index.html").write_text("<html><head></head><body>site</body></html>")
    (run / "results.json").write_text(json.dumps({"00_scorecard": {"scorecard": {"value": FIXTURE_ROWS}}}))
    (run / "manifest.json").write_text(
        json.dumps({"run": "default", "git_commit": "abc123", "created": "today"})
    )

    p = run_seminar(root)
    out = root / "build" / "seminar"
    assert "handout: build/seminar/handout.html" in p.stdout
    handout = (out / "handout.html").read_text()
    assert "@media print" in handout and "@page" in handout and csp.META in handout
    assert handout.count("<tr>") == 1 + len(FIXTURE_ROWS)
    for r in FIXTURE_ROWS:
        assert f">{r['verdict']}<" in handout and r["estimate"] in handout
    assert "Open &lt;b&gt;models&lt;/b&gt; won." in handout  # escaped
    assert "90 of 100 specifications agree; fragile: p = 1 gives supported" in handout
    site = (out / "instructor" / "site" / "10_fixture.html").read_text()
    assert "sorted" in site and "Model answer" in site and "[1, 2, 3]" in site  # the instructor's keeps them
    assert csp.META in site
    assert not list((out / "student").rglob("*.html")), "no render with solutions in the student edition"


def test_the_makefile_and_the_editions_name_the_same_kernel():
    make = (REPO / "Makefile").read_text()
    assert f"LAB_KERNEL         := {seminar.KERNEL}\n" in make
    assert f"LAB_KERNEL_DISPLAY := {seminar.KERNEL_DISPLAY}\n" in make


def _dry(*args) -> str:
    p = subprocess.run(["make", "-n", *args], cwd=REPO, capture_output=True, text=True, timeout=60)
    assert p.returncode == 0, p.stderr
    return [ln for ln in p.stdout.splitlines() if "jupyter lab" in ln][-1]


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
@pytest.mark.parametrize("target,folder", [("lab", "notebooks"), ("lab-student", "build/seminar/student")])
def test_make_lab_as_root_and_not_with_lab_args(target, folder):
    as_root = _dry(target, "LAB_UID=0", "LAB_ARGS=--port=8899 --no-browser")
    assert "--allow-root" in as_root and "--port=8899 --no-browser" in as_root
    assert f"--ServerApp.root_dir={folder}" in as_root
    assert f"--MappingKernelManager.default_kernel_name={seminar.KERNEL}" in as_root
    assert "--allow-root" not in _dry(target, "LAB_UID=1000")
