"""Work done in a forked child while this process goes on (``plots.save_many`` draws half its figures so).

``start(work)`` forks; the child runs ``work()`` and sends its JSON value back through a pipe, then exits at
once (``os._exit``: no atexit hooks, no second copy of a kernel going on). ``Child.result(timeout)`` returns
that value, or None when the child failed, died, or sent nothing within ``timeout`` seconds; the caller then
does the work itself, so a child can make a result faster, never different or missing. The child is always
reaped, and killed first if it is still running (after a timeout, or when the caller is interrupted).

Only where forking is safe and pays (``usable``): Linux (forking a macOS process that used system frameworks
can crash the child; Python's multiprocessing stopped forking there), the main thread (signals are set up
there), and two usable cores. An interrupt (SIGINT, which Jupyter sends to the kernel's process group) is
blocked across the fork and ignored by the child: it is the parent's, and the parent kills the child.
"""

from __future__ import annotations

import contextlib
import json
import os
import select
import signal
import sys
import threading
import time
import warnings
from collections.abc import Callable


def usable() -> bool:
    return (
        sys.platform.startswith("linux")
        and threading.current_thread() is threading.main_thread()
        and len(os.sched_getaffinity(0)) >= 2
    )


class Child:
    def __init__(self, pid: int, fd: int) -> None:
        self.pid, self.fd, self.done = pid, fd, False

    def result(self, timeout: float):
        """``work()``'s value, or None (the child failed, died or timed out)."""
        chunks, eof = [], False
        deadline = time.monotonic() + timeout
        try:
            while (left := deadline - time.monotonic()) > 0:
                if select.select([self.fd], [], [], left)[0]:
                    chunk = os.read(self.fd, 1 << 16)
                    if not chunk:
                        eof = True
                        break
                    chunks.append(chunk)
        finally:
            code = self.end(kill=not eof)
        try:
            reply = json.loads(b"".join(chunks))
        except ValueError:
            return None
        return reply.get("value") if code == 0 and isinstance(reply, dict) else None

    def end(self, kill: bool = True) -> int | None:
        """Close the pipe and reap the child (killed first with ``kill``); its exit code."""
        if self.done:
            return None
        self.done = True
        os.close(self.fd)
        if kill:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.pid, signal.SIGKILL)
        return os.waitstatus_to_exitcode(os.waitpid(self.pid, 0)[1])


def start(work: Callable[[], object]) -> Child | None:
    """Fork a child that runs ``work()``; None when the fork fails (the caller does the work)."""
    read_end, write_end = os.pipe()
    mask = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        with warnings.catch_warnings():  # Python 3.12+ warns on any fork of a process with threads (a kernel)
            warnings.simplefilter("ignore", DeprecationWarning)
            pid = os.fork()
    except OSError:
        signal.pthread_sigmask(signal.SIG_SETMASK, mask)
        os.close(read_end)
        os.close(write_end)
        return None
    if pid == 0:
        code = 1
        try:
            signal.signal(signal.SIGINT, signal.SIG_IGN)
            signal.pthread_sigmask(signal.SIG_SETMASK, mask)
            os.close(read_end)
            sys.stdout = sys.stderr = open(os.devnull, "w")  # no Python-level output of the child is shown
            data = json.dumps({"value": work()}).encode()
            while data:
                data = data[os.write(write_end, data) :]
            code = 0
        except BaseException:
            pass
        finally:
            os._exit(code)
    signal.pthread_sigmask(signal.SIG_SETMASK, mask)
    os.close(write_end)
    return Child(pid, read_end)
