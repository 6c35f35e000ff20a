"""A failing machine and a second user: locks, damaged cache entries, temporaries of dead runs, a disk that
refuses writes, a shadowing module in the working directory, SIGTERM during a sweep, a broken table."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time

import nbformat as nbf
import psutil
import pytest
from conftest import helpers, one_line

from helpers.core import paths
from helpers.runner import cache, cli, execute
from helpers.runner.worker import ensure_kernelspec

kernel = pytest.mark.kernel


@pytest.fixture()
def cache_root(tmp_path, monkeypatch):
    monkeypatch.setattr(paths, "CACHE", tmp_path / "cache")
    return tmp_path


def fake_work(where, text="x"):
    where.mkdir(parents=True)
    (where / "nb.ipynb").write_text(json.dumps({"cells": [], "text": text}))
    (where / "results.json").write_text(json.dumps({"total": {"value": 5}}))
    (where / "figures").mkdir()
    (where / "figures" / "a.png").write_bytes(b"png" * 100)
    return where


# ----------------------------------------------------------------- concurrency: one run of a name


def test_a_second_run_of_the_same_name_is_refused_naming_the_holder(root):
    lock = root / "build" / "locks" / "run-x.lock"
    with cache.lock(lock):
        p = helpers(root, "run", "01_good", "--name", "x")
    one_line(p, 2, "run 'x' is in use by another run", f"(process {os.getpid()})")
    assert not (root / "build" / "runs").exists() or not any((root / "build" / "runs").iterdir())


def test_two_stores_of_one_cache_entry_keep_one_intact_entry(cache_root):
    entry = cache.entry("nb", "k1")
    works = [fake_work(paths.CACHE / "nb" / f".work-k1-{i}", text=f"run {i}") for i in range(4)]
    errors = []

    def store(w):
        try:
            cache.store(w, entry, 1.0)
        except Exception as e:  # pragma: no cover - the assertion below shows it
            errors.append(e)

    threads = [threading.Thread(target=store, args=(w,)) for w in works]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert cache.verify(entry) is None and cache.lookup(entry)["seconds"] == 1.0
    assert sorted(p.name for p in (paths.CACHE / "nb").iterdir() if not p.name.startswith(".lock")) == ["k1"]


# -------------------------------------------------------------------- item 9: cache entry integrity


@pytest.mark.parametrize(
    "damage, needle",
    [
        (lambda e: (e / "results.json").write_text('{"total": {"val'), "results.json changed"),
        (lambda e: (e / "nb.ipynb").write_text(""), "nb.ipynb changed"),
        (lambda e: (e / "figures" / "a.png").unlink(), "figures/a.png is missing"),
        (lambda e: (e / "done.json").write_text("{"), "done.json is unreadable"),
        (lambda e: (e / "done.json").write_text('{"seconds": 1}'), "lists no file hashes"),
    ],
    ids=["truncated-results", "emptied-notebook", "lost-figure", "broken-done", "old-entry"],
)
def test_a_damaged_cache_entry_is_detected(cache_root, damage, needle):
    entry = cache.entry("nb", "k")
    cache.store(fake_work(paths.CACHE / "nb" / ".work-k-1"), entry, 2.0)
    assert cache.lookup(entry)["files"]["results.json"]
    damage(entry)
    with pytest.raises(cache.DamagedEntry, match=needle):
        cache.lookup(entry)
    cache.remove_entry(entry)
    assert not entry.exists() and cache.lookup(entry) is None


@kernel
def test_a_truncated_cached_result_is_executed_again_not_served(root):
    assert helpers(root, "run", "01_good", "--name", "c").returncode == 0
    [entry] = [p for p in (root / "build" / "cache" / "01_good").iterdir() if not p.name.startswith(".")]
    res = entry / "results.json"
    res.write_bytes(res.read_bytes()[:10])
    p = helpers(root, "run", "01_good", "--name", "c")
    assert p.returncode == 0, p.stderr
    assert (
        "damaged  01_good" in p.stdout
        and "results.json changed" in p.stdout
        and "start    01_good" in p.stdout
    )
    assert json.loads((root / "build/runs/c/results.json").read_text())["01_good"]["total"]["value"] == 5
    assert p.stdout.strip().splitlines()[-1] == "site page: build/runs/c/site/index.html"


# ------------------------------------------------------------- item 2: temporaries of dead runs


def test_temporaries_of_this_name_are_swept_even_when_their_pid_was_reused(root):
    for nb in (root / "notebooks").glob("*.ipynb"):
        nb.unlink()  # an empty collection: a run without kernels
    runs = root / "build" / "runs"
    mine = runs / f".tmp-default-{os.getpid()}"  # a live pid, but no run of 'default' holds the lock
    other = runs / f".tmp-other-{os.getpid()}"  # another name, a live pid: possibly running, kept
    longer = runs / f".tmp-default-x-{os.getpid()}"  # the name 'default-x' is not 'default'
    for d in (mine, other, longer):
        (d / "figures").mkdir(parents=True)
    p = helpers(root, "run")
    assert p.returncode == 0, p.stderr
    assert not mine.exists() and other.is_dir() and longer.is_dir()
    assert f"removed  build/runs/{mine.name}" in p.stdout
    assert p.stdout.strip().splitlines()[-1] == "site page: build/site/index.html"


# ------------------------------------------------------------ item 8: a disk that refuses writes


def test_a_build_folder_that_cannot_be_written_is_one_line_exit_1(root):
    (root / "build").write_text("a file where the build folder should be")
    p = helpers(root, "run", "01_good")
    one_line(p, 1, "cannot write or read", "build")


@pytest.mark.parametrize("errno, text", [(28, "No space left on device"), (30, "Read-only file system")])
def test_a_full_or_read_only_disk_is_one_line_exit_1(monkeypatch, capsys, errno, text):
    def refuse(self):
        raise OSError(errno, text, str(paths.CACHE / "01_x" / ".work-k-1"))

    monkeypatch.setattr(execute.Runner, "run", refuse)  # cli imports the runner once the plan is valid
    monkeypatch.setattr(cli, "plan_run", lambda *a, **k: type("P", (), {"name": "x", "notebooks": []})())
    assert cli.main(["run", "--name", "x"]) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith("error: cannot write or read") and text in err and "\n" not in err


# --------------------------------------------------------- item 10: a shadowing module in the cwd


def test_a_stray_stdlib_name_in_the_working_directory_does_not_shadow(root, tmp_path):
    cwd = tmp_path / "elsewhere"
    cwd.mkdir()
    for name in ("inspect", "json", "dataclasses"):
        (cwd / f"{name}.py").write_text("raise SystemExit('shadowed by a stray module')\n")
    env = dict(os.environ, HELPERS_ROOT=str(root), PYTHONPATH=str(paths.ROOT / "tests" / "fixtures"))
    env.pop("PYTHONSAFEPATH", None)
    p = subprocess.run(
        [sys.executable, "-m", "helpers", "params", "01_good"],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
    )
    assert p.returncode == 0 and "n: whole number" in p.stdout, p.stderr
    spec = json.loads((ensure_kernelspec() / "kernels" / "helpers-python" / "kernel.json").read_text())
    assert spec["env"]["PYTHONSAFEPATH"] == "1"  # kernels run in notebooks/: same protection


# --------------------------------------------------------------------- SIGTERM during a sweep


def slow_notebook(path):
    n = nbf.v4.new_notebook()
    n.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    n.metadata["helpers"] = {"params_model": "fixture_params:Good"}
    params = nbf.v4.new_code_cell('n = 3  # how many\nlabel = "demo"  # a label')
    params.metadata["tags"] = ["parameters"]
    n.cells = [params, nbf.v4.new_code_cell("import time\n\ntime.sleep(120)")]
    nbf.write(n, path)


@kernel
def test_sigterm_during_a_sweep_leaves_no_temporaries_and_no_processes(root):
    slow_notebook(root / "notebooks" / "05_slow.ipynb")
    env = dict(os.environ, HELPERS_ROOT=str(root), PYTHONPATH=str(paths.ROOT / "tests" / "fixtures"))
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "helpers",
            "sweep",
            "05_slow",
            "-p",
            "n",
            "2",
            "3",
            "--jobs",
            "2",
            "--name",
            "s",
        ],
        cwd=root,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline and len(list((root / "build" / "cache").glob("05_slow/.work-*"))) < 2:
        time.sleep(0.2)
    time.sleep(3)
    family = psutil.Process(proc.pid).children(recursive=True)
    assert family, "the sweep started no worker"
    os.kill(proc.pid, signal.SIGTERM)
    t0 = time.monotonic()
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 130, out + err
    assert (
        time.monotonic() - t0 < 30 and "interrupted: nothing was replaced" in err and "Traceback" not in err
    )
    _gone, alive = psutil.wait_procs(family, timeout=15)
    assert not alive, [p.cmdline()[:3] for p in alive]
    runs = root / "build" / "sweeps" / "s" / "runs"
    assert not [p.name for p in runs.iterdir() if p.name.startswith(".")] if runs.is_dir() else True
    assert not list((root / "build" / "cache").glob("*/.work-*"))
    assert not (root / "build" / "sweeps" / "s" / "results.csv").exists()


# ------------------------------------------------------- item 4: a broken table fails the run, named


@kernel
def test_a_table_that_fails_fails_the_run_even_when_the_notebook_catches_it(root):
    (root / "data" / "metadata").mkdir()
    (root / "data" / "metadata" / "t.yaml").write_text("name: t\nfile: data/t.csv\nsha256: '0000'\n")
    n = nbf.v4.new_notebook()
    n.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    n.cells = [
        nbf.v4.new_code_cell(
            "from helpers import data\n\ntry:\n    data.load('arena')\nexcept data.DataError:\n"
            "    print('Arena table is not available')"
        )
    ]
    nbf.write(n, root / "notebooks" / "04_quiet.ipynb")
    good = root / "build" / "runs" / "q"
    p = helpers(root, "run", "01_good", "04_quiet", "--name", "q")
    assert p.returncode == 1, p.stdout + p.stderr
    assert "Traceback" not in p.stderr
    assert "error: input data/t.csv: sha256" in p.stderr and "data/metadata/t.yaml" in p.stderr
    assert "error: notebook 04_quiet: input table 'arena' failed: data/metadata/arena.yaml" in p.stderr
    assert not good.exists()  # a failed run never takes the good name
    manifest = json.loads((root / "build" / "runs" / "q.failed" / "manifest.json").read_text())
    assert manifest["failed_inputs"]["notebooks"] == {"04_quiet": ["arena"]}
    assert manifest["failed_inputs"]["data"][0].startswith("data/t.csv: sha256")
    assert manifest["notebooks"]["04_quiet"]["ok"] is False and manifest["notebooks"]["01_good"]["ok"] is True
    assert p.stdout.strip().splitlines()[-1] == "site page: build/runs/q.failed/site/index.html"
