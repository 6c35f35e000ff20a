"""Benchmark of the whole collection through the runner (run by ``make bench``; not a test).

Measures, side by side in one run:
  (a) the floor: as many minimal notebooks as the collection has, each importing pandas, seaborn,
      statsmodels and helpers and drawing one figure, executed through the same runner;
  (b) the collection cold (every notebook executed: --force);
  (c) the collection warm (nothing changed: everything from the cache);
and how fast a bad parameter is rejected (before any kernel starts).
Prints wall time and peak memory (sum of resident memory over the runner's process tree, sampled)
of each, and the ratios cold/floor and warm/cold. Goals: cold/floor <= 1.5, warm <= 3 s.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import nbformat as nbf

ROOT = Path(__file__).resolve().parents[1]
PY = sys.executable


def _tree_rss_kb(pid: int) -> int:
    """Resident memory (kB) of ``pid`` and all its descendants, from /proc."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for d in os.listdir("/proc"):
        if not d.isdigit():
            continue
        try:
            with open(f"/proc/{d}/stat") as f:
                parts = f.read().rsplit(")", 1)[1].split()
            ppid = int(parts[1])
            with open(f"/proc/{d}/statm") as f:
                pages = int(f.read().split()[1])
        except (OSError, IndexError, ValueError):
            continue
        children.setdefault(ppid, []).append(int(d))
        rss[int(d)] = pages * os.sysconf("SC_PAGE_SIZE") // 1024
    total, stack = 0, [pid]
    while stack:
        p = stack.pop()
        total += rss.get(p, 0)
        stack.extend(children.get(p, []))
    return total


def measure(args: list[str], env: dict | None = None, cwd: Path = ROOT) -> tuple[float, float, int]:
    """(wall seconds, peak MiB, exit code) of a command and its process tree."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(args, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    peak = 0
    stop = threading.Event()

    def sample():
        nonlocal peak
        while not stop.is_set():
            peak = max(peak, _tree_rss_kb(proc.pid))
            time.sleep(0.1)
    t = threading.Thread(target=sample, daemon=True)
    t.start()
    _, err = proc.communicate()
    stop.set()
    t.join()
    if proc.returncode not in (0,):
        print(err[-2000:], file=sys.stderr)
    return time.perf_counter() - t0, peak / 1024, proc.returncode


def floor_root(n: int, where: Path) -> Path:
    """A throw-away project root with n minimal notebooks that use the real helpers and data."""
    root = where / "floor"
    (root / "src").mkdir(parents=True)
    (root / "src" / "helpers").symlink_to(ROOT / "src" / "helpers")
    (root / "data").symlink_to(ROOT / "data")
    (root / "pyproject.toml").write_text("")
    (root / "notebooks").mkdir()
    for i in range(n):
        nb = nbf.v4.new_notebook()
        nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
        nb.cells = [nbf.v4.new_code_cell(
            "import pandas as pd, seaborn as sns, statsmodels.api as sm, matplotlib.pyplot as plt\n"
            "from helpers.core import paths, plots\nplots.set_theme()\n"
            f"fig, ax = plt.subplots()\nsns.lineplot(x=[1, 2, 3], y=[{i}, 2, 1], ax=ax)\n"
            f"plots.save(fig, 'floor', notebook='floor_{i:02d}')")]
        nbf.write(nb, root / "notebooks" / f"floor_{i:02d}.ipynb")
    return root


def main() -> int:
    notebooks = sorted((ROOT / "notebooks").glob("*.ipynb"))
    n = len(notebooks)
    jobs = str(os.cpu_count() or 2)
    if n == 0:
        print("no notebooks in the collection: nothing to measure")
        return 0
    base = [PY, "-m", "helpers", "run", "--jobs", jobs]
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        root = floor_root(n, Path(tmp))
        env = dict(os.environ, HELPERS_ROOT=str(root))
        floor = measure(base + ["--force", "--name", "bench-floor"], env=env, cwd=root)
    cold = measure(base + ["--force", "--name", "bench"])
    warm = measure(base + ["--name", "bench"])
    reject = measure([PY, "-m", "helpers", "run", "-p", "no_such_parameter", "1", "--name", "bench-reject"])
    shutil.rmtree(ROOT / "build" / "runs" / "bench", ignore_errors=True)
    rows = [("floor (%d minimal notebooks)" % n, floor), ("collection cold", cold), ("collection warm", warm)]
    print(f"{'measurement':<32} {'wall s':>8} {'peak MiB':>9} {'exit':>5}")
    for name, (sec, mib, code) in rows:
        print(f"{name:<32} {sec:8.1f} {mib:9.0f} {code:5d}")
    print(f"cold/floor = {cold[0] / floor[0]:.2f} (goal <= 1.5)")
    print(f"warm/cold  = {warm[0] / cold[0]:.3f}; warm = {warm[0]:.1f} s (goal <= 3 s)")
    print(f"a bad parameter is rejected in {reject[0]:.2f} s with exit code {reject[2]} (goal: < 3 s, exit 2)")
    return 0 if all(r[2] == 0 for _, r in rows) and reject[2] == 2 else 1


if __name__ == "__main__":
    sys.exit(main())
