"""Argument parsing for ``python -m helpers``; user mistakes become one line each on stderr, exit 2.

The data, sweep, reports and seminar commands import their modules when chosen, and ``run`` imports the
runner (which loads pandas, through the site) only once its plan is valid: those imports inside ``main``,
``cli_run`` and ``cli_data`` are deferred on purpose, so that ``--help``, ``params`` and a run rejected for
a bad parameter answer without loading pandas, matplotlib or the data layer (about a second of imports per
command on a small machine, paid by every such command in the tests). The runner itself loads papermill
and nbconvert only in its worker processes.
"""

from __future__ import annotations

import argparse
import contextlib
import signal
import sys
import time

from helpers.core import params as params_mod
from helpers.core.errors import UserError
from helpers.runner.plan import plan_run, resolve_notebooks


def cli_run(args) -> int:
    t0 = time.perf_counter()
    plan = plan_run(args.notebooks, args.param, args.file, args.scenario, args.name)
    print(
        f"run {plan.name}: {len(plan.notebooks)} notebook(s), validated in {time.perf_counter() - t0:.2f}s",
        flush=True,
    )
    from helpers.runner.execute import Runner  # deferred: see the module docstring

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


def cli_data(args) -> int:
    # the data layer (pandas, pandera: about 3 s of imports) loads only for the data command
    from helpers import data
    from helpers.data.docs import write_readme
    from helpers.data.download import download

    if args.action == "validate":
        problems = data.validate_all(args.names or None)
        if problems:
            for p in problems:
                print(f"error: {p}", file=sys.stderr)
            return 2
        print(f"ok: {len(args.names or data.registry())} table(s) valid")
        return 0
    if args.action == "build":
        for p in data.build(args.names or None):
            print(f"built {p.relative_to(data.paths.ROOT)}")
        write_readme()
        print("wrote data/README.md")
        return 0
    if args.action == "download":
        return download(args.names or None, mirror=args.mirror)
    if args.action == "docs":
        write_readme()
        return 0
    if args.action == "refresh":
        from helpers.runner import refresh

        if args.accept:
            return refresh.accept(args.accept)
        return refresh.refresh(args.vintage, mirror=args.mirror, run=not args.no_run)
    raise AssertionError(args.action)


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m helpers", description=__doc__.splitlines()[0])
    sub = p.add_subparsers(dest="command", required=True)

    r = sub.add_parser("run", help="execute notebooks with papermill and build the site")
    r.add_argument("notebooks", nargs="*", help="notebook stems or files (default: all in notebooks/)")
    r.add_argument(
        "-p",
        "--param",
        nargs=2,
        action="append",
        default=[],
        metavar=("NAME", "VALUE"),
        help="set a parameter (applies to every selected notebook that has it)",
    )
    r.add_argument("-f", "--file", help="YAML file of parameters: {name: value} or {notebook: {name: value}}")
    r.add_argument("--scenario", help="a named parameter set from notebooks/scenarios/")
    r.add_argument("--name", help="run name (default: 'default', or derived from the parameters)")
    r.add_argument("--jobs", type=int, default=None, help="notebooks executed in parallel (default: cores)")
    r.add_argument("--force", action="store_true", help="execute even when the cache has the result")
    r.add_argument(
        "--timeout", type=_positive_int, default=900, help="seconds per cell before a notebook fails (> 0)"
    )

    s = sub.add_parser("sweep", help="run a notebook over a grid of parameter values and collect results")
    s.add_argument("notebook")
    s.add_argument(
        "-p",
        "--param",
        nargs="+",
        action="append",
        default=[],
        metavar="NAME V1 V2",
        help="a parameter and the values to sweep",
    )
    s.add_argument("-r", "--result", action="append", default=[], help="recorded result(s) to collect")
    s.add_argument("--name", help="sweep name (default derived from the grid)")
    s.add_argument("--jobs", type=int, default=None)
    s.add_argument("--force", action="store_true")

    pa = sub.add_parser("params", help="list a notebook's parameters: type, default, allowed, help")
    pa.add_argument("notebook")

    d = sub.add_parser("data", help="validate, build or download the datasets")
    d.add_argument("action", choices=["validate", "build", "download", "docs", "refresh"])
    d.add_argument("names", nargs="*", help="dataset names (default: all)")
    d.add_argument("--mirror", help="base URL to fetch raw files from instead of the publishers' URLs")
    d.add_argument("--vintage", help="refresh: the new vintage's name (default: today's date, YYYY-MM-DD)")
    d.add_argument("--accept", metavar="VINTAGE", help="refresh: install a refreshed vintage into data/")
    d.add_argument("--no-run", action="store_true", help="refresh: build and compare tables, skip the run")

    r = sub.add_parser("robustness", help="every claim's verdict over the grid of its declared alternatives")
    r.add_argument(
        "--name", help="run whose parameters to use and whose folder to write into (default: default)"
    )
    r.add_argument("--jobs", type=int, default=None, help="notebooks evaluated in parallel (default 1)")
    r.add_argument(
        "--max-specs", type=int, default=2000, help="specifications per claim at most (default 2000)"
    )
    r.add_argument(
        "--executor",
        default=None,
        help="where to evaluate: 'local' (default: processes on this machine, --jobs of them) or "
        "'dask://HOST:PORT' (an existing Dask distributed scheduler; needs the 'dask' extra)",
    )

    sub.add_parser(
        "reports", help="copy the default run's results into reports/ (results.json, scorecard.md)"
    )
    sm = sub.add_parser(
        "seminar",
        help="student and instructor editions, instructor site, handout and docs under build/seminar/",
    )
    sm.add_argument("--run", default="default", help="the run the handout and instructor site come from")

    c = sub.add_parser("compare", help="the verdicts and key results that changed between two runs")
    c.add_argument("run_a", metavar="RUN_A")
    c.add_argument("run_b", metavar="RUN_B")
    return p


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number of seconds, got {text[:40]!r}") from None
    if value <= 0:
        raise argparse.ArgumentTypeError(f"must be at least 1 second, got {value}")
    return value


def _os_error(e: OSError) -> str:
    """One line for a machine problem: a read-only or full disk, a missing permission."""
    where = f" {e.filename}" if e.filename else ""
    return f"error: cannot write or read{where}: {e.strerror or e} (errno {e.errno}); nothing was replaced"


def _sigterm_as_interrupt(signum, frame):
    raise KeyboardInterrupt


def main(argv=None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    # SIGTERM (kill, a CI time limit) ends every command like Ctrl-C: cleaned up, exit 130
    with contextlib.suppress(ValueError):  # only the main thread may set handlers
        signal.signal(signal.SIGTERM, _sigterm_as_interrupt)
    try:
        if args.command == "run":
            return cli_run(args)
        if args.command == "sweep":
            from helpers.runner.sweep import cli_sweep

            return cli_sweep(args)
        if args.command == "params":
            return cli_params(args)
        if args.command == "data":
            return cli_data(args)
        if args.command == "robustness":
            from helpers.runner.robustness import cli_robustness  # deferred: loads the analyses

            return cli_robustness(args)
        if args.command == "reports":
            from helpers.publish.reports import cli_reports

            return cli_reports(args)
        if args.command == "seminar":
            from helpers.publish.seminar import cli_seminar

            return cli_seminar(args)
        if args.command == "compare":
            from helpers.runner.compare import cli_compare

            return cli_compare(args)
    except UserError as e:
        for line in str(e).splitlines():
            print(f"error: {line}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # output piped into head & co.
        return 0
    except OSError as e:  # a read-only build/ or cache, a full disk: one line, exit 1
        print(_os_error(e), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("interrupted: nothing was replaced", file=sys.stderr)
        return 130
    return 0
