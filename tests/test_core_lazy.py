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


def test_an_entry_point_named_like_a_module_file_is_refused(tmp_path, monkeypatch):
    """An entry point and a module file of one name: importing the file (from any sibling) would make the
    package attribute the module, so ``pkg.name(...)`` would fail on its second use (``compute_record``
    did, until its module became ``export_controls.record``)."""
    import importlib
    import sys

    from helpers.core.lazy import lazy_exports

    pkg = tmp_path / "lazy_clash_pkg"
    pkg.mkdir()
    (pkg / "__init__.py").write_text("")
    (pkg / "impl.py").write_text("def run():\n    return 1\n")
    (pkg / "run.py").write_text("")
    monkeypatch.syspath_prepend(str(tmp_path))
    importlib.import_module("lazy_clash_pkg")
    try:
        with pytest.raises(ValueError, match=r"named like a module file.*run"):
            lazy_exports("lazy_clash_pkg", ["impl"], {"run": "impl"})
        assert lazy_exports("lazy_clash_pkg", ["impl", "run"], {})[2] == ["impl", "run"]
    finally:
        sys.modules.pop("lazy_clash_pkg", None)


def test_the_record_entry_point_stays_a_function_after_its_module_loads():
    import importlib

    from helpers.analysis import export_controls as ec

    importlib.import_module("helpers.analysis.export_controls.us_china")
    assert callable(ec.compute_record) and ec.compute_record.__module__.endswith(".record")
