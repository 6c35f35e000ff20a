"""``python -m helpers seminar``: everything a seminar needs, under ``build/seminar/``.

- ``student/``: every notebook without outputs and without cells tagged ``solution``. Where an exercise's
  solution was, the student finds a heading naming the exercise (its text quoted from the notebook's
  exercise list), a Markdown cell to write the answer in and an empty code cell. The discussion questions
  of the notebook's session (from ``docs/seminar/guide.md``) close the notebook, each group with a Markdown
  cell for notes.
- ``instructor/``: the same notebooks with their solutions (and model answers) kept, no outputs, the same
  discussion questions; ``instructor/site/`` is the run's site whose full renders keep the solutions (the
  public site leaves them out).
- ``handout.html``: one printable page (A4 or Letter) with every claim's verdict, generated from the run's
  ``results.json`` (the scorecard rows), so it follows the data.
- the guide, glossary, reading list and prediction sheet of ``docs/seminar/``, as Markdown and as HTML.

Both editions use the project's kernel (``KERNEL``; ``make lab`` registers it). Every page escapes what
comes from data and carries the site's Content-Security-Policy.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import nbformat

from helpers.core import paths
from helpers.core.errors import UserError
from helpers.publish.seminar_pages import handout, write_docs

KERNEL = "essay-claims"  # the Makefile's LAB_KERNEL: `make lab` registers it (a test checks they agree)
KERNEL_DISPLAY = "Python 3 (essay claims)"
KERNELSPEC = {"name": KERNEL, "display_name": KERNEL_DISPLAY, "language": "python"}
SOLUTION = "solution"
ANSWER_TAG = "answer"  # the cells the student edition adds for answers
PLACEHOLDER = "# Your code for this exercise (the instructor edition has a worked solution)."
ANSWER_PROMPT = (
    "*Your answer.* Say what you changed (the parameter and its value, or the computation), what the "
    "number or the verdict became, and why: which assumption or data point drives it."
)


def _tags(cell) -> list[str]:
    return cell.get("metadata", {}).get("tags", [])


# ---------------------------------------------------------------------------------------------------- exercises

_ITEM = re.compile(r"^(\d+)\.\s+(.*)")
_NUMBERED = re.compile(r"(?:exercise|solution)\s*(\d+)\b|^[#\s*]*(\d+)[.):]\s", re.I)


def exercise_texts(nb) -> dict[int, str]:
    """{number: text} of the numbered list in the notebook's Markdown cell headed ``Exercises``."""
    for c in nb.cells:
        if c.cell_type != "markdown" or not re.match(r"#+\s*Exercises\b", c.source.lstrip()):
            continue
        items: dict[int, str] = {}
        current = None
        for line in c.source.splitlines():
            m = _ITEM.match(line)
            if m:
                current = int(m.group(1))
                items[current] = m.group(2).strip()
            elif current is not None and line.startswith("   ") and line.strip():
                items[current] += " " + line.strip()
            elif not line.strip():
                current = None
        return items
    return {}


def _number(cell) -> int | None:
    first = next((ln for ln in cell.source.splitlines() if ln.strip()), "")
    m = _NUMBERED.search(first)
    return int(m.group(1) or m.group(2)) if m else None


def solution_groups(cells) -> list[tuple[int, list[int]]]:
    """The exercises the solution cells answer: [(exercise number, [cell indices])]. A solution cell starts
    a new exercise when its first line names another number (``# Solution 2``, ``# 3. ...``, ``**Exercise
    4**``), or, naming none, when it is code after a break or after another code solution; a Markdown
    solution without a number (a model answer, a rubric) belongs to the exercise before it."""
    groups: list[tuple[int, list[int]]] = []
    prev_solution = False
    for i, c in enumerate(cells):
        if SOLUTION not in _tags(c):
            prev_solution = False
            continue
        n = _number(c)
        current = groups[-1][0] if groups else 0
        if n is not None:
            new = not groups or not prev_solution or n != current
        else:
            new = (
                not groups
                or not prev_solution
                or (c.cell_type == "code" and cells[i - 1].cell_type == "code")
            )
            n = current + 1 if new else current
        if new:
            groups.append((n, [i]))
        else:
            groups[-1][1].append(i)
        prev_solution = True
    return groups


def answer_cells(n: int, text: str | None) -> list:
    quote = f"\n\n> {text}" if text else ""
    meta = {"tags": [ANSWER_TAG]}
    return [
        nbformat.v4.new_markdown_cell(f"### Exercise {n}: your answer{quote}", metadata=dict(meta)),
        nbformat.v4.new_markdown_cell(ANSWER_PROMPT, metadata={"tags": [ANSWER_TAG]}),
        nbformat.v4.new_code_cell(PLACEHOLDER, metadata={"tags": [ANSWER_TAG]}),
    ]


# ------------------------------------------------------------------------------------- discussion questions


def guide_file() -> Path:
    return paths.ROOT / "docs" / "seminar" / "guide.md"


def discussion_questions(guide: str | None = None) -> dict[str, str]:
    """{notebook stem: the Markdown list of its session's discussion questions} from the guide."""
    if guide is None:
        f = guide_file()
        guide = f.read_text(encoding="utf-8") if f.is_file() else ""
    out = {}
    for session in re.split(r"\n## ", guide)[1:]:
        stem = re.search(r"`(\d\d_[a-z_]+)`", session.splitlines()[0])
        block = re.search(r"\*\*Discussion questions\.\*\*\n(.*?)(?:\n\n\*\*|\n## |\Z)", session, re.S)
        if stem and block:
            out[stem.group(1)] = block.group(1).strip()
    return out


def discussion_cells(questions: str, student: bool) -> list:
    cells = [
        nbformat.v4.new_markdown_cell(
            "## Discussion questions\n\nFor the seminar session on this notebook (the guide is "
            "docs/seminar/guide.md). Prepare a few sentences each; cite a number or a figure from above.\n\n"
            + questions,
            metadata={"tags": ["discussion"]},
        )
    ]
    if student:
        cells.append(
            nbformat.v4.new_markdown_cell(
                "*Your notes for the discussion* (one short paragraph per question).",
                metadata={"tags": [ANSWER_TAG]},
            )
        )
    return cells


# ------------------------------------------------------------------------------------------------ editions


def clean(nb):
    for c in nb.cells:
        if c.cell_type == "code":
            c.outputs = []
            c.execution_count = None
    return nb


def instructor_copy(nb, questions: str | None = None):
    nb = nbformat.from_dict(nb)
    if questions:
        nb.cells = list(nb.cells) + discussion_cells(questions, student=False)
    nb.metadata["kernelspec"] = dict(KERNELSPEC)
    return clean(nb)


def student_copy(nb, questions: str | None = None):
    nb = nbformat.from_dict(nb)
    texts = exercise_texts(nb)
    first_of = {idx[0]: n for n, idx in solution_groups(nb.cells)}
    cells = []
    for i, c in enumerate(nb.cells):
        if i in first_of:
            cells.extend(answer_cells(first_of[i], texts.get(first_of[i])))
        if SOLUTION not in _tags(c):
            cells.append(c)
    if questions:
        cells.extend(discussion_cells(questions, student=True))
    nb.cells = cells
    nb.metadata["kernelspec"] = dict(KERNELSPEC)
    return clean(nb)


def collection() -> list[Path]:
    """The collection's notebooks: ``NN_*.ipynb`` only (a stray ``out.ipynb`` is not one)."""
    return sorted(p for p in paths.NOTEBOOKS.glob("*.ipynb") if re.fullmatch(r"\d\d_\w+\.ipynb", p.name))


def _readme(edition: str) -> str:
    how = (
        "Where each exercise's solution was you find a heading, a Markdown cell for your answer and an empty "
        "code cell. Write your reasoning in the Markdown cell: the numbers alone are not an answer.\n"
        if edition == "student"
        else "Exercise solutions, model answers and rubrics are in the cells tagged `solution`; "
        "`site/index.html` is the run's site with the solutions shown.\n"
    )
    return (
        f"# {edition.title()} edition\n\nOpen these notebooks with `make lab-student` (student edition) or "
        "`make lab` from the repository: both register the project's kernel "
        f'"{KERNEL_DISPLAY}". Run one with `.venv/bin/python -m helpers run {edition}/NN_name.ipynb`. '
        "The notebooks find the data from any folder.\n\n"
        + how
        + "The seminar guide, glossary, reading list and prediction sheet are beside this folder "
        "(`../guide.html`, ...); the one-page verdict handout is `../handout.html`.\n"
    )


def write_editions(tmp: Path) -> dict:
    questions = discussion_questions()
    written = {"student": [], "instructor": []}
    for edition in written:
        (tmp / edition).mkdir(parents=True)
        for nb_path in collection():
            nb = nbformat.read(str(nb_path), as_version=4)
            q = questions.get(nb_path.stem)
            nb = student_copy(nb, q) if edition == "student" else instructor_copy(nb, q)
            target = tmp / edition / nb_path.name
            nbformat.write(nb, str(target))
            written[edition].append(target.name)
        if paths.SCENARIOS.is_dir():
            shutil.copytree(paths.SCENARIOS, tmp / edition / "scenarios")
        (tmp / edition / "README.md").write_text(_readme(edition), encoding="utf-8")
    return written


# -------------------------------------------------------------------------------------------------- pages


def instructor_site(run_dir: Path, out: Path) -> list[str]:
    """The run's site with full renders that show the solutions (rendered from the run's executed
    notebooks); returns the stems re-rendered."""
    from helpers.publish.render import render  # nbconvert loads only here

    shutil.copytree(run_dir / "site", out)
    done = []
    for nb in sorted(run_dir.glob("*.ipynb")):
        if (out / f"{nb.stem}.html").is_file():
            render(nb, out / f"{nb.stem}.html", report=False, solutions=True)
            done.append(nb.stem)
    return done


# ---------------------------------------------------------------------------------------------------- build


def build(out: Path | None = None, run: str = "default") -> dict:
    """Everything under ``out`` (default build/seminar/), written aside and moved into place at the end."""
    out = out or paths.BUILD / "seminar"
    tmp = out.with_name(out.name + ".tmp")
    if tmp.exists():
        shutil.rmtree(tmp)
    tmp.mkdir(parents=True)
    report: dict = {"editions": write_editions(tmp), "docs": write_docs(tmp), "run": None}
    run_dir = paths.RUNS / run
    if (run_dir / "results.json").is_file() and (run_dir / "manifest.json").is_file():
        results = json.loads((run_dir / "results.json").read_text())
        manifest = json.loads((run_dir / "manifest.json").read_text())
        (tmp / "handout.html").write_text(handout(results, manifest), encoding="utf-8")
        report["run"] = run
        if (run_dir / "site").is_dir():
            report["instructor_site"] = instructor_site(run_dir, tmp / "instructor" / "site")
    if out.exists():
        shutil.rmtree(out)
    tmp.rename(out)
    return report


def build_editions(out=None) -> dict:
    """The two editions alone (kept for callers of the earlier API)."""
    return build(out)["editions"]


def cli_seminar(args=None) -> int:
    run = getattr(args, "run", None) or "default"
    if run != "default" and not (paths.RUNS / run).is_dir():
        raise UserError(
            f"--run {run!r}: no such run in build/runs/ (run it first with `helpers run --name {run}`)"
        )
    done = build(run=run)
    for edition, names in done["editions"].items():
        print(f"{edition}: {len(names)} notebook(s) -> build/seminar/{edition}/")
    for name in done["docs"]:
        print(f"doc: build/seminar/{name}")
    if done["run"]:
        print(f"handout: build/seminar/handout.html (verdicts of run {done['run']})")
        if "instructor_site" in done:
            print("instructor site (solutions shown): build/seminar/instructor/site/index.html")
    else:
        print(
            f"note: no run {run!r} in build/runs/, so no handout and no instructor site; "
            "`make run` (or `make seminar`, which runs it first) writes them"
        )
    return 0
