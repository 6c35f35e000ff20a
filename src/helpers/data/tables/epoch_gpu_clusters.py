"""Epoch AI's GPU Clusters (AI supercomputers) dataset (``gpu_clusters``), derived from Epoch's file copied to
``data/raw/compute/gpu_clusters.csv``.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pandera.pandas as pa

from helpers.data.builder import read_raw_csv
from helpers.data.catalog import DataError, Dataset, RawFile, Source, register
from helpers.data.tables.common import ACCESSED

EPOCH_GPU_CLUSTERS = Source(
    producer="Epoch AI",
    title="GPU Clusters (AI Supercomputers) dataset",
    url="https://epoch.ai/data/gpu-clusters",
    licence="CC BY 4.0",
    date_published="2025-12-14",
    date_accessed=ACCESSED,
    citation="Epoch AI, 'Data on GPU clusters', published online at epoch.ai, https://epoch.ai/data/gpu-clusters",
    note="Snapshot as of 2025-12 (the dataset appears frozen since Epoch moved tracking to its Frontier Data "
    "Centers hub); Chinese clusters are often anonymized and undercounted.",
)


_STATUS = ("Existing", "Planned", "Decommissioned")
_CLUSTER_COLS = {
    "Name": "name",
    "Owner": "owner",
    "Country": "country",
    "Sector": "sector",
    "H100 equivalents": "h100e",
    "First Operational Date": "first_operational_date",
    "Status": "status",
    "Certainty": "certainty",
    "Include in Standard Analysis": "standard_analysis",
}


def build_gpu_clusters(raw_dir: Path) -> pd.DataFrame:
    """Epoch's GPU clusters with the columns the country and inequality analyses need.

    ``cluster_id`` is the 1-based row of the cluster in Epoch's file, because names repeat (for example
    the many 'Anonymized Chinese System' rows)."""
    rel = "compute/gpu_clusters.csv"
    df = read_raw_csv(rel)
    missing = [c for c in _CLUSTER_COLS if c not in df.columns]
    if missing:
        raise DataError(f"data/raw/{rel}: column(s) {', '.join(repr(c) for c in missing)} missing")
    out = df[list(_CLUSTER_COLS)].rename(columns=_CLUSTER_COLS)
    out.insert(0, "cluster_id", np.arange(1, len(out) + 1))
    out["first_operational_date"] = pd.to_datetime(
        out["first_operational_date"], format="mixed", errors="coerce"
    ).dt.normalize()
    flag = out["standard_analysis"].astype("string").str.strip().str.lower()
    out["standard_analysis"] = flag.isin(["true", "yes", "checked", "1"]).fillna(False).astype(bool)
    out["country"] = out["country"].replace({"United States of America": "United States"})
    for c in ("name", "owner", "country", "sector", "status", "certainty"):
        out[c] = out[c].astype("string").str.strip()
    out["h100e"] = pd.to_numeric(out["h100e"], errors="coerce")
    return out.reset_index(drop=True)


_cluster_schema = pa.DataFrameSchema(
    {
        "cluster_id": pa.Column(int, pa.Check.ge(1), unique=True),
        "name": pa.Column(str),
        "owner": pa.Column(str, nullable=True),
        "country": pa.Column(str, nullable=True),
        "sector": pa.Column(str, pa.Check.isin(["Private", "Public", "Public/Private"]), nullable=True),
        "h100e": pa.Column(float, pa.Check.gt(0), nullable=True),
        "first_operational_date": pa.Column(
            "datetime64[ns]",
            pa.Check.in_range(pd.Timestamp("2000-01-01"), pd.Timestamp("2035-12-31")),
            nullable=True,
        ),
        "status": pa.Column(str, pa.Check.isin(_STATUS)),
        "certainty": pa.Column(str, pa.Check.isin(["Confirmed", "Likely", "Unlikely"]), nullable=True),
        "standard_analysis": pa.Column(bool),
    },
    coerce=True,
    strict=True,
)

register(
    Dataset(
        name="gpu_clusters",
        title="GPU clusters / AI supercomputers (Epoch AI)",
        description="Epoch AI's GPU clusters: owner, country, sector, capacity in H100-equivalents, first "
        "operational date, status and Epoch's standard-analysis flag.",
        schema=_cluster_schema,
        key=("cluster_id",),
        sources=[EPOCH_GPU_CLUSTERS],
        kind="derived",
        build=build_gpu_clusters,
        raw=[
            RawFile(
                path="compute/gpu_clusters.csv",
                url="https://epoch.ai/data/gpu_clusters.csv",
                required_columns=tuple(_CLUSTER_COLS),
                min_rows=100,
            )
        ],
        date_columns=("first_operational_date",),
        columns_doc={
            "cluster_id": ("row number of the cluster in Epoch's file (names repeat)", "id"),
            "name": ("cluster name as given by Epoch", "text"),
            "owner": ("owner(s) as given by Epoch (may list several, comma-separated)", "text"),
            "country": (
                "country of the cluster ('United States' normalised from Epoch's 'United States of America')",
                "text",
            ),
            "sector": ("Private, Public or Public/Private", "category"),
            "h100e": ("performance of the cluster in H100-equivalents", "H100-equivalents"),
            "first_operational_date": (
                "date the cluster first became operational (empty for most planned ones)",
                "date",
            ),
            "status": ("Existing, Planned or Decommissioned", "category"),
            "certainty": ("Epoch's certainty about the cluster: Confirmed, Likely or Unlikely", "category"),
            "standard_analysis": (
                "Epoch's 'Include in Standard Analysis' flag (drops duplicates and superseded entries)",
                "true/false",
            ),
        },
        notes="Use standard_analysis to avoid double counting. Chinese systems are often anonymized and "
        "undercounted; the snapshot ends in late 2025.",
    )
)
