"""Shared fixtures and the test tiers.

``run_notebook`` executes a notebook through the project's runner with parameters and returns its recorded
results (the dict a notebook's ``results.record`` calls wrote); ``default_run`` is the whole collection's
default run.

Parallel: ``make test`` runs pytest-xdist with one worker per core and ``--dist loadfile``: each test file
runs on one worker, so a file's module fixtures are set up once. (Not ``loadgroup``: pytest-xdist 3.8 tags
a test with its group by assigning ``item._nodeid``, which pytest 9 no longer reads, so every test became
its own group.) Files that write the same folder of the real project (``SHARED``) hold a lock named by
that folder for as long as their module runs, so two workers never write it at once. The default run executes once per test
session, whichever worker asks first; the others wait for it and reuse it.

Tiers: a test that starts a Jupyter kernel or runs the runner on notebooks carries the marker ``kernel``
(``notebook`` and ``browser`` tests do too). The fast tier, ``pytest -m "not kernel"``, is the unit and
data tests. Tests mark themselves; as a safety net every test that uses ``run_notebook`` or
``default_run``, or is marked ``notebook`` or ``browser``, is marked ``kernel`` here as well.
"""

from __future__ import annotations

import fcntl
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
os.environ.setdefault("MPLBACKEND", "Agg")

KERNEL_MARKER = (
    "kernel: starts a Jupyter kernel or runs the runner on notebooks (the fast tier is -m 'not kernel')"
)
KERNEL_FIXTURES = {"run_notebook", "default_run", "hawkish_run"}
IMPLIES_KERNEL = {"notebook", "browser"}
# files that write or read the same folder of the real project (not a tmp_path): one lock per folder
SHARED = {
    "test_seminar.py": "build-seminar",  # helpers seminar on the repository writes build/seminar/
    "test_seminar_lab.py": "build-seminar",  # make lab-student serves build/seminar/student/
}


def pytest_configure(config):
    # registered in pyproject.toml too once the lead adds it there; registering twice is harmless, but skip it
    if not any(line.split(":")[0].strip() == "kernel" for line in config.getini("markers")):
        config.addinivalue_line("markers", KERNEL_MARKER)


def pytest_collection_modifyitems(config, items):
    for item in items:
        if item.get_closest_marker("kernel"):
            continue
        if KERNEL_FIXTURES & set(getattr(item, "fixturenames", ())) or any(
            item.get_closest_marker(m) for m in IMPLIES_KERNEL
        ):
            item.add_marker(pytest.mark.kernel)
    items[:] = in_shared_run_order(items)


def in_shared_run_order(items: list) -> list:
    """The files in an order that keeps both xdist workers busy while the shared runs execute: first one
    file that needs the default run (its worker starts that run at once), then every file that needs no
    shared run, then one file that needs the hawkish run (which starts it), then the other files that need
    the default run, last the other files that need the hawkish run.

    In alphabetical order the second worker reached a file needing the default run within seconds and
    waited for it, idle, for most of the run's 1.5-2 minutes. Within a file the order is unchanged, and a
    test never depends on the order of files."""
    needs: dict[str, int] = {}
    for item in items:
        used = set(getattr(item, "fixturenames", ()))
        level = 2 if "hawkish_run" in used else 1 if "default_run" in used else 0
        needs[str(item.path)] = max(needs.get(str(item.path), 0), level)
    first_default = next((f for f, lv in needs.items() if lv == 1), None)
    first_hawkish = next((f for f, lv in needs.items() if lv == 2), None)
    rank = {f: {0: 1, 1: 3, 2: 4}[lv] for f, lv in needs.items()}
    rank.update({f: r for f, r in ((first_default, 0), (first_hawkish, 2)) if f})
    return sorted(items, key=lambda it: rank[str(it.path)])  # sorted is stable: files keep their order


@pytest.fixture(scope="module", autouse=True)
def _shared_folder_lock(request):
    """Hold the lock of the project folder this test file writes (``SHARED``) while the file runs."""
    folder = SHARED.get(request.path.name)
    if folder is None:
        yield
        return
    locks = ROOT / "build" / ".locks"
    locks.mkdir(parents=True, exist_ok=True)
    with open(locks / f"{folder}.lock", "w") as fd:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield


def _run(stem: str, params: dict, name: str | None = None) -> dict:
    """Execute notebooks/<stem>.ipynb via ``python -m helpers run`` and return its results."""
    args = [sys.executable, "-m", "helpers", "run", stem, "--jobs", "1"]
    for k, v in params.items():
        args += ["-p", k, json.dumps(v) if not isinstance(v, str) else v]
    if name:
        args += ["--name", name]
    proc = subprocess.run(args, cwd=ROOT, capture_output=True, text=True, timeout=900)
    if proc.returncode != 0:
        raise AssertionError(
            f"runner failed ({proc.returncode}) for {stem} {params}:\n{proc.stdout}\n{proc.stderr}"
        )
    run_name = name or _run_name_from_output(proc.stdout)
    results = json.loads((ROOT / "build" / "runs" / run_name / "results.json").read_text())
    return results[stem]


def _run_name_from_output(stdout: str) -> str:
    for line in stdout.splitlines():
        if line.startswith("run ") and "->" in line:
            return line.split("->")[-1].strip().split("/")[-1]
    raise AssertionError(f"cannot find the run folder in the runner's output:\n{stdout}")


@pytest.fixture(scope="session")
def run_notebook():
    return _run


def _shared_run(label: str, args: list[str]) -> Path:
    """Run ``python -m helpers run ARGS`` once per test session and return its folder (build/runs/<name>).

    Under xdist the first worker to take the lock runs it and leaves a mark named by the session's id; a
    worker that finds the mark reuses the run (two runs of one name at once would collide, and a second
    default run would rewrite build/site/ while another worker's browser test reads it). Without xdist it
    runs every time it is asked for (once per session: the fixtures are session-scoped)."""
    locks = ROOT / "build" / ".locks"
    locks.mkdir(parents=True, exist_ok=True)
    session = os.environ.get("PYTEST_XDIST_TESTRUNUID", "")
    done = locks / f"{label}-run-{session}.done"
    with open(locks / f"{label}-run-tests.lock", "w") as fd:
        fcntl.flock(fd, fcntl.LOCK_EX)
        if not (session and done.is_file()):
            proc = subprocess.run(
                [sys.executable, "-m", "helpers", "run", *args],
                cwd=ROOT,
                capture_output=True,
                text=True,
                timeout=1800,
            )
            if proc.returncode != 0:
                pytest.fail(
                    f"the {label} run failed (exit {proc.returncode}); every test that needs it fails too:\n"
                    f"{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}",
                    pytrace=False,
                )
            folder = _run_name_from_output(proc.stdout)
            if session:
                for old in locks.glob(f"{label}-run-*.done"):
                    old.unlink()
                done.write_text(folder)
        else:
            folder = done.read_text()
    run = ROOT / "build" / "runs" / folder
    assert (run / "results.json").is_file() and (run / "site" / "index.html").is_file(), run
    return run


@pytest.fixture(scope="session")
def default_run() -> Path:
    """The default run of the whole collection, exactly what ``make run`` executes (every notebook, default
    parameters): ``python -m helpers run`` -> build/runs/default/, copied to build/site/. Shared by the
    browser test and the reports test; the runner's cache makes it cheap when nothing changed."""
    return _shared_run("default", [])


@pytest.fixture(scope="session")
def hawkish_run(default_run) -> Path:
    """The whole collection under the hawkish_controls scenario (notebook 03's parameters changed; the
    other notebooks and their grid parts come from the default run's cache): one run that proves a
    scenario's parameters reach the kernel, the manifest and the site, and that compare lists what moved."""
    return _shared_run("hawkish", ["--scenario", "hawkish_controls"])
