"""Datasets of the export-control and efficiency analysis (notebook 03).

Derived from Epoch AI's public data:
- ``chips``: accelerator specs from Epoch AI's Machine Learning Hardware data, with the few interconnect and
  die-area gaps filled from the hand-compiled ``chip_spec_gaps`` table (each value with a source_id);
- ``training_costs``: Epoch AI's training-cost estimates (Cottier et al.), all three methods;
- ``hardware_prices``: Epoch AI's cloud rental prices per chip-hour.
Hand-compiled (every row with a source_id into ``data/sources/controls.yaml``):
- ``chip_spec_gaps``, ``export_controls``, ``trend_estimates``, ``reported_training_runs``.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pandera.pandas as pa

from helpers.data.catalog import DataError, Dataset, RawFile, Source, read_raw_csv, register, validate_frame

ACCESSED = "2026-11-30"
CC_BY = "CC BY 4.0"

EPOCH_HARDWARE = Source(
    producer="Epoch AI",
    title="Machine Learning Hardware",
    url="https://epoch.ai/data/machine-learning-hardware",
    licence=CC_BY,
    date_published="2026-07-18",
    date_accessed=ACCESSED,
    citation="Epoch AI, 'Machine Learning Hardware', published online at epoch.ai. Retrieved 2026-07-18.",
)
EPOCH_COSTS = Source(
    producer="Epoch AI",
    title="Training cost trends (Cottier et al., 'The rising costs of training frontier AI models'): "
          "model costs and hardware prices",
    url="https://github.com/epoch-research/training-cost-trends",
    licence=CC_BY,
    date_published="2025-07-04",
    date_accessed=ACCESSED,
    citation="Cottier, Rahman, Fattorini, Maslej, Besiroglu, Owen (2024), 'The rising costs of training "
             "frontier AI models', arXiv:2405.21015; data from Epoch AI's training-cost-trends repository.",
    note="The repository has no LICENSE file; the data underlie Epoch AI's CC BY publications on costs.",
)
COMPILED = Source(
    producer="Various (one source per row, see data/sources/controls.yaml)",
    title="Hand-compiled from cited public pages",
    url="data/sources/controls.yaml",
    licence="facts cited from their publishers",
    date_published="various",
    date_accessed=ACCESSED,
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
HW_COLS = ("Hardware name", "Manufacturer", "Release date", "Tensor-FP16/BF16 performance (FLOP/s)",
           "FP16 (half precision) performance (FLOP/s)", "FP8 performance (FLOP/s)", "Memory (bytes)",
           "Memory bandwidth (byte/s)", "Intranode bandwidth (byte/s)", "Total processing performance (bit-OP/s)",
           "Die Size (mm^2)", "Foundry", "Process size (nm)", "Release price (USD)")


def _num(**kw):
    return pa.Column(float, nullable=kw.pop("nullable", True), checks=[pa.Check.ge(0)], **kw)


# ------------------------------------------------------------------------------------- chip_spec_gaps

GAP_FIELDS = ("interconnect_gb_s", "die_area_mm2")

register(Dataset(
    name="chip_spec_gaps",
    title="Chip specification gaps filled from cited pages",
    description="Interconnect (chip-to-chip) bandwidth and die areas that Epoch AI's ML Hardware data leave "
                "empty for the chips the export-control analysis needs, each value with its source.",
    schema=pa.DataFrameSchema({
        "chip": pa.Column(str, checks=pa.Check.isin(list(CHIPS))),
        "field": pa.Column(str, checks=pa.Check.isin(list(GAP_FIELDS))),
        "value": pa.Column(float, checks=pa.Check.gt(0)),
        "source_id": pa.Column(str),
        "verification": pa.Column(str, checks=pa.Check.isin(["verified-search", "verified-reference-table"])),
    }, strict=True, coerce=True),
    key=("chip", "field"),
    sources=[COMPILED],
    kind="compiled",
    columns_doc={
        "chip": ("short chip name, as in the chips table", ""),
        "field": ("which chips column the value fills: interconnect_gb_s or die_area_mm2", ""),
        "value": ("the value, in the unit of the named column", "GB/s or mm2"),
        "source_id": ("citation id in data/sources/controls.yaml", ""),
        "verification": ("how the figure was checked (verified-search: search tool on the cited pages)", ""),
    },
    notes="Only figures verified on public pages are kept; the B200 die area and the Ascend die areas and "
          "the Ascend 910C interconnect could not be verified and are left out.",
))


# ------------------------------------------------------------------------------------------------ chips

def _read_gaps() -> pd.DataFrame:
    from helpers.data.catalog import _read_processed, get
    ds = get("chip_spec_gaps")
    if not ds.path.is_file():
        raise DataError("data/chip_spec_gaps.csv is missing: the chips table needs it to fill interconnect and "
                        "die-area gaps")
    df = _read_processed(ds, ds.path)
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
            raise DataError(f"data/raw/{HW_RAW}: expected one row with 'Hardware name' == {name!r}, found {len(hit)}")
        r = hit.iloc[0]
        bf16 = r["Tensor-FP16/BF16 performance (FLOP/s)"]
        from_fp16 = bool(pd.isna(bf16))
        if from_fp16:  # the Ascend 910B's dense 16-bit figure sits in the FP16 column
            bf16 = r["FP16 (half precision) performance (FLOP/s)"]
        tpp = r["Total processing performance (bit-OP/s)"]
        die = r["Die Size (mm^2)"]
        link = r["Intranode bandwidth (byte/s)"]
        rows.append({
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
        })
    df = pd.DataFrame(rows)
    for g in _read_gaps().itertuples(index=False):
        i = df.index[df["chip"] == g.chip][0]
        col = g.field
        src = "interconnect_source_id" if col == "interconnect_gb_s" else "die_area_source_id"
        if pd.notna(df.at[i, col]):
            raise DataError(f"data/chip_spec_gaps.csv: {g.chip} {col} is already given by Epoch AI "
                            f"({df.at[i, col]}); remove the row")
        df.at[i, col] = float(g.value)
        df.at[i, src] = g.source_id
    # BIS performance density: TPP divided by the applicable die area (mm2)
    df["performance_density"] = df["tpp"] / df["die_area_mm2"]
    df["performance_density"] = df["performance_density"].round(3)
    return df


register(Dataset(
    name="chips",
    title="AI accelerator specifications",
    description="Dense 16-bit throughput, memory, bandwidths, the BIS total processing performance (TPP) and "
                "performance density of the accelerators that the US export rules are about (NVIDIA's China "
                "variants A800, H800, H20 included) and their rivals (Huawei Ascend, AMD, Google, Amazon). From "
                "Epoch AI's ML Hardware data; interconnect and die-area gaps from cited pages (chip_spec_gaps).",
    schema=pa.DataFrameSchema({
        "chip": pa.Column(str, unique=True),
        "epoch_hardware_name": pa.Column(str),
        "designer": pa.Column(str),
        "release_date": pa.Column("datetime64[ns]", checks=pa.Check.in_range(
            pd.Timestamp("2015-01-01"), pd.Timestamp("2027-12-31"))),
        "dense_bf16_tflops": pa.Column(float, checks=pa.Check.gt(0)),
        "bf16_from_fp16_column": pa.Column(bool),
        "dense_fp8_tflops": _num(),
        "memory_gb": _num(nullable=False),
        "memory_bandwidth_gb_s": _num(nullable=False),
        "interconnect_gb_s": _num(),
        "interconnect_source_id": pa.Column(str, nullable=True),
        "tpp": pa.Column(float, nullable=True, checks=pa.Check.in_range(100, 100_000)),
        "die_area_mm2": _num(),
        "die_area_source_id": pa.Column(str, nullable=True),
        "performance_density": _num(),
        "foundry": pa.Column(str, nullable=True),
        "process_nm": _num(),
        "release_price_usd": _num(),
    }, strict=True, coerce=True),
    key=("chip",),
    sources=[EPOCH_HARDWARE, COMPILED],
    kind="derived",
    build=build_chips,
    raw=[RawFile(path=HW_RAW, url="https://epoch.ai/data/ml_hardware.csv", required_columns=HW_COLS, min_rows=100)],
    date_columns=("release_date",),
    columns_doc={
        "chip": ("short chip name used throughout the collection", ""),
        "epoch_hardware_name": ("the chip's 'Hardware name' in Epoch AI's ML Hardware data", ""),
        "designer": ("designing company", ""),
        "release_date": ("release date (Epoch AI)", "date"),
        "dense_bf16_tflops": ("peak dense tensor BF16/FP16 throughput", "TFLOP/s"),
        "bf16_from_fp16_column": ("true when the 16-bit figure comes from Epoch's FP16 column (tensor BF16 "
                                  "empty; Ascend 910B)", ""),
        "dense_fp8_tflops": ("peak dense FP8 throughput (empty: not given)", "TFLOP/s"),
        "memory_gb": ("on-package memory", "GB"),
        "memory_bandwidth_gb_s": ("memory (DRAM/HBM) bandwidth", "GB/s"),
        "interconnect_gb_s": ("chip-to-chip (intranode, bidirectional) bandwidth", "GB/s"),
        "interconnect_source_id": ("where interconnect_gb_s comes from (epoch_ml_hardware or a source_id)", ""),
        "tpp": ("total processing performance as defined by BIS (Epoch's bit-OP/s / 1e12; empty where Epoch "
                "gives none, B300)", "TPP"),
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
))


# ------------------------------------------------------------------------------------ export_controls

EFFECTS = ("licence_required", "exports_allowed", "case_by_case_review")

register(Dataset(
    name="export_controls",
    title="US export controls on AI chips to China, with their thresholds",
    description="The US rules and decisions on exporting AI accelerators to China by date: the 2022 and 2023 "
                "BIS thresholds (TPP, performance density, interconnect), the 2025 licence requirement for the "
                "H20 and its reversal, the December 2025 H200 decision and the January 2026 review policy. One "
                "row per rule clause; a chip is caught by a clause when it meets every threshold the clause sets "
                "(minimums inclusive, maximums exclusive).",
    schema=pa.DataFrameSchema({
        "rule_id": pa.Column(str),
        "clause": pa.Column(str),
        "date": pa.Column("datetime64[ns]", checks=pa.Check.in_range(pd.Timestamp("2022-01-01"),
                                                                    pd.Timestamp("2027-12-31"))),
        "date_precision": pa.Column(str, checks=pa.Check.isin(["day", "month"])),
        "instrument": pa.Column(str),
        "effect": pa.Column(str, checks=pa.Check.isin(list(EFFECTS))),
        "tpp_min": _num(),
        "tpp_max": _num(),
        "performance_density_min": _num(),
        "performance_density_max": _num(),
        "interconnect_min_gb_s": _num(),
        "memory_bandwidth_max_gb_s": _num(),
        "chips_named": pa.Column(str, nullable=True),
        "revenue_share_pct": pa.Column(float, nullable=True, checks=pa.Check.in_range(0, 100)),
        "source_id": pa.Column(str),
    }, strict=True, coerce=True),
    key=("rule_id", "clause"),
    sources=[COMPILED],
    kind="compiled",
    date_columns=("date",),
    columns_doc={
        "rule_id": ("id of the rule or decision (issuer_year_month)", ""),
        "clause": ("clause of the rule (ECCN paragraph, 'named' for chip-specific decisions)", ""),
        "date": ("date announced (first of the month when only the month is known)", "date"),
        "date_precision": ("day or month", ""),
        "instrument": ("what the rule or decision is", ""),
        "effect": ("licence_required, exports_allowed (named chips) or case_by_case_review", ""),
        "tpp_min": ("clause applies from this TPP up (inclusive)", "TPP"),
        "tpp_max": ("clause applies below this TPP (exclusive)", "TPP"),
        "performance_density_min": ("clause applies from this performance density up", "TPP per mm2"),
        "performance_density_max": ("clause applies below this performance density", "TPP per mm2"),
        "interconnect_min_gb_s": ("clause applies from this chip-to-chip bandwidth up", "GB/s"),
        "memory_bandwidth_max_gb_s": ("clause applies below this memory bandwidth", "GB/s"),
        "chips_named": ("chips named by a chip-specific decision, ';'-separated", ""),
        "revenue_share_pct": ("share of China revenue to the US government under the decision", "%"),
        "source_id": ("citation id in data/sources/controls.yaml", ""),
    },
    notes="The January 2025 AI Diffusion rule (rescinded in May 2025) and the December 2024 HBM rule are left "
          "out: their chip thresholds could not be verified. The 2023 rule's 3A090.b clauses concern chips "
          "also eligible for a notified licence exception outside data centres; here they count as controlled.",
))


# ------------------------------------------------------------------------------------ trend_estimates

register(Dataset(
    name="trend_estimates",
    title="Published rates of AI progress with their intervals",
    description="Published estimates of algorithmic progress (halving time of the compute needed for fixed "
                "performance), training-compute growth, hardware price-performance and training-cost growth, "
                "each with its interval and the interval's level as published.",
    schema=pa.DataFrameSchema({
        "estimate_id": pa.Column(str, unique=True),
        "quantity": pa.Column(str),
        "central": pa.Column(float, checks=pa.Check.gt(0)),
        "interval_low": _num(),
        "interval_high": _num(),
        "interval_kind": pa.Column(str, checks=pa.Check.isin(["confidence_interval", "range", "none"])),
        "interval_level_pct": pa.Column(float, nullable=True, checks=pa.Check.in_range(50, 99.9)),
        "unit": pa.Column(str),
        "period": pa.Column(str),
        "source_id": pa.Column(str),
    }, strict=True, coerce=True,
        checks=[pa.Check(lambda d: (d["interval_low"].isna() | (d["interval_low"] <= d["central"])) &
                         (d["interval_high"].isna() | (d["interval_high"] >= d["central"])),
                         error="interval_low <= central <= interval_high")]),
    key=("estimate_id",),
    sources=[COMPILED],
    kind="compiled",
    columns_doc={
        "estimate_id": ("id of the estimate", ""),
        "quantity": ("what is estimated", ""),
        "central": ("central (point) estimate", "see unit"),
        "interval_low": ("lower end of the published interval", "see unit"),
        "interval_high": ("upper end of the published interval", "see unit"),
        "interval_kind": ("confidence_interval (with a level), range (no stated level) or none", ""),
        "interval_level_pct": ("level of the confidence interval", "%"),
        "unit": ("unit of central and the interval", ""),
        "period": ("years the estimate covers", ""),
        "source_id": ("citation id in data/sources/controls.yaml", ""),
    },
))


# ----------------------------------------------------------------------------- reported_training_runs

register(Dataset(
    name="reported_training_runs",
    title="Training runs with GPU-hours reported by their developers",
    description="GPU-hours and rental-price assumptions that developers themselves reported, used to "
                "calibrate cost estimates (DeepSeek-V3: 2.788M H800 GPU-hours at $2 per GPU-hour).",
    schema=pa.DataFrameSchema({
        "model": pa.Column(str, unique=True),
        "chip": pa.Column(str),
        "gpu_hours": pa.Column(float, checks=pa.Check.gt(0)),
        "price_usd_per_gpu_hour": pa.Column(float, checks=pa.Check.gt(0)),
        "reported_cost_usd": pa.Column(float, checks=pa.Check.gt(0)),
        "scope": pa.Column(str),
        "source_id": pa.Column(str),
    }, strict=True, coerce=True,
        checks=[pa.Check(lambda d: ((d["gpu_hours"] * d["price_usd_per_gpu_hour"] - d["reported_cost_usd"]).abs()
                                   <= 0.01 * d["reported_cost_usd"]), error="gpu_hours x price = reported cost")]),
    key=("model",),
    sources=[COMPILED],
    kind="compiled",
    columns_doc={
        "model": ("model name as in Epoch AI's models data", ""),
        "chip": ("chip the run used (short name of the chips table)", ""),
        "gpu_hours": ("GPU-hours of the reported training run", "GPU-hours"),
        "price_usd_per_gpu_hour": ("rental price the developer assumed", "USD per GPU-hour"),
        "reported_cost_usd": ("cost the developer reported (gpu_hours x price)", "USD"),
        "scope": ("what the reported figure covers", ""),
        "source_id": ("citation id in data/sources/controls.yaml", ""),
    },
))


# ------------------------------------------------------------------------------------- training_costs

COST_RAW = "controls/model_costs.csv"
COST_COLS = ("Model", "Cloud_Cost", "Hardware_Acquisition_Cost", "Hardware_Capex_Energy_Cost")


def build_training_costs(raw_dir: Path) -> pd.DataFrame:
    df = read_raw_csv(COST_RAW)
    missing = [c for c in COST_COLS if c not in df.columns]
    if missing:
        raise DataError(f"data/raw/{COST_RAW}: column(s) missing: {', '.join(missing)}")
    out = pd.DataFrame({
        "model": df["Model"].astype(str).str.strip(),
        "cloud_cost_usd": pd.to_numeric(df["Cloud_Cost"], errors="coerce"),
        "hardware_acquisition_cost_usd": pd.to_numeric(df["Hardware_Acquisition_Cost"], errors="coerce"),
        "amortized_hardware_energy_cost_usd": pd.to_numeric(df["Hardware_Capex_Energy_Cost"], errors="coerce"),
    })
    cost = ["cloud_cost_usd", "hardware_acquisition_cost_usd", "amortized_hardware_energy_cost_usd"]
    return out[out[cost].notna().any(axis=1)].reset_index(drop=True)


register(Dataset(
    name="training_costs",
    title="Training-cost estimates of notable models (three methods)",
    description="Epoch AI's estimates of the compute cost of training notable models by three methods: cloud "
                "rental price, hardware acquisition cost, and amortized hardware capital plus energy.",
    schema=pa.DataFrameSchema({
        "model": pa.Column(str, unique=True),
        "cloud_cost_usd": _num(),
        "hardware_acquisition_cost_usd": _num(),
        "amortized_hardware_energy_cost_usd": _num(),
    }, strict=True, coerce=True),
    key=("model",),
    sources=[EPOCH_COSTS],
    kind="derived",
    build=build_training_costs,
    raw=[RawFile(path=COST_RAW,
                 url="https://raw.githubusercontent.com/epoch-research/training-cost-trends/main/model_costs.csv",
                 required_columns=COST_COLS, min_rows=50)],
    columns_doc={
        "model": ("model name (Epoch AI)", ""),
        "cloud_cost_usd": ("cost at cloud rental prices of the hardware used", "USD (nominal)"),
        "hardware_acquisition_cost_usd": ("cost of buying the training hardware", "USD (nominal)"),
        "amortized_hardware_energy_cost_usd": ("amortized hardware capital expenditure plus energy for the run "
                                               "(Epoch's headline method)", "USD (nominal)"),
    },
    notes="Nominal USD; the file does not state a base year. DeepSeek models are absent; their cost estimates "
          "are in the models table (training_cost_2023_usd).",
))


# ------------------------------------------------------------------------------------ hardware_prices

PRICE_RAW = "controls/hardware_prices.csv"
PRICE_COLS = ("Price date", "Hardware model", "Vendor", "Price per chip-hour (on-demand)",
              "Price per chip-hour (1-year CUD)", "Price per chip-hour (3-year CUD)")
PRICING = {"Price per chip-hour (on-demand)": "on_demand", "Price per chip-hour (1-year CUD)": "commit_1y",
           "Price per chip-hour (3-year CUD)": "commit_3y"}


def build_hardware_prices(raw_dir: Path) -> pd.DataFrame:
    df = read_raw_csv(PRICE_RAW, encoding="utf-8-sig")
    missing = [c for c in PRICE_COLS if c not in df.columns]
    if missing:
        raise DataError(f"data/raw/{PRICE_RAW}: column(s) missing: {', '.join(missing)}")
    df = df[df["Vendor"].notna() & df["Price date"].notna()]
    long = df.melt(id_vars=["Price date", "Hardware model", "Vendor"], value_vars=list(PRICING),
                   var_name="pricing", value_name="price")
    long["price"] = pd.to_numeric(long["price"], errors="coerce")
    long = long[long["price"].notna() & (long["price"] > 0)]
    long["pricing"] = long["pricing"].map(PRICING)
    long["price_date"] = pd.to_datetime(long["Price date"], format="mixed")
    # several instance listings of one chip at one vendor on one date: keep their median and count
    g = long.groupby(["Hardware model", "Vendor", "price_date", "pricing"], as_index=False)["price"].agg(
        ["median", "size"])
    out = g.rename(columns={"Hardware model": "hardware_model", "Vendor": "vendor",
                            "median": "price_usd_per_chip_hour", "size": "n_listings"})
    names = {v: k for k, v in CHIPS.items()}
    out["chip"] = out["hardware_model"].map(names)
    out["n_listings"] = out["n_listings"].astype(int)
    return out[["hardware_model", "chip", "vendor", "price_date", "pricing", "price_usd_per_chip_hour",
                "n_listings"]].reset_index(drop=True)


register(Dataset(
    name="hardware_prices",
    title="Cloud rental prices per chip-hour",
    description="Epoch AI's collected cloud prices per chip-hour (on demand, 1-year and 3-year commitments) by "
                "hardware, vendor and date. Where a vendor listed several instances of one chip on one date the "
                "median is kept with the number of listings.",
    schema=pa.DataFrameSchema({
        "hardware_model": pa.Column(str),
        "chip": pa.Column(str, nullable=True, checks=pa.Check.isin(list(CHIPS))),
        "vendor": pa.Column(str),
        "price_date": pa.Column("datetime64[ns]", checks=pa.Check.in_range(pd.Timestamp("2010-01-01"),
                                                                          pd.Timestamp("2027-12-31"))),
        "pricing": pa.Column(str, checks=pa.Check.isin(list(PRICING.values()))),
        "price_usd_per_chip_hour": pa.Column(float, checks=pa.Check.in_range(0, 200, include_min=False)),
        "n_listings": pa.Column(int, checks=pa.Check.ge(1)),
    }, strict=True, coerce=True),
    key=("hardware_model", "vendor", "price_date", "pricing"),
    sources=[EPOCH_COSTS],
    kind="derived",
    build=build_hardware_prices,
    raw=[RawFile(path=PRICE_RAW,
                 url="https://raw.githubusercontent.com/epoch-research/training-cost-trends/main/data/"
                     "Hardware%20prices.csv",
                 required_columns=PRICE_COLS, min_rows=100, encoding="utf-8-sig")],
    date_columns=("price_date",),
    columns_doc={
        "hardware_model": ("hardware name (Epoch AI)", ""),
        "chip": ("short chip name when the chip is in the chips table", ""),
        "vendor": ("cloud vendor", ""),
        "price_date": ("date the price was observed", "date"),
        "pricing": ("on_demand, commit_1y or commit_3y", ""),
        "price_usd_per_chip_hour": ("rental price (median over the vendor's listings that day)",
                                    "USD per chip-hour"),
        "n_listings": ("number of listings the median is taken over", "count"),
    },
    notes="Purchase prices in the source are not kept. Prices are nominal USD.",
))
