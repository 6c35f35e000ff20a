"""The runner's temporaries: what a killed run leaves is swept at the next start, a live run's are kept."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from helpers.core import paths
from helpers.runner import cache


@pytest.fixture()
def cache_root(tmp_path, monkeypatch):
    monkeypatch.setattr(paths, "CACHE", tmp_path / "cache")
    return tmp_path


def dead_pid() -> int:
    p = subprocess.Popen([sys.executable, "-c", "pass"])
    p.wait()
    return p.pid


def test_owner_pid_reads_the_number_a_temporary_ends_with():
    assert cache.owner_pid(".work-abc123-4242") == 4242
    assert cache.owner_pid(".tmp-my-run-17") == 17
    assert cache.owner_pid(".tmp-default") is None


def test_temporaries_of_dead_processes_are_swept_and_live_ones_kept(cache_root):
    live = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        gone = dead_pid()
        dead_work = paths.CACHE / "nb" / f".work-k1-{gone}"
        live_work = paths.CACHE / "nb" / f".work-k2-{live.pid}"
        entry = paths.CACHE / "nb" / "k3"
        dead_tmp = cache_root / "runs" / f".tmp-default-{gone}"
        for d in (dead_work, live_work, entry, dead_tmp):
            (d / "figures").mkdir(parents=True)
            (d / "figures" / "a.png").write_bytes(b"x")
        removed = cache.sweep_stale([dead_tmp])
        assert sorted(removed) == sorted([dead_work, dead_tmp])
        assert not dead_work.exists() and not dead_tmp.exists()
        assert live_work.is_dir() and entry.is_dir()
    finally:
        live.kill()
        live.wait()


def test_discard_removes_only_this_process_work_folders(cache_root):
    mine = paths.CACHE / "nb" / f".work-k-{os.getpid()}"
    other = paths.CACHE / "nb" / f".work-k-{dead_pid()}"
    for d in (mine, other):
        d.mkdir(parents=True)
        (d / "out.ipynb").write_text("{}")
    cache.discard_workdirs()
    assert not mine.exists()
    assert other.is_dir()


def test_the_helper_hash_follows_a_linked_package_and_sees_its_changes(tmp_path, monkeypatch):
    """A project whose src/helpers is a symlink (the failed-notebook test builds one) hashes the same files
    as the real package, so its cache keys match; a change to a linked file changes the hash."""
    from helpers.runner import fingerprint

    real = fingerprint.helper_hash()
    pkg = tmp_path / "pkg" / "helpers"
    pkg.mkdir(parents=True)
    (pkg / "mod.py").write_text("x = 1\n")
    (tmp_path / "proj" / "src").mkdir(parents=True)
    (tmp_path / "proj" / "src" / "helpers").symlink_to(pkg)
    monkeypatch.setattr(paths, "SRC", tmp_path / "proj" / "src")
    linked = fingerprint.helper_hash()
    assert [p.name for p in fingerprint._helper_files()] == ["mod.py"]
    (pkg / "mod.py").write_text("x = 2\n")
    changed = fingerprint.helper_hash()
    assert changed != linked and linked != real
    monkeypatch.setattr(paths, "SRC", pkg.parent)  # the same files, not linked: the same hash
    assert fingerprint.helper_hash() == changed
