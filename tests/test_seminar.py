"""``python -m helpers seminar``: a student edition (no outputs, no solutions, a placeholder where each
solution was) and an instructor edition (solutions kept, no outputs) of every notebook in notebooks/."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from helpers.publish import seminar

REPO = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((REPO / "notebooks").glob("*.ipynb"))


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
    """Compare both editions of one notebook with its source; returns (cells, solutions)."""
    src = nbformat.read(str(original), as_version=4)
    student = nbformat.read(str(seminar_dir / "student" / original.name), as_version=4)
    instructor = nbformat.read(str(seminar_dir / "instructor" / original.name), as_version=4)
    for edition in (student, instructor):
        nbformat.validate(edition)
        assert edition.metadata == src.metadata, f"{original.name}: notebook metadata changed"
        for c in edition.cells:
            if c.cell_type == "code":
                assert c.outputs == [] and c.execution_count is None, f"{original.name}: outputs kept"
    # instructor: every cell as written, solutions included
    assert [(c.cell_type, c.source, is_solution(c)) for c in instructor.cells] == [
        (c.cell_type, c.source, is_solution(c)) for c in src.cells
    ], f"{original.name}: instructor edition differs"
    # student: same cells in the same places, each solution replaced by the placeholder
    assert len(student.cells) == len(src.cells), f"{original.name}: student edition has another cell count"
    solutions = 0
    for i, (s, o) in enumerate(zip(student.cells, src.cells)):
        assert not is_solution(s), f"{original.name}: cell {i} of the student edition is tagged solution"
        if is_solution(o):
            solutions += 1
            assert s.cell_type == "code" and s.source == seminar.PLACEHOLDER, f"{original.name}: cell {i}"
        else:
            assert (s.cell_type, s.source) == (o.cell_type, o.source), f"{original.name}: cell {i} changed"
    # no line of a worked solution survives anywhere in the student edition (unless the notebook says it elsewhere)
    student_text = "\n".join(c.source for c in student.cells)
    elsewhere = "\n".join(c.source for c in src.cells if not is_solution(c))
    for o in filter(is_solution, src.cells):
        for line in (ln.strip() for ln in o.source.splitlines()):
            if len(line) > 20 and not line.startswith("#") and line not in elsewhere:
                assert line not in student_text, f"{original.name}: solution line {line!r} leaks to students"
    return len(src.cells), solutions


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
    nb.cells = [
        nbformat.v4.new_markdown_cell("# Fixture\n\n**Exercise.** Sort the list [3, 1, 2]."),
        executed,
        solution,
        nbformat.v4.new_markdown_cell("The end."),
    ]
    return nb


def test_editions_of_a_fixture_notebook(tmp_path):
    root = tmp_path / "proj"
    (root / "src").mkdir(parents=True)
    (root / "src" / "helpers").symlink_to(REPO / "src" / "helpers")
    (root / "pyproject.toml").write_text("")
    (root / "notebooks" / "scenarios").mkdir(parents=True)
    (root / "notebooks" / "scenarios" / "s.yaml").write_text("description: d\nparameters: {}\n")
    nbformat.write(_fixture_notebook(), str(root / "notebooks" / "10_fixture.ipynb"))
    stale = root / "build" / "seminar" / "student" / "99_removed.ipynb"
    stale.parent.mkdir(parents=True)
    stale.write_text("{}")

    p = run_seminar(root)
    out = root / "build" / "seminar"
    assert "student: 1 notebook(s) -> build/seminar/student/" in p.stdout
    assert not stale.exists(), "an edition must be rebuilt from scratch, not merged into the old one"
    cells, solutions = check_editions(root / "notebooks" / "10_fixture.ipynb", out)
    assert (cells, solutions) == (4, 1)
    student = (out / "student" / "10_fixture.ipynb").read_text()
    instructor = (out / "instructor" / "10_fixture.ipynb").read_text()
    assert "sorted([3, 1, 2])" not in student and "sorted([3, 1, 2])" in instructor
    for edition in ("student", "instructor"):
        assert (out / edition / "scenarios" / "s.yaml").is_file()
