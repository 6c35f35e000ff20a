"""``helpers sweep`` on the fixture notebooks: grid, CSV, figures, cache, and bad values.

The kernel tests share one project root (``sweep_root``, once per module), so a grid point an earlier
sweep executed is served from the cache.
"""

from __future__ import annotations

import csv

import pytest
from test_runner import helpers, make_root, root  # noqa: F401  (fixture re-used)

kernel = pytest.mark.kernel


@pytest.fixture(scope="module")
def sweep_root(tmp_path_factory):
    return make_root(tmp_path_factory.mktemp("sweeps"))


@kernel
def test_sweep_collects_results_draws_them_and_caches(sweep_root):
    root = sweep_root  # noqa: F811
    p = helpers(root, "sweep", "01_good", "-p", "n", "2", "3", "4", "-r", "total", "--name", "s")
    assert p.returncode == 0, p.stdout + p.stderr
    folder = root / "build" / "sweeps" / "s"
    rows = list(csv.DictReader(open(folder / "results.csv")))
    assert [(r["n"], r["total"]) for r in rows] == [("2", "1"), ("3", "5"), ("4", "14")]
    assert [r["total_low"] for r in rows] == ["0", "0", "0"]
    assert (folder / "total.png").stat().st_size > 0
    again = helpers(root, "sweep", "01_good", "-p", "n", "2", "3", "4", "-r", "total", "--name", "s")
    assert again.returncode == 0
    assert again.stdout.count("cached") == 3 and "start" not in again.stdout


@kernel
def test_two_parameter_grid(sweep_root):
    p = helpers(
        sweep_root, "sweep", "01_good", "-p", "n", "2", "3", "-p", "label", "demo", "b", "--name", "g"
    )
    assert p.returncode == 0, p.stdout + p.stderr
    rows = list(csv.DictReader(open(sweep_root / "build/sweeps/g/results.csv")))
    assert {(r["n"], r["label"]) for r in rows} == {("2", "demo"), ("2", "b"), ("3", "demo"), ("3", "b")}


def test_an_invalid_value_is_rejected_before_any_kernel_naming_it(root):  # noqa: F811
    p = helpers(root, "sweep", "01_good", "-p", "n", "2", "abc", "0")
    assert p.returncode == 2
    assert "parameter 'n' = 'abc' has the wrong type" in p.stderr
    assert "parameter 'n' = 0 is out of range" in p.stderr
    assert not (root / "build" / "sweeps").exists() and not (root / "build" / "cache").exists()
    unknown = helpers(root, "sweep", "01_good", "-p", "m", "1", "2")
    assert unknown.returncode == 2 and "unknown parameter 'm'" in unknown.stderr


@kernel
def test_an_unknown_result_is_named(sweep_root):
    p = helpers(sweep_root, "sweep", "01_good", "-p", "n", "2", "3", "-r", "totl", "--name", "u")
    assert (
        p.returncode == 2
        and "result(s) totl (did you mean 'total'?) not recorded" in p.stderr
        and "total" in p.stderr
    )
