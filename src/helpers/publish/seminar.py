"""``python -m helpers seminar``: the student and instructor editions of the notebooks.

Student edition: every notebook without outputs and without cells tagged ``solution`` (a note marks
where each solution was). Instructor edition: the same notebooks with their solutions. Both land in
``build/seminar/`` together with the scenarios and a short README.
"""

from __future__ import annotations

import shutil

import nbformat

from helpers.core import paths

PLACEHOLDER = "# Your answer here (the instructor edition has a worked solution)."


def student_copy(nb):
    nb = nbformat.from_dict(nb)
    cells = []
    for c in nb.cells:
        if "solution" in c.get("metadata", {}).get("tags", []):
            cells.append(nbformat.v4.new_code_cell(PLACEHOLDER))
            continue
        cells.append(c)
    nb.cells = cells
    return clean(nb)


def clean(nb):
    for c in nb.cells:
        if c.cell_type == "code":
            c.outputs = []
            c.execution_count = None
    return nb


def build_editions(out=None) -> dict:
    out = out or paths.BUILD / "seminar"
    tmp = out.with_name(out.name + ".tmp")
    if tmp.exists():
        shutil.rmtree(tmp)
    written = {"student": [], "instructor": []}
    for edition in written:
        (tmp / edition).mkdir(parents=True)
        for nb_path in sorted(paths.NOTEBOOKS.glob("*.ipynb")):
            nb = nbformat.read(str(nb_path), as_version=4)
            nb = student_copy(nb) if edition == "student" else clean(nb)
            target = tmp / edition / nb_path.name
            nbformat.write(nb, str(target))
            written[edition].append(target.name)
        if paths.SCENARIOS.is_dir():
            shutil.copytree(paths.SCENARIOS, tmp / edition / "scenarios")
        (tmp / edition / "README.md").write_text(
            f"# {edition.title()} edition\n\nOpen these notebooks in JupyterLab (`make lab` from the repository) "
            "or run them with `python -m helpers run`. They find the data from any folder.\n"
            + (
                "Exercise solutions are replaced by an empty cell.\n"
                if edition == "student"
                else "Exercise solutions are in the cells tagged `solution`.\n"
            )
            + "The seminar guide is docs/seminar.md in the repository.\n"
        )
    if out.exists():
        shutil.rmtree(out)
    tmp.rename(out)
    return written


def cli_seminar(args=None) -> int:
    written = build_editions()
    for edition, names in written.items():
        print(f"{edition}: {len(names)} notebook(s) -> build/seminar/{edition}/")
    return 0
