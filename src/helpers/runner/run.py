"""The runner: validate parameters, execute notebooks with papermill (cached, in parallel), render HTML,
collect recorded results, and move a complete run into ``build/runs/<RUN>/`` only when it is complete.

Contract (see README and design.md):
- every parameter is validated before any kernel starts; problems -> one line each, exit 2, nothing written;
- a failing notebook does not stop the others; the runner names notebook, cell, source and error, keeps
  the partial notebook (rendered) in ``build/runs/<RUN>.failed/`` and exits 1; the last good run stays;
- a notebook whose source, parameters, data and helper sources are unchanged is taken from the cache.
"""

from __future__ import annotations

import concurrent.futures as cf
import datetime as dt
import hashlib
import json
import os
import re
import shutil
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from helpers.core.errors import UserError
from helpers.core import paths
from helpers.core import params as params_mod

SCORECARD_FLAG = "reads_results"       # notebook metadata helpers.reads_results = true: runs after the rest
KERNEL_NAME = "helpers-python"


# ------------------------------------------------------------------------------------------ selection

def all_notebooks() -> list[Path]:
    return sorted(p for p in paths.NOTEBOOKS.glob("*.ipynb") if not p.name.startswith("."))


def resolve_notebooks(names: list[str]) -> list[Path]:
    if not names:
        return all_notebooks()
    known = {p.stem: p for p in all_notebooks()}
    out, problems = [], []
    for n in names:
        p = Path(n)
        stem = p.stem if n.endswith(".ipynb") else n
        if stem in known:
            out.append(known[stem])
        elif p.suffix == ".ipynb" and p.is_file():
            out.append(p.resolve())
        else:
            import difflib
            close = difflib.get_close_matches(stem, known, n=1, cutoff=0.4)
            hint = f"; did you mean '{close[0]}'?" if close else ""
            problems.append(f"unknown notebook '{n}'{hint} (known: {', '.join(known) or 'none'})")
    if problems:
        raise UserError("\n".join(problems))
    return out


def nb_meta(path: Path) -> dict:
    try:
        nb = json.loads(path.read_text())
    except (OSError, json.JSONDecodeError) as e:
        raise UserError(f"{path.name}: cannot be read as a notebook ({e})") from None
    return nb.get("metadata", {}).get("helpers", {})


# ---------------------------------------------------------------------------------------- parameters

def load_scenario(name: str) -> dict:
    folder = paths.SCENARIOS
    known = sorted(p.stem for p in folder.glob("*.yaml")) if folder.is_dir() else []
    if name not in known:
        raise UserError(f"unknown scenario '{name}'; known scenarios: {', '.join(known) or 'none'}")
    doc = yaml.safe_load((folder / f"{name}.yaml").read_text()) or {}
    if not isinstance(doc, dict) or not isinstance(doc.get("parameters", {}), dict):
        raise UserError(f"notebooks/scenarios/{name}.yaml: expected 'description' and a 'parameters' mapping")
    return doc


def _read_param_file(path: str) -> dict:
    p = Path(path)
    if not p.is_file():
        raise UserError(f"parameter file '{path}' does not exist")
    try:
        doc = yaml.safe_load(p.read_text()) or {}
    except yaml.YAMLError as e:
        raise UserError(f"parameter file '{path}' is not valid YAML ({str(e).splitlines()[0]})") from None
    if not isinstance(doc, dict):
        raise UserError(f"parameter file '{path}': expected a mapping of name: value (or notebook: {{...}})")
    return doc


def _split_params(doc: dict, stems: list[str]) -> tuple[dict, dict]:
    """Separate a {name: value} / {notebook: {name: value}} mapping into (global, per-notebook)."""
    glob, per = {}, {}
    for k, v in doc.items():
        if k in stems and isinstance(v, dict):
            per.setdefault(k, {}).update(v)
        else:
            glob[k] = v
    return glob, per


@dataclass
class Plan:
    notebooks: list[Path]
    params: dict            # stem -> validated, JSON-safe dict of parameters given (not defaults)
    full_params: dict       # stem -> all parameters with defaults
    name: str
    scenario: str | None = None
    scenario_description: str | None = None
    given: dict = field(default_factory=dict)   # global user values (for naming)


def plan_run(notebooks: list[str], cli_params: list, param_file: str | None = None,
             scenario: str | None = None, name: str | None = None) -> Plan:
    """Everything checked before any kernel starts; raises UserError listing every problem."""
    nbs = resolve_notebooks(notebooks)
    stems = [p.stem for p in nbs]
    models = {p.stem: params_mod.model_for(p) for p in nbs}
    glob, per = {}, {}
    scen_desc = None
    if scenario:
        doc = load_scenario(scenario)
        scen_desc = str(doc.get("description", "")).strip()
        g, pn = _split_params(doc.get("parameters", {}) or {}, [p.stem for p in all_notebooks()])
        glob.update(g)
        for k, v in pn.items():
            per.setdefault(k, {}).update(v)
    user_glob, user_per = {}, {}        # what the user added on top of a scenario (names the run)
    if param_file:
        g, pn = _split_params(_read_param_file(param_file), [p.stem for p in all_notebooks()])
        user_glob.update(g)
        for k, v in pn.items():
            user_per.setdefault(k, {}).update(v)
    problems: list[str] = []
    for pname, raw in cli_params:
        owners = [s for s in stems if models[s] is not None and pname in models[s].model_fields]
        model = models[owners[0]] if owners else None
        user_glob[pname] = params_mod.parse_cli_value(model, pname, raw)
    glob.update(user_glob)
    for k, v in user_per.items():
        per.setdefault(k, {}).update(v)
    # a global name must belong to at least one selected notebook
    all_fields = {f: s for s in stems if models[s] for f in models[s].model_fields}
    for pname in glob:
        if pname not in all_fields:
            import difflib
            close = difflib.get_close_matches(pname, list(all_fields), n=1, cutoff=0.5)
            hint = f"; did you mean '{close[0]}'?" if close else ""
            problems.append(f"unknown parameter '{pname}'{hint} (no selected notebook has it; "
                            f"see 'python -m helpers params NOTEBOOK')")
    for k in per:
        if k not in stems and scenario is None:
            problems.append(f"parameters given for notebook '{k}', which is not selected")
    validated, full = {}, {}
    for p in nbs:
        s, model = p.stem, models[p.stem]
        vals = {k: v for k, v in glob.items() if model is not None and k in model.model_fields}
        vals.update(per.get(s, {}))
        try:
            inst = params_mod.validate(model, vals, notebook=s)
        except params_mod.ParamError as e:
            problems.extend(e.problems)
            continue
        if inst is None:
            validated[s], full[s] = {}, {}
        else:
            d = inst.as_dict()
            validated[s] = {k: d[k] for k in vals}
            full[s] = d
    if problems:
        raise params_mod.ParamError(problems)
    run_name = name or _derive_name(user_glob, user_per, scenario)
    if not name and len(nbs) != len(all_notebooks()):
        # a subset never replaces the whole collection's run of the same parameters
        subset = "-".join(s.split("_")[0] for s in stems)
        run_name = subset if run_name == "default" else f"{subset}_{run_name}"
    if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,80}", run_name):
        raise UserError(f"run name '{run_name}' may use only letters, digits, '_', '-', '.' (max 80)")
    return Plan(nbs, validated, full, run_name, scenario, scen_desc, glob)


def _derive_name(glob: dict, per: dict, scenario: str | None) -> str:
    if not glob and not per:
        return scenario or "default"
    items = sorted(glob.items()) + sorted((f"{s}.{k}", v) for s, d in per.items() for k, v in d.items())
    slug = "_".join(f"{k}-{v}" for k, v in items)
    slug = re.sub(r"[^A-Za-z0-9_.-]+", "", slug.replace(" ", ""))
    digest = hashlib.sha256(json.dumps(items, sort_keys=True, default=str).encode()).hexdigest()[:8]
    prefix = f"{scenario}_" if scenario else ""
    return (prefix + slug)[:48].rstrip("_.-") + "-" + digest if len(prefix + slug) > 48 else prefix + slug


# ------------------------------------------------------------------------------------------- hashing

def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def data_hashes() -> dict:
    out = {}
    for p in sorted(paths.DATA.rglob("*")):
        if p.is_file() and "raw" not in p.relative_to(paths.DATA).parts[:1] and ".cache" not in p.parts \
                and p.suffix in {".csv", ".yaml", ".yml", ".json"}:
            out[str(p.relative_to(paths.ROOT))] = _sha(p.read_bytes())
    return out


def helper_hash() -> str:
    h = hashlib.sha256()
    for p in sorted(paths.SRC.rglob("*")):
        if p.is_file() and p.suffix in {".py", ".yaml", ".html", ".css", ".tpl", ".j2"} and "__pycache__" not in p.parts:
            h.update(str(p.relative_to(paths.SRC)).encode())
            h.update(p.read_bytes())
    return h.hexdigest()


def package_versions() -> dict:
    from importlib import metadata
    out = {"python": sys.version.split()[0]}
    for name in ("numpy", "pandas", "scipy", "seaborn", "matplotlib", "statsmodels", "papermill", "nbclient",
                 "nbformat", "ipykernel", "nbconvert", "pandera", "pydantic", "PyYAML"):
        try:
            out[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            pass
    return out


def cache_key(nb_path: Path, full_params: dict, data_h: dict, helpers_h: str, versions: dict,
              upstream: str = "") -> str:
    payload = json.dumps({"notebook": _sha(nb_path.read_bytes()), "params": full_params, "data": data_h,
                          "helpers": helpers_h, "versions": versions, "upstream": upstream}, sort_keys=True)
    return _sha(payload.encode())[:24]


def git_commit() -> str | None:
    head = paths.ROOT / ".git" / "HEAD"
    try:
        ref = head.read_text().strip()
        if ref.startswith("ref: "):
            p = paths.ROOT / ".git" / ref[5:]
            if p.is_file():
                return p.read_text().strip()
            packed = paths.ROOT / ".git" / "packed-refs"
            for line in packed.read_text().splitlines() if packed.is_file() else []:
                if line.endswith(ref[5:]):
                    return line.split()[0]
            return None
        return ref
    except OSError:
        return None


# ----------------------------------------------------------------------------------------- execution

def ensure_kernelspec() -> Path:
    """A kernelspec that runs this very interpreter, so papermill never hits NoSuchKernel in a venv."""
    folder = paths.BUILD / "jupyter" / "kernels" / KERNEL_NAME
    spec = {"argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}",
                     "--IPKernelApp.log_level=CRITICAL"],
            "display_name": "Python (helpers)", "language": "python",
            "env": {"MPLBACKEND": "Agg", "PYDEVD_DISABLE_FILE_VALIDATION": "1"}}
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / "kernel.json"
    text = json.dumps(spec, indent=1)
    if not target.is_file() or target.read_text() != text:
        target.write_text(text)
    return folder.parent.parent


@dataclass
class Outcome:
    stem: str
    ok: bool
    seconds: float
    folder: str              # where the executed notebook and figures are
    cached: bool = False
    error: str | None = None
    cell_index: int | None = None


def _first_lines(src: str, n: int = 3) -> str:
    lines = [ln for ln in src.splitlines() if ln.strip()][:n]
    return " | ".join(ln.strip()[:80] for ln in lines)


def _execute(stem: str, nb_path: str, params: dict, workdir: str, jupyter_path: str, timeout: int,
             extra_env: dict) -> dict:
    """Run in a worker process: execute one notebook into ``workdir`` (figures land there too)."""
    import logging
    logging.getLogger("papermill").setLevel(logging.WARNING)
    os.environ["HELPERS_RUN_DIR"] = workdir
    os.environ["JUPYTER_PATH"] = jupyter_path + os.pathsep + os.environ.get("JUPYTER_PATH", "")
    os.environ["MPLBACKEND"] = "Agg"
    os.environ.update(extra_env)
    import papermill as pm
    from papermill.exceptions import PapermillExecutionError
    out = Path(workdir) / f"{stem}.ipynb"
    start = time.perf_counter()
    attempts = 0
    while True:
        attempts += 1
        try:
            pm.execute_notebook(nb_path, str(out), parameters=params, kernel_name=KERNEL_NAME,
                                cwd=str(paths.NOTEBOOKS), progress_bar=False, log_output=False,
                                execution_timeout=timeout, report_mode=False)
            return {"ok": True, "seconds": time.perf_counter() - start}
        except PapermillExecutionError as e:
            return {"ok": False, "seconds": time.perf_counter() - start, "cell_index": e.cell_index,
                    "error": f"cell index {e.cell_index} ({_first_lines(e.source)}): {e.ename}: "
                             f"{str(e.evalue).splitlines()[0] if str(e.evalue) else ''}".rstrip()}
        except Exception as e:  # kernel start problems (port collisions) get one retry
            started = out.is_file() and any(
                c.get("outputs") for c in json.loads(out.read_text()).get("cells", []))
            if attempts == 1 and not started:
                time.sleep(1.0)
                continue
            return {"ok": False, "seconds": time.perf_counter() - start, "cell_index": None,
                    "error": f"{type(e).__name__}: {str(e).splitlines()[0] if str(e) else ''}"}


# -------------------------------------------------------------------------------------------- output

def render_html(nb_file: Path, out_html: Path, report: bool = False) -> None:
    from helpers.publish.render import render
    render(nb_file, out_html, report=report)


def _replace_dir(tmp: Path, final: Path) -> None:
    """Move ``tmp`` to ``final`` so that at every moment either the old or the new folder is complete."""
    old = None
    if final.exists():
        old = final.with_name(f".old-{final.name}-{os.getpid()}")
        final.rename(old)
    tmp.rename(final)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


CACHE_ENTRIES_PER_NOTEBOOK = 48


def _last_duration(stem: str) -> float:
    """Seconds the most recent cached execution of a notebook took (0 when it never ran)."""
    folder = paths.CACHE / stem
    done = sorted(folder.glob("*/done.json"), key=lambda p: p.stat().st_mtime) if folder.is_dir() else []
    try:
        return float(json.loads(done[-1].read_text()).get("seconds", 0.0)) if done else 0.0
    except (OSError, ValueError):
        return 0.0


def prune_cache(folder: Path, keep: int = CACHE_ENTRIES_PER_NOTEBOOK) -> None:
    """Keep the ``keep`` most recently used cache entries of one notebook (a sweep needs several)."""
    entries = [p for p in folder.iterdir() if p.is_dir() and not p.name.startswith(".")]
    entries.sort(key=lambda p: p.stat().st_mtime, reverse=True)
    for old in entries[keep:]:
        shutil.rmtree(old, ignore_errors=True)


def collect_results(nb_file: Path) -> dict:
    import nbformat
    from helpers.core.results import collect
    return collect(nbformat.read(str(nb_file), as_version=4))


class Runner:
    def __init__(self, plan: Plan, jobs: int | None = None, force: bool = False, timeout: int = 900,
                 out=sys.stdout, err=sys.stderr, runs_root: Path | None = None):
        self.plan = plan
        self.jobs = max(1, jobs or os.cpu_count() or 1)
        self.force = force
        self.timeout = timeout
        self.out, self.err = out, err
        self.runs_root = runs_root or paths.RUNS

    def say(self, msg: str) -> None:
        print(msg, file=self.out, flush=True)

    def run(self) -> int:
        plan = self.plan
        t0 = time.perf_counter()
        self.runs_root.mkdir(parents=True, exist_ok=True)
        tmp = self.runs_root / f".tmp-{plan.name}-{os.getpid()}"
        if tmp.exists():
            shutil.rmtree(tmp)
        tmp.mkdir(parents=True)
        try:
            code = self._run_into(tmp, t0)
        except BaseException:          # interrupted or crashed: leave neither a half run nor half cache entries
            shutil.rmtree(tmp, ignore_errors=True)
            for work in paths.CACHE.glob(f"*/.work-*-{os.getpid()}"):
                shutil.rmtree(work, ignore_errors=True)
            raise
        final = self.runs_root / (plan.name if code == 0 else f"{plan.name}.failed")
        _replace_dir(tmp, final)
        if code == 0:
            stale = self.runs_root / f"{plan.name}.failed"
            if stale.exists():
                shutil.rmtree(stale, ignore_errors=True)
            if plan.name == "default":     # build/site is the whole collection's default run
                site_tmp = paths.BUILD / f".tmp-site-{os.getpid()}"
                if site_tmp.exists():
                    shutil.rmtree(site_tmp)
                shutil.copytree(final / "site", site_tmp)
                _replace_dir(site_tmp, paths.SITE)
        rel = final.relative_to(paths.ROOT) if final.is_relative_to(paths.ROOT) else final
        total = time.perf_counter() - t0
        if code == 0:
            self.say(f"run {plan.name} complete in {total:.1f}s -> {rel}")
        else:
            self.say(f"run {plan.name} FAILED in {total:.1f}s; partial outputs kept -> {rel}")
            good = self.runs_root / plan.name
            if good.exists():
                self.say(f"the last good run is untouched -> {good.relative_to(paths.ROOT) if good.is_relative_to(paths.ROOT) else good}")
        return code

    def _run_into(self, tmp: Path, t0: float) -> int:
        plan = self.plan
        jupyter_path = str(ensure_kernelspec())
        data_h = data_hashes()
        helpers_h = helper_hash()
        versions = package_versions()
        metas = {p.stem: nb_meta(p) for p in plan.notebooks}
        first = [p for p in plan.notebooks if not metas[p.stem].get(SCORECARD_FLAG)]
        last = [p for p in plan.notebooks if metas[p.stem].get(SCORECARD_FLAG)]
        outcomes: dict[str, Outcome] = {}
        results: dict[str, dict] = {}
        if not plan.notebooks:
            self.say("no notebooks in notebooks/: nothing to execute")
        self._stage(first, tmp, outcomes, results, data_h, helpers_h, versions, jupyter_path, upstream="")
        if last:
            status = {p.stem: {"status": "ok" if outcomes[p.stem].ok else "failed",
                               "error": outcomes[p.stem].error} for p in first}
            upstream_doc = {"notebooks": status, "results": results,
                            "params": {s: plan.full_params[s] for s in status},
                            "scenario": plan.scenario}
            up = tmp / "upstream.json"
            up.write_text(json.dumps(upstream_doc, indent=2, sort_keys=True))
            self._stage(last, tmp, outcomes, results, data_h, helpers_h, versions, jupyter_path,
                        upstream=_sha(up.read_bytes()), extra_env={"HELPERS_UPSTREAM": str(up)})
        # results.json: byte-identical for identical inputs (sorted keys, no timings)
        (tmp / "results.json").write_text(json.dumps(results, indent=2, sort_keys=True) + "\n")
        manifest = {
            "run": plan.name,
            "scenario": plan.scenario,
            "scenario_description": plan.scenario_description,
            "created": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
            "git_commit": git_commit(),
            "parameters_given": plan.params,
            "parameters": plan.full_params,
            "notebooks": {s: {"ok": o.ok, "cached": o.cached, "seconds": round(o.seconds, 2),
                              "error": o.error} for s, o in outcomes.items()},
            "data_sha256": data_h,
            "helpers_sha256": helpers_h,
            "packages": versions,
            "total_seconds": round(time.perf_counter() - t0, 2),
        }
        (tmp / "manifest.json").write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n")
        from helpers.publish.site import build_run_site
        build_run_site(tmp, manifest, results, metas)
        failed = [o for o in outcomes.values() if not o.ok]
        for o in failed:
            print(f"error: notebook {o.stem} failed at {o.error}", file=self.err)
            print(f"       partial notebook kept: {o.stem}.ipynb / {o.stem}.html in the failed run folder",
                  file=self.err)
        return 1 if failed else 0

    def _stage(self, nbs, tmp, outcomes, results, data_h, helpers_h, versions, jupyter_path, upstream,
               extra_env=None):
        todo = []
        for p in nbs:
            key = cache_key(p, self.plan.full_params[p.stem], data_h, helpers_h, versions, upstream)
            entry = paths.CACHE / p.stem / key
            if not self.force and (entry / "done.json").is_file():
                info = json.loads((entry / "done.json").read_text())
                os.utime(entry)          # most recently used entries survive pruning
                outcomes[p.stem] = Outcome(p.stem, True, info.get("seconds", 0.0), str(entry), cached=True)
                self.say(f"  cached   {p.stem} (executed earlier in {info.get('seconds', 0):.1f}s)")
            else:
                todo.append((p, key, entry))
        if todo:
            todo.sort(key=lambda t: -_last_duration(t[0].stem))   # longest first: shorter critical path
            workers = min(self.jobs, len(todo))
            ctx = None
            try:
                import multiprocessing as mp
                ctx = mp.get_context("spawn")
            except ValueError:  # pragma: no cover
                pass
            with cf.ProcessPoolExecutor(max_workers=workers, mp_context=ctx) as pool:
                futs = {}
                for p, key, entry in todo:
                    work = paths.CACHE / p.stem / f".work-{key}-{os.getpid()}"
                    if work.exists():
                        shutil.rmtree(work)
                    work.mkdir(parents=True)
                    self.say(f"  start    {p.stem}")
                    f = pool.submit(_execute, p.stem, str(p), self.plan.params[p.stem], str(work),
                                    jupyter_path, self.timeout, extra_env or {})
                    futs[f] = (p, key, entry, work)
                for f in cf.as_completed(futs):
                    p, key, entry, work = futs[f]
                    try:
                        r = f.result()
                    except Exception as e:  # worker crashed
                        r = {"ok": False, "seconds": 0.0, "cell_index": None,
                             "error": f"the worker crashed ({type(e).__name__}: {e})"}
                    if r["ok"]:
                        (work / "done.json").write_text(json.dumps({"seconds": round(r["seconds"], 2)}))
                        if entry.exists():
                            shutil.rmtree(entry)
                        entry.parent.mkdir(parents=True, exist_ok=True)
                        work.rename(entry)
                        prune_cache(entry.parent)
                        outcomes[p.stem] = Outcome(p.stem, True, r["seconds"], str(entry))
                        self.say(f"  done     {p.stem} in {r['seconds']:.1f}s")
                    else:
                        outcomes[p.stem] = Outcome(p.stem, False, r["seconds"], str(work), error=r["error"],
                                                   cell_index=r.get("cell_index"))
                        self.say(f"  FAILED   {p.stem} after {r['seconds']:.1f}s: {r['error']}")
        for p in nbs:
            o = outcomes[p.stem]
            src = Path(o.folder)
            nb_file = src / f"{p.stem}.ipynb"
            if nb_file.is_file():
                shutil.copy2(nb_file, tmp / nb_file.name)
                figs = src / "figures"
                if figs.is_dir():
                    shutil.copytree(figs, tmp / "figures", dirs_exist_ok=True)
                try:
                    # rendered once per cache entry: a warm run only copies
                    for name, report in ((f"{p.stem}.html", False), (f"{p.stem}.report.html", True)):
                        if not (src / name).is_file():
                            render_html(nb_file, src / name, report=report)
                        shutil.copy2(src / name, tmp / name)
                    if o.ok:
                        cached_results = src / "results.json"
                        if not cached_results.is_file():
                            cached_results.write_text(json.dumps(collect_results(nb_file), sort_keys=True))
                        results[p.stem] = json.loads(cached_results.read_text())
                except Exception as e:  # a notebook that cannot be rendered is a failure of that notebook
                    o.ok = False
                    o.error = o.error or f"rendering failed: {type(e).__name__}: {e}"
            if not o.ok and src.name.startswith(".work-"):
                shutil.rmtree(src, ignore_errors=True)


# ------------------------------------------------------------------------------------------------ CLI

def cli_run(args) -> int:
    t0 = time.perf_counter()
    plan = plan_run(args.notebooks, args.param, args.file, args.scenario, args.name)
    print(f"run {plan.name}: {len(plan.notebooks)} notebook(s), validated in {time.perf_counter() - t0:.2f}s",
          flush=True)
    return Runner(plan, jobs=args.jobs, force=args.force, timeout=args.timeout).run()


def cli_params(args) -> int:
    [nb] = resolve_notebooks([args.notebook])
    model = params_mod.model_for(nb)
    rows = params_mod.describe(model)
    if not rows:
        print(f"{nb.stem} takes no parameters")
        return 0
    print(f"parameters of {nb.stem} (set with -p NAME VALUE):\n")
    for r in rows:
        allowed = f"; allowed {r['allowed']}" if r["allowed"] else ""
        unit = f" [{r['unit']}]" if r["unit"] else ""
        print(f"  {r['name']}: {r['type']}{unit}, default {r['default']!r}{allowed}")
        if r["help"]:
            print(f"      {r['help']}")
    return 0
