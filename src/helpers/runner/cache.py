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
``done.json`` lists the sha256 of every file of the entry; ``verify`` checks them before an entry is
served, so a truncated results.json or an emptied notebook is executed again instead of being copied
into a run marked complete. Two runs storing the same entry at once take turns (``lock``): the second
keeps the first one's entry when it verifies.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import shutil
import time
from pathlib import Path

import psutil

from helpers.core import paths
from helpers.core.errors import UserError

ENTRIES_PER_NOTEBOOK = 48  # a sweep needs several entries of one notebook


def entry(stem: str, key: str) -> Path:
    return paths.CACHE / stem / key


def _sha(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def file_hashes(folder: Path) -> dict:
    """sha256 of every file under ``folder`` except ``done.json``, by path relative to it."""
    return {
        str(p.relative_to(folder)): _sha(p)
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.name != "done.json"
    }


def verify(folder: Path) -> str | None:
    """What is wrong with a cache entry (None: complete and unchanged since it was stored)."""
    try:
        info = json.loads((folder / "done.json").read_text())
    except (OSError, ValueError):
        return "its done.json is unreadable"
    files = info.get("files") if isinstance(info, dict) else None
    if not isinstance(files, dict) or not files:
        return "it lists no file hashes (written by an older runner)"
    for rel, digest in sorted(files.items()):
        p = folder / rel
        try:
            if _sha(p) != digest:
                return f"{rel} changed since it was stored"
        except OSError:
            return f"{rel} is missing"
    return None


def lookup(folder: Path) -> dict | None:
    """The ``done.json`` of a complete entry (and mark it recently used), or None.

    An entry that fails ``verify`` raises ``DamagedEntry`` (the caller removes it and executes again)."""
    done = folder / "done.json"
    if not done.is_file():
        return None
    problem = verify(folder)
    if problem is not None:
        raise DamagedEntry(problem)
    info = json.loads(done.read_text())
    with contextlib.suppress(OSError):
        os.utime(folder)  # most recently used entries survive pruning
    return info


class DamagedEntry(Exception):
    """A cache entry whose files do not match the hashes it was stored with."""


@contextlib.contextmanager
def lock(path: Path, wait: bool = True, what: str = ""):
    """An exclusive lock on ``path`` (a file created if needed) for the block; released when the process
    ends, however it ends. ``wait=False``: raise ``UserError`` naming ``what`` when another process holds
    it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
        except BlockingIOError:
            holder = ""
            with contextlib.suppress(OSError, ValueError):
                holder = f" (process {int(os.pread(fd, 32, 0).decode().strip())})"
            raise UserError(f"{what or path.name} is in use by another run{holder}") from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, str(os.getpid()).encode(), 0)
        yield
    finally:
        os.close(fd)  # closing releases the lock


def held(path: Path) -> bool:
    """True when another process holds the lock on ``path``."""
    if not path.is_file():
        return False
    fd = os.open(path, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
        return False
    except BlockingIOError:
        return True
    finally:
        os.close(fd)


def workdir(stem: str, key: str) -> Path:
    """An empty folder for one execution, private to this process."""
    work = paths.CACHE / stem / f".work-{key}-{os.getpid()}"
    if work.exists():
        shutil.rmtree(work)
    work.mkdir(parents=True)
    return work


def store(work: Path, folder: Path, seconds: float, render_seconds: float = 0.0) -> None:
    """Turn a successful execution's work folder into the cache entry ``folder``.

    Under the entry's lock: when a concurrent run stored the same entry first and it verifies, that entry
    stays (same key, same inputs) and this execution's folder is discarded."""
    done = {
        "seconds": round(seconds, 2),
        "render_seconds": round(render_seconds, 2),
        "files": file_hashes(work),
    }
    (work / "done.json").write_text(json.dumps(done, sort_keys=True))
    with lock(folder.parent / f".lock-{folder.name}"):
        if folder.exists() and (folder / "done.json").is_file() and verify(folder) is None:
            remove_tree(work)
            return
        if folder.exists():
            old = folder.with_name(f".old-{folder.name}-{os.getpid()}")
            folder.rename(old)
            remove_tree(old)
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
    candidates = list(paths.CACHE.glob("*/.work-*")) + list(paths.CACHE.glob("*/.old-*")) + folders
    for folder in candidates:
        pid = owner_pid(folder.name)
        if pid is None or pid == os.getpid() or psutil.pid_exists(pid):
            continue
        remove_tree(folder)
        removed.append(folder)
    return removed


def remove_entry(folder: Path) -> None:
    """Remove a damaged entry (under its lock, so a concurrent store is not cut in half)."""
    with lock(folder.parent / f".lock-{folder.name}"):
        if folder.exists():
            old = folder.with_name(f".old-{folder.name}-{os.getpid()}")
            folder.rename(old)
            remove_tree(old)


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
        stale_lock = folder / f".lock-{old.name}"
        if not held(stale_lock):
            stale_lock.unlink(missing_ok=True)
