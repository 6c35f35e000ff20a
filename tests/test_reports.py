"""The committed reports/ never go stale: a fresh default run must reproduce them byte for byte."""

from __future__ import annotations

import difflib
import json
import shutil
import subprocess
from pathlib import Path

import pytest

from helpers.publish.reports import render_reports

REPO = Path(__file__).resolve().parents[1]
NAMES = ("results.json", "scorecard.md")


def committed(name: str) -> bytes | None:
    """reports/<name> as committed at HEAD (None when it is not committed); without git, the file on disk."""
    rel = f"reports/{name}"
    if (REPO / ".git").exists() and shutil.which("git"):
        p = subprocess.run(["git", "show", f"HEAD:{rel}"], cwd=REPO, capture_output=True, timeout=60)
        return p.stdout if p.returncode == 0 else None
    path = REPO / rel
    return path.read_bytes() if path.is_file() else None


def describe_difference(name: str, fresh: bytes, old: bytes) -> str:
    lines = []
    if name.endswith(".json"):
        try:
            a, b = json.loads(old), json.loads(fresh)
        except json.JSONDecodeError:
            a = b = None
        if isinstance(a, dict) and isinstance(b, dict):
            for nb in sorted(set(a) | set(b)):
                ka, kb = a.get(nb, {}), b.get(nb, {})
                changed = sorted(k for k in set(ka) | set(kb) if ka.get(k) != kb.get(k))
                if changed:
                    lines.append(f"  {nb}: {', '.join(changed[:12])}{' ...' if len(changed) > 12 else ''}")
    diff = list(
        difflib.unified_diff(
            old.decode(errors="replace").splitlines(),
            fresh.decode(errors="replace").splitlines(),
            f"committed reports/{name}",
            f"fresh run's {name}",
            lineterm="",
            n=1,
        )
    )
    return "\n".join(lines + diff[:60] + (["  ..."] if len(diff) > 60 else []))


@pytest.mark.notebook
@pytest.mark.kernel
@pytest.mark.parametrize("name", NAMES)
def test_a_fresh_default_run_reproduces_the_committed_reports(name, default_run):
    old = committed(name)
    if old is None:
        pytest.skip(f"reports/{name} has not been committed yet (the lead commits reports/ from 'make run')")
    fresh = render_reports((default_run / "results.json").read_bytes())[name]
    assert fresh == old, (
        f"reports/{name} is stale: the default run no longer reproduces it. If the change is "
        f"intended, run 'make run' and commit reports/.\n{describe_difference(name, fresh, old)}"
    )


def test_scorecard_md_gives_the_answer_before_the_table():
    """reports/scorecard.md is what a repository viewer shows: the bottom line and the arguments first, in
    the front page's words, then the table with plain findings (no result keys)."""
    from helpers.analysis.scorecard import table
    from helpers.analysis.scorecard.text import bottom_line

    results = {
        "01_benchmark_parity": {
            "verdict_C1": {"value": "not supported", "note": "lag above the bound"},
            "eci_lag_months": {"value": 7.2, "low": 4.3, "high": 10.3, "unit": "months"},
        }
    }
    rows = table.evaluate({"notebooks": {"01_benchmark_parity": {"status": "ok"}}, "results": results})
    md = render_reports(json.dumps({"00_scorecard": {"scorecard": {"value": rows}}}).encode())[
        "scorecard.md"
    ].decode()
    assert (
        md.index(bottom_line(rows))
        < md.index("What the data say about the essay's arguments")
        < md.index("| Claim |")
    )
    assert "- **Open-weight models have caught up with closed ones:**" in md
    assert "eci_lag_months" not in md and "eci lag months" not in md
    empty = render_reports(b"{}")["scorecard.md"].decode()
    assert "No scorecard in the default run" in empty


def test_reports_json_does_not_change_with_the_last_digits_of_a_float():
    # two CPUs may compute 28.99604072000852 and 28.996040720008526 for the same value
    a = {
        "nb": {"x": {"value": 28.99604072000852, "n": 3, "label": "1.5", "ok": True, "v": [9.24025027909645]}}
    }
    b = {
        "nb": {
            "x": {"value": 28.996040720008526, "n": 3, "label": "1.5", "ok": True, "v": [9.240250279096449]}
        }
    }
    ra = render_reports(json.dumps(a).encode())["results.json"]
    rb = render_reports(json.dumps(b).encode())["results.json"]
    assert ra == rb
    back = json.loads(ra)["nb"]["x"]
    assert back == {"value": 28.99604072, "n": 3, "label": "1.5", "ok": True, "v": [9.2402502791]}
    assert isinstance(back["n"], int) and ra.endswith(b"}\n")
