"""``python -m helpers data refresh``: a new vintage of the raw inputs, and what it would change.

1. Fetch the newest version of every raw input (the publisher's URL, or where a commit-pinned input's
   newest version is published; with ``--mirror``, a mirror of the raw folder) into a dated vintage,
   ``data/raw/<YYYY-MM-DD>/``. Snapshots (assembled by hand) and inputs that cannot be reached keep the
   collection's current copy, and the report says so.
2. Build the processed tables from the vintage into a candidate project (``build/refresh/<vintage>/``: the
   repository's code and notebooks, a copy of ``data/`` with the vintage as its raw folder), validate them,
   and run the whole collection on the candidate under the run name ``refresh-<vintage>``.
3. Write ``build/refresh/<vintage>/report.md`` and ``report.json``: per input, whether it changed; per table,
   rows added, removed and changed (by the table's key); every verdict and recorded value that moved
   against the default run.

Nothing under ``data/`` (but the new vintage folder in the gitignored ``data/raw/``) changes until
``data refresh --accept <vintage>``: it installs the candidate's tables and metadata, the vintage's files
as the current raw inputs, and their new sha256, size and date in ``data/raw_inputs.yaml``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import urllib.parse
import zipfile
from pathlib import Path

import pandas as pd
import yaml

from helpers.core import paths
from helpers.core.errors import UserError
from helpers.data import registry
from helpers.data.download import PINS_FILE, Fetcher, extract, load_pins

REFRESH = "refresh"


def refresh_dir(vintage: str) -> Path:
    return paths.BUILD / REFRESH / vintage


def fetch_vintage(vintage: str, mirror: str | None = None, out=None) -> list[dict]:
    """Fetch the newest version of every pinned input into ``data/raw/<vintage>/``; returns one record per
    input: path, status (changed | unchanged | kept | unreachable), the new and the pinned sha256."""
    out = out or sys.stderr
    pins = load_pins()
    folder = paths.RAW / vintage
    records = []
    with tempfile.TemporaryDirectory(prefix="helpers-refresh-") as tmp:
        fetcher = Fetcher(Path(tmp), out)
        for path, pin in sorted(pins.items()):
            target = folder / path
            target.parent.mkdir(parents=True, exist_ok=True)
            url = (mirror.rstrip("/") + "/" + urllib.parse.quote(path)) if mirror else pin.newest_url()
            rec = {"path": path, "pinned_sha256": pin.sha256, "url": url}
            data, why = None, ""
            if url is None:
                why = "a snapshot: refreshed by hand (the collection's copy is kept)"
            else:
                try:
                    data = fetcher.get(url, path)
                    if pin.member and data[:4] == b"PK\x03\x04":
                        data = extract(data, pin.member)
                except (OSError, ValueError, KeyError, zipfile.BadZipFile) as e:
                    data, why = (
                        None,
                        f"unreachable: {getattr(e, 'reason', None) or e} (the collection's copy is kept)",
                    )
            if data is None:
                current = paths.RAW / path
                if not current.is_file():
                    raise UserError(
                        f"data refresh: data/raw/{path} is not in place and {why.split(':')[0]}; "
                        "run 'python -m helpers data download' first (or pass --mirror)"
                    )
                shutil.copyfile(current, target)
                rec.update(status="kept" if url is None else "unreachable", note=why)
            else:
                target.write_bytes(data)
                digest = hashlib.sha256(data).hexdigest()
                rec.update(
                    status="unchanged" if digest == pin.sha256 else "changed", sha256=digest, size=len(data)
                )
            records.append(rec)
    return records


def candidate_root(vintage: str) -> Path:
    """A project root that is the repository with the vintage as its raw data (code and notebooks linked)."""
    root = refresh_dir(vintage) / "root"
    if root.exists():
        shutil.rmtree(root)
    (root / "data").mkdir(parents=True)
    for name in ("src", "notebooks"):
        (root / name).symlink_to(paths.ROOT / name)
    shutil.copyfile(paths.ROOT / "pyproject.toml", root / "pyproject.toml")
    for p in paths.DATA.iterdir():
        if p.name in ("raw", ".cache"):
            continue
        (shutil.copytree if p.is_dir() else shutil.copyfile)(p, root / "data" / p.name)
    (root / "data" / "raw").symlink_to(paths.RAW / vintage)
    return root


def _helpers(root: Path, *args, timeout: int = 1800) -> subprocess.CompletedProcess:
    env = dict(os.environ, HELPERS_ROOT=str(root), PYTHONSAFEPATH="1", MPLBACKEND="Agg")
    return subprocess.run(
        [sys.executable, "-m", "helpers", *args],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def table_changes(old: Path, new: Path) -> list[dict]:
    """Per table of the registry: rows added, removed and changed between two data folders (by its key)."""
    out = []
    for name, ds in registry().items():
        a, b = old / f"{name}.csv", new / f"{name}.csv"
        if not (a.is_file() and b.is_file()):
            out.append({"table": name, "note": "missing in one of the two folders"})
            continue
        if a.read_bytes() == b.read_bytes():
            out.append({"table": name, "added": 0, "removed": 0, "changed": 0})
            continue
        x, y = pd.read_csv(a, dtype=str), pd.read_csv(b, dtype=str)
        key = [k for k in ds.key if k in x.columns and k in y.columns]
        if not key:
            out.append({"table": name, "added": len(y), "removed": len(x), "changed": 0, "note": "no key"})
            continue
        xi, yi = x.set_index(key), y.set_index(key)
        xi, yi = xi[~xi.index.duplicated()], yi[~yi.index.duplicated()]
        both = xi.index.intersection(yi.index)
        cols = [c for c in xi.columns if c in yi.columns]
        diff = (xi.loc[both, cols].fillna("") != yi.loc[both, cols].fillna("")).any(axis=1)
        out.append(
            {
                "table": name,
                "added": len(yi.index.difference(xi.index)),
                "removed": len(xi.index.difference(yi.index)),
                "changed": int(diff.sum()),
            }
        )
    return out


def result_changes(old: dict, new: dict) -> list[dict]:
    """Every recorded value that differs between two runs' results (verdicts first), per notebook."""
    rows = []
    for stem in sorted(set(old) | set(new)):
        a, b = old.get(stem, {}), new.get(stem, {})
        for key in sorted(set(a) | set(b), key=lambda k: (not k.startswith("verdict_"), k)):
            va, vb = a.get(key, {}).get("value"), b.get(key, {}).get("value")
            if va != vb:
                rows.append({"notebook": stem, "key": key, "before": va, "after": vb})
    return rows


def _short(v) -> str:
    s = json.dumps(v, default=str) if not isinstance(v, str) else v
    return s if len(s) <= 80 else s[:77] + "..."


def write_report(
    vintage: str, inputs: list[dict], tables: list[dict], results: list[dict], run_ok: bool, note: str = ""
) -> Path:
    folder = refresh_dir(vintage)
    doc = {"vintage": vintage, "inputs": inputs, "tables": tables, "results": results, "run_ok": run_ok}
    doc["note"] = note
    (folder / "report.json").write_text(json.dumps(doc, indent=2, sort_keys=True, default=str) + "\n")
    changed = [i for i in inputs if i["status"] == "changed"]
    verdicts = [r for r in results if r["key"].startswith("verdict_")]
    lines = [
        f"# Data refresh {vintage}",
        "",
        f"{len(changed)} of {len(inputs)} raw inputs changed upstream; "
        f"{sum(1 for t in tables if t.get('added') or t.get('removed') or t.get('changed'))} tables differ; "
        f"{len(verdicts)} verdicts and {len(results) - len(verdicts)} other results move"
        + (f" ({note})" if note else "")
        + ("" if run_ok else " (the collection FAILED on the candidate: see its run folder)")
        + f". Nothing in data/ has changed: accept with `python -m helpers data refresh --accept {vintage}`.",
        "",
        "## Raw inputs",
        "",
        "| input | status | note |",
        "|---|---|---|",
        *[f"| {i['path']} | {i['status']} | {i.get('note', '')} |" for i in inputs],
        "",
        "## Tables",
        "",
        "| table | rows added | removed | changed |",
        "|---|---|---|---|",
        *[
            f"| {t['table']} | {t.get('added', '')} | {t.get('removed', '')} | {t.get('changed', '')} |"
            for t in tables
        ],
        "",
        "## Results that move (verdicts first)",
        "",
        "| notebook | result | before | after |",
        "|---|---|---|---|",
        *[
            f"| {r['notebook']} | {r['key']} | {_short(r['before'])} | {_short(r['after'])} |"
            for r in results
        ],
        "",
    ]
    (folder / "report.md").write_text("\n".join(lines))
    return folder / "report.md"


def build_candidate(root: Path) -> str | None:
    """Build and validate the candidate's tables in a separate process; the error line, or None."""
    for step in (("data", "build"), ("data", "validate")):
        p = _helpers(root, *step)
        if p.returncode != 0:
            tail = (p.stderr or p.stdout).strip().splitlines()[-1:] or ["no output"]
            return f"'data {step[1]}' failed: {tail[0]}"
    return None


def run_candidate(root: Path, vintage: str, jobs: int) -> tuple[bool, list[dict], str]:
    """Run the collection on the candidate; (ok, results that moved against the default run, a note)."""
    p = _helpers(root, "run", "--name", f"refresh-{vintage}", "--jobs", str(jobs))
    ok = p.returncode == 0
    new = root / "build" / "runs" / (f"refresh-{vintage}" if ok else f"refresh-{vintage}.failed")
    base = paths.RUNS / "default" / "results.json"
    base = base if base.is_file() else paths.REPORTS / "results.json"
    if not base.is_file():
        return ok, [], "no default run to compare with: run 'python -m helpers run' first"
    if not (new / "results.json").is_file():
        return ok, [], "the candidate run wrote no results"
    return (
        ok,
        result_changes(json.loads(base.read_text()), json.loads((new / "results.json").read_text())),
        "",
    )


def refresh(
    vintage: str | None = None,
    mirror: str | None = None,
    jobs: int = 2,
    run: bool = True,
    build=build_candidate,
    execute=run_candidate,
) -> int:
    vintage = vintage or dt.date.today().isoformat()
    folder = refresh_dir(vintage)
    folder.mkdir(parents=True, exist_ok=True)
    inputs = fetch_vintage(vintage, mirror)
    root = candidate_root(vintage)
    problem = build(root)
    if problem:
        print(
            f"error: data refresh: {problem} (vintage {vintage}); nothing in data/ was changed",
            file=sys.stderr,
        )
        return 1
    tables = table_changes(paths.DATA, root / "data")
    results, run_ok, note = [], True, "the collection was not run (--no-run)"
    if run:
        run_ok, results, note = execute(root, vintage, jobs)
    report = write_report(vintage, inputs, tables, results, run_ok, note)
    print(report.read_text().split("\n")[2])
    print(f"report -> {report.relative_to(paths.ROOT)}")
    return 0 if run_ok else 1


def accept(vintage: str) -> int:
    """Install a refreshed vintage: its tables and metadata, its raw files, their pins."""
    root = refresh_dir(vintage) / "root"
    report = refresh_dir(vintage) / "report.json"
    if not report.is_file() or not root.is_dir():
        known = (
            sorted(p.name for p in (paths.BUILD / REFRESH).glob("*"))
            if (paths.BUILD / REFRESH).is_dir()
            else []
        )
        raise UserError(
            f"--accept {vintage}: no refreshed vintage of that name (refreshed: {', '.join(known) or 'none'}); "
            "run 'python -m helpers data refresh' first"
        )
    inputs = json.loads(report.read_text())["inputs"]
    staged = []
    for name in registry():
        staged.append((root / "data" / f"{name}.csv", paths.DATA / f"{name}.csv"))
        staged.append((root / "data" / "metadata" / f"{name}.yaml", paths.METADATA / f"{name}.yaml"))
    for i in inputs:
        staged.append((paths.RAW / vintage / i["path"], paths.RAW / i["path"]))
    missing = [str(s) for s, _ in staged if not s.is_file()]
    if missing:
        raise UserError(
            f"--accept {vintage}: the candidate is incomplete ({missing[0]} is missing); refresh again"
        )
    pins_file = paths.DATA / PINS_FILE
    text = pins_file.read_text(encoding="utf-8")
    header = "".join(ln + "\n" for ln in text.splitlines() if ln.startswith("#"))
    doc = yaml.safe_load(text)
    for i in inputs:
        if i["status"] == "changed":
            doc[i["path"]].update(sha256=i["sha256"], size=i["size"], taken=vintage, url=i["url"])
            if doc[i["path"]]["pinned"] == "commit":  # refreshed from a branch: no commit is known any more
                doc[i["path"]]["pinned"] = "unversioned"
                doc[i["path"]]["note"] = f"refreshed from {i['url']} on {vintage}; pin its commit when known"
    for src, dst in staged:  # each file replaced in one rename
        dst.parent.mkdir(parents=True, exist_ok=True)
        part = dst.with_name(dst.name + ".part")
        shutil.copyfile(src, part)
        part.replace(dst)
    part = pins_file.with_name(pins_file.name + ".part")
    part.write_text(
        header + yaml.safe_dump(doc, sort_keys=True, width=110, allow_unicode=True), encoding="utf-8"
    )
    part.replace(pins_file)
    print(
        f"accepted vintage {vintage}: {sum(i['status'] == 'changed' for i in inputs)} input(s) re-pinned; "
        "review 'git diff data/' and commit"
    )
    return 0
