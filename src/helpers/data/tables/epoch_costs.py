"""Epoch AI's training-cost trends (Cottier et al.): training-cost estimates of notable models by three
methods (``training_costs``) and cloud rental prices per chip-hour (``hardware_prices``).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pandera.pandas as pa

from helpers.data.builder import read_raw_csv
from helpers.data.catalog import DataError, Dataset, RawFile, Source, register
from helpers.data.tables.common import ACCESSED, CC_BY, nonneg_float
from helpers.data.tables.epoch_hardware import CHIPS

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


# ------------------------------------------------------------------------------------- training_costs

COST_RAW = "controls/model_costs.csv"
COST_COLS = ("Model", "Cloud_Cost", "Hardware_Acquisition_Cost", "Hardware_Capex_Energy_Cost")


def build_training_costs(raw_dir: Path) -> pd.DataFrame:
    df = read_raw_csv(COST_RAW)
    missing = [c for c in COST_COLS if c not in df.columns]
    if missing:
        raise DataError(f"data/raw/{COST_RAW}: column(s) missing: {', '.join(missing)}")
    out = pd.DataFrame(
        {
            "model": df["Model"].astype(str).str.strip(),
            "cloud_cost_usd": pd.to_numeric(df["Cloud_Cost"], errors="coerce"),
            "hardware_acquisition_cost_usd": pd.to_numeric(df["Hardware_Acquisition_Cost"], errors="coerce"),
            "amortized_hardware_energy_cost_usd": pd.to_numeric(
                df["Hardware_Capex_Energy_Cost"], errors="coerce"
            ),
        }
    )
    cost = ["cloud_cost_usd", "hardware_acquisition_cost_usd", "amortized_hardware_energy_cost_usd"]
    return out[out[cost].notna().any(axis=1)].reset_index(drop=True)


register(
    Dataset(
        name="training_costs",
        title="Training-cost estimates of notable models (three methods)",
        description="Epoch AI's estimates of the compute cost of training notable models by three methods: cloud "
        "rental price, hardware acquisition cost, and amortized hardware capital plus energy.",
        schema=pa.DataFrameSchema(
            {
                "model": pa.Column(str, unique=True),
                "cloud_cost_usd": nonneg_float(),
                "hardware_acquisition_cost_usd": nonneg_float(),
                "amortized_hardware_energy_cost_usd": nonneg_float(),
            },
            strict=True,
            coerce=True,
        ),
        key=("model",),
        sources=[EPOCH_COSTS],
        kind="derived",
        build=build_training_costs,
        raw=[
            RawFile(
                path=COST_RAW,
                url="https://raw.githubusercontent.com/epoch-research/training-cost-trends/main/model_costs.csv",
                required_columns=COST_COLS,
                min_rows=50,
            )
        ],
        columns_doc={
            "model": ("model name (Epoch AI)", ""),
            "cloud_cost_usd": ("cost at cloud rental prices of the hardware used", "USD (nominal)"),
            "hardware_acquisition_cost_usd": ("cost of buying the training hardware", "USD (nominal)"),
            "amortized_hardware_energy_cost_usd": (
                "amortized hardware capital expenditure plus energy for the run (Epoch's headline method)",
                "USD (nominal)",
            ),
        },
        notes="Nominal USD; the file does not state a base year. DeepSeek models are absent; their cost estimates "
        "are in the models table (training_cost_2023_usd).",
    )
)


# ------------------------------------------------------------------------------------ hardware_prices

PRICE_RAW = "controls/hardware_prices.csv"
PRICE_COLS = (
    "Price date",
    "Hardware model",
    "Vendor",
    "Price per chip-hour (on-demand)",
    "Price per chip-hour (1-year CUD)",
    "Price per chip-hour (3-year CUD)",
)
PRICING = {
    "Price per chip-hour (on-demand)": "on_demand",
    "Price per chip-hour (1-year CUD)": "commit_1y",
    "Price per chip-hour (3-year CUD)": "commit_3y",
}


def build_hardware_prices(raw_dir: Path) -> pd.DataFrame:
    df = read_raw_csv(PRICE_RAW, encoding="utf-8-sig")
    missing = [c for c in PRICE_COLS if c not in df.columns]
    if missing:
        raise DataError(f"data/raw/{PRICE_RAW}: column(s) missing: {', '.join(missing)}")
    df = df[df["Vendor"].notna() & df["Price date"].notna()]
    long = df.melt(
        id_vars=["Price date", "Hardware model", "Vendor"],
        value_vars=list(PRICING),
        var_name="pricing",
        value_name="price",
    )
    long["price"] = pd.to_numeric(long["price"], errors="coerce")
    long = long[long["price"].notna() & (long["price"] > 0)]
    long["pricing"] = long["pricing"].map(PRICING)
    long["price_date"] = pd.to_datetime(long["Price date"], format="mixed")
    # several instance listings of one chip at one vendor on one date: keep their median and count
    g = long.groupby(["Hardware model", "Vendor", "price_date", "pricing"], as_index=False)["price"].agg(
        ["median", "size"]
    )
    out = g.rename(
        columns={
            "Hardware model": "hardware_model",
            "Vendor": "vendor",
            "median": "price_usd_per_chip_hour",
            "size": "n_listings",
        }
    )
    names = {v: k for k, v in CHIPS.items()}
    out["chip"] = out["hardware_model"].map(names)
    out["n_listings"] = out["n_listings"].astype(int)
    return out[
        ["hardware_model", "chip", "vendor", "price_date", "pricing", "price_usd_per_chip_hour", "n_listings"]
    ].reset_index(drop=True)


register(
    Dataset(
        name="hardware_prices",
        title="Cloud rental prices per chip-hour",
        description="Epoch AI's collected cloud prices per chip-hour (on demand, 1-year and 3-year commitments) by "
        "hardware, vendor and date. Where a vendor listed several instances of one chip on one date the "
        "median is kept with the number of listings.",
        schema=pa.DataFrameSchema(
            {
                "hardware_model": pa.Column(str),
                "chip": pa.Column(str, nullable=True, checks=pa.Check.isin(list(CHIPS))),
                "vendor": pa.Column(str),
                "price_date": pa.Column(
                    "datetime64[ns]",
                    checks=pa.Check.in_range(pd.Timestamp("2010-01-01"), pd.Timestamp("2027-12-31")),
                ),
                "pricing": pa.Column(str, checks=pa.Check.isin(list(PRICING.values()))),
                "price_usd_per_chip_hour": pa.Column(
                    float, checks=pa.Check.in_range(0, 200, include_min=False)
                ),
                "n_listings": pa.Column(int, checks=pa.Check.ge(1)),
            },
            strict=True,
            coerce=True,
        ),
        key=("hardware_model", "vendor", "price_date", "pricing"),
        sources=[EPOCH_COSTS],
        kind="derived",
        build=build_hardware_prices,
        raw=[
            RawFile(
                path=PRICE_RAW,
                url="https://raw.githubusercontent.com/epoch-research/training-cost-trends/main/data/"
                "Hardware%20prices.csv",
                required_columns=PRICE_COLS,
                min_rows=100,
                encoding="utf-8-sig",
            )
        ],
        date_columns=("price_date",),
        columns_doc={
            "hardware_model": ("hardware name (Epoch AI)", ""),
            "chip": ("short chip name when the chip is in the chips table", ""),
            "vendor": ("cloud vendor", ""),
            "price_date": ("date the price was observed", "date"),
            "pricing": ("on_demand, commit_1y or commit_3y", ""),
            "price_usd_per_chip_hour": (
                "rental price (median over the vendor's listings that day)",
                "USD per chip-hour",
            ),
            "n_listings": ("number of listings the median is taken over", "count"),
        },
        notes="Purchase prices in the source are not kept. Prices are nominal USD.",
    )
)
