"""Benchmark of the specification grid (run by ``make bench``; not a test): every declared claim's verdict
over its alternatives, cold (fresh processes, nothing cached) and on a rerun with nothing changed.

Goals (issue 12): at least 2,000 specifications in at most 60 s cold on this 2-core machine; a rerun in
at most 2 s. Prints specifications per second.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

CODE = """
import json, sys, time
from pathlib import Path
from helpers.core import paths
from helpers.runner import robustness as rb
root = Path(sys.argv[1])
paths.RUNS, paths.CACHE = root / "runs", root / "cache"
(paths.RUNS / "bench").mkdir(parents=True, exist_ok=True)
(paths.RUNS / "bench" / "manifest.json").write_text(json.dumps({"parameters": {}}))
t0 = time.perf_counter()
doc = rb.robustness(run="bench", jobs=int(sys.argv[2]))
print(json.dumps({"seconds": time.perf_counter() - t0, "n_specs": doc["n_specs"]}))
"""


def once(root: Path, jobs: int) -> tuple[float, dict]:
    t0 = time.perf_counter()
    out = subprocess.run(
        [sys.executable, "-c", CODE, str(root), str(jobs)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return time.perf_counter() - t0, json.loads(out.strip().splitlines()[-1])


def main(repeats: int = 2, jobs: int = 2) -> None:
    colds = []
    for _ in range(repeats):
        with tempfile.TemporaryDirectory() as d:
            wall, doc = once(Path(d), jobs)
            colds.append((wall, doc["n_specs"]))
            rerun, _ = once(Path(d), jobs)
    wall = statistics.median(w for w, _ in colds)
    n = colds[0][1]
    print(
        f"robustness grid: {n:,} specifications, cold {wall:.1f} s wall with imports (runs "
        f"{', '.join(f'{w:.1f}' for w, _ in colds)}; goal <= 60 s), {n / wall:,.0f} specifications/s; "
        f"rerun from the cache {rerun:.1f} s (goal <= 2 s)"
    )


if __name__ == "__main__":
    main()
