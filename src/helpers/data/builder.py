"""Building the processed tables: raw files in ``data/raw/`` -> deterministic CSV and metadata in ``data/``.

Derived tables are rebuilt byte for byte from the same raw files (sorted by the key, ISO dates, floats in
shortest round-trip form); compiled tables keep their rows and get fresh metadata.
"""

from __future__ import annotations

import io
from pathlib import Path

import pandas as pd
import yaml

from helpers.core import paths
from helpers.data.catalog import DataError, Dataset, get, registry
from helpers.data.store import read_processed, sha256_file, validate_frame

__all__ = ["build", "raw_path", "read_raw_csv", "write_metadata", "write_table"]


def raw_path(rel: str) -> Path:
    return paths.RAW / rel


def read_raw_csv(rel: str, columns: list[str] | tuple[str, ...] = (), **kwargs) -> pd.DataFrame:
    """Read a raw CSV, with a clear error when it is missing (and how to get it) or lacks one of ``columns``."""
    p = raw_path(rel)
    if not p.is_file():
        raise DataError(
            f"raw file data/raw/{rel} is missing: run 'python -m helpers data download' "
            "(or copy it from the publisher) before 'data build'"
        )
    try:
        df = pd.read_csv(p, **kwargs)
    except Exception as e:  # parser errors name the file
        raise DataError(f"data/raw/{rel}: cannot be read as CSV ({e})") from None
    missing = [c for c in columns if c not in df.columns]
    if missing:
        raise DataError(f"data/raw/{rel}: columns missing: {missing} (the builder reads {list(columns)})")
    return df


def format_csv(df: pd.DataFrame, ds: Dataset) -> bytes:
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
    data = format_csv(df, ds)
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
        "raw_files": [
            {"path": f"data/raw/{r.path}", "url": r.url, **({"note": r.note} if r.note else {})}
            for r in ds.raw
        ],
        "notes": ds.notes,
    }
    p = meta_folder / f"{ds.name}.yaml"
    tmp = p.with_suffix(".yaml.tmp")
    tmp.write_text(yaml.safe_dump(meta, sort_keys=False, allow_unicode=True, width=100))
    tmp.replace(p)
    return p


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
            df = read_processed(ds, src)
            validate_frame(ds, df, where=f"data/{name}.csv")
            target = folder / f"{name}.csv"
            if target != src:
                target.write_bytes(src.read_bytes())
            write_metadata(ds, target, folder / "metadata")
            written.append(target)
    return written
