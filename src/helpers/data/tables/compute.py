"""Compute-concentration datasets: AI chip ownership (Epoch AI), GPU clusters (Epoch AI) and the
hand-compiled market shares of the cloud, foundry and data-center GPU layers.

``compute_owners`` and ``gpu_clusters`` are derived from Epoch AI's published files (copied to
``data/raw/compute/``); ``market_shares`` is compiled by hand, one analyst series per layer, every row
citing a ``source_id`` in ``data/sources/compute.yaml``.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pandera.pandas as pa

from helpers.data.catalog import DataError, Dataset, RawFile, Source, read_raw_csv, register

ACCESSED = "2026-11-30"

# Epoch's chip-owner model outputs are published as the CSV exports of its MIT-licensed code repository
# epoch-research/ai-chip-counts, which the AI Chip Owners hub (https://epoch.ai/data/ai-chip-owners)
# mirrors; the URLs pin the commit the raw copies were taken from.
_CHIP_COMMIT = "d1b1bc311479ed385befa400e94533afc8b59fb7"
_CHIP_BASE = f"https://raw.githubusercontent.com/epoch-research/ai-chip-counts/{_CHIP_COMMIT}"
_OWNER_DIR = "compute/epoch_ai_chip_owners"

_H100E = {
    "Compute estimate in H100e (median)": "h100e_p50",
    "H100e (5th percentile)": "h100e_p5",
    "H100e (95th percentile)": "h100e_p95",
}
_OWNER_COLS = ("Owner", "End date", *_H100E)

# raw file -> (designer label, path inside the Epoch repository)
_OWNER_FILES = {
    "nvidia_owners_cumulative_totals.csv": ("NVIDIA", "owners_csv_export/nvidia_owners_cumulative_totals.csv"),
    "nvidia_owners_OTHER_cumulative_totals.csv": (
        "NVIDIA", "owners_csv_export/nvidia_owners_OTHER_cumulative_totals.csv"),
    "nvidia_other_cumulative_totals.csv": ("NVIDIA", "data_inputs/nvidia_other_cumulative_totals.csv"),
    "coreweave_owners_cumulative_totals.csv": (
        "NVIDIA", "owners_csv_export/coreweave/coreweave_owners_cumulative_totals.csv"),
    "named_other_owners_cumulative_totals.csv": ("NVIDIA", "data_inputs/named_other_owners_cumulative_totals.csv"),
    "tpu_owners_cumulative_totals.csv": ("Google TPU", "owners_csv_export/tpu_owners_cumulative_totals.csv"),
    "amd_owners_cumulative_totals.csv": ("AMD", "owners_csv_export/amd_owners_cumulative_totals.csv"),
    "trainium_owners_cumulative_totals.csv": (
        "Amazon Trainium", "owners_csv_export/trainium_owners_cumulative_totals.csv"),
}

DESIGNERS = ("NVIDIA", "Google TPU", "AMD", "Amazon Trainium")
OWNERS = ("Microsoft", "Meta", "Amazon", "Google", "Oracle", "China", "CoreWeave", "xAI", "Other",
          "Unattributed")
# the two owner labels that stand for many firms: concentration metrics treat them as unallocated
UNALLOCATED_OWNERS = ("Other", "Unattributed")

EPOCH_CHIP_OWNERS = Source(
    producer="Epoch AI",
    title="AI Chip Owners (H100-equivalents owned, by owner, chip designer and quarter)",
    url="https://epoch.ai/data/ai-chip-owners",
    licence="CC BY 4.0 (hub data); model code and CSV exports MIT (epoch-research/ai-chip-counts)",
    date_published="2026-04-15",
    date_accessed=ACCESSED,
    citation="Epoch AI, 'AI Chip Owners', published online at epoch.ai, https://epoch.ai/data/ai-chip-owners; "
             f"CSV exports from github.com/epoch-research/ai-chip-counts at commit {_CHIP_COMMIT[:10]} (2026-04-22)",
    note="Modelled estimates (median with 5th/95th percentiles), not audited counts. 'China' covers legal "
         "NVIDIA and AMD shipments only (no Huawei Ascend, no smuggled chips).",
)

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


def _quarter_end(s: pd.Series, where: str) -> pd.Series:
    """Parse Epoch's M/D/YYYY (or M/D/YY) end dates; every value must be a calendar quarter end."""
    d = pd.to_datetime(s, format="mixed", errors="coerce")
    bad = s[d.isna()]
    if len(bad):
        raise DataError(f"{where}: column 'End date' has values that are not dates: {bad.tolist()[:3]}")
    off = d[~d.dt.is_quarter_end]
    if len(off):
        raise DataError(f"{where}: column 'End date' has values that are not quarter ends: {off.tolist()[:3]}")
    return d.dt.normalize()


def _read_owner_file(name: str) -> pd.DataFrame:
    rel = f"{_OWNER_DIR}/{name}"
    df = read_raw_csv(rel)
    missing = [c for c in _OWNER_COLS if c not in df.columns]
    if missing:
        raise DataError(f"data/raw/{rel}: column(s) {', '.join(repr(c) for c in missing)} missing "
                        f"(needed: {', '.join(_OWNER_COLS)})")
    out = df[list(_OWNER_COLS)].rename(columns={"Owner": "owner", "End date": "quarter_end", **_H100E})
    out["quarter_end"] = _quarter_end(out["quarter_end"], f"data/raw/{rel}")
    out["incomplete"] = (df["Incomplete"].astype("string").str.strip().str.lower() == "checked").fillna(False) \
        if "Incomplete" in df.columns else False
    if "Start date" in df.columns:
        out["cumulative_since"] = pd.to_datetime(df["Start date"], format="mixed").dt.normalize()
    out["designer"] = _OWNER_FILES[name][0]
    for c in _H100E.values():
        out[c] = pd.to_numeric(out[c], errors="coerce")
    return out


def build_compute_owners(raw_dir: Path) -> pd.DataFrame:
    """Cumulative H100-equivalents owned per (designer, owner, quarter end), from Epoch's exports.

    NVIDIA owners: the six owners Epoch models directly (Microsoft, Meta, Amazon, Google, Oracle, China),
    CoreWeave (its own export), xAI (Epoch's data-center based totals, end of 2024 and 2025 only), Other
    (Epoch's remainder after all eight named owners) and Unattributed: the part of Epoch's first remainder
    (total minus the six modelled owners) that its second remainder assigns to xAI or CoreWeave but that
    no published xAI/CoreWeave figure covers for that quarter (median only). With it the NVIDIA owners sum
    to Epoch's modelled NVIDIA total in every quarter.
    """
    six = _read_owner_file("nvidia_owners_cumulative_totals.csv")
    other_excl = _read_owner_file("nvidia_owners_OTHER_cumulative_totals.csv")
    other_incl = _read_owner_file("nvidia_other_cumulative_totals.csv")
    cw = _read_owner_file("coreweave_owners_cumulative_totals.csv")
    xai = _read_owner_file("named_other_owners_cumulative_totals.csv")
    xai = xai[xai["owner"] == "xAI"].copy()
    xai["incomplete"] = False
    xai["cumulative_since"] = pd.NaT   # Epoch: a lumpy, lagging count of deployed chips, not a sales model
    if xai["quarter_end"].duplicated().any():
        raise DataError("data/raw/compute/epoch_ai_chip_owners/named_other_owners_cumulative_totals.csv: "
                        "more than one xAI total per quarter")

    idx = other_incl.set_index("quarter_end")
    resid = idx["h100e_p50"] - other_excl.set_index("quarter_end")["h100e_p50"].reindex(idx.index)
    resid = resid - cw.set_index("quarter_end")["h100e_p50"].reindex(idx.index).fillna(0)
    resid = resid - xai.set_index("quarter_end")["h100e_p50"].reindex(idx.index).fillna(0)
    if resid.isna().any():
        raise DataError("data/raw/compute/epoch_ai_chip_owners: the two NVIDIA 'Other' files cover different "
                        f"quarters: {sorted(resid.index[resid.isna()].strftime('%Y-%m-%d'))}")
    if (resid < 0).any():
        raise DataError("data/raw/compute/epoch_ai_chip_owners: the xAI and CoreWeave figures exceed the "
                        "difference of Epoch's two NVIDIA 'Other' series in quarter(s) "
                        f"{sorted(resid.index[resid < 0].strftime('%Y-%m-%d'))}")
    unattributed = pd.DataFrame({
        "designer": "NVIDIA", "owner": "Unattributed", "quarter_end": resid.index,
        "h100e_p50": resid.to_numpy(), "h100e_p5": np.nan, "h100e_p95": np.nan,
        "incomplete": idx["incomplete"].to_numpy(), "cumulative_since": idx["cumulative_since"].to_numpy(),
    })
    unattributed = unattributed[unattributed["h100e_p50"] > 0]

    parts = [six, cw, xai, other_excl, unattributed]
    for name in ("tpu_owners_cumulative_totals.csv", "amd_owners_cumulative_totals.csv",
                 "trainium_owners_cumulative_totals.csv"):
        parts.append(_read_owner_file(name))
    df = pd.concat(parts, ignore_index=True)
    df["incomplete"] = df["incomplete"].astype(bool)
    cols = ["designer", "owner", "quarter_end", "h100e_p5", "h100e_p50", "h100e_p95", "incomplete",
            "cumulative_since"]
    return df[cols].sort_values(["designer", "owner", "quarter_end"]).reset_index(drop=True)


_STATUS = ("Existing", "Planned", "Decommissioned")
_CLUSTER_COLS = {
    "Name": "name", "Owner": "owner", "Country": "country", "Sector": "sector",
    "H100 equivalents": "h100e", "First Operational Date": "first_operational_date", "Status": "status",
    "Certainty": "certainty", "Include in Standard Analysis": "standard_analysis",
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
    out["first_operational_date"] = pd.to_datetime(out["first_operational_date"], format="mixed",
                                                   errors="coerce").dt.normalize()
    flag = out["standard_analysis"].astype("string").str.strip().str.lower()
    out["standard_analysis"] = flag.isin(["true", "yes", "checked", "1"]).fillna(False).astype(bool)
    out["country"] = out["country"].replace({"United States of America": "United States"})
    for c in ("name", "owner", "country", "sector", "status", "certainty"):
        out[c] = out[c].astype("string").str.strip()
    out["h100e"] = pd.to_numeric(out["h100e"], errors="coerce")
    return out.reset_index(drop=True)


_owner_schema = pa.DataFrameSchema(
    {
        "designer": pa.Column(str, pa.Check.isin(DESIGNERS)),
        "owner": pa.Column(str, pa.Check.isin(OWNERS)),
        "quarter_end": pa.Column("datetime64[ns]", pa.Check.in_range(pd.Timestamp("2022-03-31"),
                                                                    pd.Timestamp("2030-12-31"))),
        "h100e_p5": pa.Column(float, pa.Check.ge(0), nullable=True),
        "h100e_p50": pa.Column(float, pa.Check.gt(0)),
        "h100e_p95": pa.Column(float, pa.Check.ge(0), nullable=True),
        "incomplete": pa.Column(bool),
        "cumulative_since": pa.Column("datetime64[ns]", nullable=True),
    },
    checks=[
        pa.Check(lambda d: (d["h100e_p5"].isna() | (d["h100e_p5"] <= d["h100e_p50"] + 0.5)),
                 name="p5_le_median", error="h100e_p5 must not exceed h100e_p50"),
        pa.Check(lambda d: (d["h100e_p95"].isna() | (d["h100e_p95"] + 0.5 >= d["h100e_p50"])),
                 name="median_le_p95", error="h100e_p50 must not exceed h100e_p95"),
    ],
    unique=["designer", "owner", "quarter_end"],
    coerce=True,
    strict=True,
)

register(Dataset(
    name="compute_owners",
    title="AI compute owned per owner, chip designer and quarter (H100-equivalents)",
    description="Epoch AI's modelled cumulative stock of AI accelerators by owner, in H100-equivalents, "
                "with 5th/50th/95th percentiles, for NVIDIA (since 2022Q1), Google TPU (since 2023Q1), AMD "
                "and Amazon Trainium (since 2024Q1).",
    schema=_owner_schema,
    key=("designer", "owner", "quarter_end"),
    sources=[EPOCH_CHIP_OWNERS],
    kind="derived",
    build=build_compute_owners,
    raw=[RawFile(path=f"{_OWNER_DIR}/{name}", url=f"{_CHIP_BASE}/{repo_path}",
                 required_columns=tuple(c for c in _OWNER_COLS if not c.startswith("H100e")),
                 min_rows=2,
                 note="CSV export of epoch-research/ai-chip-counts, mirrored by https://epoch.ai/data/ai-chip-owners")
         for name, (_, repo_path) in _OWNER_FILES.items()],
    date_columns=("quarter_end", "cumulative_since"),
    columns_doc={
        "designer": ("chip designer: NVIDIA, Google TPU, AMD or Amazon Trainium", "category"),
        "owner": ("owner of the chips (Epoch's owner set; 'Other' = all owners Epoch does not name; "
                  "'Unattributed' = NVIDIA stock Epoch removes from 'Other' for xAI/CoreWeave in quarters "
                  "without a published xAI or CoreWeave figure)", "category"),
        "quarter_end": ("last day of the calendar quarter the cumulative stock is counted to", "date"),
        "h100e_p5": ("5th percentile of the cumulative stock (empty where Epoch gives a point figure only)",
                     "H100-equivalents"),
        "h100e_p50": ("median estimate of the cumulative stock", "H100-equivalents"),
        "h100e_p95": ("95th percentile of the cumulative stock (empty where Epoch gives a point figure only)",
                      "H100-equivalents"),
        "incomplete": ("Epoch flags the quarter as incomplete (vendor fiscal quarter ends before the calendar "
                       "quarter)", "true/false"),
        "cumulative_since": ("first day of the window the stock is accumulated from (NVIDIA 2022-01-01, TPU "
                             "2023-01-01, AMD/Trainium 2024-01-01; empty for xAI's deployment count)", "date"),
    },
    notes="Stock = chips shipped since cumulative_since (no retirements), so designers cover different windows. "
          "xAI appears only at the quarter ends where Epoch publishes a total (2024Q4, 2025Q4). Percentiles of "
          "owners do not add up to percentiles of totals.",
))

_cluster_schema = pa.DataFrameSchema(
    {
        "cluster_id": pa.Column(int, pa.Check.ge(1), unique=True),
        "name": pa.Column(str),
        "owner": pa.Column(str, nullable=True),
        "country": pa.Column(str, nullable=True),
        "sector": pa.Column(str, pa.Check.isin(["Private", "Public", "Public/Private"]), nullable=True),
        "h100e": pa.Column(float, pa.Check.gt(0), nullable=True),
        "first_operational_date": pa.Column("datetime64[ns]", pa.Check.in_range(pd.Timestamp("2000-01-01"),
                                                                               pd.Timestamp("2035-12-31")),
                                            nullable=True),
        "status": pa.Column(str, pa.Check.isin(_STATUS)),
        "certainty": pa.Column(str, pa.Check.isin(["Confirmed", "Likely", "Unlikely"]), nullable=True),
        "standard_analysis": pa.Column(bool),
    },
    coerce=True,
    strict=True,
)

register(Dataset(
    name="gpu_clusters",
    title="GPU clusters / AI supercomputers (Epoch AI)",
    description="Epoch AI's GPU clusters: owner, country, sector, capacity in H100-equivalents, first "
                "operational date, status and Epoch's standard-analysis flag.",
    schema=_cluster_schema,
    key=("cluster_id",),
    sources=[EPOCH_GPU_CLUSTERS],
    kind="derived",
    build=build_gpu_clusters,
    raw=[RawFile(path="compute/gpu_clusters.csv", url="https://epoch.ai/data/gpu_clusters.csv",
                 required_columns=tuple(_CLUSTER_COLS), min_rows=100)],
    date_columns=("first_operational_date",),
    columns_doc={
        "cluster_id": ("row number of the cluster in Epoch's file (names repeat)", "id"),
        "name": ("cluster name as given by Epoch", "text"),
        "owner": ("owner(s) as given by Epoch (may list several, comma-separated)", "text"),
        "country": ("country of the cluster ('United States' normalised from Epoch's 'United States of "
                    "America')", "text"),
        "sector": ("Private, Public or Public/Private", "category"),
        "h100e": ("performance of the cluster in H100-equivalents", "H100-equivalents"),
        "first_operational_date": ("date the cluster first became operational (empty for most planned ones)",
                                   "date"),
        "status": ("Existing, Planned or Decommissioned", "category"),
        "certainty": ("Epoch's certainty about the cluster: Confirmed, Likely or Unlikely", "category"),
        "standard_analysis": ("Epoch's 'Include in Standard Analysis' flag (drops duplicates and superseded "
                              "entries)", "true/false"),
    },
    notes="Use standard_analysis to avoid double counting. Chinese systems are often anonymized and "
          "undercounted; the snapshot ends in late 2025.",
))

LAYERS = ("cloud", "foundry", "data-center GPU")

_share_schema = pa.DataFrameSchema(
    {
        "layer": pa.Column(str, pa.Check.isin(LAYERS)),
        "period": pa.Column(str, pa.Check.str_matches(r"^\d{4}(Q[1-4])?$")),
        "company": pa.Column(str),
        "share_pct": pa.Column(float, pa.Check.in_range(0, 100)),
        "analyst": pa.Column(str, pa.Check.isin(["Synergy Research Group", "TrendForce", "TechInsights"])),
        "source_id": pa.Column(str),
    },
    checks=[
        pa.Check(lambda d: d.groupby("layer")["analyst"].transform("nunique") == 1,
                 name="one_analyst_per_layer", error="each layer must come from a single analyst series"),
        pa.Check(lambda d: d.groupby(["layer", "period"])["share_pct"].transform("sum") <= 100.5,
                 name="shares_sum_le_100", error="shares of one layer and period add up to more than 100"),
    ],
    unique=["layer", "period", "company"],
    coerce=True,
    strict=True,
)

register(Dataset(
    name="market_shares",
    title="Market shares by layer of the AI compute stack (hand-compiled)",
    description="Published market shares: cloud infrastructure services (Synergy Research Group), foundry "
                "revenue (TrendForce top-10 ranking) and data-center GPUs (TechInsights). One analyst series "
                "per layer; the shares listed do not cover the whole market (the rest is unallocated).",
    schema=_share_schema,
    key=("layer", "period", "company"),
    sources=[
        Source("Synergy Research Group", "Quarterly cloud infrastructure services market share releases",
               "https://www.srgresearch.com/", "figures quoted from press releases and press coverage",
               "2020-04-30 to 2026-05", ACCESSED, note="per-row citations in data/sources/compute.yaml"),
        Source("TrendForce", "Quarterly top-10 foundry revenue ranking", "https://www.trendforce.com/presscenter/news",
               "figures quoted from press releases and press coverage", "2024-04 to 2026-03-12", ACCESSED,
               note="per-row citations in data/sources/compute.yaml"),
        Source("TechInsights", "Data-center GPU shipments and revenue, 2022-2023", "https://www.techinsights.com/",
               "figures quoted from press coverage", "2024-06", ACCESSED,
               note="per-row citations in data/sources/compute.yaml"),
    ],
    kind="compiled",
    columns_doc={
        "layer": ("stack layer: cloud, foundry or data-center GPU", "category"),
        "period": ("calendar quarter (YYYYQn) or year (YYYY) the share refers to", "period"),
        "company": ("company as named by the analyst", "text"),
        "share_pct": ("share of the layer's market (cloud: revenue; foundry: revenue; GPU: units and revenue)",
                      "percent"),
        "analyst": ("the research firm whose series the row belongs to", "text"),
        "source_id": ("citation id in data/sources/compute.yaml", "id"),
    },
    notes="Rows whose figures could only be recalled, not found on a stored page, are left out (Synergy "
          "2024Q4). Canalys cloud shares use a different definition and are not mixed in. Shares are rounded "
          "as published (cloud to whole percent).",
))
