"""The runner's cache of executed notebooks: ``build/cache/<notebook>/<key>/``.

An entry holds what one execution produced: the executed notebook, its figures, both HTML renders, its
recorded results (``results.json``) and ``done.json`` (the seconds its execution and renders took). The key
(``runner.fingerprint.cache_key``) covers everything the output depends on: the notebook's source, the
validated parameters, the sha256 of every data file, the helper package's code, the installed package
versions and, for the scorecard, the results it reads.

Why not jupyter-cache: it keys an entry on the notebook's code cells only, so a changed data file, a
changed helper module, a changed parameter injected by papermill or an upgraded package would all be
served stale outputs; and it stores the notebook alone, not the figures and renders a run publishes.

An entry is written under a ``.work-<key>-<pid>`` folder and renamed into place only when the
execution succeeded, so a crash or an interrupt never leaves a half entry that looks complete.
"""

from __future__ import annotations

import json
import os
import shutil
import time
from pathlib import Path

import psutil

from helpers.core import paths

ENTRIES_PER_NOTEBOOK = 48  # a sweep needs several entries of one notebook


def entry(stem: str, key: str) -> Path:
    return paths.CACHE / stem / key


def lookup(folder: Path) -> dict | None:
    """The ``done.json`` of a complete entry (and mark it recently used), or None."""
    done = folder / "done.json"
    if not done.is_file():
        return None
    info = json.loads(done.read_text())
    os.utime(folder)  # most recently used entries survive pruning
    return info


def workdir(stem: str, key: str) -> Path:
    """An empty folder for one execution, private to this process."""
    work = paths.CACHE / stem / f".work-{key}-{os.getpid()}"
    if work.exists():
        shutil.rmtree(work)
    work.mkdir(parents=True)
    return work


def store(work: Path, folder: Path, seconds: float, render_seconds: float = 0.0) -> None:
    """Turn a successful execution's work folder into the cache entry ``folder``."""
    done = {"seconds": round(seconds, 2), "render_seconds": round(render_seconds, 2)}
    (work / "done.json").write_text(json.dumps(done))
    if folder.exists():
        shutil.rmtree(folder)
    folder.parent.mkdir(parents=True, exist_ok=True)
    work.rename(folder)
    prune(folder.parent)


def remove_tree(folder: Path, attempts: int = 5) -> None:
    """``rmtree`` that insists: a process ending at the same moment may still add a file while the tree is
    walked (rmtree then fails on a directory that is no longer empty), so try again a few times."""
    for i in range(attempts):
        shutil.rmtree(folder, ignore_errors=True)
        if not folder.exists():
            return
        time.sleep(0.1 * (i + 1))


def discard_workdirs(pid: int | None = None) -> None:
    """Remove this process's unfinished work folders (after an interrupt or a crash)."""
    for work in paths.CACHE.glob(f"*/.work-*-{pid or os.getpid()}"):
        remove_tree(work)


def owner_pid(name: str) -> int | None:
    """The process id a temporary folder's name ends with (``.work-<key>-<pid>``, ``.tmp-<run>-<pid>``)."""
    tail = name.rsplit("-", 1)[-1]
    return int(tail) if tail.isdigit() else None


def sweep_stale(folders: list[Path]) -> list[Path]:
    """Remove temporaries left by runs whose process is gone (killed with SIGKILL, a machine that lost
    power): work folders in the cache and the given run-level temporaries. Folders of a live process (a
    concurrent run) are left alone. Returns what was removed."""
    removed = []
    candidates = list(paths.CACHE.glob("*/.work-*")) + folders
    for folder in candidates:
        pid = owner_pid(folder.name)
        if pid is None or pid == os.getpid() or psutil.pid_exists(pid):
            continue
        remove_tree(folder)
        removed.append(folder)
    return removed


def last_duration(stem: str) -> float:
    """Seconds the most recent cached execution of a notebook took (0 when it never ran)."""
    folder = paths.CACHE / stem
    done = sorted(folder.glob("*/done.json"), key=lambda p: p.stat().st_mtime) if folder.is_dir() else []
    try:
        return float(json.loads(done[-1].read_text()).get("seconds", 0.0)) if done else 0.0
    except (OSError, ValueError):
        return 0.0


def prune(folder: Path, keep: int = ENTRIES_PER_NOTEBOOK) -> None:
    """Keep the ``keep`` most recently used cache entries of one notebook."""
    entries = [p for p in folder.iterdir() if p.is_dir() and not p.name.startswith(".")]
    entries.sort(key=lambda p: p.stat().st_mtime, reverse=True)
    for old in entries[keep:]:
        shutil.rmtree(old, ignore_errors=True)
