"""What the table specs share: the access date, the compiled-source records, and the parsers of raw fields."""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa

from helpers.core import paths
from helpers.data.catalog import DataError, Source

ACCESSED = "2026-11-30"
CC_BY = "CC BY 4.0"

# the compiled tables of the benchmark family cite their rows in data/sources/benchmarks.yaml
PROJECT_COMPILED = Source(
    producer="compiled for this project",
    title="data/sources/benchmarks.yaml",
    url="data/sources/benchmarks.yaml",
    licence="CC BY 4.0",
    date_published=ACCESSED,
    date_accessed=ACCESSED,
)
CONTROLS_COMPILED = Source(
    producer="Various (one source per row, see data/sources/controls.yaml)",
    title="Hand-compiled from cited public pages",
    url="data/sources/controls.yaml",
    licence="facts cited from their publishers",
    date_published="various",
    date_accessed=ACCESSED,
)


def to_date(s: pd.Series) -> pd.Series:
    return pd.to_datetime(s, errors="coerce", format="mixed")


def to_number(s: pd.Series) -> pd.Series:
    return pd.to_numeric(s, errors="coerce")


def to_text(s: pd.Series) -> pd.Series:
    return s.astype("string").str.strip().replace("", pd.NA)


def nonneg_float(**kw):
    """A schema column of non-negative floats (nullable unless ``nullable=False``)."""
    return pa.Column(float, nullable=kw.pop("nullable", True), checks=[pa.Check.ge(0)], **kw)


def read_compiled(name: str, cols: list[str]) -> pd.DataFrame:
    """A hand-compiled helper table that a build reads, as strings (the build parses what it needs)."""
    p = paths.DATA / f"{name}.csv"
    if not p.is_file():
        raise DataError(f"data/{name}.csv: the hand-compiled helper table is missing")
    d = pd.read_csv(p, dtype="string")
    missing = [c for c in cols if c not in d.columns]
    if missing:
        raise DataError(f"data/{name}.csv: columns missing: {missing}")
    return d
