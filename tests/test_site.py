"""The site's front page and renders: unit checks of helpers.publish.site / helpers.publish.render, and the collection run
with one analysis notebook forced to fail (the scorecard still renders and says which claims went
unevaluated)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import nbformat
import pytest

from helpers.analysis.scorecard import table as scorecard
from helpers.core.labels import notebook_name
from helpers.core.text import fmt_value
from helpers.publish import render, site

REPO = Path(__file__).resolve().parents[1]
FORCED = "forced failure: this notebook was made to fail by tests/test_site.py"


class ClaimBlocks(HTMLParser):
    """The front page's claim blocks (``article.claim``): the text of each, its verdict badge, its
    evidence link."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.rows: list[dict] = []
        self._row: dict | None = None
        self._depth = 0
        self._badge: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        classes = (a.get("class") or "").split()
        if tag == "article" and "claim" in classes:
            self._row = {"id": a.get("id"), "text": [], "verdict": None, "href": None}
        elif self._row is not None:
            if tag == "span" and "verdict" in classes:
                self._badge = []
            elif tag == "a" and a.get("href"):
                self._row["href"] = a["href"]

    def handle_endtag(self, tag):
        if tag == "span" and self._badge is not None and self._row is not None:
            self._row["verdict"] = "".join(self._badge).strip()
            self._badge = None
        elif tag == "article" and self._row is not None:
            self._row["text"] = " ".join("".join(self._row["text"]).split())
            self.rows.append(self._row)
            self._row = None

    def handle_data(self, data):
        if self._row is not None:
            self._row["text"].append(data + " ")
        if self._badge is not None:
            self._badge.append(data)


def scorecard_rows(index_html: str) -> dict[str, dict]:
    """claim id -> {"verdict": ..., "why": ..., "href": ...} as a reader sees the claim blocks."""
    p = ClaimBlocks()
    p.feed(index_html)
    return {
        r["id"].removeprefix("row-").upper(): {"verdict": r["verdict"], "why": r["text"], "href": r["href"]}
        for r in p.rows
    }


# ------------------------------------------------------------------------------------- unit checks


def test_remote_resources_are_found_but_citation_links_are_not():
    page = (
        '<html><head><link rel="stylesheet" href="https://cdn.example/x.css"><style>/* http://c.example */'
        'h1{background:url("//img.example/b.png")}</style><script src="http://js.example/r.js"></script>'
        '</head><body><img srcset="a.png 1x, https://img.example/a2.png 2x"><img src="data:image/png;base64,AA">'
        '<a href="https://epoch.ai/data">Epoch AI</a><a href="#x">here</a></body></html>'
    )
    assert sorted(render.remote_references(page)) == sorted(
        [
            "https://cdn.example/x.css",
            "//img.example/b.png",
            "http://js.example/r.js",
            "https://img.example/a2.png",
        ]
    )
    assert render.external_links(page) == ["https://epoch.ai/data"]


@pytest.mark.parametrize(
    "entry, shown",
    [
        (
            {"value": 1421.0, "low": 1421.0, "high": 2790.5, "unit": "HHI points"},
            "1,421 HHI points (1,421–2,790)",
        ),
        (
            {"value": 16393440.0, "low": 8196720.0, "high": 169147514.0, "unit": "USD"},
            "$16.4 million ($8.2 million–$169 million)",
        ),
        ({"value": 69.1006, "low": 65.688, "high": 72.917, "unit": "%"}, "69.1% (65.7–72.9%)"),
        ({"value": 16.6667, "unit": "% of measures"}, "16.7% of measures"),
        ({"value": 4.365, "low": 0.5411, "high": 50.296, "unit": "x"}, "4.37× (0.541×–50.3×)"),
        ({"value": 1.25e27, "unit": "FLOP"}, "1.25 × 10²⁷ FLOP"),
        ({"value": 2.5e-5}, "2.5 × 10⁻⁵"),
        ({"value": {"2023": 3, "2024": 7}, "unit": "organizations"}, "2023: 3, 2024: 7 (organizations)"),
        ({"value": 1234567}, "1.23 million"),
        ({"value": "2025Q4"}, "2025Q4"),
        ({"value": None}, "None"),
    ],
)
def test_card_numbers_read_like_prose(entry, shown):
    assert fmt_value(entry) == shown


def test_links_between_notebooks_point_at_the_same_render():
    md = '<a href="02_compute_concentration.ipynb#claim-c5">C5</a> <a href="https://x.org/a.ipynb">nb</a>'
    assert render.link_notebooks(md, report=True).startswith(
        '<a href="02_compute_concentration.report.html#claim-c5">'
    )
    assert render.link_notebooks(md, report=False).startswith(
        '<a href="02_compute_concentration.html#claim-c5">'
    )
    assert 'href="https://x.org/a.ipynb"' in render.link_notebooks(md, report=True)


def test_every_render_links_back_to_the_front_page_and_to_the_other_render():
    page = '<html><body class="jp-Notebook"><h1 id="t">T</h1></body></html>'
    report = render.add_navigation(page, "01_x", report=True)
    assert report.index('href="index.html"') > report.index("<body")
    assert 'href="01_x.html">Full notebook with code' in report
    assert 'href="01_x.report.html">Report without code' in render.add_navigation(page, "01_x", report=False)


def test_evidence_links_only_to_pages_of_the_run(tmp_path):
    rows = scorecard.evaluate(
        {
            "notebooks": {"01_benchmark_parity": {"status": "ok"}},
            "results": {"01_benchmark_parity": {"verdict_C1": {"value": "supported"}}},
        }
    )
    (tmp_path / "01_benchmark_parity.report.html").write_text("<html></html>")
    table = scorecard_rows(site.render_scorecard(rows, tmp_path))
    assert table["C1"]["verdict"] == "supported"
    assert table["C1"]["href"] == "01_benchmark_parity.report.html#claim-c1"
    assert table["C5"]["verdict"] == "not evaluated" and table["C5"]["href"] is None
    assert "not run" in table["C5"]["why"].lower()
    assert set(table) == {c.id for c in scorecard.CLAIMS}


# ------------------------------------------------------------------------ a failed analysis notebook


def _analysis_notebooks() -> list[str]:
    owners = sorted({c.notebook for c in scorecard.CLAIMS if c.notebook})
    return [s for s in owners if (REPO / "notebooks" / f"{s}.ipynb").is_file()]


def _make_it_fail(src: Path, dst: Path) -> None:
    """Copy a notebook with a cell that raises right after its parameters cell."""
    nb = nbformat.read(str(src), as_version=4)
    at = next((i + 1 for i, c in enumerate(nb.cells) if "parameters" in c.metadata.get("tags", [])), 0)
    nb.cells.insert(at, nbformat.v4.new_code_cell(f"raise RuntimeError({FORCED!r})"))
    nbformat.write(nb, str(dst))


@pytest.mark.notebook
@pytest.mark.kernel
def test_scorecard_marks_the_claims_of_a_failed_notebook_not_evaluated(tmp_path, default_run):
    analysis = _analysis_notebooks()
    if not (REPO / "notebooks" / "00_scorecard.ipynb").is_file() or not analysis:
        pytest.skip("needs the scorecard notebook and at least one analysis notebook")
    failing = analysis[0]
    root = tmp_path / "proj"
    (root / "src").mkdir(parents=True)
    (root / "src" / "helpers").symlink_to(REPO / "src" / "helpers")
    (root / "pyproject.toml").write_text("")
    shutil.copytree(REPO / "data", root / "data", ignore=shutil.ignore_patterns("raw", ".cache"))
    (root / "notebooks").mkdir()
    for nb in sorted((REPO / "notebooks").glob("*.ipynb")):
        if nb.stem == failing:
            _make_it_fail(nb, root / "notebooks" / nb.name)
        else:
            shutil.copy2(nb, root / "notebooks" / nb.name)
            if nb.stem in analysis and (REPO / "build" / "cache" / nb.stem).is_dir():
                # the notebooks that succeed are unchanged copies: take them from the default run's cache
                shutil.copytree(
                    REPO / "build" / "cache" / nb.stem,
                    root / "build" / "cache" / nb.stem,
                    ignore=shutil.ignore_patterns(".work-*"),
                )
                grid_part = REPO / "build" / "cache" / "robustness" / nb.stem  # and its part of the grid
                if grid_part.is_dir():
                    shutil.copytree(grid_part, root / "build" / "cache" / "robustness" / nb.stem)
    env = dict(os.environ, HELPERS_ROOT=str(root), MPLBACKEND="Agg")
    p = subprocess.run(
        [sys.executable, "-m", "helpers", "run"],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert p.returncode == 1, p.stdout + p.stderr
    assert f"notebook {failing} failed" in p.stderr and FORCED in p.stderr
    run = root / "build" / "runs" / "default.failed"
    manifest = json.loads((run / "manifest.json").read_text())
    assert manifest["notebooks"]["00_scorecard"]["ok"], "the scorecard itself must not fail"
    assert not manifest["notebooks"][failing]["ok"]

    index = (run / "site" / "index.html").read_text()
    table = scorecard_rows(index)
    assert set(table) == {c.id for c in scorecard.CLAIMS}, "the scorecard table is missing from index.html"
    owned = [c.id for c in scorecard.CLAIMS if c.notebook == failing]
    for claim in owned:
        assert table[claim]["verdict"] == "not evaluated", claim
        assert f"failed in this run ({notebook_name(failing)})" in table[claim]["why"], claim
    # every other claim keeps the verdict of the complete default run
    good = json.loads((default_run / "results.json").read_text())["00_scorecard"]["scorecard"]["value"]
    for row in good:
        if row["claim"] not in owned:
            assert table[row["claim"]]["verdict"] == row["verdict"], row["claim"]
    assert "This notebook failed in this run" in index and FORCED in index
    # the scorecard's own render shows no error; the failed notebook's render shows where it failed
    sc = (run / "00_scorecard.report.html").read_text()
    assert 'data-mime-type="application/vnd.jupyter.stderr"' not in sc and "Traceback" not in sc
    assert FORCED in (run / f"{failing}.html").read_text()


def test_a_cell_ending_with_plots_save_shows_no_paths():
    from IPython.core.formatters import DisplayFormatter

    from helpers.core import plots

    saved = plots.SavedFiles([Path("/somewhere/figures/x.png")])
    assert saved == [Path("/somewhere/figures/x.png")]
    assert DisplayFormatter().format(saved) == ({}, {})


def test_a_verdict_says_how_many_specifications_agree_and_what_makes_it_fragile():
    rob = {
        "claims": {
            "C8": {
                "agree": 3,
                "n_specs": 8,
                "flipped_by": [
                    {
                        "param": "eci_tolerance",
                        "value": 3.0,
                        "verdict": "supported",
                        "reason": "a <looser> level",
                    }
                ],
            },
            "C9": {"agree": 8, "n_specs": 8, "flipped_by": []},
        }
    }
    rows = [
        {"claim": "C8", "verdict": "partly supported"},
        {"claim": "C9", "verdict": "supported"},
        {"claim": "C11", "verdict": "context only"},
    ]
    rob["claims"]["C8"]["default"] = "partly supported"
    rob["claims"]["C8"]["fragile"] = True
    rob["claims"]["C9"].update(default="supported", fragile=False)
    html = site.render_scorecard(rows, robustness=rob)
    assert "3 of 8 specifications agree" in html and "8 of 8 specifications agree" in html
    assert "<b>fragile</b>: with eci tolerance = 3 it is supported (a &lt;looser&gt; level)" in html
    assert html.count("fragile</b>") == 1 and html.count("specifications agree") == 2
    assert "specifications agree" not in site.render_scorecard(rows)  # no grid in the run: nothing said
