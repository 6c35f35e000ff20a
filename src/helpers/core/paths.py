"""Every path of the project, resolved from the repository root.

A notebook opened from any working directory (JupyterLab, papermill, a test) finds `data/` through
these names. Set HELPERS_ROOT to point the package at another checkout (used by tests).
"""

from __future__ import annotations

import os
from pathlib import Path


def _find_root() -> Path:
    env = os.environ.get("HELPERS_ROOT")
    if env:
        return Path(env).resolve()
    here = Path(__file__).resolve()
    for parent in here.parents:
        if (parent / "pyproject.toml").is_file() and (parent / "src" / "helpers").is_dir():
            return parent
    raise RuntimeError(
        f"cannot find the repository root above {here}: expected a folder holding pyproject.toml and "
        "src/helpers; set HELPERS_ROOT to the checkout"
    )


ROOT = _find_root()
DATA = ROOT / "data"
RAW = DATA / "raw"
DATA_CACHE = DATA / ".cache"
METADATA = DATA / "metadata"
SOURCES = DATA / "sources"  # one YAML file per domain: source_id -> citation
NOTEBOOKS = ROOT / "notebooks"
SCENARIOS = NOTEBOOKS / "scenarios"
REPORTS = ROOT / "reports"
BUILD = ROOT / "build"
RUNS = BUILD / "runs"
SITE = BUILD / "site"
CACHE = BUILD / "cache"
SWEEPS = BUILD / "sweeps"
SRC = ROOT / "src" / "helpers"
LOCKS = BUILD / "locks"  # one lock file per run name (runner.execute) while a run writes
# in a runner's work folder: the tables a kernel failed to load (written by data.store, read by the runner)
FAILED_INPUTS = "failed_inputs.json"


def run_dir() -> Path:
    """Folder of the run this kernel belongs to (set by the runner); interactive sessions use build/interactive."""
    env = os.environ.get("HELPERS_RUN_DIR")
    return Path(env) if env else BUILD / "interactive"


def notebook(name: str) -> Path:
    """Path of a notebook by stem or file name (``01_benchmark_parity`` or ``01_benchmark_parity.ipynb``)."""
    stem = name[:-6] if name.endswith(".ipynb") else name
    return NOTEBOOKS / f"{stem}.ipynb"
