"""docs/seminar.md stays true to the notebooks: every section it points to exists and every command it
tells a teacher to type validates (parameters, scenarios, sweeps)."""

from __future__ import annotations

import json
import re
import shlex

import pytest

from helpers.core import paths
from helpers.runner.plan import plan_run
from helpers.runner.sweep import plan_sweep

GUIDE = (paths.ROOT / "docs" / "seminar.md").read_text()
SESSIONS = re.split(r"\n## Session \d+: ", GUIDE)[1:]


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


@pytest.mark.parametrize("i", range(3))
def test_every_section_named_in_a_session_exists(i):
    session = SESSIONS[i]
    stem = re.search(r"`(\d\d_[a-z_]+)`", session).group(1)
    heads = headings(stem)
    named = re.findall(r'(?:section|sections) ((?:"[^"]+"(?:, )?)+)', session)
    names = [n for group in named for n in re.findall(r'"([^"]+)"', group)]
    assert names, f"session {i + 1} points to no section"
    for n in names:
        assert any(h.startswith(n) for h in heads), f"{stem} has no section starting with {n!r}"


def commands():
    out = []
    for block in re.findall(r"```bash\n(.*?)```", GUIDE, re.S):
        for line in block.splitlines():
            line = line.split("  #")[0].strip()
            if line.startswith("python -m helpers run") or line.startswith("python -m helpers sweep"):
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
