"""The reader's edition puts the answer first (issue 17, item 2).

Three changes to the notebook before the report render, none to the full or seminar renders:

- a box right after the title cell lists the notebook's claims (id, verdict, the scorecard row's one-sentence
  finding) with a link to each claim's section (``#claim-c1``); the rows come from
  ``helpers.analysis.scorecard.table.evaluate`` and every string in them is escaped;
- the ``## Exercises`` section (its heading cell and every cell up to the next heading of the same or a
  higher level) is dropped: exercises belong to the full and seminar editions;
- plain-text outputs (``print`` streams, bare ``text/plain`` values) and the lines ``results.record`` shows
  (``**key** = value``, marked by its result MIME type) are dropped: they are the researcher's variable
  dumps, and the prose says the same numbers in words. Outputs with an image, HTML or Markdown
  (``display(Markdown(...))`` prose, tables, figures) and errors stay;
- in the Markdown cells and Markdown outputs, a code span naming a parameter or a result (``razor_margin_pct``, with or without
  ``= value``) or a notebook (``01_benchmark_parity``) is said in words, in italics (*razor margin (%)*):
  the full edition keeps the names a researcher types.

The box comes either with the render (``render.render(..., report=True, claims=rows)``) or, for a page
rendered before the scorecard existed (the runner renders each notebook as it finishes), through
``add_to_page(page, rows)``, which puts the same box at the same place in the written page.
"""

from __future__ import annotations

import copy
import html
import re
from pathlib import Path

import nbformat

from helpers.core.labels import header, plain
from helpers.core.results import MIME as RESULT_MIME

BOX_TAG = "claims-box"
_HEADING = re.compile(r"^(#{1,6})\s+(.*\S)\s*$")
_KEPT_MIMES = ("image/", "text/html", "text/markdown", "text/latex")
_BOX_STYLE = (
    "border:1px solid #12263a;border-radius:6px;padding:10px 16px;margin:8px 0 16px;background:#f4f7fa;"
    "font-family:system-ui,-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif"
)


def _first_heading(cell) -> tuple[int, str] | None:
    """(level, text) of the first Markdown heading line of a Markdown cell, else None."""
    if cell.get("cell_type") != "markdown":
        return None
    for line in cell.get("source", "").splitlines():
        m = _HEADING.match(line.strip())
        if m:
            return len(m.group(1)), m.group(2)
        if line.strip():
            return None
    return None


def without_exercises(cells: list) -> list:
    """``cells`` without the Exercises section: from the Markdown cell whose heading starts with
    'Exercises' up to (not including) the next heading of the same or a higher level."""
    out, skip_level = [], None
    for cell in cells:
        h = _first_heading(cell)
        if skip_level is not None:
            if h is None or h[0] > skip_level:
                continue
            skip_level = None
        if h is not None and h[1].lower().startswith("exercises"):
            skip_level = h[0]
            continue
        out.append(cell)
    return out


def _is_dump(output) -> bool:
    """A plain-text output (a stream, or a value/display whose only rich form is ``text/plain``) or a
    recorded result's line."""
    kind = output.get("output_type")
    if kind == "stream":
        return True
    if kind in ("display_data", "execute_result"):
        data = output.get("data", {})
        return RESULT_MIME in data or not any(m.startswith(_KEPT_MIMES) for m in data)
    return False  # errors stay: a reader must see that a cell failed


def without_dumps(cells: list) -> list:
    """Copies of the code cells keep only their image, HTML, Markdown and error outputs."""
    out = []
    for cell in cells:
        if cell.get("cell_type") == "code" and cell.get("outputs"):
            cell = copy.copy(cell)
            cell["outputs"] = [o for o in cell["outputs"] if not _is_dump(o)]
        out.append(cell)
    return out


_TRUTH = {"True": "yes", "False": "no"}
_SPAN = re.compile(r"`([^`\n]+)`")
_IDENT_SPAN = re.compile(r"([a-z][a-z0-9]*(?:_[a-z0-9]+)+)(?:\s*=\s*([^`=]+))?")
_STEM_SPAN = re.compile(r"\d\d_([a-z0-9]+(?:_[a-z0-9]+)*)")


def _span_in_words(m: re.Match) -> str:
    span = m.group(1).strip()
    stem = _STEM_SPAN.fullmatch(span)
    if stem:
        return f"*{plain(stem.group(1))}*"
    ident = _IDENT_SPAN.fullmatch(span)
    if ident:
        v = (ident.group(2) or "").strip()
        value = f" = {_TRUTH.get(v, plain(v))}" if v else ""
        return f"*{header(ident.group(1))}{value}*"
    return m.group(0)


def _in_words(markdown: str) -> str:
    return _SPAN.sub(_span_in_words, markdown) if "`" in markdown else markdown


def identifiers_in_words(cells: list) -> list:
    """Copies of the cells with each code span that names a parameter, result or notebook said in words, in
    the Markdown cells and in the Markdown outputs (``say``); other code spans (file paths, formulas) and
    the code itself are unchanged."""
    out = []
    for cell in cells:
        if cell.get("cell_type") == "markdown" and "`" in cell.get("source", ""):
            cell = copy.copy(cell)
            cell["source"] = _in_words(cell["source"])
        elif cell.get("cell_type") == "code" and cell.get("outputs"):
            outputs = []
            for o in cell["outputs"]:
                md = o.get("data", {}).get("text/markdown")
                if isinstance(md, str) and "`" in md:
                    o = copy.deepcopy(o)
                    o["data"]["text/markdown"] = _in_words(md)
                outputs.append(o)
            cell = copy.copy(cell)
            cell["outputs"] = outputs
        out.append(cell)
    return out


def _row_html(row: dict) -> str:
    for key in ("claim", "verdict"):
        if not isinstance(row.get(key), str) or not row[key]:
            raise ValueError(f"claims: every row needs a non-empty string '{key}', got {row.get(key)!r}")
    claim = html.escape(row["claim"])
    sentence = row.get("finding") or row.get("reason") or row.get("text") or ""
    anchor = row.get("anchor")
    label = f'<a href="#{html.escape(anchor, quote=True)}">{claim}</a>' if anchor else claim
    return (
        f'<tr><th scope="row" style="text-align:left;padding:2px 12px 2px 0">{label}</th>'
        f'<td style="padding:2px 12px 2px 0;white-space:nowrap"><b>{html.escape(row["verdict"])}</b></td>'
        f'<td style="padding:2px 0">{html.escape(str(sentence))}</td></tr>'
    )


def box_html(claims: list[dict]) -> str:
    """The box listing a notebook's claims: id (linked to its section), verdict and one plain sentence."""
    rows = "".join(_row_html(r) for r in claims)
    return (
        f'<section class="claims-box" style="{_BOX_STYLE}"><h2 style="margin:0 0 6px;font-size:1.1em">'
        "The answer first: this notebook's claims</h2>"
        f'<table style="border-collapse:collapse;text-align:left">{rows}</table></section>'
    )


def _box_cell(claims: list[dict]):
    cell = nbformat.v4.new_code_cell(source="", metadata={"tags": [BOX_TAG]})
    cell.id = BOX_TAG  # a fixed id: the same notebook and rows give the same page
    cell.outputs = [nbformat.v4.new_output("display_data", data={"text/html": box_html(claims)})]
    return cell


def with_box(cells: list, claims: list[dict]) -> list:
    """``cells`` with the claims box after the title cell (the first cell, when it opens with a heading),
    else at the top. No claims, no box."""
    if not claims:
        return list(cells)
    at = 1 if cells and _first_heading(cells[0]) is not None else 0
    return [*cells[:at], _box_cell(claims), *cells[at:]]


def for_report(nb, claims: list[dict] | None = None):
    """A copy of ``nb`` as the reader's edition shows it: box first, no exercises, no variable dumps, the
    identifiers of the Markdown in words."""
    if claims is not None and not isinstance(claims, list):
        raise TypeError(f"claims: expected a list of scorecard rows or None, got {type(claims).__name__}")
    nb = copy.deepcopy(nb)
    nb.cells = with_box(identifiers_in_words(without_dumps(without_exercises(nb.cells))), claims or [])
    return nb


_CELL_START = re.compile(r'<div class="jp-Cell ')
_PAGE_CELL = f'<div class="jp-Cell jp-CodeCell jp-Notebook-cell jp-mod-noInput celltag_{BOX_TAG}" id="cell-id={BOX_TAG}">'
_OLD_BOX = re.compile(re.escape(_PAGE_CELL) + r"<section\b.*?</section></div>", re.S)
_PAGE_HEADING = re.compile(r"<h[1-6]\b", re.I)


def box_into_page(page_html: str, claims: list[dict]) -> str:
    """The claims box put into an already rendered report page (``<stem>.report.html``), where the
    ``claims=`` render would have put it: after the title cell, else at the top of ``<main>``. A box already
    in the page is replaced, so adding twice gives one box."""
    if "<main>" not in page_html:
        raise ValueError("page_html: not a report render of this collection (it has no <main>)")
    page = _OLD_BOX.sub("", page_html)
    if 'class="claims-box"' in page:
        raise ValueError("page_html: the page was rendered with claims= and has its box already")
    if not claims:
        return page
    cell = f"{_PAGE_CELL}{box_html(claims)}</div>"
    main = page.index("<main>") + len("<main>")
    first = _CELL_START.search(page, main)
    second = _CELL_START.search(page, first.end()) if first else None
    at = main
    if first and _PAGE_HEADING.search(page[first.start() : second.start() if second else len(page)]):
        at = second.start() if second else page.index("</main>", first.end())
    return page[:at] + cell + page[at:]


def add_to_page(page: Path, claims: list[dict]) -> Path:
    """Rewrite the report page ``page`` with the box of ``claims`` (its notebook's scorecard rows)."""
    page = Path(page)
    if not page.is_file():
        raise FileNotFoundError(f"page: no report render at {page}")
    page.write_text(box_into_page(page.read_text(encoding="utf-8"), claims), encoding="utf-8")
    return page
