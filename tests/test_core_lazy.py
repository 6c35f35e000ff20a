"""Validating parameters stays fast: an analysis package loads its sections only when they are used."""

from __future__ import annotations

import subprocess
import sys

import pytest

from helpers.core.lazy import lazy_exports

TOPICS = ("benchmark_parity", "compute_concentration", "export_controls", "scorecard")


@pytest.mark.parametrize("topic", TOPICS)
def test_importing_a_params_model_loads_no_plotting_or_modelling_library(topic):
    code = (
        f"import sys, helpers.analysis.{topic}.params\n"
        "heavy = sorted(m for m in ('matplotlib', 'statsmodels', 'seaborn') if m in sys.modules)\n"
        "print(','.join(heavy))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.strip()
    assert out == "", f"importing {topic}.params loaded {out}"


def test_entry_points_and_submodules_load_on_first_use():
    import helpers.analysis.export_controls as ec

    assert callable(ec.analyze) and ec.verdicts.__name__.endswith("export_controls.verdicts")
    assert "analyze" in dir(ec)
    with pytest.raises(AttributeError, match="no attribute 'nope'"):
        ec.nope  # noqa: B018


def test_a_name_that_is_both_submodule_and_entry_point_is_refused():
    with pytest.raises(ValueError, match="both a submodule and an entry point"):
        lazy_exports("pkg", ["analyze"], {"analyze": "analyze"})
    with pytest.raises(ValueError, match="undeclared submodules"):
        lazy_exports("pkg", ["a"], {"f": "b"})
