"""Execution: notebooks handed to a pool of worker processes (``runner.worker``: papermill, renders), then
a run folder moved into place only when complete.

Contract (see README and design.md):
- a failing notebook does not stop the others; the runner names notebook, cell, source and error, keeps
  the partial notebook (rendered) in ``build/runs/<RUN>.failed/`` and exits 1; the last good run stays;
- a notebook whose source, parameters, data and helper sources are unchanged is taken from the cache;
- an interrupt (Ctrl-C, SIGINT to the process group, SIGTERM) or a crash leaves neither a half-written run
  nor a half-written cache entry: queued notebooks are dropped, running workers are ended at once (their
  kernels are killed with them), the temporary folders are removed and the
  exception goes on to the CLI;
- one run of a name at a time (a lock per run name under ``build/locks/``; a second run of the same name
  is refused with a message naming the process that holds it) and one store of a cache entry at a time;
- an input table whose file differs from its metadata, or that a kernel failed to load (even when the
  notebook's analysis caught the error), fails the run naming the table; the manifest records it under
  ``failed_inputs``;
- every run ends by printing the path of its site page.
"""

from __future__ import annotations

import concurrent.futures as cf
import datetime as dt
import json
import multiprocessing as mp
import os
import shutil
import sys
import time
from pathlib import Path

from helpers.core import paths
from helpers.core.results import collect
from helpers.publish.site import build_run_site
from helpers.runner import cache, fingerprint
from helpers.runner import robustness as rb
from helpers.runner.plan import Plan, nb_meta, stages
from helpers.runner.processes import Outcome, replace_dir, sigterm_as_interrupt, stop_pool
from helpers.runner.worker import ensure_kernelspec, execute, render_html


def _rel(p: Path) -> Path:
    return p.relative_to(paths.ROOT) if p.is_relative_to(paths.ROOT) else p


class Runner:
    def __init__(
        self,
        plan: Plan,
        jobs: int | None = None,
        force: bool = False,
        timeout: int = 900,
        out=sys.stdout,
        err=sys.stderr,
        runs_root: Path | None = None,
        grid: bool = True,
    ):
        self.plan = plan
        self.grid = grid  # evaluate the specification grid of the run's analyses (for the scorecard)
        self.jobs = max(1, jobs or os.cpu_count() or 1)
        self.force = force
        self.timeout = timeout
        self.out, self.err = out, err
        self.runs_root = runs_root or paths.RUNS
        self._pool: cf.ProcessPoolExecutor | None = None
        self._cancelled = False
        self.input_problems: list[str] = []
        # wall seconds from the start to the end of each stage, and each grid part's own seconds (the manifest's
        # "timing"; bench/collection.py prints it as the run's critical path)
        self.timing: dict = {}

    def cancel(self) -> None:
        """Stop this run from another thread (a sweep interrupted): its pool is ended, and the thread
        running ``run`` cleans up as after an interrupt."""
        self._cancelled = True
        if self._pool is not None:
            stop_pool(self._pool)

    def lock_path(self) -> Path:
        """The lock file of this run's name (runs of the collection and each sweep's runs apart)."""
        if self.runs_root == paths.RUNS:
            return paths.LOCKS / f"run-{self.plan.name}.lock"
        return paths.LOCKS / f"{self.runs_root.parent.name}-{self.plan.name}.lock"

    def site_page(self, final: Path) -> Path:
        if self.plan.name == "default" and final.name == "default" and (paths.SITE / "index.html").is_file():
            return paths.SITE / "index.html"
        return final / "site" / "index.html"

    def say(self, msg: str) -> None:
        print(msg, file=self.out, flush=True)

    def run(self) -> int:
        what = f"run '{self.plan.name}'"
        with cache.lock(self.lock_path(), wait=False, what=what):
            return self._run_locked()

    def _run_locked(self) -> int:
        plan = self.plan
        t0 = time.perf_counter()
        self.runs_root.mkdir(parents=True, exist_ok=True)
        # this process holds the name's lock: any temporary of this name is a dead run's, whatever its pid
        for stale in [
            *self.runs_root.glob(f".tmp-{plan.name}-*"),
            *self.runs_root.glob(f".old-{plan.name}-*"),
        ]:
            if stale.name.rsplit("-", 1)[0] in {f".tmp-{plan.name}", f".old-{plan.name}"}:
                cache.remove_tree(stale)
                self.say(f"  removed  {_rel(stale)} (left by a run that was killed)")
        leftovers = [*self.runs_root.glob(".tmp-*"), *self.runs_root.glob(".old-*")]
        leftovers += [*paths.BUILD.glob(".tmp-site-*"), *paths.BUILD.glob(".old-site-*")]
        for stale in cache.sweep_stale(leftovers):
            self.say(f"  removed  {_rel(stale)} (left by a run that was killed)")
        tmp = self.runs_root / f".tmp-{plan.name}-{os.getpid()}"
        if tmp.exists():
            shutil.rmtree(tmp)
        tmp.mkdir(parents=True)
        try:
            with sigterm_as_interrupt():
                code = self._run_into(tmp, t0)
        except BaseException:  # interrupted or crashed: leave neither a half run nor half cache entries
            if self._pool is not None:
                stop_pool(self._pool)
            cache.remove_tree(tmp)
            cache.discard_workdirs()
            raise
        final = self.runs_root / (plan.name if code == 0 else f"{plan.name}.failed")
        replace_dir(tmp, final)
        if code == 0:
            stale = self.runs_root / f"{plan.name}.failed"
            if stale.exists():
                shutil.rmtree(stale, ignore_errors=True)
            if plan.name == "default":  # build/site is the whole collection's default run
                site_tmp = paths.BUILD / f".tmp-site-{os.getpid()}"
                if site_tmp.exists():
                    shutil.rmtree(site_tmp)
                shutil.copytree(final / "site", site_tmp)
                replace_dir(site_tmp, paths.SITE)
        total = time.perf_counter() - t0
        if code == 0:
            self.say(f"run {plan.name} complete in {total:.1f}s -> {_rel(final)}")
        else:
            self.say(f"run {plan.name} FAILED in {total:.1f}s; partial outputs kept -> {_rel(final)}")
            good = self.runs_root / plan.name
            if good.exists():
                self.say(f"the last good run is untouched -> {_rel(good)}")
        self.say(f"site page: {_rel(self.site_page(final))}")
        return code

    def _run_into(self, tmp: Path, t0: float) -> int:
        plan = self.plan
        jupyter_path = str(ensure_kernelspec())
        data_h = fingerprint.data_hashes()
        self.input_problems = fingerprint.input_problems(data_h)
        for problem in self.input_problems:
            print(f"error: input {problem}", file=self.err)
        helpers_h = fingerprint.helper_hash()
        versions = fingerprint.package_versions()
        metas = {p.stem: nb_meta(p) for p in plan.notebooks}
        first, last = stages(plan.notebooks, metas)
        outcomes: dict[str, Outcome] = {}
        results: dict[str, dict] = {}
        if not plan.notebooks:
            self.say("no notebooks in notebooks/: nothing to execute")
        hashes = (data_h, helpers_h, versions)
        grid = self._plan_grid(first) if (last and self.grid) else None
        self._stage(first, tmp, outcomes, results, hashes, jupyter_path, upstream="", grid=grid)
        robustness_doc = self._finish_grid(grid, tmp) if grid is not None else None
        self.timing["analyses and grid done"] = round(time.perf_counter() - t0, 2)
        if last:
            self.timing["results readers"] = [p.stem for p in last]
            status = {
                p.stem: {"status": "ok" if outcomes[p.stem].ok else "failed", "error": outcomes[p.stem].error}
                for p in first
            }
            upstream_doc = {
                "notebooks": status,
                "results": results,
                "params": {s: plan.full_params[s] for s in status},
                "scenario": plan.scenario,
                # the specification grid's summary per claim; its rows are robustness.csv beside this file
                "robustness": robustness_doc,
            }
            up = tmp / "upstream.json"
            up.write_text(json.dumps(upstream_doc, indent=2, sort_keys=True))
            self._stage(
                last,
                tmp,
                outcomes,
                results,
                hashes,
                jupyter_path,
                upstream=fingerprint.sha(up.read_bytes()),
                extra_env={"HELPERS_UPSTREAM": str(up)},
            )
            self.timing["results readers done"] = round(time.perf_counter() - t0, 2)
        if self._pool is not None:
            self._pool.shutdown()
            self._pool = None
        # results.json: byte-identical for identical inputs (sorted keys, no timings)
        (tmp / "results.json").write_text(json.dumps(results, indent=2, sort_keys=True) + "\n")
        manifest = {
            "run": plan.name,
            "scenario": plan.scenario,
            "scenario_description": plan.scenario_description,
            "created": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "git_commit": fingerprint.git_commit(),
            "parameters_given": plan.params,
            "parameters": plan.full_params,
            "notebooks": {
                s: {
                    "ok": o.ok,
                    "cached": o.cached,
                    "seconds": round(o.seconds, 2),
                    "render_seconds": round(o.render_seconds, 2),
                    "error": o.error,
                    **({"failed_inputs": o.failed_inputs} if o.failed_inputs else {}),
                }
                for s, o in outcomes.items()
            },
            # tables that failed validation: before the run (file vs metadata) and in a kernel (by notebook)
            "failed_inputs": {
                "data": self.input_problems,
                "notebooks": {s: sorted(o.failed_inputs) for s, o in outcomes.items() if o.failed_inputs},
            },
            "data_sha256": data_h,
            "helpers_sha256": helpers_h,
            "packages": versions,
            "total_seconds": round(time.perf_counter() - t0, 2),
            "timing": self.timing,
        }
        (tmp / "manifest.json").write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n")
        build_run_site(tmp, manifest, results, metas)
        failed = [o for o in outcomes.values() if not o.ok]
        for o in failed:
            if o.failed_inputs:
                for table, problems in sorted(o.failed_inputs.items()):
                    print(
                        f"error: notebook {o.stem}: input table '{table}' failed: {problems[0]}",
                        file=self.err,
                    )
            else:
                print(f"error: notebook {o.stem} failed at {o.error}", file=self.err)
            print(
                f"       partial notebook kept: {o.stem}.ipynb / {o.stem}.html in the failed run folder",
                file=self.err,
            )
        if self.input_problems:
            print(
                f"error: {len(self.input_problems)} input table(s) failed validation (above)", file=self.err
            )
        return 1 if failed or self.input_problems else 0

    def _plan_grid(self, first) -> dict:
        """The specification grid of the first stage's analyses (``runner.robustness``): each notebook's part
        served from the cache, or evaluated in the run's pool alongside the notebooks (it needs parameters and
        data, not results). ``--force`` evaluates every part again."""
        stems = [s for s in rb.analysis_notebooks() if s in {p.stem for p in first}]
        return rb.plan_parts(stems, {s: self.plan.full_params[s] for s in stems}, force=self.force)

    def _submit_grid(self, grid: dict) -> None:
        self._ensure_pool()
        for s in sorted(grid["missing"], key=lambda s: -rb.last_seconds(s)):  # longest first
            grid["futures"][s] = self._pool.submit(
                rb.evaluate_notebook, s, grid["params"][s], grid["max_specs"], rb.SEED
            )

    def _finish_grid(self, grid: dict, tmp: Path) -> dict | None:
        """Write robustness.json and .csv into the run; a grid that fails leaves the run without them (the
        scorecard then says robustness was not computed) and names the error."""
        try:
            doc = rb.finish_parts(grid, tmp)
        except Exception as e:
            print(f"warning: the specification grid failed ({type(e).__name__}: {e})", file=self.err)
            return None
        self.timing["grid parts"] = {
            s: {"seconds": round(grid["parts"][s].get("seconds", 0.0), 2), "cached": s not in grid["missing"]}
            for s in grid["stems"]
        }
        self.say(f"  grid     {doc['n_specs']:,} specifications over {len(doc['claims'])} claims")
        return doc

    def _ensure_pool(self) -> None:
        if self._cancelled:
            raise KeyboardInterrupt
        if self._pool is None:
            workers = min(self.jobs, len(self.plan.notebooks))
            self._pool = cf.ProcessPoolExecutor(max_workers=workers, mp_context=mp.get_context("spawn"))

    def _stage(self, nbs, tmp, outcomes, results, hashes, jupyter_path, upstream, extra_env=None, grid=None):
        todo = []
        for p in nbs:
            key = fingerprint.cache_key(p, self.plan.full_params[p.stem], *hashes, upstream)
            entry = cache.entry(p.stem, key)
            try:
                info = None if self.force else cache.lookup(entry)
            except cache.DamagedEntry as e:
                self.say(f"  damaged  {p.stem}: its cache entry is not intact ({e}); executing again")
                cache.remove_entry(entry)
                info = None
            if info is not None:
                outcomes[p.stem] = Outcome(
                    p.stem,
                    True,
                    info.get("seconds", 0.0),
                    str(entry),
                    cached=True,
                    render_seconds=info.get("render_seconds", 0.0),
                )
                self.say(f"  cached   {p.stem} (executed earlier in {info.get('seconds', 0):.1f}s)")
            else:
                todo.append((p, key, entry))
        if grid is not None and grid["missing"]:
            grid["submit"] = True
        if todo:
            self._execute_all(todo, outcomes, jupyter_path, extra_env or {}, grid)
        elif grid is not None and grid.get("submit"):
            self._submit_grid(grid)
        for p in nbs:
            self._collect(p, outcomes[p.stem], tmp, results)

    def _execute_all(self, todo, outcomes, jupyter_path, extra_env, grid=None):
        """Execute in the run's one pool: the scorecard's stage reuses workers that already imported papermill.
        The specification grid, when it must be evaluated, queues behind the notebooks and fills the workers
        that finish first."""
        todo.sort(key=lambda t: -cache.last_duration(t[0].stem))  # longest first: shorter critical path
        self._ensure_pool()
        futs = {}
        for p, key, entry in todo:
            work = cache.workdir(p.stem, key)
            self.say(f"  start    {p.stem}")
            f = self._pool.submit(
                execute,
                p.stem,
                str(p),
                self.plan.params[p.stem],
                str(work),
                jupyter_path,
                self.timeout,
                extra_env,
            )
            futs[f] = (p, entry, work)
        if grid is not None and grid.get("submit"):
            self._submit_grid(grid)
        for f in cf.as_completed(futs):
            if self._cancelled:
                raise KeyboardInterrupt
            p, entry, work = futs[f]
            try:
                r = f.result()
            except Exception as e:  # worker crashed
                r = {"ok": False, "seconds": 0.0, "error": f"the worker crashed ({type(e).__name__}: {e})"}
            if r["ok"]:
                cache.store(work, entry, r["seconds"], r.get("render_seconds", 0.0))
                outcomes[p.stem] = Outcome(
                    p.stem, True, r["seconds"], str(entry), render_seconds=r.get("render_seconds", 0.0)
                )
                self.say(f"  done     {p.stem} in {r['seconds']:.1f}s")
            else:
                outcomes[p.stem] = Outcome(
                    p.stem,
                    False,
                    r["seconds"],
                    str(work),
                    error=r["error"],
                    render_seconds=r.get("render_seconds", 0.0),
                    failed_inputs=r.get("failed_inputs"),
                )
                self.say(f"  FAILED   {p.stem} after {r['seconds']:.1f}s: {r['error']}")

    def _collect(self, p: Path, o: Outcome, tmp: Path, results: dict) -> None:
        """Copy one notebook's outputs into the run folder (an entry cached before renders were made in the
        workers is rendered here, once)."""
        src = Path(o.folder)
        nb_file = src / f"{p.stem}.ipynb"
        if nb_file.is_file():
            shutil.copy2(nb_file, tmp / nb_file.name)
            figs = src / "figures"
            if figs.is_dir():
                shutil.copytree(figs, tmp / "figures", dirs_exist_ok=True)
            names = (f"{p.stem}.html", f"{p.stem}.report.html")
            try:
                if not all((src / name).is_file() for name in names):
                    render_html(nb_file, src)
                for name in names:
                    shutil.copy2(src / name, tmp / name)
                if o.ok:
                    cached_results = src / "results.json"
                    if not cached_results.is_file():
                        cached_results.write_text(
                            json.dumps(collect(json.loads(nb_file.read_text())), sort_keys=True)
                        )
                    results[p.stem] = json.loads(cached_results.read_text())
            except Exception as e:  # a notebook that cannot be rendered is a failure of that notebook
                o.ok = False
                o.error = o.error or f"rendering failed: {type(e).__name__}: {e}"
        if not o.ok and src.name.startswith(".work-"):
            shutil.rmtree(src, ignore_errors=True)
