"""The collection's shape as design.md and the redesign issue state it, checked so it stays: notebooks that
read like reports (at most 150 code lines, no code cell over 15 lines except the parameters cell, no
``def`` or ``lambda``) and no module of the package over 400 lines (a module that grows past it has a seam
to split at)."""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
MODULES = sorted((ROOT / "src" / "helpers").rglob("*.py"))
MAX_NOTEBOOK_CODE, MAX_CELL, MAX_MODULE = 150, 15, 400


def code_lines(source: str) -> int:
    return sum(1 for ln in source.splitlines() if ln.strip() and not ln.strip().startswith("#"))


def shape_problems(nb) -> list[str]:
    """What in a notebook breaks the report shape, one line each."""
    out, total = [], 0
    for i, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        n = code_lines(cell.source)
        total += n
        if "parameters" not in cell.metadata.get("tags", []) and n > MAX_CELL:
            out.append(f"cell {i}: {n} code lines (at most {MAX_CELL})")
        try:
            tree = ast.parse(
                "\n".join(ln for ln in cell.source.splitlines() if not ln.lstrip().startswith(("%", "!")))
            )
        except SyntaxError as e:
            out.append(f"cell {i}: does not parse ({e.msg})")
            continue
        for node in ast.walk(tree):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)):
                out.append(f"cell {i}: defines a {type(node).__name__} (logic belongs in the analysis layer)")
    if total > MAX_NOTEBOOK_CODE:
        out.append(f"{total} code lines (at most {MAX_NOTEBOOK_CODE})")
    return out


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_a_notebook_reads_like_a_report(path):
    assert not shape_problems(nbformat.read(path, as_version=4)), (
        path.name,
        shape_problems(nbformat.read(path, 4)),
    )


def test_no_module_over_400_lines():
    long = {
        str(p.relative_to(ROOT)): n for p in MODULES if (n := len(p.read_text().splitlines())) > MAX_MODULE
    }
    assert not long, f"modules over {MAX_MODULE} lines (split them at a seam): {long}"


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(ROOT / "src")))
def test_every_module_imports(path):
    """An import that only fails at run time (a name a split module no longer exports) fails here."""
    rel = path.relative_to(ROOT / "src").with_suffix("")
    parts = rel.parts[:-1] if rel.name == "__init__" else rel.parts
    if parts[-1] == "__main__":
        pytest.skip("the command-line entry point runs on import")
    importlib.import_module(".".join(parts))


def test_the_shape_check_can_fail():
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_code_cell("\n".join(f"x{i} = {i}" for i in range(16))),
        nbformat.v4.new_code_cell("f = lambda x: x\ndef g():\n    return 1"),
    ]
    got = shape_problems(nb)
    assert any("cell 0: 16 code lines" in p for p in got)
    assert any("Lambda" in p for p in got) and any("FunctionDef" in p for p in got)
    params = nbformat.v4.new_code_cell(
        "\n".join(f"p{i} = {i}" for i in range(20)), metadata={"tags": ["parameters"]}
    )
    nb.cells = [params]
    assert shape_problems(nb) == []
