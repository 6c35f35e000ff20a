"""``helpers compare RUN_A RUN_B``: the parameters, verdicts and key results that changed between two runs,
on the terminal and on an HTML page (issue 15, item 4)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from helpers.runner import compare

REPO = Path(__file__).resolve().parents[1]
EVIL = "<script>alert(1)</script>"


def entry(value, **kw):
    return {"value": value, **kw}


def scorecard(rows):
    return {"scorecard": entry(rows)}


def write_run(root: Path, name: str, results: dict, params: dict) -> None:
    run = root / "build" / "runs" / name
    run.mkdir(parents=True)
    (run / "results.json").write_text(json.dumps(results))
    (run / "manifest.json").write_text(json.dumps({"run": name, "parameters": params}))


def fixture_root(tmp_path: Path) -> Path:
    root = tmp_path / "proj"
    (root / "src").mkdir(parents=True)
    (root / "src" / "helpers").symlink_to(REPO / "src" / "helpers")
    (root / "pyproject.toml").write_text("")
    nbs = root / "notebooks"
    nbs.mkdir()
    meta = {"metadata": {"helpers": {"headline_results": ["delay_months_median"]}}, "cells": []}
    (nbs / "03_export_controls.ipynb").write_text(json.dumps(meta))
    base = {
        "00_scorecard": scorecard(
            [
                {"claim": "C9", "notebook": "03_export_controls", "verdict": "supported", "reason": "a"},
                {"claim": "C10", "notebook": "03_export_controls", "verdict": "supported", "reason": "b"},
                {"claim": "C2", "notebook": "01_benchmark_parity", "verdict": "not supported", "reason": "c"},
            ]
        ),
        "03_export_controls": {
            "delay_months_median": entry(4.2, low=1.0, high=9.0, unit="months"),
            "offset_multiplier_needed": entry(3.1, claims=["C9"]),
            "chips_table_rows": entry(12),
            "same_everywhere": entry(1.5),
            "a_series": entry({"2024": 1.0, "2025": 2.0}),
        },
    }
    hawk = json.loads(json.dumps(base))
    rows = hawk["00_scorecard"]["scorecard"]["value"]
    rows[1].update(verdict="not supported", reason=f"delay 31 months {EVIL}")
    hawk["03_export_controls"]["delay_months_median"] = entry(31.0, low=20.0, high=44.0, unit="months")
    hawk["03_export_controls"]["chips_table_rows"] = entry(13)
    del hawk["03_export_controls"]["offset_multiplier_needed"]
    write_run(root, "default", base, {"03_export_controls": {"halving_months": 8.0, "diffusion_lag": 2}})
    write_run(
        root,
        "scenario-hawkish_controls",
        hawk,
        {"03_export_controls": {"halving_months": 8.0, "diffusion_lag": 99}},
    )
    return root


def run_cli(root: Path, *args) -> subprocess.CompletedProcess:
    env = dict(os.environ, HELPERS_ROOT=str(root))
    return subprocess.run(
        [sys.executable, "-m", "helpers", "compare", *args],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_compare_lists_changed_parameters_verdicts_and_key_results(tmp_path):
    root = fixture_root(tmp_path)
    p = run_cli(root, "default", "hawkish_controls")
    assert p.returncode == 0, p.stderr
    out = p.stdout
    assert "verdicts: 1 changed, 2 the same" in out
    line = next(ln for ln in out.splitlines() if ln.startswith("C10"))
    assert "supported" in line and "not supported" in line and "delay 31 months" in line
    assert not any(ln.startswith(("C9 ", "C2 ")) for ln in out.splitlines())  # unchanged verdicts left out
    assert "diffusion_lag" in out and "99" in out and "halving_months" not in out
    assert "key results: 2 changed" in out
    median = next(ln for ln in out.splitlines() if "delay_months_median" in ln)
    assert "4.2 months (1–9)" in median and "31 months (20–44)" in median
    assert "offset_multiplier_needed" in out and "(not in run)" in out
    assert "1 other recorded results changed" in out and "same_everywhere" not in out
    page = root / "build" / "compare" / "default--scenario-hawkish_controls.html"
    assert out.rstrip().endswith(f"-> {page.relative_to(root)}")
    html = page.read_text()
    assert "chips_table_rows" in html and "same_everywhere" not in html
    assert EVIL not in html and "&lt;script&gt;" in html and "Content-Security-Policy" in html
    # deterministic: the same two runs give the same page
    run_cli(root, "default", "hawkish_controls")
    assert page.read_text() == html


def test_compare_runs_without_scorecard_use_the_verdict_results(tmp_path):
    root = fixture_root(tmp_path)
    write_run(root, "a", {"01_x": {"verdict_C1": entry("supported")}}, {})
    write_run(root, "b", {"01_x": {"verdict_C1": entry("partly supported", note="weaker")}}, {})
    p = run_cli(root, "a", "b")
    assert p.returncode == 0, p.stderr
    line = next(ln for ln in p.stdout.splitlines() if ln.startswith("C1 "))
    assert "01_x" in line and "partly supported" in line and "weaker" in line


def test_an_unknown_or_broken_run_is_one_line_exit_2(tmp_path):
    root = fixture_root(tmp_path)
    p = run_cli(root, "default", "nope")
    assert p.returncode == 2 and "Traceback" not in p.stderr
    assert p.stderr.strip().count("\n") == 0 and "'nope'" in p.stderr and "hawkish_controls" in p.stderr
    (root / "build" / "runs" / "default" / "results.json").write_text("{not json")
    p = run_cli(root, "default", "hawkish_controls")
    assert p.returncode == 2 and "not valid JSON" in p.stderr and "Traceback" not in p.stderr


@pytest.mark.notebook
def test_default_against_hawkish_controls_lists_the_changed_verdicts(default_run, hawkish_run):
    """The real runs: the hawkish scenario moves at least one export-control verdict, and compare says which."""
    p = subprocess.run(
        [sys.executable, "-m", "helpers", "compare", "default", "hawkish_controls"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert p.returncode == 0, p.stderr
    a = json.loads((REPO / "build" / "runs" / "default" / "results.json").read_text())
    # the folder the scenario's run wrote, found the way compare finds it (the scenario's name)
    b = json.loads(
        (REPO / "build" / "runs" / compare.resolve("hawkish_controls") / "results.json").read_text()
    )
    rows = {r["claim"]: r["verdict"] for r in a["00_scorecard"]["scorecard"]["value"]}
    changed = [
        r["claim"] for r in b["00_scorecard"]["scorecard"]["value"] if rows.get(r["claim"]) != r["verdict"]
    ]
    assert f"verdicts: {len(changed)} changed" in p.stdout
    for claim in changed:
        assert any(ln.startswith(f"{claim} ") for ln in p.stdout.splitlines()), claim
