"""No data-derived string reaches any HTML page as markup (issue 16, item 5).

A crafted results file, upstream error text, scenario description and run name carry ``<script>``,
``<img onerror>`` and friends. They go through every path a string takes into a page: ``core.show.table``
(the pandas Styler), ``core.show.say`` and ``results.record`` (Markdown), the nbconvert renders, the site's
front page and its Replication page. Every page must show them as text and carry the restrictive
Content-Security-Policy of ``publish.csp``.
"""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import nbformat
import pandas as pd
import pytest

from helpers.analysis import scorecard as sc
from helpers.core import show
from helpers.publish import csp, render, site

ROOT = Path(__file__).resolve().parents[1]
PAYLOADS = [
    "<script>alert('x')</script>",
    '<img src=x onerror="alert(1)">',
    "<iframe src='https://evil.example/'></iframe>",
    '"><svg onload=alert(3)>',
    "<a href='javascript:alert(4)'>click</a>",
]
EVIL = " ".join(PAYLOADS)
DANGEROUS_TAGS = {"script", "iframe", "object", "embed", "svg", "base", "form", "frame"}


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.csp: list[str] = []
        self.in_head = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "head":
            self.in_head = True
        if tag == "meta" and (a.get("http-equiv") or "").lower() == "content-security-policy":
            self.csp.append(a.get("content") or "")
        if tag in DANGEROUS_TAGS:
            self.problems.append(f"<{tag}> element")
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"{name}= attribute on <{tag}>")
            if name in ("href", "src") and (value or "").strip().lower().startswith("javascript:"):
                self.problems.append(f"javascript: URL in <{tag} {name}>")
        if tag == "img" and not (a.get("src") or "").startswith(("data:image/", "figures/")):
            self.problems.append(f"<img src={a.get('src')!r}>")


def check_page(html: str, where: str) -> None:
    """No live markup from the payloads, and the policy as a meta tag in the head."""
    p = _Tags()
    p.feed(html)
    p.close()
    assert not p.problems, f"{where}: {p.problems}"
    assert p.csp == [csp.POLICY], f"{where}: Content-Security-Policy meta tag missing or changed: {p.csp}"
    assert "<head" in html.lower() and html.lower().index(csp.META.lower()) < html.lower().index("</head>")
    for needle in ("<script", "<iframe", "<svg", "<img src=x"):
        assert needle not in html.lower(), f"{where}: {needle!r} in the page"


def test_the_policy_allows_nothing_remote_and_no_script():
    directives = dict(d.strip().split(" ", 1) for d in csp.POLICY.split(";"))
    assert directives["default-src"] == "'none'" and directives["script-src"] == "'none'"
    assert "http" not in csp.POLICY and "*" not in csp.POLICY
    assert directives["form-action"] == "'none'" and directives["base-uri"] == "'none'"


def test_table_escapes_cells_and_column_labels():
    df = pd.DataFrame({"claim": ["C1", EVIL], EVIL: [1.5, float("nan")], "year": [2024, 2025]})
    out = show.table(df).to_html()
    check_page(f"<html><head>{csp.META}</head><body>{out}</body></html>", "show.table")
    assert "&lt;script&gt;" in out and "2025" in out and "2,025" not in out


def test_a_notebooks_own_styler_escapes_text_cells_once_show_is_loaded():
    df = pd.DataFrame({"model": [EVIL, "A&B"], "flop": [1.5e25, 2e24]})
    out = df.style.format("{:.2e}", subset=["flop"]).hide(axis="index").to_html()
    assert "<script" not in out and "&lt;script&gt;" in out and "A&amp;B" in out and "1.50e+25" in out
    assert "&amp;lt;" not in show.table(df).to_html()  # show.table escapes once, not twice


def test_markdown_escape_keeps_markdown_and_drops_tags():
    md = show.md_escape(f"**C1** is *supported*: {EVIL} (p < 0.05, [source](https://epoch.ai))")
    assert "<" not in md and "**C1**" in md and "[source](https://epoch.ai)" in md


def crafted_upstream() -> dict:
    results = json.loads((ROOT / "reports" / "results.json").read_text())
    results = copy.deepcopy(results)
    first = next(s for s in results if s != "00_scorecard")
    results[first].setdefault("replication", {"value": [{"theirs": 1.0, "ours": 2.0, "status": "differs"}]})
    results[first]["replication"]["value"].append({"theirs": EVIL, "ours": EVIL, "status": EVIL})
    for entries in results.values():
        for key, entry in entries.items():
            if isinstance(entry, dict):
                entry["note"] = f"{key} {EVIL}"
                if key == "replication" and isinstance(entry.get("value"), list):
                    for row in entry["value"]:
                        for f in ("figure", "publisher", "definition", "note", "own_definition", "unit"):
                            row[f] = EVIL
                        row["url"] = "javascript:alert(5)"
    verdict_key = next(k for k in results[first] if k.startswith("verdict_"))
    results[first][verdict_key]["value"] = EVIL  # an unknown verdict is echoed in the reason
    status = {s: {"status": "ok"} for s in results}
    status[first] = {"status": "failed", "error": f"cell 3: ValueError: {EVIL}"}
    return {"notebooks": status, "results": results, "robustness": None}


def _notebook_with_outputs(card) -> nbformat.NotebookNode:
    """What the scorecard notebook's cells display, as a kernel would store it (no kernel needed)."""
    nb = nbformat.v4.new_notebook()
    outs = []
    for styler in (sc.table.reader_table(card), sc.table.left_table(card.unsettled())):
        outs.append(nbformat.v4.new_output("display_data", {"text/html": styler.to_html()}))
    md = show.md_escape(sc.text.overview(card.rows, card.status))
    outs.append(nbformat.v4.new_output("display_data", {"text/markdown": md, "text/plain": md}))
    outs.append(nbformat.v4.new_output("stream", name="stdout", text=EVIL))
    nb.cells = [
        nbformat.v4.new_markdown_cell("# Scorecard"),
        nbformat.v4.new_code_cell("card", outputs=outs, execution_count=1),
    ]
    return nb


def test_scorecard_outputs_render_escaped_in_both_editions(tmp_path):
    card = sc.analyze(crafted_upstream())
    assert any("<script>" in str(r.get("reason")) for r in card.rows)  # the payload did reach the rows
    nb_file = tmp_path / "00_scorecard.ipynb"
    nbformat.write(_notebook_with_outputs(card), str(nb_file))
    full, report = render.render_editions(nb_file, tmp_path / "full.html", tmp_path / "report.html")
    for page in (full, report):
        html = page.read_text()
        check_page(html, page.name)
        assert "&lt;script&gt;" in html  # shown as text, not dropped


def test_site_pages_escape_every_field(tmp_path):
    up = crafted_upstream()
    run_dir = tmp_path / "run"
    run_dir.mkdir()
    stems = sorted(up["results"])
    manifest = {
        "run": EVIL,
        "scenario": EVIL,
        "scenario_description": EVIL,
        "git_commit": EVIL,
        "created": EVIL,
        "parameters_given": {s: {EVIL: EVIL} for s in stems},
        "notebooks": {
            s: {"ok": up["notebooks"][s]["status"] == "ok", "error": up["notebooks"][s].get("error")}
            for s in stems
        },
    }
    results = copy.deepcopy(up["results"])
    results["00_scorecard"]["scorecard"]["value"] = sc.table.evaluate(up)
    results["00_scorecard"]["summary"]["value"] = EVIL
    metas = {s: {"title": EVIL, "question": EVIL, "headline_results": list(results[s])} for s in stems}
    metas["00_scorecard"]["reads_results"] = True
    out = site.build_run_site(run_dir, manifest, results, metas)
    pages = sorted(out.glob("*.html"))
    assert {p.name for p in pages} >= {"index.html", "replication.html"}
    for page in pages:
        check_page(page.read_text(), page.name)


@pytest.mark.notebook
def test_a_run_of_the_scorecard_on_a_crafted_results_file(tmp_path):
    crafted = tmp_path / "results.json"
    crafted.write_text(json.dumps(crafted_upstream()["results"]))
    name = "test-escaping"
    bad = subprocess.run(
        [sys.executable, "-m", "helpers", "run", "00_scorecard", "--name", PAYLOADS[0]],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert bad.returncode == 2 and "Traceback" not in bad.stderr, bad.stderr  # a run name of markup: refused
    p = subprocess.run(
        [sys.executable, "-m", "helpers", "run", "00_scorecard", "-p", "results_file", str(crafted)]
        + ["--name", name, "--jobs", "1", "--force"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert p.returncode == 0, p.stdout + p.stderr
    run = ROOT / "build" / "runs" / name
    pages = sorted(run.glob("*.html")) + sorted((run / "site").glob("*.html"))
    assert run / "00_scorecard.report.html" in pages
    for page in pages:
        check_page(page.read_text(), str(page.relative_to(ROOT)))
    assert "&lt;script&gt;" in (run / "00_scorecard.report.html").read_text()
