"""The runner's contract, on small fixture notebooks in a throw-away project root.

Tests marked ``kernel`` execute notebooks. They share one execution of the fixture collection (``executed``,
once per module): a test that needs a collection run already in place starts from a copy of its cache
(``warm_root``) instead of executing the same notebooks again.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import nbformat as nbf
import pytest

REPO = Path(__file__).resolve().parents[1]
FIXTURES = REPO / "tests" / "fixtures"
kernel = pytest.mark.kernel


def make_root(where: Path) -> Path:
    """A project root holding only the fixture notebooks; helpers come from the real checkout."""
    r = where / "proj"
    (r / "src").mkdir(parents=True)
    (r / "data").mkdir()
    (r / "data" / "t.csv").write_text("a\n1\n")
    (r / "src" / "helpers").symlink_to(REPO / "src" / "helpers")
    (r / "pyproject.toml").write_text("")
    shutil.copytree(FIXTURES / "notebooks", r / "notebooks")
    return r


@pytest.fixture()
def root(tmp_path):
    return make_root(tmp_path)


@pytest.fixture(scope="module")
def executed(tmp_path_factory):
    """A root whose good and typed notebooks were executed once with default parameters (run 'a')."""
    r = make_root(tmp_path_factory.mktemp("executed"))
    p = helpers(r, "run", "01_good", "02_typed", "--name", "a")
    assert p.returncode == 0, p.stdout + p.stderr
    assert "start    01_good" in p.stdout and "start    02_typed" in p.stdout
    return r


@pytest.fixture()
def warm_root(tmp_path, executed):
    """A fresh root whose cache already holds the default executions of good and typed."""
    r = make_root(tmp_path)
    shutil.copytree(executed / "build" / "cache", r / "build" / "cache")
    return r


def helpers(root: Path, *args, timeout=300):
    env = dict(os.environ, HELPERS_ROOT=str(root), PYTHONPATH=str(FIXTURES), MPLBACKEND="Agg")
    p = subprocess.run(
        [sys.executable, "-m", "helpers", *args],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    return p


@kernel
def test_good_notebook_records_results_and_writes_every_output(warm_root):
    root = warm_root
    p = helpers(root, "run", "01_good", "--jobs", "1")
    assert p.returncode == 0, p.stderr
    assert "-> build/runs/01" in p.stdout  # a subset never takes the collection's 'default' name
    run = root / "build" / "runs" / "01"
    for name in (
        "01_good.ipynb",
        "01_good.html",
        "01_good.report.html",
        "results.json",
        "manifest.json",
        "figures/01_good/squares.png",
        "figures/01_good/squares.svg",
        "site/index.html",
    ):
        assert (run / name).is_file(), name
    results = json.loads((run / "results.json").read_text())
    assert results["01_good"]["squares"] == {"value": [0, 1, 4], "unit": "count", "claims": ["C1"]}
    assert results["01_good"]["total"] == {"value": 5, "low": 0, "high": 6}
    manifest = json.loads((run / "manifest.json").read_text())
    assert manifest["parameters"]["01_good"] == {"n": 3, "label": "demo"}
    assert "data/t.csv" in manifest["data_sha256"]
    assert manifest["packages"]["papermill"]
    assert not (root / "build" / "site").exists()  # the site is the whole collection's default run
    assert "01_good" in (run / "site" / "index.html").read_text()
    assert "http://" not in (run / "01_good.html").read_text().split("<body")[0].replace(
        "http://www.w3.org", ""
    )


@kernel
def test_parameters_reach_the_notebook_and_name_the_run(root):
    p = helpers(root, "run", "01_good", "-p", "n", "4", "-p", "label", "x y")
    assert p.returncode == 0, p.stderr
    runs = [d for d in (root / "build" / "runs").iterdir() if not d.name.startswith(".")]
    assert len(runs) == 1 and runs[0].name != "default"
    results = json.loads((runs[0] / "results.json").read_text())
    assert results["01_good"]["squares"]["value"] == [0, 1, 4, 9]
    assert results["01_good"]["label"]["value"] == "x y"
    named = helpers(root, "run", "01_good", "-p", "n", "2", "--name", "small")
    assert named.returncode == 0
    assert json.loads((root / "build/runs/small/results.json").read_text())["01_good"]["total"]["value"] == 1


@pytest.mark.parametrize(
    "args, expected",
    [
        (["-p", "nn", "3"], "unknown parameter 'nn'; did you mean 'n'?"),
        (["-p", "n", "abc"], "parameter 'n' = 'abc' has the wrong type"),
        (["-p", "n", "0"], "parameter 'n' = 0 is out of range (allowed: >= 1 and <= 1000)"),
        (["-p", "n", "2.5"], "parameter 'n' = 2.5 has the wrong type"),
    ],
)
def test_bad_parameters_exit_2_with_one_clear_line_and_write_nothing(root, args, expected):
    p = helpers(root, "run", "01_good", *args)
    assert p.returncode == 2
    assert expected in p.stderr
    assert "Traceback" not in p.stderr + p.stdout
    assert len(p.stderr.strip().splitlines()) == 1
    assert not (root / "build" / "runs").exists()


def test_every_problem_is_listed_for_typed_parameters(root):
    p = helpers(
        root,
        "run",
        "02_typed",
        "-p",
        "share_pct",
        "150",
        "-p",
        "mode",
        "medium",
        "-p",
        "start",
        "2023-13-01",
        "-p",
        "count",
        "x",
    )
    assert p.returncode == 2
    lines = p.stderr.strip().splitlines()
    assert len(lines) == 4
    for name in ("share_pct", "mode", "start", "count"):
        assert any(f"'{name}'" in ln for ln in lines), name
    cross = helpers(root, "run", "02_typed", "-p", "low", "5", "-p", "high", "1")
    assert cross.returncode == 2 and "low (5.0) must not exceed high (1.0)" in cross.stderr


@kernel
def test_typed_values_are_parsed_from_the_command_line(root):
    p = helpers(
        root,
        "run",
        "02_typed",
        "-p",
        "as_of",
        "2024-02-29",
        "-p",
        "flag",
        "false",
        "-p",
        "names",
        "[AWS, Azure]",
        "-p",
        "mode",
        "loose",
        "-p",
        "share_pct",
        "12.5",
        "--name",
        "t",
    )
    assert p.returncode == 0, p.stderr
    echo = json.loads((root / "build/runs/t/results.json").read_text())["02_typed"]["echo"]["value"]
    assert echo["as_of"] == "2024-02-29" and echo["flag"] is False and echo["names"] == ["AWS", "Azure"]
    assert echo["mode"] == "loose" and echo["share_pct"] == 12.5 and echo["start"] == "2023-01-01"


@kernel
def test_parameter_file_and_unknown_notebook(root, tmp_path):
    f = tmp_path / "p.yaml"
    f.write_text("01_good:\n  n: 5\n")
    p = helpers(root, "run", "01_good", "-f", str(f), "--name", "fromfile")
    assert p.returncode == 0, p.stderr
    assert (
        json.loads((root / "build/runs/fromfile/results.json").read_text())["01_good"]["total"]["value"] == 30
    )
    bad = helpers(root, "run", "goood")
    assert bad.returncode == 2 and "unknown notebook 'goood'; did you mean '01_good'?" in bad.stderr


@kernel
def test_failing_notebook_keeps_good_run_and_others_complete(warm_root):
    root = warm_root
    (root / "notebooks" / "03_failing.ipynb").rename(root / "03_failing.ipynb")
    first = helpers(root, "run")  # the whole (good) collection
    assert first.returncode == 0, first.stderr
    assert "cached   01_good" in first.stdout and "cached   02_typed" in first.stdout
    (root / "03_failing.ipynb").rename(root / "notebooks" / "03_failing.ipynb")
    good_run = root / "build" / "runs" / "default"
    site_before = (root / "build" / "site" / "index.html").read_bytes()
    before = (good_run / "results.json").read_bytes()
    p = helpers(root, "run")  # all three: failing fails at its fourth cell
    assert p.returncode == 1
    assert "start    03_failing" in p.stdout and "cached   01_good" in p.stdout
    assert "notebook 03_failing failed at cell index 3" in p.stderr
    assert 'raise ValueError("planned failure in the fixture")' in p.stderr
    assert "ValueError: planned failure in the fixture" in p.stderr
    assert (good_run / "results.json").read_bytes() == before  # the last good run is intact
    assert (root / "build" / "site" / "index.html").read_bytes() == site_before
    failed = root / "build" / "runs" / "default.failed"
    assert (failed / "03_failing.ipynb").is_file() and (failed / "03_failing.html").is_file()
    assert "planned failure" in (failed / "03_failing.html").read_text()
    res = json.loads((failed / "results.json").read_text())
    assert set(res) == {"01_good", "02_typed"}  # the others finished
    assert (failed / "01_good.html").is_file() and (failed / "02_typed.html").is_file()


@kernel
def test_second_identical_run_is_served_from_the_cache(warm_root):
    root = warm_root  # good was executed once already
    again = helpers(root, "run", "01_good")
    assert again.returncode == 0
    assert "cached   01_good" in again.stdout and "start" not in again.stdout
    (root / "data" / "t.csv").write_text("a\n2\n")  # data changed: executed again
    changed = helpers(root, "run", "01_good")
    assert "start    01_good" in changed.stdout
    forced = helpers(root, "run", "01_good", "--force")
    assert "start    01_good" in forced.stdout


@kernel
def test_results_json_is_byte_identical_across_runs(executed, warm_root):
    forced = helpers(warm_root, "run", "01_good", "02_typed", "--name", "b", "--force")  # a second execution
    assert (
        forced.returncode == 0
        and "start    01_good" in forced.stdout
        and "start    02_typed" in forced.stdout
    )
    a = (executed / "build/runs/a/results.json").read_bytes()
    b = (warm_root / "build/runs/b/results.json").read_bytes()
    assert a == b


def test_empty_collection_still_builds_a_site(root):
    shutil.rmtree(root / "notebooks")
    (root / "notebooks").mkdir()
    p = helpers(root, "run")
    assert p.returncode == 0, p.stderr
    assert "No notebooks" in (root / "build" / "site" / "index.html").read_text()


def test_params_command_lists_types_defaults_and_ranges(root):
    p = helpers(root, "params", "02_typed")
    assert p.returncode == 0
    assert "share_pct: number [%], default 90.0; allowed > 0 and <= 100" in p.stdout
    assert "mode: choice" in p.stdout and "one of 'strict', 'loose'" in p.stdout


@kernel
@pytest.mark.parametrize("how", ["SIGINT to the process group", "SIGTERM"])
def test_an_interrupted_run_leaves_the_last_good_run_and_no_half_written_folders(warm_root, how):
    root = warm_root
    (root / "notebooks" / "03_failing.ipynb").unlink()
    assert helpers(root, "run").returncode == 0
    good = root / "build" / "runs" / "default"
    before = (good / "results.json").read_bytes()
    slow = nbf.v4.new_notebook()
    slow.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    slow.cells = [nbf.v4.new_code_cell("import time\ntime.sleep(60)")]
    nbf.write(slow, root / "notebooks" / "04_slow.ipynb")
    env = dict(os.environ, HELPERS_ROOT=str(root), PYTHONPATH=str(FIXTURES), MPLBACKEND="Agg")
    proc = subprocess.Popen(
        [sys.executable, "-m", "helpers", "run", "--force"],
        cwd=root,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not list((root / "build" / "cache").glob("04_slow/.work-*")):
        time.sleep(0.2)
    time.sleep(2)
    if how == "SIGTERM":
        os.kill(proc.pid, signal.SIGTERM)
    else:
        os.killpg(proc.pid, signal.SIGINT)
    t0 = time.monotonic()
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 130, out + err
    assert time.monotonic() - t0 < 20, "the runner waited for the queued notebooks instead of stopping"
    assert "interrupted: nothing was replaced" in err
    assert "Traceback" not in err
    assert (good / "results.json").read_bytes() == before
    leftovers = [p.name for p in (root / "build" / "runs").iterdir() if p.name.startswith(".")]
    assert leftovers == []
    assert not list((root / "build" / "cache").glob("*/.work-*"))
