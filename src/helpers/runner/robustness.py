"""``python -m helpers robustness``: every claim's verdict over the grid of its declared alternatives.

Each analysis package declares its analyst choices in ``alternatives.py`` (``DECLARED``) and decides its
verdicts for any parameters with ``verdicts(inputs, P)``, without a kernel. For every claim this command
builds the grid of that claim's choices (the full product where it is small, otherwise the default, every
one-change specification and a seeded sample up to ``--max-specs``), evaluates the verdict of each
specification in-process with the data loaded once per notebook, and writes into the run's folder:

- ``robustness.json``: per claim the specifications evaluated, how many give each verdict, the default's
  verdict, how many agree with it, the single choices that flip it (most influential first) and
  whether it is fragile (one defensible choice flips it);
- ``robustness.csv``: one row per specification (notebook, claim, the changed choices, the verdict).

Identical inputs give byte-identical files. Each notebook's part of the grid is cached on its own
(``build/cache/robustness/<stem>/<key>.json``, the key covering that notebook's parameters, the data, the
helpers and the package versions), so a rerun with nothing changed reads every part from the cache and a
run that changes one notebook's parameters (a scenario) evaluates only that notebook's part.
Notebooks are evaluated in parallel up to ``--jobs`` on any ``concurrent.futures`` executor.
"""

from __future__ import annotations

import concurrent.futures as cf
import csv
import importlib
import importlib.util
import io
import json
import math
import os
import time

from helpers.core import paths
from helpers.core.errors import UserError
from helpers.core.params import model_for, validate
from helpers.core.robustness import grid, summarize
from helpers.publish.site import rebuild_run_site
from helpers.runner.fingerprint import data_hashes, helper_hash, package_versions, sha

__all__ = ["cli_robustness", "evaluate_notebook", "robustness"]

SEED = 20261130
DEFAULT_MAX_SPECS = 2000  # per claim
MC_FLAG_SE = 2.0  # a Monte Carlo verdict closer than this many standard errors to its bar is flagged


def analysis_notebooks() -> list[str]:
    """Notebooks whose analysis package declares alternatives (``analysis/<topic>/alternatives.py``)."""
    out = []
    for nb in sorted(paths.NOTEBOOKS.glob("*.ipynb")):
        model = model_for(nb)
        if model is None:
            continue
        package = model.__module__.rsplit(".", 1)[0]
        if importlib.util.find_spec(f"{package}.alternatives") is not None:
            out.append(nb.stem)
    return out


def _run_params(stem: str, run: str) -> dict:
    """The parameters notebook ``stem`` ran with in run ``run`` (defaults when the run has no manifest)."""
    manifest = paths.RUNS / run / "manifest.json"
    if manifest.is_file():
        return json.loads(manifest.read_text()).get("parameters", {}).get(stem, {})
    return {}


def evaluate_notebook(stem: str, values: dict, max_specs: int, seed: int) -> dict:
    """Every declared claim of notebook ``stem``: its summary and its specification rows."""
    model = model_for(paths.notebook(stem))
    package = model.__module__.rsplit(".", 1)[0]
    alt = importlib.import_module(f"{package}.alternatives")
    pkg = importlib.import_module(package)
    P = validate(model, values, notebook=stem)
    t0 = time.perf_counter()
    inputs = pkg.load_inputs(P)
    claims, rows = [], []
    for claim in alt.DECLARED.claims:
        choices = alt.DECLARED.for_claim(claim)
        specs, sampled = grid(choices, max_specs, seed)
        verdicts = [alt.verdicts(inputs, P.model_copy(update=s))[claim] for s in specs]
        summary = summarize(claim, specs, verdicts, choices)
        summary.update(notebook=stem, sampled=sampled, choices=[c.param for c in choices])
        mc_fn = getattr(alt, "MONTE_CARLO", {}).get(claim)
        mc = [mc_fn(inputs, P.model_copy(update=s)) for s in specs] if mc_fn else [None] * len(specs)
        if mc_fn:
            margins = [m["margin_se"] for m in mc]
            summary["monte_carlo"] = {
                "draws_min": min(m["draws"] for m in mc),
                "draws_max": max(m["draws"] for m in mc),
                "min_margin_se": round(min(margins), 3) if math.isfinite(min(margins)) else None,
                "flag_below_se": MC_FLAG_SE,
                "flagged": sum(x < MC_FLAG_SE for x in margins),
            }
        claims.append(summary)
        for i, (s, v, m) in enumerate(zip(specs, verdicts, mc)):
            rows.append(
                {
                    "notebook": stem,
                    "claim": claim,
                    "spec": i,
                    "changes": json.dumps(s, sort_keys=True, default=str),
                    "verdict": v,
                    "mc_draws": m["draws"] if m else "",
                    "mc_margin_se": (f"{m['margin_se']:.3f}" if math.isfinite(m["margin_se"]) else "inf")
                    if m
                    else "",
                    "mc_flag": (m["margin_se"] < MC_FLAG_SE) if m else "",
                }
            )
    return {"claims": claims, "rows": rows, "seconds": time.perf_counter() - t0}


def notebook_key(stem: str, params: dict, max_specs: int = DEFAULT_MAX_SPECS, seed: int = SEED) -> str:
    """The cache key of one notebook's part of the grid: everything its verdicts depend on."""
    payload = {
        "stem": stem,
        "params": params,
        "max_specs": max_specs,
        "seed": seed,
        "data": data_hashes(),
        "helpers": helper_hash(),
        "versions": package_versions(),
    }
    return sha(json.dumps(payload, sort_keys=True, default=str).encode())[:24]


def _write_atomic(path, text: str) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_text(text)
    tmp.replace(path)


FILES = ("robustness.json", "robustness.csv")
LAST_SECONDS = "last-seconds"  # beside a notebook's cached parts: how long its latest evaluation took
CSV_FIELDS = ("notebook", "claim", "spec", "changes", "verdict", "mc_draws", "mc_margin_se", "mc_flag")


def _cache_file(stem: str, key: str):
    return paths.CACHE / "robustness" / stem / f"{key}.json"


def cached_part(stem: str, key: str) -> dict | None:
    """A notebook's cached part of the grid (``evaluate_notebook``'s result), or None; an unreadable entry
    counts as missing and is evaluated again."""
    try:
        return json.loads(_cache_file(stem, key).read_text())
    except (OSError, ValueError):
        return None


def store_part(stem: str, key: str, part: dict) -> dict:
    """Cache a notebook's part of the grid (written atomically) and return it as read back, so a fresh part
    and a cached one are the same values."""
    f = _cache_file(stem, key)
    f.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(part, sort_keys=True, default=str)
    _write_atomic(f, text)
    _write_atomic(f.parent / LAST_SECONDS, f"{part.get('seconds', 0.0):.3f}\n")
    return json.loads(text)


def last_seconds(stem: str) -> float:
    """Seconds the most recent evaluation of a notebook's part took (0 when none is known): the runner queues
    the longest parts first, so the pool's last tasks are short ones."""
    try:
        return float((paths.CACHE / "robustness" / stem / LAST_SECONDS).read_text())
    except (OSError, ValueError):
        return 0.0


def plan_parts(
    stems: list[str], params: dict, force: bool = False, max_specs: int = DEFAULT_MAX_SPECS
) -> dict:
    """The runner's grid: each notebook's key, its cached part (none with ``force``) and the notebooks whose
    part must be evaluated (``missing``); ``futures`` takes their evaluations."""
    keys = {s: notebook_key(s, params[s], max_specs) for s in stems}
    parts = {s: None if force else cached_part(s, keys[s]) for s in stems}
    missing = [s for s in stems if parts[s] is None]
    return {
        "stems": stems,
        "params": params,
        "max_specs": max_specs,
        "keys": keys,
        "parts": parts,
        "missing": missing,
        "futures": {},
    }


def finish_parts(grid: dict, out_dir) -> dict:
    """Cache the parts ``plan_parts``' futures evaluated and write the grid's documents into ``out_dir``."""
    parts = grid["parts"]
    for s, f in grid["futures"].items():
        parts[s] = store_part(s, grid["keys"][s], f.result())
    return write([parts[s] for s in grid["stems"]], grid["max_specs"], SEED, out_dir)


def write(results: list[dict], max_specs: int, seed: int, out_dir) -> dict:
    """Write the grid's documents into ``out_dir``; return the JSON document. ``results`` are the notebooks'
    parts (``evaluate_notebook``'s, fresh or cached), in the order of the notebooks."""
    claims = sorted((c for r in results for c in r["claims"]), key=lambda c: int(c["claim"][1:]))
    doc = {
        "max_specs_per_claim": max_specs,
        "seed": seed,
        "n_specs": sum(c["n_specs"] for c in claims),
        "claims": {c["claim"]: c for c in claims},
    }
    text = json.dumps(doc, indent=2, sort_keys=True, default=str) + "\n"
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=[*CSV_FIELDS], lineterminator="\n")
    w.writeheader()
    for r in results:
        w.writerows(r["rows"])
    _write_atomic(out_dir / "robustness.json", text)
    _write_atomic(out_dir / "robustness.csv", buf.getvalue())
    return json.loads(text)


def robustness(
    run: str = "default",
    jobs: int = 1,
    max_specs: int = DEFAULT_MAX_SPECS,
    seed: int = SEED,
    executor: cf.Executor | None = None,
) -> dict:
    """Evaluate every declared claim for the parameters of run ``run``; write robustness.json and .csv into
    its folder (build/runs/<run>/) and return the JSON document."""
    if max_specs < 1:
        raise UserError(f"--max-specs must be at least 1 (got {max_specs})")
    out_dir = paths.RUNS / run
    if not (out_dir / "manifest.json").is_file():
        known = (
            sorted(p.name for p in paths.RUNS.glob("*") if (p / "manifest.json").is_file())
            if paths.RUNS.is_dir()
            else []
        )
        raise UserError(
            f"--name {run}: no complete run of that name in build/runs/ (runs: {', '.join(known) or 'none'}); "
            "run 'python -m helpers run' first"
        )
    stems = analysis_notebooks()
    params = {s: _run_params(s, run) for s in stems}
    keys = {s: notebook_key(s, params[s], max_specs, seed) for s in stems}
    parts = {s: cached_part(s, keys[s]) for s in stems}
    missing = [s for s in stems if parts[s] is None]
    own = executor is None
    pool = executor or (cf.ProcessPoolExecutor(max_workers=jobs) if jobs > 1 and len(missing) > 1 else None)
    try:
        if pool is None:
            for s in missing:
                parts[s] = store_part(s, keys[s], evaluate_notebook(s, params[s], max_specs, seed))
        else:
            futures = {s: pool.submit(evaluate_notebook, s, params[s], max_specs, seed) for s in missing}
            for s, f in futures.items():
                parts[s] = store_part(s, keys[s], f.result())
    finally:
        if own and pool is not None:
            pool.shutdown()
    return write([parts[s] for s in stems], max_specs, seed, out_dir)


def connect(spec: str | None):
    """The executor named by ``--executor``: None for local processes, a Dask distributed client for
    ``dask://HOST:PORT`` (returned with its executor; close the client when done)."""
    if spec in (None, "", "local"):
        return None, None
    if not spec.startswith("dask://") or len(spec) <= len("dask://"):
        raise UserError(f"--executor {spec}: use 'local' or 'dask://HOST:PORT' (a Dask scheduler's address)")
    try:
        from distributed import Client
    except ImportError:
        raise UserError(
            f"--executor {spec}: Dask distributed is not installed; install the extra: pip install -e '.[dask]'"
        ) from None
    try:
        client = Client("tcp://" + spec[len("dask://") :], timeout=10)
    except OSError as e:
        raise UserError(f"--executor {spec}: no Dask scheduler answers there ({e})") from None
    return client, client.get_executor()


def cli_robustness(args) -> int:
    t0 = time.perf_counter()
    run = args.name or "default"
    client, executor = connect(getattr(args, "executor", None))
    try:
        doc = robustness(run=run, jobs=args.jobs or 1, max_specs=args.max_specs, executor=executor)
    finally:
        if client is not None:
            client.close()
    rebuild_run_site(paths.RUNS / run)  # the scorecard shows how many specifications agree
    for c in doc["claims"].values():
        flip = c["flipped_by"][0] if c["flipped_by"] else None
        how = f"; fragile: {flip['param']} = {flip['value']!r} gives {flip['verdict']}" if flip else ""
        print(
            f"  {c['claim']:<4} {c['default']:<17} {c['agree']:>5} of {c['n_specs']:<5} specifications agree{how}"
        )
    print(
        f"robustness: {doc['n_specs']} specifications in {time.perf_counter() - t0:.1f} s -> "
        f"{(paths.RUNS / run / 'robustness.json').relative_to(paths.ROOT)}"
    )
    return 0
