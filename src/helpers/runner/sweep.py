"""``python -m helpers sweep NOTEBOOK -p NAME V1 V2 ... [-p NAME2 ...] [-r RESULT ...]``.

Runs the grid of parameter values (every combination), in parallel and through the runner's cache, then
collects the chosen recorded results into ``build/sweeps/<name>/results.csv`` and draws each result
against the swept parameter (with its interval where one was recorded). Every grid point is validated
before any kernel starts; a bad value is named in the error.
"""

from __future__ import annotations

import concurrent.futures as cf
import difflib
import hashlib
import io
import itertools
import json
import os
import re
import shutil
from pathlib import Path

from helpers.core import params as params_mod
from helpers.core import paths
from helpers.core.errors import UserError
from helpers.runner.execute import Runner
from helpers.runner.plan import plan_run, resolve_notebooks


def _grid(spec: list[list[str]]) -> tuple[list[str], list[tuple]]:
    names, values = [], []
    for item in spec:
        if len(item) < 2:
            raise UserError(f"sweep: -p {item[0] if item else ''} needs a name and at least one value")
        if item[0] in names:
            raise UserError(f"sweep: parameter '{item[0]}' is given twice")
        names.append(item[0])
        values.append(item[1:])
    return names, list(itertools.product(*values))


def sweep_name(stem: str, names: list[str], points: list[tuple]) -> str:
    digest = hashlib.sha256(json.dumps([stem, names, points]).encode()).hexdigest()[:6]
    return re.sub(r"[^A-Za-z0-9_.-]", "", f"{stem[:2]}_{'_'.join(names)}")[:50] + f"-{digest}"


def plan_sweep(notebook: str, spec: list[list[str]], name: str | None = None):
    [nb] = resolve_notebooks([notebook])
    if not spec:
        raise UserError("sweep: give at least one parameter to vary: -p NAME V1 V2 ...")
    names, points = _grid(spec)
    plans, problems = [], []
    for point in points:
        try:
            plans.append(plan_run([nb.stem], list(zip(names, point)), name="sweep-point"))
        except params_mod.ParamError as e:
            problems.extend(p for p in e.problems if p not in problems)
        except UserError as e:
            problems.append(str(e))
    if problems:
        raise params_mod.ParamError(problems)
    sname = name or sweep_name(nb.stem, names, points)
    if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,80}", sname):
        raise UserError(f"sweep name '{sname}' may use only letters, digits, '_', '-', '.'")
    for i, p in enumerate(plans):
        p.name = f"point-{i:03d}"
    return nb, names, points, plans, sname


def _flat(entry: dict) -> dict:
    v = entry.get("value")
    out = {}
    if isinstance(v, (int, float, str, bool)) or v is None:
        out["value"] = v
        if "low" in entry:
            out["low"] = entry["low"]
        if "high" in entry:
            out["high"] = entry["high"]
    return out


def collect(stem: str, names: list[str], plans, folder: Path, keys: list[str]):
    # pandas and matplotlib (about 3 s of imports) load here and in draw, after the grid ran: a sweep with
    # a bad value is rejected, and every point validated, without them
    import pandas as pd

    rows = []
    available: set = set()
    units: dict = {}
    for plan in plans:
        res = json.loads((folder / "runs" / plan.name / "results.json").read_text()).get(stem, {})
        available |= {k for k, e in res.items() if _flat(e)}
        units.update({k: e["unit"] for k, e in res.items() if e.get("unit")})
        row = {n: plan.full_params[stem][n] for n in names}
        for k in keys or sorted(k for k, e in res.items() if _flat(e)):
            if k not in res:
                continue
            f = _flat(res[k])
            for part, v in f.items():
                row[k if part == "value" else f"{k}_{part}"] = v
        rows.append(row)
    missing = [k for k in keys if k not in available]
    if missing:
        raise UserError(
            f"sweep: result(s) {', '.join(missing)} not recorded by {stem} as a single value; "
            f"recorded: {', '.join(sorted(available))}"
        )
    df = pd.DataFrame(rows)
    df.attrs["units"] = units
    return df


def draw(df, names: list[str], keys: list[str], folder: Path, stem: str) -> list[Path]:
    import matplotlib.pyplot as plt  # deferred: see collect
    import pandas as pd

    from helpers.core import plots

    plots.set_theme()
    x = names[0]
    hue = names[1] if len(names) > 1 else None
    written = []
    for k in keys:
        fig, ax = plt.subplots(figsize=(7, 4.2))
        groups = df.groupby(df[hue].astype(str)) if hue else [(None, df)]
        numeric = pd.api.types.is_numeric_dtype(df[k])
        for label, g in groups:
            g = g.sort_values(x, kind="mergesort") if pd.api.types.is_numeric_dtype(df[x]) else g
            xs = g[x].astype(str) if not pd.api.types.is_numeric_dtype(df[x]) else g[x]
            if numeric and f"{k}_low" in g and f"{k}_high" in g:
                lo = (g[k] - g[f"{k}_low"]).clip(lower=0)
                hi = (g[f"{k}_high"] - g[k]).clip(lower=0)
                ax.errorbar(
                    xs,
                    g[k],
                    yerr=[lo, hi],
                    marker="o",
                    capsize=4,
                    label=f"{hue} = {label}" if hue else "estimate (interval as recorded)",
                )
            else:
                ax.plot(
                    xs,
                    g[k].astype(str) if not numeric else g[k],
                    marker="o",
                    label=f"{hue} = {label}" if hue else None,
                )
        ax.set_xlabel(x)
        unit = df.attrs.get("units", {}).get(k)
        ax.set_ylabel(f"{k} ({unit})" if unit else k)
        first, last = df.iloc[0], df.iloc[-1]
        if numeric and len(df) > 1:
            ax.set_title(
                f"{k} goes from {first[k]:.3g} to {last[k]:.3g} as {x} goes from {first[x]} to {last[x]}"
            )
        else:
            ax.set_title(f"{k} against {x}")
        if ax.get_legend_handles_labels()[0]:
            ax.legend(fontsize=8)
        plots.caption(fig, f"Sweep of notebook {stem}; each point is one run of the notebook.")
        p = folder / f"{re.sub(r'[^A-Za-z0-9_-]', '_', k)}.png"
        fig.savefig(p, bbox_inches="tight", metadata={"Software": None})
        plt.close(fig)
        written.append(p)
    return written


def known_results(stem: str) -> set[str] | None:
    """The result keys ``stem`` records as single values, from its most recent cached execution or the
    default run (None when it never ran here): a sweep's ``-r`` names are checked against them before
    any kernel starts."""
    done = sorted(paths.CACHE.glob(f"{stem}/*/results.json"), key=lambda p: p.stat().st_mtime)
    sources = [*reversed(done), paths.RUNS / "default" / "results.json"]
    for src in sources:
        try:
            doc = json.loads(src.read_text())
        except (OSError, ValueError):
            continue
        res = doc.get(stem) if src.parent.parent == paths.RUNS else doc
        if isinstance(res, dict) and res:
            return {k for k, e in res.items() if isinstance(e, dict) and _flat(e)}
    return None


def check_results(stem: str, keys: list[str], available: set[str]) -> None:
    missing = [k for k in keys if k not in available]
    if missing:
        hints = []
        for k in missing:
            close = difflib.get_close_matches(k, sorted(available), n=1, cutoff=0.5)
            hints.append(f"{k} (did you mean '{close[0]}'?)" if close else k)
        raise UserError(
            f"sweep: result(s) {', '.join(hints)} not recorded by {stem} as a single value; "
            f"recorded: {', '.join(sorted(available))}"
        )


def cli_sweep(args) -> int:
    nb, names, points, plans, sname = plan_sweep(args.notebook, args.param, args.name)
    if args.result:  # checked before any kernel when the notebook's results are known from an earlier run
        available = known_results(nb.stem)
        if available is not None:
            check_results(nb.stem, args.result, available)
    folder = paths.SWEEPS / sname
    (folder / "runs").mkdir(parents=True, exist_ok=True)
    jobs = max(1, args.jobs or os.cpu_count() or 1)
    print(f"sweep {sname}: {len(points)} run(s) of {nb.stem} over {', '.join(names)}", flush=True)
    codes = []
    runners = [Runner(p, jobs=1, force=args.force, runs_root=folder / "runs") for p in plans]

    def one(runner):
        buf = io.StringIO()
        runner.out = runner.err = buf
        code = runner.run()
        return runner.plan, code, buf.getvalue()

    pool = cf.ThreadPoolExecutor(max_workers=min(jobs, len(plans)))
    try:
        if args.result and known_results(nb.stem) is None and len(runners) > 1:
            # never ran here: the first point runs alone, so a misspelt -r stops the sweep after one run
            first = pool.submit(one, runners[0]).result()
            results = [first]
            if first[1] == 0:
                res = json.loads((folder / "runs" / first[0].name / "results.json").read_text()).get(
                    nb.stem, {}
                )
                check_results(nb.stem, args.result, {k for k, e in res.items() if _flat(e)})
            results += list(pool.map(one, runners[1:]))
        else:
            results = list(pool.map(one, runners))
    except BaseException:  # interrupted (Ctrl-C, SIGTERM) or a bad -r: end every point's run, then clean up
        for r in runners:
            r.cancel()
        pool.shutdown(wait=True, cancel_futures=True)
        raise
    pool.shutdown()
    for plan, code, log in results:
        vals = ", ".join(f"{n}={plan.full_params[nb.stem][n]}" for n in names)
        state = "cached" if "cached" in log else ("ok" if code == 0 else "FAILED")
        print(f"  {state:<7} {vals}", flush=True)
        if code != 0:
            print(log, flush=True)
        codes.append(code)
    if any(codes):
        print(f"sweep {sname}: {sum(1 for c in codes if c)} run(s) failed; see {folder}/runs/", flush=True)
        return 1
    df = collect(nb.stem, names, plans, folder, args.result)
    keys = args.result or [c for c in df.columns if c not in names and not c.endswith(("_low", "_high"))]
    csv = folder / "results.csv"
    df.to_csv(csv, index=False, lineterminator="\n")
    figs = draw(df, names, keys, folder, nb.stem)
    print(f"sweep {sname} complete -> {_rel(csv)} and {len(figs)} figure(s)", flush=True)
    print(f"site pages: {_rel(folder / 'runs')}/point-NNN/site/index.html", flush=True)
    shutil.rmtree(folder / "runs" / ".tmp", ignore_errors=True)
    return 0


def _rel(p: Path) -> Path:
    return p.relative_to(paths.ROOT) if p.is_relative_to(paths.ROOT) else p
