"""The catalog (registry) of datasets: what a table is, where it comes from, and the registry of specs.

Every processed table lives in ``data/<name>.csv`` with metadata in ``data/metadata/<name>.yaml``
(producer, title, URL, licence, dates, sha256 of the file). Dataset specs are declared in the modules of
``helpers.data.tables`` (one module per publisher) with ``register(Dataset(...))``; ``helpers.data.store``
reads and validates the tables (``load``), ``helpers.data.builder`` builds them from raw files.

Two kinds of table:
- ``derived``: built by ``build`` from raw files in ``data/raw/`` (gitignored) that ``download`` fetches
  from the publisher's official URLs;
- ``compiled``: hand-compiled from cited pages; every row has a ``source_id`` into ``data/sources/*.yaml``.
  ``build`` leaves their rows alone and only refreshes their metadata.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import pandera.pandas as pa

from helpers.core import paths
from helpers.core.errors import UserError

__all__ = ["DataError", "Dataset", "RawFile", "Source", "get", "register", "registry"]


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

    path: str  # relative to data/raw/
    url: str  # official download URL
    required_columns: tuple = ()  # a CSV must have these columns to be accepted
    min_rows: int = 1
    encoding: str = "utf-8"
    note: str = ""
    member: str | None = None  # the URL is a zip archive; this member is the file


@dataclass
class Dataset:
    name: str
    title: str
    description: str
    schema: pa.DataFrameSchema
    key: tuple
    sources: list
    kind: str = "derived"  # or "compiled"
    build: Callable[[Path], pd.DataFrame] | None = None
    raw: list = field(default_factory=list)
    date_columns: tuple = ()
    columns_doc: dict = field(default_factory=dict)  # column -> (meaning, unit)
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
        close = difflib.get_close_matches(name, reg, n=1)
        hint = f"; did you mean '{close[0]}'?" if close else ""
        raise DataError(f"unknown dataset '{name}'{hint} (known: {', '.join(reg)})")
    return reg[name]
