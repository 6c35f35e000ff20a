"""Packaging: the conda environment pins equal pyproject's, and every notebook agrees with its model."""

from __future__ import annotations

import json
import re
import sys
import tomllib
from pathlib import Path

import pytest
import yaml

from helpers.core import paths
from helpers.core.params import model_for, notebook_parameters_cell, validate

ROOT = Path(__file__).resolve().parents[1]


def _pyproject_pins() -> dict:
    proj = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    reqs = proj["dependencies"] + [r for extra in proj["optional-dependencies"].values() for r in extra]
    pins = {}
    for r in reqs:
        m = re.fullmatch(r"([A-Za-z0-9_.-]+)==([^\s;]+)", r)
        assert m, f"pyproject.toml: dependency {r!r} is not pinned with =="
        pins[m.group(1).lower()] = m.group(2)
    return pins


def _conda_pins() -> dict:
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    pins = {}
    for d in env["dependencies"]:
        if isinstance(d, str) and "=" in d:
            name, version = d.split("=", 1)
            if not name.startswith("python"):
                pins[name.lower()] = version
    return pins


def test_environment_yml_pins_equal_pyproject():
    py, conda = _pyproject_pins(), _conda_pins()
    assert py == conda, (
        f"only in pyproject: {sorted(set(py.items()) - set(conda.items()))}; "
        f"only in environment.yml: {sorted(set(conda.items()) - set(py.items()))}"
    )


def test_environment_yml_installs_the_package_itself():
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    pip = next(d for d in env["dependencies"] if isinstance(d, dict))["pip"]
    assert "-e ." in pip


NOTEBOOKS = sorted(paths.NOTEBOOKS.glob("*.ipynb"))
FIXTURES = ROOT / "tests" / "fixtures"
sys.path.insert(0, str(FIXTURES))
WITH_FIXTURES = NOTEBOOKS + sorted((FIXTURES / "notebooks").glob("*.ipynb"))


@pytest.mark.parametrize("nb", WITH_FIXTURES, ids=[p.stem for p in WITH_FIXTURES])
def test_parameters_cell_agrees_with_the_model(nb):
    model = model_for(nb)
    assert model is not None, f"{nb.name}: metadata.helpers.params_model is missing"
    cell = notebook_parameters_cell(nb)
    assert set(cell) == set(model.model_fields), (
        f"{nb.name}: parameters cell has {sorted(set(cell) - set(model.model_fields))} extra and "
        f"{sorted(set(model.model_fields) - set(cell))} missing"
    )
    defaults = validate(model, {}).as_dict()
    from_cell = validate(model, cell).as_dict()
    assert from_cell == defaults, f"{nb.name}: parameters cell values differ from the model's defaults"


@pytest.mark.parametrize("nb", WITH_FIXTURES, ids=[p.stem for p in WITH_FIXTURES])
def test_papermill_reads_every_parameter_line(nb):
    """papermill inspects the parameters cell; a comment it cannot parse makes it warn on every run."""
    from papermill.translators import PythonTranslator

    doc = json.loads(nb.read_text())
    [cell] = [c for c in doc["cells"] if "parameters" in c.get("metadata", {}).get("tags", [])]
    found = {p.name for p in PythonTranslator.inspect({"source": "".join(cell["source"])})}
    assert found == set(notebook_parameters_cell(nb)), (
        f"{nb.name}: papermill cannot parse the lines of {sorted(set(notebook_parameters_cell(nb)) - found)}; "
        "avoid '=' and quotes in their comments"
    )


@pytest.mark.parametrize("nb", WITH_FIXTURES, ids=[p.stem for p in WITH_FIXTURES])
def test_notebooks_are_stored_clean(nb):
    doc = json.loads(nb.read_text())
    dirty = [
        i
        for i, c in enumerate(doc["cells"])
        if c["cell_type"] == "code" and (c.get("outputs") or c.get("execution_count") is not None)
    ]
    assert not dirty, f"{nb.name}: cells {dirty} keep outputs; store notebooks without outputs"
    assert doc["metadata"]["kernelspec"]["name"] == "python3"
