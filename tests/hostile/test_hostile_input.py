"""Hostile input to ``helpers run`` / ``sweep``: reserved names, YAML tricks, repeated and infinite values,
notebook keys, notebooks outside the collection. None of these starts a kernel."""

from __future__ import annotations

import json

import pytest
from conftest import helpers, one_line

from helpers.core import params as params_mod
from helpers.core import paths
from helpers.core.errors import UserError
from helpers.runner import plan as plan_mod

# ------------------------------------------------------------------- item 1: the reserved run name


@pytest.mark.parametrize(
    "args, why",
    [
        (["01_good"], "a subset of the notebooks"),
        (["-p", "n", "4"], "parameters other than the defaults"),
        (["--scenario", "s"], "parameters other than the defaults"),
    ],
)
def test_the_default_name_is_refused_for_a_subset_or_other_parameters(root, args, why):
    (root / "notebooks" / "scenarios").mkdir()
    (root / "notebooks" / "scenarios" / "s.yaml").write_text("description: x\nparameters: {n: 5}\n")
    p = helpers(root, "run", *args, "--name", "default")
    one_line(p, 2, "run name 'default' is reserved for the whole collection", why)
    assert not (root / "build" / "runs").exists() and not (root / "build" / "site").exists()


def test_the_default_name_is_allowed_for_the_whole_collection_with_defaults(root, monkeypatch):
    monkeypatch.setattr(paths, "NOTEBOOKS", root / "notebooks")
    plan = plan_mod.plan_run([], [["n", "3"]], name="default")  # 3 is the default: still the default run
    assert plan.name == "default" and len(plan.notebooks) == 3


# ---------------------------------------------------------------------- item 7: YAML and repeated -p

BOMB = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{c}: &{c} [{', '.join([f'*{p}'] * 9)}]\n" for p, c in zip("abcdefgh", "bcdefghi", strict=True)
)


@pytest.mark.parametrize(
    "content, needle",
    [
        (BOMB.encode() + b"names: *i\n", "aliases (*name) are not allowed"),
        (b"n: 3\nn: 4\n", "key 'n' is given twice"),
        (b"01_good:\n  n: 3\n  n: 4\n", "key 'n' is given twice"),
        (b"null: 3\n", "key None is not a name"),
        (b"1: 3\n", "key 1 is not a name"),
        (b"01_good:\n  2: 3\n", "key 2 is not a name"),
        ("n: 3 # caf\u00e9\n".encode("latin-1"), "is not UTF-8 text"),
        (b"n: " + b"[" * 20000 + b"]" * 20000 + b"\n", "nested deeper than"),
        (b"n: [1, 2\n", "is not valid YAML at line"),
        (b"- n\n- 3\n", "expected a mapping"),
    ],
    ids=[
        "alias-bomb",
        "duplicate",
        "duplicate-in-notebook",
        "null-key",
        "int-key",
        "int-key-nested",
        "latin-1",
        "deep",
        "syntax",
        "list",
    ],
)
def test_a_hostile_parameter_file_gives_one_bounded_line(root, tmp_path, content, needle):
    f = tmp_path / "p.yaml"
    f.write_bytes(content)
    p = helpers(root, "run", "-f", str(f), timeout=60)
    one_line(p, 2, needle, "p.yaml")
    assert not (root / "build").exists()


def test_an_alias_bomb_as_a_value_is_refused_without_expanding_it(root):
    p = helpers(root, "run", "02_typed", "-p", "names", "&a [x, *a]", timeout=60)
    one_line(p, 2, "parameter 'names'", "aliases")


def test_a_huge_value_is_echoed_bounded(root):
    p = helpers(root, "run", "01_good", "-p", "n", "x" * 100_000, timeout=60)
    line = one_line(p, 2, "parameter 'n'", "wrong type")
    assert "..." in line


def test_a_repeated_parameter_is_refused(root):
    p = helpers(root, "run", "01_good", "-p", "n", "3", "-p", "n", "4")
    one_line(p, 2, "parameter 'n' is given 2 times with -p")


# ------------------------------------------------------------- item 3 (generic): floats refuse inf/nan


@pytest.mark.parametrize("value", [".inf", ".nan", "inf", "nan", "1.0e999"])
def test_an_infinite_or_nan_float_is_refused(root, value):
    p = helpers(root, "run", "02_typed", "-p", "high", value)
    one_line(p, 2, "parameter 'high'")
    assert "finite number" in p.stderr or "wrong type" in p.stderr


# --------------------------------------------------------------------- item 10: timeout at most zero


@pytest.mark.parametrize("value", ["0", "-5", "abc"])
def test_a_timeout_that_would_mean_none_is_refused(root, value):
    p = helpers(root, "run", "01_good", "--timeout", value)
    assert p.returncode == 2 and "argument --timeout" in p.stderr and "Traceback" not in p.stderr
    assert not (root / "build").exists()


# ------------------------------------------------ issue 15 item 5: notebook keys, the collection, -r


def test_a_misspelt_notebook_key_suggests_a_notebook(root, tmp_path):
    f = tmp_path / "p.yaml"
    f.write_text("02_typd:\n  count: 3\n")
    p = helpers(root, "run", "-f", str(f))
    one_line(p, 2, "unknown notebook '02_typd'", "did you mean '02_typed'")


def test_only_numbered_notebooks_are_the_collection(root, monkeypatch):
    (root / "notebooks" / "out.ipynb").write_bytes((root / "notebooks" / "01_good.ipynb").read_bytes())
    (root / "notebooks" / "scratch-01_good.ipynb").write_text("{}")
    monkeypatch.setattr(paths, "NOTEBOOKS", root / "notebooks")
    assert [p.name for p in plan_mod.all_notebooks()] == [
        "01_good.ipynb",
        "02_typed.ipynb",
        "03_failing.ipynb",
    ]
    with pytest.raises(UserError, match="unknown notebook 'out'"):
        plan_mod.resolve_notebooks(["out"])


def test_a_path_runs_that_file_and_a_stem_the_collection_notebook(root, tmp_path, monkeypatch):
    monkeypatch.setattr(paths, "NOTEBOOKS", root / "notebooks")
    copy = tmp_path / "student" / "01_good.ipynb"
    copy.parent.mkdir()
    copy.write_bytes((root / "notebooks" / "01_good.ipynb").read_bytes())
    assert plan_mod.resolve_notebooks([str(copy)]) == [copy.resolve()]
    assert plan_mod.resolve_notebooks(["01_good"]) == [root / "notebooks" / "01_good.ipynb"]
    plan = plan_mod.plan_run([str(copy)], [])
    assert plan.notebooks == [copy.resolve()] and plan.name.startswith("01_file-")  # never the stem's run
    with pytest.raises(UserError, match="reserved"):
        plan_mod.plan_run([str(copy)], [], name="default")
    with pytest.raises(UserError, match="no notebook file"):
        plan_mod.resolve_notebooks([str(tmp_path / "missing" / "01_good.ipynb")])


def test_a_sweep_result_name_is_checked_before_any_kernel(root):
    entry = root / "build" / "cache" / "01_good" / "k"
    entry.mkdir(parents=True)
    (entry / "results.json").write_text(json.dumps({"total": {"value": 5}, "label": {"value": "demo"}}))
    p = helpers(root, "sweep", "01_good", "-p", "n", "2", "3", "-r", "totl")
    one_line(p, 2, "result(s) totl (did you mean 'total'?) not recorded by 01_good")
    assert not (root / "build" / "sweeps").exists()
    assert sorted(x.name for x in (root / "build" / "cache" / "01_good").iterdir()) == ["k"]


# ------------------------------------------------------------ the check cell: names papermill injected


class Model(params_mod.NotebookParams):
    halving_months: float = params_mod.P(30.0, "halving time", unit="months", gt=0)


def test_the_check_cell_refuses_a_name_papermill_injected_that_the_model_does_not_know():
    ns = {"halving_months": 30.0, "halvng_months": 12, "In": ["", "# Parameters\nhalvng_months = 12\n"]}
    with pytest.raises(params_mod.ParamError) as e:
        params_mod.from_namespace(Model, ns, notebook="03_x")
    assert e.value.problems == ["03_x: unknown parameter 'halvng_months'; did you mean 'halving_months'?"]
    ok = {"halving_months": 12.0, "np": object(), "In": ["", "# Parameters\nhalving_months = 12.0\n"]}
    assert params_mod.from_namespace(Model, ok).halving_months == 12.0
    assert params_mod.from_namespace(Model, {"halving_months": 3.0, "other": 1}).halving_months == 3.0
