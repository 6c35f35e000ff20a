"""The methods note of each analysis report (issue 17): every analysis notebook has one, after its
Limitations and before its exercises, written by the analysis package from the run's settings; the sections
that name a method link to it; and the note changes when a setting it reports changes."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest

from helpers.analysis import benchmark_parity as bp
from helpers.analysis import compute_concentration as cc
from helpers.analysis import export_controls as ec
from helpers.analysis import value_capture as vc
from helpers.core import methods

REPO = Path(__file__).resolve().parents[1]
ANALYSIS = sorted(p for p in (REPO / "notebooks").glob("0[1-9]_*.ipynb"))
SNAKE = re.compile(r"\b[a-z0-9]+_[a-z0-9_]+\b")
ALIAS = {"01": "bp", "02": "cc", "03": "ec", "04": "vc"}


def _heading(cell) -> str:
    m = re.search(r"^## (.+)$", cell.source, re.M) if cell.cell_type == "markdown" else None
    return m.group(1).strip() if m else ""


@pytest.mark.parametrize("path", ANALYSIS, ids=lambda p: p.stem)
def test_each_report_has_a_methods_note_after_its_limitations(path):
    nb = nbformat.read(path, as_version=4)
    heads = [_heading(c) for c in nb.cells]
    assert "Methods note" in heads, f"{path.name}: no '## Methods note' section"
    i = heads.index("Methods note")
    lim = next(j for j, h in enumerate(heads) if h.startswith("Limitations"))
    ex = heads.index("Exercises")
    assert lim < i < ex, f"{path.name}: the methods note must come after Limitations and before Exercises"
    assert '<a id="methods"></a>' in nb.cells[i].source
    call = nb.cells[i + 1]
    assert call.cell_type == "code" and call.source.startswith(f"say({ALIAS[path.name[:2]]}.methods.note(P")
    # every link to the note has its anchor, and at least one section points to it
    links = [c for c in nb.cells if c.cell_type == "markdown" and methods.LINK in c.source]
    assert links, f"{path.name}: no section links to the methods note"


def _notes():
    inp = ec.load_inputs(ec.params.Params())
    rg = ec.restricted_growth(inp, ec.params.Params())
    return {
        "01": lambda **kw: bp.methods.note(bp.params.Params(**kw)),
        "02": lambda **kw: cc.methods.note(cc.params.Params(**kw)),
        "03": lambda **kw: ec.methods.note(ec.params.Params(**kw), rg),
        "04": lambda **kw: vc.methods.note(vc.params.Params(**kw)),
    }


NOTES = _notes()


@pytest.mark.parametrize(
    "nb, change, before, after",
    [
        ("01", {"n_boot": 500, "seed": 7}, "1,000 resamples", "500 resamples"),
        ("01", {"hac_lags": 6}, "over 3 lags", "over 6 lags"),
        ("02", {"n_draws": 5000}, "2,000 independent draws", "5,000 independent draws"),
        ("03", {"n_draws": 50_000}, "200,000 independent draws", "50,000 independent draws"),
        (
            "03",
            {"halving_months_low": 5.0, "halving_months_high": 14.0},
            "lower end (2 months)",
            "lower end (5 months)",
        ),
        ("03", {"compute_uncertainty_factor": 3.0}, "multiplied by 2 together", "multiplied by 3 together"),
        ("04", {"frontier_rule": "point"}, "whole interval", "point estimate"),
    ],
)
def test_the_note_reports_the_settings_of_the_run(nb, change, before, after):
    default, changed = NOTES[nb](), NOTES[nb](**change)
    assert before in default and before not in changed, (before, changed)
    assert after in changed
    if "seed" in change:
        assert f"seed {change['seed']}" in changed


@pytest.mark.parametrize("nb", sorted(NOTES))
def test_the_note_is_plain_words_one_bullet_per_method(nb):
    text = NOTES[nb]()
    bullets = [line for line in text.splitlines() if line.startswith("- **")]
    assert len(bullets) >= 3 and not SNAKE.findall(text), SNAKE.findall(text)
    assert "{" not in text and "None" not in text and "nan" not in text.lower().split()


def test_the_restricted_sides_interval_is_the_one_the_delay_model_draws():
    """The note's factor for the restricted side is the growth result's, not the parameter's default."""
    P = ec.params.Params(restricted_growth_ci_factor=2.5)
    rg = ec.restricted_growth(ec.load_inputs(P), P)
    assert rg.factor == 2.5
    assert "divided by 2.5 to it multiplied by 2.5" in ec.methods.note(P, rg)
