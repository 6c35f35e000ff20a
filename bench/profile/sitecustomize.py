"""Timing probes for ``bench/collection.py``'s profile of a cold run (not part of the package).

The benchmark puts this folder on PYTHONPATH for one run, so every Python process of that run (runner,
workers, kernels) imports it at start-up. When HELPERS_BENCH_PROFILE names a file, the functions in
``PROBES`` are wrapped as soon as their module is imported (before any other module binds them) and each
outermost call appends one JSON line: the notebook (from HELPERS_RUN_DIR), the phase and the seconds.
"""

from __future__ import annotations

import functools
import importlib.abc
import json
import os
import sys
import time

OUT = os.environ.get("HELPERS_BENCH_PROFILE")
PROBES = {  # module -> [(function or Class.method, phase)]; a module never imported is never patched
    "helpers.data.store": [("load", "data loading")],
    "helpers.data.catalog": [("load", "data loading")],
    # save and save_many, its forked child too: CPU seconds, some of them spent in parallel
    "helpers.core.plots": [("_write", "figure saving")],
    "IPython.core.pylabtools": [("print_figure", "figure shown inline")],
}
_depth: dict[str, int] = {}


def _stem() -> str:
    run_dir = os.environ.get("HELPERS_RUN_DIR", "")
    return os.path.basename(os.path.dirname(run_dir)) if run_dir else "?"


def _wrap(fn, phase):
    @functools.wraps(fn)
    def timed(*args, **kwargs):
        _depth[phase] = _depth.get(phase, 0) + 1
        t0 = time.perf_counter()
        try:
            return fn(*args, **kwargs)
        finally:
            _depth[phase] -= 1
            if _depth[phase] == 0:
                with open(OUT, "a") as f:
                    f.write(
                        json.dumps({"stem": _stem(), "phase": phase, "seconds": time.perf_counter() - t0})
                        + "\n"
                    )

    return timed


class _Probe(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path, target=None):
        if name not in PROBES:
            return None
        for finder in sys.meta_path:
            if finder is self or not hasattr(finder, "find_spec"):
                continue
            spec = finder.find_spec(name, path, target)
            if spec is not None:
                break
        else:
            return None
        run = spec.loader.exec_module

        def exec_module(module):
            run(module)
            for attr, phase in PROBES[name]:
                *owner_path, fn_name = attr.split(".")
                owner = module
                for part in owner_path:
                    owner = getattr(owner, part, None)
                if callable(getattr(owner, fn_name, None)):
                    setattr(owner, fn_name, _wrap(getattr(owner, fn_name), phase))

        spec.loader.exec_module = exec_module
        return spec


if OUT:
    sys.meta_path.insert(0, _Probe())
