"""The process side of a run: a notebook's outcome, the atomic folder swap, SIGTERM handled like Ctrl-C, and
ending a worker pool at once (workers and their kernels). Split from ``runner.execute``, which holds the
run's sequence (lock, stages, cache, collection of results)."""

from __future__ import annotations

import concurrent.futures as cf
import contextlib
import os
import shutil
import signal
import threading
from dataclasses import dataclass
from pathlib import Path

import psutil


@dataclass
class Outcome:
    stem: str
    ok: bool
    seconds: float
    folder: str  # where the executed notebook and figures are
    cached: bool = False
    error: str | None = None
    render_seconds: float = 0.0
    failed_inputs: dict | None = None  # table -> problems, when the kernel could not load a table


def replace_dir(tmp: Path, final: Path) -> None:
    """Move ``tmp`` to ``final`` so that at every moment either the old or the new folder is complete."""
    old = None
    if final.exists():
        old = final.with_name(f".old-{final.name}-{os.getpid()}")
        final.rename(old)
    tmp.rename(final)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


@contextlib.contextmanager
def sigterm_as_interrupt():
    """Within the block, SIGTERM (``kill``, a CI time limit) is handled like Ctrl-C."""
    if threading.current_thread() is not threading.main_thread():  # sweeps run one Runner per thread
        yield
        return

    def interrupt(signum, frame):
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def stop_pool(pool: cf.ProcessPoolExecutor) -> None:
    """End a pool now: queued notebooks are dropped, running workers terminated and their kernels killed.
    ``shutdown`` alone would wait for every notebook already handed to a worker, however long it runs; and a
    kernel left to notice its parent's death by itself would go on writing figures into a work folder for a
    moment after the runner removed it."""
    workers = list((getattr(pool, "_processes", None) or {}).values())  # no public accessor before 3.14
    pool.shutdown(wait=False, cancel_futures=True)
    children: list[psutil.Process] = []
    for w in workers:
        with contextlib.suppress(psutil.Error, TypeError):
            children += psutil.Process(w.pid).children(recursive=True)
    for w in workers:
        w.terminate()
    for c in children:
        with contextlib.suppress(psutil.Error):
            c.kill()
    psutil.wait_procs(children, timeout=10)
    for w in workers:
        w.join(timeout=10)
