"""Epoch AI's AI Chip Owners: H100-equivalents owned per owner, chip designer and quarter (``compute_owners``),
derived from the CSV exports of Epoch's ai-chip-counts repository (which the hub mirrors), copied to
``data/raw/compute/epoch_ai_chip_owners/``.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pandera.pandas as pa

from helpers.data.builder import read_raw_csv
from helpers.data.catalog import DataError, Dataset, RawFile, Source, register
from helpers.data.tables.common import ACCESSED

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
    "nvidia_owners_cumulative_totals.csv": (
        "NVIDIA",
        "owners_csv_export/nvidia_owners_cumulative_totals.csv",
    ),
    "nvidia_owners_OTHER_cumulative_totals.csv": (
        "NVIDIA",
        "owners_csv_export/nvidia_owners_OTHER_cumulative_totals.csv",
    ),
    "nvidia_other_cumulative_totals.csv": ("NVIDIA", "data_inputs/nvidia_other_cumulative_totals.csv"),
    "coreweave_owners_cumulative_totals.csv": (
        "NVIDIA",
        "owners_csv_export/coreweave/coreweave_owners_cumulative_totals.csv",
    ),
    "named_other_owners_cumulative_totals.csv": (
        "NVIDIA",
        "data_inputs/named_other_owners_cumulative_totals.csv",
    ),
    "tpu_owners_cumulative_totals.csv": ("Google TPU", "owners_csv_export/tpu_owners_cumulative_totals.csv"),
    "amd_owners_cumulative_totals.csv": ("AMD", "owners_csv_export/amd_owners_cumulative_totals.csv"),
    "trainium_owners_cumulative_totals.csv": (
        "Amazon Trainium",
        "owners_csv_export/trainium_owners_cumulative_totals.csv",
    ),
}

DESIGNERS = ("NVIDIA", "Google TPU", "AMD", "Amazon Trainium")
OWNERS = (
    "Microsoft",
    "Meta",
    "Amazon",
    "Google",
    "Oracle",
    "China",
    "CoreWeave",
    "xAI",
    "Other",
    "Unattributed",
)

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


def _quarter_end(s: pd.Series, where: str) -> pd.Series:
    """Parse Epoch's M/D/YYYY (or M/D/YY) end dates; every value must be a calendar quarter end."""
    d = pd.to_datetime(s, format="mixed", errors="coerce")
    bad = s[d.isna()]
    if len(bad):
        raise DataError(f"{where}: column 'End date' has values that are not dates: {bad.tolist()[:3]}")
    off = d[~d.dt.is_quarter_end]
    if len(off):
        raise DataError(
            f"{where}: column 'End date' has values that are not quarter ends: {off.tolist()[:3]}"
        )
    return d.dt.normalize()


def _read_owner_file(name: str) -> pd.DataFrame:
    rel = f"{_OWNER_DIR}/{name}"
    df = read_raw_csv(rel)
    missing = [c for c in _OWNER_COLS if c not in df.columns]
    if missing:
        raise DataError(
            f"data/raw/{rel}: column(s) {', '.join(repr(c) for c in missing)} missing "
            f"(needed: {', '.join(_OWNER_COLS)})"
        )
    out = df[list(_OWNER_COLS)].rename(columns={"Owner": "owner", "End date": "quarter_end", **_H100E})
    out["quarter_end"] = _quarter_end(out["quarter_end"], f"data/raw/{rel}")
    out["incomplete"] = (
        (df["Incomplete"].astype("string").str.strip().str.lower() == "checked").fillna(False)
        if "Incomplete" in df.columns
        else False
    )
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
    xai["cumulative_since"] = pd.NaT  # Epoch: a lumpy, lagging count of deployed chips, not a sales model
    if xai["quarter_end"].duplicated().any():
        raise DataError(
            "data/raw/compute/epoch_ai_chip_owners/named_other_owners_cumulative_totals.csv: "
            "more than one xAI total per quarter"
        )

    idx = other_incl.set_index("quarter_end")
    resid = idx["h100e_p50"] - other_excl.set_index("quarter_end")["h100e_p50"].reindex(idx.index)
    resid = resid - cw.set_index("quarter_end")["h100e_p50"].reindex(idx.index).fillna(0)
    resid = resid - xai.set_index("quarter_end")["h100e_p50"].reindex(idx.index).fillna(0)
    if resid.isna().any():
        raise DataError(
            "data/raw/compute/epoch_ai_chip_owners: the two NVIDIA 'Other' files cover different "
            f"quarters: {sorted(resid.index[resid.isna()].strftime('%Y-%m-%d'))}"
        )
    if (resid < 0).any():
        raise DataError(
            "data/raw/compute/epoch_ai_chip_owners: the xAI and CoreWeave figures exceed the "
            "difference of Epoch's two NVIDIA 'Other' series in quarter(s) "
            f"{sorted(resid.index[resid < 0].strftime('%Y-%m-%d'))}"
        )
    unattributed = pd.DataFrame(
        {
            "designer": "NVIDIA",
            "owner": "Unattributed",
            "quarter_end": resid.index,
            "h100e_p50": resid.to_numpy(),
            "h100e_p5": np.nan,
            "h100e_p95": np.nan,
            "incomplete": idx["incomplete"].to_numpy(),
            "cumulative_since": idx["cumulative_since"].to_numpy(),
        }
    )
    unattributed = unattributed[unattributed["h100e_p50"] > 0]

    parts = [six, cw, xai, other_excl, unattributed]
    for name in (
        "tpu_owners_cumulative_totals.csv",
        "amd_owners_cumulative_totals.csv",
        "trainium_owners_cumulative_totals.csv",
    ):
        parts.append(_read_owner_file(name))
    df = pd.concat(parts, ignore_index=True)
    df["incomplete"] = df["incomplete"].astype(bool)
    cols = [
        "designer",
        "owner",
        "quarter_end",
        "h100e_p5",
        "h100e_p50",
        "h100e_p95",
        "incomplete",
        "cumulative_since",
    ]
    return df[cols].sort_values(["designer", "owner", "quarter_end"]).reset_index(drop=True)


_owner_schema = pa.DataFrameSchema(
    {
        "designer": pa.Column(str, pa.Check.isin(DESIGNERS)),
        "owner": pa.Column(str, pa.Check.isin(OWNERS)),
        "quarter_end": pa.Column(
            "datetime64[ns]", pa.Check.in_range(pd.Timestamp("2022-03-31"), pd.Timestamp("2030-12-31"))
        ),
        "h100e_p5": pa.Column(float, pa.Check.ge(0), nullable=True),
        "h100e_p50": pa.Column(float, pa.Check.gt(0)),
        "h100e_p95": pa.Column(float, pa.Check.ge(0), nullable=True),
        "incomplete": pa.Column(bool),
        "cumulative_since": pa.Column("datetime64[ns]", nullable=True),
    },
    checks=[
        pa.Check(
            lambda d: d["h100e_p5"].isna() | (d["h100e_p5"] <= d["h100e_p50"] + 0.5),
            name="p5_le_median",
            error="h100e_p5 must not exceed h100e_p50",
        ),
        pa.Check(
            lambda d: d["h100e_p95"].isna() | (d["h100e_p95"] + 0.5 >= d["h100e_p50"]),
            name="median_le_p95",
            error="h100e_p50 must not exceed h100e_p95",
        ),
    ],
    unique=["designer", "owner", "quarter_end"],
    coerce=True,
    strict=True,
)

register(
    Dataset(
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
        raw=[
            RawFile(
                path=f"{_OWNER_DIR}/{name}",
                url=f"{_CHIP_BASE}/{repo_path}",
                required_columns=tuple(c for c in _OWNER_COLS if not c.startswith("H100e")),
                min_rows=2,
                note="CSV export of epoch-research/ai-chip-counts, mirrored by https://epoch.ai/data/ai-chip-owners",
            )
            for name, (_, repo_path) in _OWNER_FILES.items()
        ],
        date_columns=("quarter_end", "cumulative_since"),
        columns_doc={
            "designer": ("chip designer: NVIDIA, Google TPU, AMD or Amazon Trainium", "category"),
            "owner": (
                "owner of the chips (Epoch's owner set; 'Other' = all owners Epoch does not name; "
                "'Unattributed' = NVIDIA stock Epoch removes from 'Other' for xAI/CoreWeave in quarters "
                "without a published xAI or CoreWeave figure)",
                "category",
            ),
            "quarter_end": ("last day of the calendar quarter the cumulative stock is counted to", "date"),
            "h100e_p5": (
                "5th percentile of the cumulative stock (empty where Epoch gives a point figure only)",
                "H100-equivalents",
            ),
            "h100e_p50": ("median estimate of the cumulative stock", "H100-equivalents"),
            "h100e_p95": (
                "95th percentile of the cumulative stock (empty where Epoch gives a point figure only)",
                "H100-equivalents",
            ),
            "incomplete": (
                "Epoch flags the quarter as incomplete (vendor fiscal quarter ends before the calendar "
                "quarter)",
                "true/false",
            ),
            "cumulative_since": (
                "first day of the window the stock is accumulated from (NVIDIA 2022-01-01, TPU "
                "2023-01-01, AMD/Trainium 2024-01-01; empty for xAI's deployment count)",
                "date",
            ),
        },
        notes="Stock = chips shipped since cumulative_since (no retirements), so designers cover different windows. "
        "xAI appears only at the quarter ends where Epoch publishes a total (2024Q4, 2025Q4). Percentiles of "
        "owners do not add up to percentiles of totals.",
    )
)
