"""docs/seminar/guide.md stays true to the notebooks: every section it points to exists and every command it
tells a teacher to type validates (parameters, scenarios, sweeps)."""

from __future__ import annotations

import json
import re
import shlex

import pytest

from helpers.core import paths
from helpers.runner.plan import plan_run
from helpers.runner.sweep import plan_sweep

GUIDE = (paths.ROOT / "docs" / "seminar" / "guide.md").read_text()
PARTS = re.split(r"\n## ", GUIDE)[1:]
SESSIONS = [p for p in PARTS if re.match(r"Session \d+: ", p)]
WRAP_UP = next(p for p in PARTS if p.startswith("Wrap-up"))
PY = ".venv/bin/python"  # the guide names the venv's interpreter: plain `python` fails outside the venv
DOCS = paths.ROOT / "docs" / "seminar"


def headings(stem: str) -> list[str]:
    nb = json.loads(paths.notebook(stem).read_text())
    out = []
    for c in nb["cells"]:
        if c["cell_type"] == "markdown":
            for line in "".join(c["source"]).splitlines():
                if line.startswith("#"):
                    out.append(line.lstrip("#").strip())
    return out


def test_three_sessions_each_with_goals_questions_and_exercises():
    assert len(SESSIONS) == 3
    for s in SESSIONS:
        for part in ("**Learning goals.**", "**Change live.**", "**Discussion questions.**", "**Exercises**"):
            assert part in s


@pytest.mark.parametrize("i", range(4))
def test_every_section_named_in_a_session_exists(i):
    session = (SESSIONS + [WRAP_UP])[i]
    stems = re.findall(r"`(\d\d_[a-z_]+)`", session.splitlines()[0])
    heads = [h for stem in stems for h in headings(stem)]
    named = re.findall(r'(?:section|sections) ((?:"[^"]+"(?:, )?)+)', session)
    names = [n for group in named for n in re.findall(r'"([^"]+)"', group)]
    assert names, f"session {i + 1} points to no section"
    for n in names:
        assert any(h.startswith(n) for h in heads), f"{stems} have no section starting with {n!r}"


def commands():
    out = []
    for block in re.findall(r"```bash\n(.*?)```", GUIDE, re.S):
        for line in block.splitlines():
            line = line.split("  #")[0].strip()
            if line.startswith((f"{PY} -m helpers run", f"{PY} -m helpers sweep")):
                out.append(line)
    return out


@pytest.mark.parametrize("line", commands())
def test_every_command_in_the_guide_validates(line):
    args = shlex.split(line)[3:]
    if args[0] == "run":
        notebooks, params, scenario = [], [], None
        it = iter(args[1:])
        for a in it:
            if a == "-p":
                params.append((next(it), next(it)))
            elif a == "--scenario":
                scenario = next(it)
            else:
                notebooks.append(a)
        plan_run(notebooks, params, scenario=scenario)
    else:
        nb, spec, results = args[1], [], []
        it = iter(args[2:])
        current = None
        for a in it:
            if a == "-p":
                current = []
                spec.append(current)
            elif a == "-r":
                results.append(next(it))
                current = None
            else:
                current.append(a)
        plan_sweep(nb, spec)
        assert results, f"{line}: a sweep in the guide names the result it draws"


def test_every_helpers_command_uses_the_venv_python():
    bare = re.findall(r"(?m)^(?:\s*|.*`)python -m helpers", GUIDE)
    assert not bare, f"commands without .venv/bin/python: {bare}"
    assert len(re.findall(re.escape(PY) + " -m helpers", GUIDE)) >= 15


def test_the_guide_states_measured_timings_not_promises():
    assert "well under a minute" not in GUIDE
    assert re.search(r"13-16 s", GUIDE) and re.search(r"about 1 s", GUIDE) and "170 s" in GUIDE


@pytest.mark.parametrize("i", range(3))
def test_every_session_plan_has_time_for_exercises_or_homework(i):
    table = [ln for ln in SESSIONS[i].splitlines() if ln.startswith("| ")]
    assert any("Exercises in class" in ln for ln in table), f"session {i + 1}: no exercise slot"
    assert any(ln.startswith("| homework |") for ln in table), f"session {i + 1}: no homework row"
    ends = [int(m.group(1)) for ln in table if (m := re.match(r"\| \d+-(\d+) \|", ln))]
    assert ends and max(ends) == 90, f"session {i + 1}: the plan does not fill 90 minutes"


def test_glossary_defines_the_terms_the_notebooks_use():
    text = (DOCS / "glossary.md").read_text()
    for term in ("HHI", "ECI", "Kaplan-Meier", "HAC", "TPP", "H100e", "CR-n", "Specification grid"):
        assert re.search(rf"^\*\*{re.escape(term)}\b", text, re.M), f"glossary lacks {term}"


def test_reading_list_per_session_with_the_sources_the_notebooks_cite():
    text = (DOCS / "reading-list.md").read_text()
    for heading in ("## Before session 1", "## Session 1:", "## Session 2:", "## Session 3:", "## Wrap-up"):
        assert heading in text
    for cited in (
        "AI Index Report",
        "Merger Guidelines",
        "Horizontal Merger Guidelines",
        "arXiv:2403.05812",
        "DeepSeek-V3 Technical Report",
        "87 FR 62186",
        "2023-23055",
        "Kaplan, E. L. and Meier, P. (1958)",
        "Newey, W. K. and West, K. D. (1987)",
        "opinion essay",
    ):
        assert cited in text, cited
    # every dataset publisher in the metadata is on the list
    import yaml

    for meta in sorted((paths.ROOT / "data" / "metadata").glob("*.yaml")):
        for src in yaml.safe_load(meta.read_text()).get("sources") or []:
            url = str(src.get("url", ""))
            if url.startswith("https://epoch.ai/"):
                assert url.rstrip("/") in text, f"{meta.name}: {url} not in the reading list"


def test_prediction_sheet_lists_every_tested_claim():
    text = (DOCS / "prediction-sheet.md").read_text()
    for claim in ("C1", "C2", "C3", "C4", "C5", "C6", "C7", "C8", "C9", "C10", "C12"):
        assert f"| {claim} |" in text
    assert "before session 1" in text.lower()
