"""Every scenario in notebooks/scenarios/ changes what it says it changes, and one runs end to end.

Each scenario file declares under ``expect`` which recorded result it moves and in which direction,
relative to the same notebooks with default parameters and the same small settings. The analyses are
functions of (parameters, data), so every scenario is checked without a kernel by calling them; one
scenario also goes through the runner, to prove that a scenario's parameters reach the notebooks, the
manifest and the site.
"""

from __future__ import annotations

import importlib
import json
from functools import cache

import pytest

from helpers.core import paths
from helpers.core.params import model_for, validate
from helpers.runner.plan import load_scenario, plan_run

SCENARIOS = sorted(p.stem for p in paths.SCENARIOS.glob("*.yaml"))
SMALL = {"n_boot": "60", "n_draws": "2000"}  # applied to the notebooks that have them


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


def check(name, exp, base, scen):
    nb, key, direction = exp["notebook"], exp["result"], exp["direction"]
    b, s = base[key]["value"], scen[key]["value"]
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


@cache
def entries(stem: str, values: tuple) -> dict:
    """What notebook ``stem`` records for parameters ``values`` (plus the small settings), computed by its
    analysis package without a kernel."""
    model = model_for(paths.notebook(stem))
    small = {k: int(v) for k, v in SMALL.items() if k in model.model_fields}
    P = validate(model, {**small, **dict(values)}, notebook=stem)
    package = importlib.import_module(model.__module__.rsplit(".", 1)[0])
    return json.loads(json.dumps(package.analyze(P).entries()))  # as results.json holds them


@pytest.mark.parametrize("name", SCENARIOS)
def test_scenario_changes_what_it_claims(name):
    doc = load_scenario(name)
    for exp in doc["expect"]:
        nb = exp["notebook"]
        scen = tuple(sorted((k, v) for k, v in doc["parameters"][nb].items()))
        check(name, exp, entries(nb, ()), entries(nb, scen))


def test_the_scenario_check_can_fail():
    with pytest.raises(AssertionError, match="should rise"):
        check(
            "x",
            {"notebook": "n", "result": "k", "direction": "higher"},
            {"k": {"value": 2}},
            {"k": {"value": 1}},
        )
    with pytest.raises(AssertionError, match="should change"):
        check(
            "x",
            {"notebook": "n", "result": "k", "direction": "differs"},
            {"k": {"value": 1}},
            {"k": {"value": 1}},
        )


@pytest.mark.notebook
@pytest.mark.kernel
def test_a_scenario_runs_end_to_end_through_the_runner(hawkish_run):
    """hawkish_controls (the whole collection, notebook 03 changed): its parameters reach the kernel, the
    manifest and the site, and the run records what the analysis computes for them."""
    name = "hawkish_controls"
    doc = load_scenario(name)
    manifest = json.loads((hawkish_run / "manifest.json").read_text())
    assert manifest["scenario"] == name
    assert name in (hawkish_run / "site" / "index.html").read_text()
    scen = json.loads((hawkish_run / "results.json").read_text())
    for nb, values in doc["parameters"].items():
        assert all(manifest["parameters"][nb][k] == v for k, v in values.items()), nb
        model = model_for(paths.notebook(nb))
        P = validate(model, values, notebook=nb)
        package = importlib.import_module(model.__module__.rsplit(".", 1)[0])
        assert scen[nb] == json.loads(json.dumps(package.analyze(P).entries())), nb
    for exp in doc["expect"]:
        assert exp["result"] in scen[exp["notebook"]], exp
