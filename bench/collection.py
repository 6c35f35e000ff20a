"""Benchmark of the whole collection through the runner (run by ``make bench``; not a test).

Measures, through the same runner with the same --jobs:
  (a) the floor: as many minimal notebooks as the collection has, each importing pandas, seaborn,
      statsmodels and helpers and drawing one figure;
  (b) the collection cold (every notebook executed: --force);
  (c) the collection warm (nothing changed: everything from the cache);
and how fast a bad parameter is rejected (before any kernel starts).

Trustworthy first: one unmeasured warm-up of each side (OS file caches, byte-code, the kernelspec), then
``--repeats`` (default 3) runs of each side back to back, floor and cold alternating, so a burst of load
from elsewhere hits both; the ratio is of the medians, with the spread of the runs and of the pairwise
ratios. The warm-up cold run is profiled (``bench/profile/sitecustomize.py`` times data loading, figure
saving and inline figures inside the kernels; the executed notebooks' papermill timestamps give kernel
start and the import cells; the runner's manifest gives execution and render seconds) and its time split
is printed. Goals: cold/floor <= 2.0 (then 1.5), warm <= 3 s.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import nbformat as nbf

ROOT = Path(__file__).resolve().parents[1]
PY = sys.executable
PROBES = Path(__file__).resolve().parent / "profile"


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


def measure(
    args: list[str], env: dict | None = None, cwd: Path = ROOT, expect: int = 0
) -> tuple[float, float, int]:
    """(wall seconds, peak MiB, exit code) of a command and its process tree; its stderr is shown only
    when the exit code is not the ``expect``ed one."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(
        args, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
    )
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
    if proc.returncode != expect:
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
        nb.cells = [
            nbf.v4.new_code_cell(
                "import pandas as pd, seaborn as sns, statsmodels.api as sm, matplotlib.pyplot as plt\n"
                "from helpers.core import paths, plots\nplots.set_theme()\n"
                f"fig, ax = plt.subplots()\nsns.lineplot(x=[1, 2, 3], y=[{i}, 2, 1], ax=ax)\n"
                f"plots.save(fig, 'floor', notebook='floor_{i:02d}')"
            )
        ]
        # named NN_*.ipynb: only such files are the collection (the runner ignores any other notebook)
        nbf.write(nb, root / "notebooks" / f"{i + 1:02d}_floor.ipynb")
    return root


def _ts(stamp: str) -> float:
    return dt.datetime.fromisoformat(stamp.replace("Z", "+00:00")).timestamp()


def _is_import_cell(source: str) -> bool:
    """A cell that starts with imports (the notebooks' import and parameter-validation cells)."""
    lines = [ln.strip() for ln in source.splitlines() if ln.strip() and not ln.strip().startswith("#")]
    return bool(lines) and lines[0].startswith(("import ", "from "))


def time_split(run: Path, probes: Path) -> dict[str, float]:
    """Seconds per phase, summed over the run's notebooks (they run --jobs at a time)."""
    manifest = json.loads((run / "manifest.json").read_text())
    split = dict.fromkeys(
        [
            "kernel start",
            "import cells (with validation)",
            "data loading",
            "figure saving",
            "figures shown inline",
            "both HTML renders",
            "the rest (compute, drawing, runner)",
        ],
        0.0,
    )
    total = 0.0
    for stem, nb in manifest["notebooks"].items():
        total += nb["seconds"] + nb.get("render_seconds", 0.0)
        split["both HTML renders"] += nb.get("render_seconds", 0.0)
        doc = json.loads((run / f"{stem}.ipynb").read_text())
        cells = [c for c in doc["cells"] if c["cell_type"] == "code" and c["metadata"].get("papermill")]
        if cells and cells[0]["metadata"]["papermill"].get("start_time"):
            start = _ts(doc["metadata"]["papermill"]["start_time"])
            split["kernel start"] += _ts(cells[0]["metadata"]["papermill"]["start_time"]) - start
        split["import cells (with validation)"] += sum(
            c["metadata"]["papermill"].get("duration") or 0.0
            for c in cells
            if _is_import_cell("".join(c["source"]))
        )
    for line in probes.read_text().splitlines() if probes.is_file() else []:
        rec = json.loads(line)
        if rec["stem"] in manifest["notebooks"]:
            key = {"figure shown inline": "figures shown inline"}.get(rec["phase"], rec["phase"])
            split[key] += rec["seconds"]
    split["the rest (compute, drawing, runner)"] = total - sum(split.values())
    return split


def critical_path(run: Path) -> list[tuple[str, float, str]]:
    """The run's stages in wall seconds from its start (the manifest's timing), each with the CPU seconds of
    the work in it: the analyses and the grid share the pool; the notebooks reading their results (the
    scorecard) run after both, alone."""
    manifest = json.loads((run / "manifest.json").read_text())
    timing, nbs = manifest.get("timing", {}), manifest["notebooks"]
    first_end = timing.get("analyses and grid done")
    if first_end is None:
        return []
    last_end = timing.get("results readers done", first_end)
    readers = timing.get("results readers", [])
    cpu = {s: nb["seconds"] + nb.get("render_seconds", 0.0) for s, nb in nbs.items() if not nb.get("cached")}
    grid = sum(p["seconds"] for p in timing.get("grid parts", {}).values() if not p["cached"])
    analyses = sum(v for s, v in cpu.items() if s not in readers)
    return [
        ("analyses and grid", first_end, f"notebooks {analyses:.1f} s + grid parts {grid:.1f} s of CPU"),
        (
            "results readers (scorecard)",
            last_end - first_end,
            f"{sum(cpu.get(s, 0) for s in readers):.1f} s, one core",
        ),
        ("manifest, site, moving the run", manifest["total_seconds"] - last_end, ""),
    ]


def spread(xs: list[float]) -> str:
    return f"{statistics.median(xs):6.1f} s  (min {min(xs):.1f}, max {max(xs):.1f}; runs {', '.join(f'{x:.1f}' for x in xs)})"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeats", type=int, default=3, help="measured runs of each side (default 3)")
    args = ap.parse_args(argv)
    notebooks = sorted((ROOT / "notebooks").glob("*.ipynb"))
    n = len(notebooks)
    jobs = str(os.cpu_count() or 2)
    if n == 0:
        print("no notebooks in the collection: nothing to measure")
        return 0
    base = [PY, "-m", "helpers", "run", "--jobs", jobs]
    cold_args = base + ["--force", "--name", "bench"]
    floors, colds, codes = [], [], []
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        root = floor_root(n, Path(tmp))
        env = dict(os.environ, HELPERS_ROOT=str(root))
        floor_args = base + ["--force", "--name", "bench-floor"]
        probes = Path(tmp) / "probes.jsonl"
        profiled = dict(
            os.environ,
            PYTHONPATH=os.pathsep.join(filter(None, [str(PROBES), os.environ.get("PYTHONPATH")])),
            HELPERS_BENCH_PROFILE=str(probes),
        )
        print(
            f"warm-up: one floor run and one profiled cold run (not counted); then {args.repeats} of each",
            flush=True,
        )
        codes.append(measure(floor_args, env=env, cwd=root)[2])
        ran = json.loads((root / "build" / "runs" / "bench-floor" / "manifest.json").read_text())["notebooks"]
        if len(ran) != n:  # a floor that executes nothing would make any collection look slow
            print(
                f"error: the floor ran {len(ran)} notebook(s), not {n}: the measurement is void",
                file=sys.stderr,
            )
            return 1
        warmup = measure(cold_args, env=profiled)
        codes.append(warmup[2])
        split = time_split(ROOT / "build" / "runs" / "bench", probes)
        path = critical_path(ROOT / "build" / "runs" / "bench")
        for i in range(args.repeats):
            f = measure(floor_args, env=env, cwd=root)
            c = measure(cold_args)
            floors.append(f)
            colds.append(c)
            codes += [f[2], c[2]]
            print(
                f"  run {i + 1}: floor {f[0]:.1f} s, cold {c[0]:.1f} s, ratio {c[0] / f[0]:.2f}", flush=True
            )
    warm = measure(base + ["--name", "bench"])
    reject = measure(
        [PY, "-m", "helpers", "run", "-p", "no_such_parameter", "1", "--name", "bench-reject"], expect=2
    )
    shutil.rmtree(ROOT / "build" / "runs" / "bench", ignore_errors=True)
    fs, cs = [f[0] for f in floors], [c[0] for c in colds]
    ratios = [c / f for c, f in zip(cs, fs)]
    print(f"\n{'measurement':<32} {'median wall (spread)':<58} {'peak MiB':>9}")
    print(f"{f'floor ({n} minimal notebooks)':<32} {spread(fs):<58} {max(f[1] for f in floors):9.0f}")
    print(f"{'collection cold':<32} {spread(cs):<58} {max(c[1] for c in colds):9.0f}")
    print(f"{'collection warm':<32} {warm[0]:6.1f} s{'':<50} {warm[1]:9.0f}")
    print(
        f"cold/floor = {statistics.median(cs) / statistics.median(fs):.2f} (ratio of medians; pairwise "
        f"{min(ratios):.2f}-{max(ratios):.2f}; goal <= 2.0, then 1.5)"
    )
    print(f"warm/cold  = {warm[0] / statistics.median(cs):.3f}; warm = {warm[0]:.1f} s (goal <= 3 s)")
    print(
        f"a bad parameter is rejected in {reject[0]:.2f} s with exit code {reject[2]} (goal: < 3 s, exit 2)"
    )
    total = sum(split.values())
    print(
        f"\nwhere a cold run's time goes (the profiled warm-up run, {warmup[0]:.1f} s wall; seconds summed "
        f"over its {n} notebooks, {jobs} at a time):"
    )
    for phase, sec in split.items():
        print(f"  {phase:<38} {sec:6.1f} s  {100 * sec / total:5.1f} %")
    print(f"  {'total notebook time':<38} {total:6.1f} s")
    if path:
        print("its critical path (wall seconds, one stage after the other):")
        for stage, sec, what in path:
            print(f"  {stage:<38} {sec:6.1f} s  {what}")
    return 0 if all(c == 0 for c in codes) and warm[2] == 0 and reject[2] == 2 else 1


if __name__ == "__main__":
    sys.exit(main())
