"""Reading the processed tables: sha256 against the metadata, the pandera schema, keys and source ids.

``load(name)`` returns the validated DataFrame, cached in memory and in ``build/`` by the file's sha256.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import pandas as pd
import pandera.pandas as pa
import yaml

from helpers.core import paths
from helpers.data.catalog import DataError, Dataset, get, registry

__all__ = [
    "load",
    "load_sources",
    "read_metadata",
    "read_processed",
    "sha256_file",
    "validate_all",
    "validate_frame",
    "validate_table",
]


# libyaml's parser when PyYAML has it (same SafeConstructor, same objects; 10x faster: each table's
# metadata is read on every load, 0.1 s of notebook 03's nine loads)
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _read_yaml(text: str):
    return yaml.load(text, Loader=_YAML_LOADER)  # a safe loader (CSafeLoader or SafeLoader)


def _rel(path: Path) -> str:
    return str(path.relative_to(paths.ROOT)) if path.is_relative_to(paths.ROOT) else str(path)


def read_yaml_file(path: Path, what: str = "a mapping"):
    """A YAML file of the data layer, or DataError naming it (unreadable, not UTF-8, not YAML, empty)."""
    try:
        doc = _read_yaml(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as e:
        raise DataError(f"{_rel(path)}: cannot be read ({type(e).__name__}: {str(e)[:120]})") from None
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        at = f" at line {mark.line + 1}" if mark is not None else ""
        problem = getattr(e, "problem", None) or str(e).splitlines()[0]
        raise DataError(f"{_rel(path)}: not valid YAML{at} ({str(problem)[:120]})") from None
    except RecursionError:
        raise DataError(f"{_rel(path)}: nested too deeply to be read") from None
    return doc


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def read_metadata(ds: Dataset) -> dict:
    if not ds.meta_path.is_file():
        raise DataError(
            f"{ds.meta_path.relative_to(paths.ROOT)}: metadata of '{ds.name}' is missing; "
            "run 'python -m helpers data build'"
        )
    meta = read_yaml_file(ds.meta_path)
    if not isinstance(meta, dict):
        raise DataError(
            f"{_rel(ds.meta_path)}: metadata of '{ds.name}' must be a mapping (name, sources, sha256, ...), "
            f"not {type(meta).__name__}"
        )
    return meta


def load_sources() -> dict:
    """The registry of cited sources for hand-compiled rows: source_id -> {publisher, title, url, ...}.

    Merged from every ``data/sources/*.yaml``; an id defined twice is an error naming both files."""
    out: dict = {}
    where: dict = {}
    for f in sorted(paths.SOURCES.glob("*.yaml")) if paths.SOURCES.is_dir() else []:
        entries = read_yaml_file(f) or {}
        if not isinstance(entries, dict):
            raise DataError(f"data/sources/{f.name}: expected a mapping of source_id -> citation")
        for sid, entry in entries.items():
            if sid in out:
                raise DataError(
                    f"source_id '{sid}' is defined twice: data/sources/{where[sid]} and data/sources/{f.name}"
                )
            out[sid], where[sid] = entry, f.name
    return out


# ----------------------------------------------------------------------------------------- validation


def _describe_failures(err: pa.errors.SchemaErrors, where: str) -> list[str]:
    fc = err.failure_cases
    problems = []
    for (col, check), grp in fc.groupby(["column", "check"], dropna=False, sort=False):
        rows = [int(i) + 2 for i in grp["index"].dropna().tolist()][:8]  # +2: header line, 1-based
        col_s = f"column '{col}'" if isinstance(col, str) else "table"
        vals = ", ".join(repr(v) for v in grp["failure_case"].tolist()[:3])
        row_s = f"line(s) {', '.join(map(str, rows))}" if rows else "whole column"
        more = f" (+{len(grp) - len(rows)} more)" if len(grp) > len(rows) else ""
        problems.append(f"{where}: {col_s}, {row_s}{more}: fails {check} (values {vals})")
    return problems


def validate_frame(ds: Dataset, df: pd.DataFrame, where: str | None = None) -> pd.DataFrame:
    where = where or f"data/{ds.name}.csv"
    missing = [c for c in ds.schema.columns if c not in df.columns]
    if missing:
        raise DataError([f"{where}: column '{c}' is missing" for c in missing])
    try:
        return ds.schema.validate(df, lazy=True)
    except pa.errors.SchemaErrors as e:
        raise DataError(_describe_failures(e, where)) from None


def read_processed(ds: Dataset, path: Path) -> pd.DataFrame:
    """A processed CSV read with the column types its schema declares (not yet validated)."""
    where = str(path.relative_to(paths.ROOT)) if path.is_relative_to(paths.ROOT) else str(path)
    dtypes = {}
    for name, col in ds.schema.columns.items():
        if name in ds.date_columns:
            continue
        t = str(col.dtype)
        if t.startswith("str") or t == "object":
            dtypes[name] = "string"
        elif t.lower().startswith("bool"):
            dtypes[name] = "boolean"
    try:
        df = pd.read_csv(path, dtype=dtypes, keep_default_na=True)
    except Exception as e:
        raise DataError(f"{where}: cannot be read as CSV ({type(e).__name__}: {e})") from None
    for name, col in ds.schema.columns.items():
        t = str(col.dtype).lower()
        if name not in df or name in ds.date_columns or not (t.startswith("float") or t.startswith("int")):
            continue
        num = pd.to_numeric(df[name], errors="coerce")
        bad = df.index[num.isna() & df[name].notna()].tolist()
        if bad:
            vals = ", ".join(repr(v) for v in df.loc[bad[:3], name].tolist())
            raise DataError(
                f"{where}: column '{name}', line(s) {', '.join(str(i + 2) for i in bad[:8])}: "
                f"not a number (values {vals})"
            )
        if t.startswith("float"):
            df[name] = num.astype("float64")
        elif not num.isna().any() and (num == num.round()).all():
            df[name] = num.astype("int64")
    for c in ds.date_columns:
        if c in df:
            parsed = pd.to_datetime(df[c], format="%Y-%m-%d", errors="coerce")
            bad = df.index[parsed.isna() & df[c].notna()].tolist()
            if bad:
                raise DataError(
                    f"{where}: column '{c}', line(s) {', '.join(str(i + 2) for i in bad[:8])}: "
                    "not a date in YYYY-MM-DD form"
                )
            df[c] = parsed
    for name, col in ds.schema.columns.items():
        if name in df and str(col.dtype).lower().startswith("bool") and df[name].dtype == "boolean":
            if not col.nullable:
                df[name] = df[name].astype(bool) if not df[name].isna().any() else df[name]
    return df


def validate_table(name: str, path: Path | None = None, check_hash: bool = True) -> pd.DataFrame:
    """Read and check one table: file present, sha256 equal to metadata, schema and keys. Raises DataError."""
    ds = get(name)
    path = path or ds.path
    rel = str(path.relative_to(paths.ROOT)) if path.is_relative_to(paths.ROOT) else str(path)
    if not path.is_file():
        raise DataError(f"{rel}: the table '{name}' is missing; run 'python -m helpers data build'")
    if check_hash:
        meta = read_metadata(ds)
        digest = sha256_file(path)
        if digest != meta.get("sha256"):
            raise DataError(
                f"{rel}: sha256 {digest[:12]}... differs from the metadata " + _hash_fix(ds, rel, meta)
            )
    df = read_processed(ds, path)
    df = validate_frame(ds, df, where=rel)
    if ds.key:
        dup = df.duplicated(list(ds.key), keep=False)
        if dup.any():
            lines = [str(i + 2) for i in df.index[dup][:8]]
            raise DataError(f"{rel}: key ({', '.join(ds.key)}) is not unique: line(s) {', '.join(lines)}")
    if ds.kind == "compiled" and "source_id" in df:
        sources = load_sources()
        unknown = sorted(set(df["source_id"].dropna()) - set(sources))
        if unknown:
            raise DataError(
                f"{rel}: column 'source_id' names sources missing from data/sources/*.yaml: "
                f"{', '.join(unknown[:8])}"
            )
    return df


def _hash_fix(ds: Dataset, rel: str, meta: dict) -> str:
    """What to do about a file whose sha256 differs from its metadata, by kind of table."""
    recorded = f"({str(meta.get('sha256'))[:12]}...): the file was changed or truncated; "
    if ds.kind == "compiled":  # hand-compiled: git holds the good copy, a build would bless the damage
        return recorded + (
            f"restore it with 'git checkout -- {rel}', or, if you edited it on purpose, record the new "
            f"hash with 'python -m helpers data build {ds.name}'"
        )
    return recorded + (
        f"restore it with 'git checkout -- {rel}' or rebuild it from the raw files with "
        f"'python -m helpers data build {ds.name}' (after 'python -m helpers data download {ds.name}')"
    )


FAILED_INPUTS = paths.FAILED_INPUTS  # in a runner's work folder: tables a notebook could not load


def _report_failed_input(name: str, err: DataError) -> None:
    """Tell the runner that table ``name`` failed to load in this kernel, even when the notebook's analysis
    catches the error and carries on without the table: the run then fails naming the table, instead of
    a run marked ok that silently lacks it. Only under the runner (``HELPERS_RUN_DIR``)."""
    folder = os.environ.get("HELPERS_RUN_DIR")
    if not folder:
        return
    target = Path(folder) / FAILED_INPUTS
    try:
        known = json.loads(target.read_text()) if target.is_file() else {}
        known[name] = err.problems[:5]
        target.write_text(json.dumps(known, indent=1, sort_keys=True))
    except (OSError, ValueError):
        pass  # the notebook still sees the DataError itself


_MEM: dict[str, tuple[str, pd.DataFrame]] = {}


def load(name: str) -> pd.DataFrame:
    """The validated table ``name`` (checked against its sha256 and schema; cached by hash).

    Raises DataError naming the file, the column and the lines at fault; under the runner the failure is
    also recorded for the run (``failed_inputs.json``), so a caught error still fails the notebook."""
    try:
        return _load(name)
    except DataError as e:
        _report_failed_input(name, e)
        raise


def _load(name: str) -> pd.DataFrame:
    ds = get(name)
    meta = read_metadata(ds)
    key = meta.get("sha256", "")
    if name in _MEM and _MEM[name][0] == key:
        return _MEM[name][1].copy()
    cache = paths.DATA_CACHE / f"{name}-{key[:16]}.pkl"
    if cache.is_file() and ds.path.is_file() and sha256_file(ds.path) == key:
        df = pd.read_pickle(cache)
    else:
        df = validate_table(name)
        try:
            cache.parent.mkdir(parents=True, exist_ok=True)
            for old in cache.parent.glob(f"{name}-*.pkl"):
                old.unlink()
            tmp = cache.with_suffix(".tmp")
            df.to_pickle(tmp)
            tmp.replace(cache)
        except OSError:
            pass
    _MEM[name] = (key, df)
    return df.copy()


def validate_all(names=None) -> list[str]:
    """Problems over every table (empty list: all good)."""
    problems = []
    for name in names or registry():
        try:
            validate_table(name)
        except DataError as e:
            problems.extend(e.problems)
    return problems
