"""The exercises of every notebook, as a teacher needs them: each numbered exercise has a solution in the
instructor edition, each exercise that asks why (explain, argue) has a written model answer and rubric, and
every analysis notebook ends its exercises with a referee's-choice exercise solved from the flip table."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest

from helpers.publish import seminar

REPO = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted(p for p in (REPO / "notebooks").glob("*.ipynb") if p.name[:2].isdigit())
ANALYSIS = [p for p in NOTEBOOKS if not p.name.startswith("00_")]
WHY = re.compile(r"\b(why|explain|argue|is .{0,60}\bfair)\b", re.I)


def _groups(nb) -> dict[int, list]:
    return {n: [nb.cells[i] for i in idx] for n, idx in seminar.solution_groups(nb.cells)}


def _has_model_answer(cells) -> bool:
    """A Markdown solution with a model answer and a rubric, or a call of an answer key (``*.answers.*``),
    whose Markdown carries both (tests/test_answer_keys.py checks each key's text)."""
    for c in cells:
        if c.cell_type == "markdown" and "Model answer" in c.source and "Rubric" in c.source:
            return True
        if c.cell_type == "code" and ("Model answer" in c.source or re.search(r"\.answers\.\w+\(", c.source)):
            return True
    return False


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_every_exercise_has_a_solution(path):
    nb = nbformat.read(path, as_version=4)
    texts, groups = seminar.exercise_texts(nb), _groups(nb)
    assert texts, f"{path.name}: no numbered exercises under '## Exercises'"
    assert sorted(groups) == sorted(texts), (
        f"{path.name}: exercises {sorted(texts)}, solutions {sorted(groups)}"
    )


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_every_why_exercise_has_a_model_answer(path):
    nb = nbformat.read(path, as_version=4)
    texts, groups = seminar.exercise_texts(nb), _groups(nb)
    missing = [n for n, t in texts.items() if WHY.search(t) and not _has_model_answer(groups.get(n, []))]
    assert not missing, f"{path.name}: exercises {missing} ask why but have no model answer and rubric"


@pytest.mark.parametrize("path", ANALYSIS, ids=lambda p: p.stem)
def test_each_analysis_notebook_has_a_referees_choice_exercise(path):
    nb = nbformat.read(path, as_version=4)
    texts, groups = seminar.exercise_texts(nb), _groups(nb)
    hits = [n for n, t in texts.items() if "referee's choice" in t.lower()]
    assert hits, f"{path.name}: no 'The referee's choice' exercise"
    code = "\n".join(c.source for c in groups[hits[0]] if c.cell_type == "code")
    assert "flip_table(flips)" in code, f"{path.name}: the referee's choice is not solved from the flip table"


def test_the_why_detector_reads_the_exercise_words():
    assert WHY.search("How does it move, and why?") and WHY.search("Explain with saturation.")
    assert not WHY.search("How many months did the 2nd organization need?")
