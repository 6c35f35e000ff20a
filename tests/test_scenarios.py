"""Every scenario in notebooks/scenarios/ runs end to end (small settings) and changes what it says.

Each scenario file declares under ``expect`` which recorded result it moves and in which direction,
relative to the same notebooks run with default parameters and the same small settings.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from helpers.core import paths
from helpers.core.params import model_for
from helpers.runner.plan import load_scenario, plan_run

SCENARIOS = sorted(p.stem for p in paths.SCENARIOS.glob("*.yaml"))
SMALL = {"n_boot": "60", "n_draws": "2000"}  # applied to the notebooks that have them


def small_args(stems):
    args = []
    for name, value in SMALL.items():
        if any(name in (model_for(paths.notebook(s)).model_fields) for s in stems):
            args += ["-p", name, value]
    return args


def run(stems, extra, name):
    cmd = [sys.executable, "-m", "helpers", "run", *stems, "--name", name, *small_args(stems), *extra]
    p = subprocess.run(cmd, cwd=paths.ROOT, capture_output=True, text=True, timeout=900)
    assert p.returncode == 0, f"{' '.join(cmd)}\n{p.stdout}\n{p.stderr}"
    return json.loads((paths.RUNS / name / "results.json").read_text())


def test_there_are_at_least_five_scenarios_with_a_description():
    assert len(SCENARIOS) >= 5
    for s in SCENARIOS:
        doc = load_scenario(s)
        assert len(str(doc.get("description", "")).split()) >= 25, f"{s}: the description is a paragraph"
        assert doc.get("parameters"), f"{s}: no parameters"
        assert doc.get("expect"), f"{s}: says nothing about what it changes"


@pytest.mark.parametrize("name", SCENARIOS)
def test_scenario_parameters_validate(name):
    doc = load_scenario(name)
    stems = sorted(doc["parameters"])
    plan = plan_run(stems, [], scenario=name)  # raises with every problem listed
    assert plan.scenario == name and plan.params


@pytest.mark.notebook
@pytest.mark.kernel
@pytest.mark.parametrize("name", SCENARIOS)
def test_scenario_runs_and_changes_what_it_claims(name):
    doc = load_scenario(name)
    stems = sorted(doc["parameters"])
    base = run(stems, [], "scenario-baseline-" + "-".join(s[:2] for s in stems))
    scen = run(stems, ["--scenario", name], f"scenario-{name}")
    manifest = json.loads((paths.RUNS / f"scenario-{name}" / "manifest.json").read_text())
    assert manifest["scenario"] == name
    assert name in (paths.RUNS / f"scenario-{name}" / "site" / "index.html").read_text()
    for exp in doc["expect"]:
        nb, key, direction = exp["notebook"], exp["result"], exp["direction"]
        b, s = base[nb][key]["value"], scen[nb][key]["value"]
        if direction == "higher":
            assert s > b, f"{name}: {nb}.{key} should rise: {b} -> {s}"
        elif direction == "lower":
            assert s < b, f"{name}: {nb}.{key} should fall: {b} -> {s}"
        elif direction == "differs":
            assert s != b, f"{name}: {nb}.{key} should change, stayed {b}"
        elif direction == "equals":
            assert s == exp["value"], f"{name}: {nb}.{key} should be {exp['value']!r}, is {s!r}"
        else:
            raise AssertionError(f"{name}: unknown direction {direction!r}")
