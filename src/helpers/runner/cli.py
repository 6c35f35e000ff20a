"""Argument parsing for ``python -m helpers``; user mistakes become one line each on stderr, exit 2."""

from __future__ import annotations

import argparse
import sys

from helpers.core.errors import UserError


def _data(args) -> int:
    from helpers import data
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
        from helpers.data.docs import write_readme
        write_readme()
        print("wrote data/README.md")
        return 0
    if args.action == "download":
        from helpers.data.download import download
        return download(args.names or None, mirror=args.mirror)
    if args.action == "docs":
        from helpers.data.docs import write_readme
        write_readme()
        return 0
    raise AssertionError(args.action)


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m helpers", description=__doc__)
    sub = p.add_subparsers(dest="command", required=True)

    r = sub.add_parser("run", help="execute notebooks with papermill and build the site")
    r.add_argument("notebooks", nargs="*", help="notebook stems or files (default: all in notebooks/)")
    r.add_argument("-p", "--param", nargs=2, action="append", default=[], metavar=("NAME", "VALUE"),
                   help="set a parameter (applies to every selected notebook that has it)")
    r.add_argument("-f", "--file", help="YAML file of parameters: {name: value} or {notebook: {name: value}}")
    r.add_argument("--scenario", help="a named parameter set from notebooks/scenarios/")
    r.add_argument("--name", help="run name (default: 'default', or derived from the parameters)")
    r.add_argument("--jobs", type=int, default=None, help="notebooks executed in parallel (default: cores)")
    r.add_argument("--force", action="store_true", help="execute even when the cache has the result")
    r.add_argument("--timeout", type=int, default=900, help="seconds per cell before a notebook fails")

    s = sub.add_parser("sweep", help="run a notebook over a grid of parameter values and collect results")
    s.add_argument("notebook")
    s.add_argument("-p", "--param", nargs="+", action="append", default=[], metavar="NAME V1 V2",
                   help="a parameter and the values to sweep")
    s.add_argument("-r", "--result", action="append", default=[], help="recorded result(s) to collect")
    s.add_argument("--name", help="sweep name (default derived from the grid)")
    s.add_argument("--jobs", type=int, default=None)
    s.add_argument("--force", action="store_true")

    pa = sub.add_parser("params", help="list a notebook's parameters: type, default, allowed, help")
    pa.add_argument("notebook")

    d = sub.add_parser("data", help="validate, build or download the datasets")
    d.add_argument("action", choices=["validate", "build", "download", "docs"])
    d.add_argument("names", nargs="*", help="dataset names (default: all)")
    d.add_argument("--mirror", help="base URL to fetch raw files from instead of the publishers' URLs")

    sub.add_parser("reports", help="copy the default run's results into reports/ (results.json, scorecard.md)")
    sub.add_parser("seminar", help="write the student and instructor editions under build/seminar/")
    return p


def main(argv=None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        if args.command == "run":
            from helpers.runner.run import cli_run
            return cli_run(args)
        if args.command == "sweep":
            from helpers.runner.sweep import cli_sweep
            return cli_sweep(args)
        if args.command == "params":
            from helpers.runner.run import cli_params
            return cli_params(args)
        if args.command == "data":
            return _data(args)
        if args.command == "reports":
            from helpers.publish.reports import cli_reports
            return cli_reports(args)
        if args.command == "seminar":
            from helpers.publish.seminar import cli_seminar
            return cli_seminar(args)
    except UserError as e:
        for line in str(e).splitlines():
            print(f"error: {line}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # output piped into head & co.
        return 0
    except KeyboardInterrupt:
        print("interrupted: nothing was replaced", file=sys.stderr)
        return 130
    return 0
