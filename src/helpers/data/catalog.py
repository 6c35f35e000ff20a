"""The catalog (registry) of datasets: validated loading, build (raw -> processed), validation and download.

Every processed table lives in ``data/<name>.csv`` with metadata in ``data/metadata/<name>.yaml``
(producer, title, URL, licence, dates, sha256 of the file). ``load(name)`` returns the DataFrame after
checking the sha256 and the table's pandera schema. Dataset specs are declared in the modules of
``helpers.data.tables`` (one module per family of sources) with ``register(Dataset(...))``.

Two kinds of table:
- ``derived``: built by ``build`` from raw files in ``data/raw/`` (gitignored) that ``download`` fetches
  from the publisher's official URLs;
- ``compiled``: hand-compiled from cited pages; every row has a ``source_id`` into ``data/sources/*.yaml``.
  ``build`` leaves their rows alone and only refreshes their metadata.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import pandas as pd
import pandera.pandas as pa
import yaml

from helpers.core.errors import UserError
from helpers.core import paths

__all__ = ["Dataset", "RawFile", "Source", "register", "registry", "load", "load_sources", "build",
           "validate_all", "validate_table", "write_table", "sha256_file", "DataError", "raw_path",
           "read_raw_csv"]


class DataError(UserError):
    def __init__(self, problems: list[str] | str):
        self.problems = [problems] if isinstance(problems, str) else list(problems)
        super().__init__("\n".join(self.problems))


@dataclass(frozen=True)
class Source:
    """Where a table's figures come from: the original publisher, never an intermediate copy."""

    producer: str
    title: str
    url: str
    licence: str
    date_published: str
    date_accessed: str
    citation: str = ""
    note: str = ""


@dataclass(frozen=True)
class RawFile:
    """A raw input under ``data/raw/`` and the official URL it is downloaded from."""

    path: str                       # relative to data/raw/
    url: str                        # official download URL
    required_columns: tuple = ()    # a CSV must have these columns to be accepted
    min_rows: int = 1
    encoding: str = "utf-8"
    note: str = ""
    member: str | None = None       # the URL is a zip archive; this member is the file


@dataclass
class Dataset:
    name: str
    title: str
    description: str
    schema: pa.DataFrameSchema
    key: tuple
    sources: list
    kind: str = "derived"            # or "compiled"
    build: Callable[[Path], pd.DataFrame] | None = None
    raw: list = field(default_factory=list)
    date_columns: tuple = ()
    columns_doc: dict = field(default_factory=dict)   # column -> (meaning, unit)
    notes: str = ""

    @property
    def path(self) -> Path:
        return paths.DATA / f"{self.name}.csv"

    @property
    def meta_path(self) -> Path:
        return paths.METADATA / f"{self.name}.yaml"


_REGISTRY: dict[str, Dataset] = {}


def register(ds: Dataset) -> Dataset:
    if ds.kind not in {"derived", "compiled"}:
        raise ValueError(f"dataset {ds.name}: kind must be 'derived' or 'compiled'")
    if ds.kind == "derived" and ds.build is None:
        raise ValueError(f"dataset {ds.name}: a derived table needs a build function")
    _REGISTRY[ds.name] = ds
    return ds


def registry() -> dict[str, Dataset]:
    """All datasets, by name (``helpers.data`` imports every table module, which registers its tables)."""
    return dict(sorted(_REGISTRY.items()))


def get(name: str) -> Dataset:
    reg = registry()
    if name not in reg:
        import difflib
        close = difflib.get_close_matches(name, reg, n=1)
        hint = f"; did you mean '{close[0]}'?" if close else ""
        raise DataError(f"unknown dataset '{name}'{hint} (known: {', '.join(reg)})")
    return reg[name]


# ---------------------------------------------------------------------------------------------- files

def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def raw_path(rel: str) -> Path:
    return paths.RAW / rel


def read_raw_csv(rel: str, **kwargs) -> pd.DataFrame:
    """Read a raw CSV, with a clear error when it is missing (and how to get it)."""
    p = raw_path(rel)
    if not p.is_file():
        raise DataError(f"raw file data/raw/{rel} is missing: run 'python -m helpers data download' "
                        "(or copy it from the publisher) before 'data build'")
    try:
        return pd.read_csv(p, **kwargs)
    except Exception as e:  # parser errors name the file
        raise DataError(f"data/raw/{rel}: cannot be read as CSV ({e})") from None


def _format_csv(df: pd.DataFrame, ds: Dataset) -> bytes:
    """Deterministic CSV bytes: sorted by the key, dates ISO, floats in shortest round-trip form."""
    out = df.copy()
    for c in ds.date_columns:
        if c in out:
            out[c] = pd.to_datetime(out[c]).dt.strftime("%Y-%m-%d")
    if ds.key:
        out = out.sort_values(list(ds.key), kind="mergesort", na_position="last")
    buf = io.StringIO()
    out.to_csv(buf, index=False, lineterminator="\n")
    return buf.getvalue().encode("utf-8")


def write_table(ds: Dataset, df: pd.DataFrame, folder: Path | None = None) -> Path:
    """Validate ``df`` and write it with its metadata (atomically: temp file then rename)."""
    validate_frame(ds, df, where=f"build of {ds.name}")
    folder = folder or paths.DATA
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{ds.name}.csv"
    data = _format_csv(df, ds)
    tmp = target.with_suffix(".csv.tmp")
    tmp.write_bytes(data)
    tmp.replace(target)
    write_metadata(ds, target, folder / "metadata")
    return target


def write_metadata(ds: Dataset, csv_path: Path, meta_folder: Path) -> Path:
    meta_folder.mkdir(parents=True, exist_ok=True)
    df = pd.read_csv(csv_path, nrows=0)
    n_rows = sum(1 for _ in open(csv_path, "rb")) - 1
    meta = {
        "name": ds.name,
        "title": ds.title,
        "description": ds.description,
        "kind": ds.kind,
        "file": f"data/{ds.name}.csv",
        "sha256": sha256_file(csv_path),
        "rows": n_rows,
        "key": list(ds.key),
        "columns": list(df.columns),
        "sources": [s.__dict__ for s in ds.sources],
        "raw_files": [{"path": f"data/raw/{r.path}", "url": r.url, **({"note": r.note} if r.note else {})}
                      for r in ds.raw],
        "notes": ds.notes,
    }
    p = meta_folder / f"{ds.name}.yaml"
    tmp = p.with_suffix(".yaml.tmp")
    tmp.write_text(yaml.safe_dump(meta, sort_keys=False, allow_unicode=True, width=100))
    tmp.replace(p)
    return p


def read_metadata(ds: Dataset) -> dict:
    if not ds.meta_path.is_file():
        raise DataError(f"{ds.meta_path.relative_to(paths.ROOT)}: metadata of '{ds.name}' is missing; "
                        "run 'python -m helpers data build'")
    return yaml.safe_load(ds.meta_path.read_text())


def load_sources() -> dict:
    """The registry of cited sources for hand-compiled rows: source_id -> {publisher, title, url, ...}.

    Merged from every ``data/sources/*.yaml``; an id defined twice is an error naming both files."""
    out: dict = {}
    where: dict = {}
    for f in sorted(paths.SOURCES.glob("*.yaml")) if paths.SOURCES.is_dir() else []:
        entries = yaml.safe_load(f.read_text()) or {}
        if not isinstance(entries, dict):
            raise DataError(f"data/sources/{f.name}: expected a mapping of source_id -> citation")
        for sid, entry in entries.items():
            if sid in out:
                raise DataError(f"source_id '{sid}' is defined twice: data/sources/{where[sid]} and "
                                f"data/sources/{f.name}")
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


def _read_processed(ds: Dataset, path: Path) -> pd.DataFrame:
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
            raise DataError(f"{where}: column '{name}', line(s) {', '.join(str(i + 2) for i in bad[:8])}: "
                            f"not a number (values {vals})")
        if t.startswith("float"):
            df[name] = num.astype("float64")
        elif not num.isna().any() and (num == num.round()).all():
            df[name] = num.astype("int64")
    for c in ds.date_columns:
        if c in df:
            parsed = pd.to_datetime(df[c], format="%Y-%m-%d", errors="coerce")
            bad = df.index[parsed.isna() & df[c].notna()].tolist()
            if bad:
                raise DataError(f"{where}: column '{c}', line(s) {', '.join(str(i + 2) for i in bad[:8])}: "
                                "not a date in YYYY-MM-DD form")
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
            raise DataError(f"{rel}: sha256 {digest[:12]}... differs from the metadata "
                            f"({str(meta.get('sha256'))[:12]}...): the file was changed or truncated; "
                            "rebuild it with 'python -m helpers data build'")
    df = _read_processed(ds, path)
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
            raise DataError(f"{rel}: column 'source_id' names sources missing from data/sources/*.yaml: "
                            f"{', '.join(unknown[:8])}")
    return df


_MEM: dict[str, tuple[str, pd.DataFrame]] = {}


def load(name: str) -> pd.DataFrame:
    """The validated table ``name`` (checked against its sha256 and schema; cached by hash)."""
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


def build(names=None, out: Path | None = None) -> list[Path]:
    """Derive processed tables from data/raw/ (derived) and refresh metadata (compiled)."""
    written = []
    for name in names or registry():
        ds = get(name)
        folder = out or paths.DATA
        if ds.kind == "derived":
            df = ds.build(paths.RAW)
            written.append(write_table(ds, df, folder))
        else:
            src = ds.path
            if not src.is_file():
                raise DataError(f"data/{name}.csv: the hand-compiled table is missing")
            df = _read_processed(ds, src)
            validate_frame(ds, df, where=f"data/{name}.csv")
            target = folder / f"{name}.csv"
            if target != src:
                target.write_bytes(src.read_bytes())
            write_metadata(ds, target, folder / "metadata")
            written.append(target)
    return written


def today() -> str:
    return dt.date.today().isoformat()
