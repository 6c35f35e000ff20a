"""Epoch AI's Machine Learning Hardware data: accelerator specifications (``chips``), with the few
interconnect and die-area gaps filled from the hand-compiled ``chip_spec_gaps`` table (each value with a
source_id into ``data/sources/controls.yaml``), which the build of ``chips`` reads.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pandera.pandas as pa

from helpers.data.builder import read_raw_csv
from helpers.data.catalog import DataError, Dataset, RawFile, Source, get, register
from helpers.data.store import read_processed, validate_frame
from helpers.data.tables.common import ACCESSED, CC_BY, CONTROLS_COMPILED, nonneg_float

EPOCH_HARDWARE = Source(
    producer="Epoch AI",
    title="Machine Learning Hardware",
    url="https://epoch.ai/data/machine-learning-hardware",
    licence=CC_BY,
    date_published="2026-07-18",
    date_accessed=ACCESSED,
    citation="Epoch AI, 'Machine Learning Hardware', published online at epoch.ai. Retrieved 2026-07-18.",
)

# Short chip name -> Epoch AI ML Hardware 'Hardware name'. The analysis refers to chips by the short name.
CHIPS = {
    "A100": "NVIDIA A100 SXM4 80 GB",
    "A800": "NVIDIA A800 SXM",
    "H100": "NVIDIA H100 SXM5 80GB",
    "H800": "NVIDIA H800 SXM5",
    "H20": "NVIDIA HGX H20",
    "H200": "NVIDIA H200 SXM",
    "B200": "NVIDIA B200",
    "B300": "NVIDIA B300 (Blackwell Ultra)",
    "MI300X": "AMD Instinct MI300X",
    "TPU v7": "Google TPU v7 Ironwood",
    "Trainium2": "Amazon Trainium2",
    "Ascend 910B": "Huawei Ascend 910B",
    "Ascend 910C": "Huawei Ascend 910C",
}
HW_RAW = "controls/ml_hardware.csv"
HW_COLS = (
    "Hardware name",
    "Manufacturer",
    "Release date",
    "Tensor-FP16/BF16 performance (FLOP/s)",
    "FP16 (half precision) performance (FLOP/s)",
    "FP8 performance (FLOP/s)",
    "Memory (bytes)",
    "Memory bandwidth (byte/s)",
    "Intranode bandwidth (byte/s)",
    "Total processing performance (bit-OP/s)",
    "Die Size (mm^2)",
    "Foundry",
    "Process size (nm)",
    "Release price (USD)",
)


# ------------------------------------------------------------------------------------- chip_spec_gaps

GAP_FIELDS = ("interconnect_gb_s", "die_area_mm2")

register(
    Dataset(
        name="chip_spec_gaps",
        title="Chip specification gaps filled from cited pages",
        description="Interconnect (chip-to-chip) bandwidth and die areas that Epoch AI's ML Hardware data leave "
        "empty for the chips the export-control analysis needs, each value with its source.",
        schema=pa.DataFrameSchema(
            {
                "chip": pa.Column(str, checks=pa.Check.isin(list(CHIPS))),
                "field": pa.Column(str, checks=pa.Check.isin(list(GAP_FIELDS))),
                "value": pa.Column(float, checks=pa.Check.gt(0)),
                "source_id": pa.Column(str),
                "verification": pa.Column(
                    str, checks=pa.Check.isin(["verified-search", "verified-reference-table"])
                ),
            },
            strict=True,
            coerce=True,
        ),
        key=("chip", "field"),
        sources=[CONTROLS_COMPILED],
        kind="compiled",
        columns_doc={
            "chip": ("short chip name, as in the chips table", ""),
            "field": ("which chips column the value fills: interconnect_gb_s or die_area_mm2", ""),
            "value": ("the value, in the unit of the named column", "GB/s or mm2"),
            "source_id": ("citation id in data/sources/controls.yaml", ""),
            "verification": (
                "how the figure was checked (verified-search: search tool on the cited pages)",
                "",
            ),
        },
        notes="Only figures verified on public pages are kept; the B200 die area and the Ascend die areas and "
        "the Ascend 910C interconnect could not be verified and are left out.",
    )
)


# ------------------------------------------------------------------------------------------------ chips


def _read_gaps() -> pd.DataFrame:
    ds = get("chip_spec_gaps")
    if not ds.path.is_file():
        raise DataError(
            "data/chip_spec_gaps.csv is missing: the chips table needs it to fill interconnect and "
            "die-area gaps"
        )
    df = read_processed(ds, ds.path)
    return validate_frame(ds, df, where="data/chip_spec_gaps.csv")


def build_chips(raw_dir: Path) -> pd.DataFrame:
    hw = read_raw_csv(HW_RAW)
    missing = [c for c in HW_COLS if c not in hw.columns]
    if missing:
        raise DataError(f"data/raw/{HW_RAW}: column(s) missing: {', '.join(missing)}")
    rows = []
    for chip, name in CHIPS.items():
        hit = hw[hw["Hardware name"] == name]
        if len(hit) != 1:
            raise DataError(
                f"data/raw/{HW_RAW}: expected one row with 'Hardware name' == {name!r}, found {len(hit)}"
            )
        r = hit.iloc[0]
        bf16 = r["Tensor-FP16/BF16 performance (FLOP/s)"]
        from_fp16 = bool(pd.isna(bf16))
        if from_fp16:  # the Ascend 910B's dense 16-bit figure sits in the FP16 column
            bf16 = r["FP16 (half precision) performance (FLOP/s)"]
        tpp = r["Total processing performance (bit-OP/s)"]
        die = r["Die Size (mm^2)"]
        link = r["Intranode bandwidth (byte/s)"]
        rows.append(
            {
                "chip": chip,
                "epoch_hardware_name": name,
                "designer": r["Manufacturer"],
                "release_date": pd.to_datetime(r["Release date"]),
                "dense_bf16_tflops": float(bf16) / 1e12,
                "bf16_from_fp16_column": from_fp16,
                "dense_fp8_tflops": float(r["FP8 performance (FLOP/s)"]) / 1e12,
                "memory_gb": float(r["Memory (bytes)"]) / 1e9,
                "memory_bandwidth_gb_s": float(r["Memory bandwidth (byte/s)"]) / 1e9,
                "interconnect_gb_s": float(link) / 1e9,
                "interconnect_source_id": "epoch_ml_hardware" if pd.notna(link) else None,
                "tpp": float(tpp) / 1e12,
                "die_area_mm2": float(die),
                "die_area_source_id": "epoch_ml_hardware" if pd.notna(die) else None,
                "foundry": r["Foundry"] if pd.notna(r["Foundry"]) else None,
                "process_nm": float(r["Process size (nm)"]),
                "release_price_usd": float(r["Release price (USD)"]),
            }
        )
    df = pd.DataFrame(rows)
    for g in _read_gaps().itertuples(index=False):
        i = df.index[df["chip"] == g.chip][0]
        col = g.field
        src = "interconnect_source_id" if col == "interconnect_gb_s" else "die_area_source_id"
        if pd.notna(df.at[i, col]):
            raise DataError(
                f"data/chip_spec_gaps.csv: {g.chip} {col} is already given by Epoch AI "
                f"({df.at[i, col]}); remove the row"
            )
        df.at[i, col] = float(g.value)
        df.at[i, src] = g.source_id
    # BIS performance density: TPP divided by the applicable die area (mm2)
    df["performance_density"] = df["tpp"] / df["die_area_mm2"]
    df["performance_density"] = df["performance_density"].round(3)
    return df


register(
    Dataset(
        name="chips",
        title="AI accelerator specifications",
        description="Dense 16-bit throughput, memory, bandwidths, the BIS total processing performance (TPP) and "
        "performance density of the accelerators that the US export rules are about (NVIDIA's China "
        "variants A800, H800, H20 included) and their rivals (Huawei Ascend, AMD, Google, Amazon). From "
        "Epoch AI's ML Hardware data; interconnect and die-area gaps from cited pages (chip_spec_gaps).",
        schema=pa.DataFrameSchema(
            {
                "chip": pa.Column(str, unique=True),
                "epoch_hardware_name": pa.Column(str),
                "designer": pa.Column(str),
                "release_date": pa.Column(
                    "datetime64[ns]",
                    checks=pa.Check.in_range(pd.Timestamp("2015-01-01"), pd.Timestamp("2027-12-31")),
                ),
                "dense_bf16_tflops": pa.Column(float, checks=pa.Check.gt(0)),
                "bf16_from_fp16_column": pa.Column(bool),
                "dense_fp8_tflops": nonneg_float(),
                "memory_gb": nonneg_float(nullable=False),
                "memory_bandwidth_gb_s": nonneg_float(nullable=False),
                "interconnect_gb_s": nonneg_float(),
                "interconnect_source_id": pa.Column(str, nullable=True),
                "tpp": pa.Column(float, nullable=True, checks=pa.Check.in_range(100, 100_000)),
                "die_area_mm2": nonneg_float(),
                "die_area_source_id": pa.Column(str, nullable=True),
                "performance_density": nonneg_float(),
                "foundry": pa.Column(str, nullable=True),
                "process_nm": nonneg_float(),
                "release_price_usd": nonneg_float(),
            },
            strict=True,
            coerce=True,
        ),
        key=("chip",),
        sources=[EPOCH_HARDWARE, CONTROLS_COMPILED],
        kind="derived",
        build=build_chips,
        raw=[
            RawFile(
                path=HW_RAW,
                url="https://epoch.ai/data/ml_hardware.csv",
                required_columns=HW_COLS,
                min_rows=100,
            )
        ],
        date_columns=("release_date",),
        columns_doc={
            "chip": ("short chip name used throughout the collection", ""),
            "epoch_hardware_name": ("the chip's 'Hardware name' in Epoch AI's ML Hardware data", ""),
            "designer": ("designing company", ""),
            "release_date": ("release date (Epoch AI)", "date"),
            "dense_bf16_tflops": ("peak dense tensor BF16/FP16 throughput", "TFLOP/s"),
            "bf16_from_fp16_column": (
                "true when the 16-bit figure comes from Epoch's FP16 column (tensor BF16 empty; Ascend 910B)",
                "",
            ),
            "dense_fp8_tflops": ("peak dense FP8 throughput (empty: not given)", "TFLOP/s"),
            "memory_gb": ("on-package memory", "GB"),
            "memory_bandwidth_gb_s": ("memory (DRAM/HBM) bandwidth", "GB/s"),
            "interconnect_gb_s": ("chip-to-chip (intranode, bidirectional) bandwidth", "GB/s"),
            "interconnect_source_id": (
                "where interconnect_gb_s comes from (epoch_ml_hardware or a source_id)",
                "",
            ),
            "tpp": (
                "total processing performance as defined by BIS (Epoch's bit-OP/s / 1e12; empty where Epoch "
                "gives none, B300)",
                "TPP",
            ),
            "die_area_mm2": ("die area", "mm2"),
            "die_area_source_id": ("where die_area_mm2 comes from (epoch_ml_hardware or a source_id)", ""),
            "performance_density": ("BIS performance density: TPP / die area", "TPP per mm2"),
            "foundry": ("fabricating foundry (Epoch AI)", ""),
            "process_nm": ("process node", "nm"),
            "release_price_usd": ("release price where Epoch AI gives one", "USD"),
        },
        notes="TPP is Epoch AI's 'Total processing performance (bit-OP/s)' divided by 1e12, the BIS unit. The "
        "Ascend 910B's 16-bit throughput is taken from the FP16 column (its tensor BF16 field is empty). "
        "Performance density is left empty where no die area could be verified (B200, B300, Ascend, TPU, "
        "Trainium).",
    )
)
