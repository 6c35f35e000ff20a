"""Epoch AI's Data on AI Models: the ``models`` table, and how Epoch's fields read in every Epoch table.

Open/closed rule, used everywhere: Epoch's ``Model accessibility`` starting with "Open weights" is open;
"API access" and "Hosted access (no API)" are closed; "Unreleased" and blank are neither. The Benchmarking
Hub tables (``epoch_benchmarks``) apply the same rule and the same country names.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pandera.pandas as pa

from helpers.data.builder import read_raw_csv
from helpers.data.catalog import DataError, Dataset, RawFile, Source, register
from helpers.data.tables.common import ACCESSED, to_date, to_number, to_text

ACCESSIBILITY = ["open weights", "API", "hosted", "unreleased"]

# Country names as Epoch writes them -> short names used in this project (others are kept as written).
COUNTRY_SHORT = {
    "United States of America": "US",
    "United Kingdom of Great Britain and Northern Ireland": "UK",
    "Korea (Republic of)": "South Korea",
    "Russian Federation": "Russia",
    "Taiwan, Province of China": "Taiwan",
    "Iran (Islamic Republic of)": "Iran",
    "Viet Nam": "Vietnam",
}

EPOCH_MODELS = Source(
    producer="Epoch AI",
    title="Data on AI Models (Notable AI Models; Large-Scale AI Models)",
    url="https://epoch.ai/data/ai-models",
    licence="CC BY 4.0",
    date_published="2026-07 (notable); 2026-03 (large-scale)",
    date_accessed=ACCESSED,
    citation="Epoch AI, 'Data on AI Models'. Published online at epoch.ai. Retrieved from "
    "https://epoch.ai/data/ai-models",
)


# ----------------------------------------------------------------------------------- Epoch's fields


def accessibility_class(raw: pd.Series) -> pd.Series:
    """Epoch's 'Model accessibility' text -> one of ACCESSIBILITY (or missing)."""
    s = raw.astype("string").str.strip()
    out = pd.Series(pd.NA, index=raw.index, dtype="string")
    out[s.str.startswith("Open weights", na=False)] = "open weights"
    out[s.eq("API access")] = "API"
    out[s.str.startswith("Hosted access", na=False)] = "hosted"
    out[s.eq("Unreleased")] = "unreleased"
    unknown = s.notna() & out.isna()
    if unknown.any():
        raise DataError(
            f"unexpected 'Model accessibility' values: {sorted(set(s[unknown]))[:5]}; "
            f"allowed: Open weights (...), API access, Hosted access (no API), Unreleased"
        )
    return out


def open_from_accessibility(acc: pd.Series) -> pd.Series:
    """True for open weights, False for API/hosted, missing for unreleased or unknown."""
    out = pd.Series(pd.NA, index=acc.index, dtype="boolean")
    out[acc.eq("open weights").fillna(False)] = True
    out[acc.isin(["API", "hosted"]).fillna(False)] = False
    return out


def split_countries(raw: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Epoch's comma-joined country field -> (primary country, all countries ';'-joined).

    Primary = the first country listed (Epoch lists them in the order of the model's organizations, so
    it is the country of the lead organization); duplicates are dropped, order kept."""
    prim, allc = [], []
    for v in raw.astype("string"):
        if pd.isna(v) or not str(v).strip():
            prim.append(pd.NA)
            allc.append(pd.NA)
            continue
        seen = []
        for part in str(v).split(","):
            name = COUNTRY_SHORT.get(part.strip(), part.strip())
            if name and name not in seen:
                seen.append(name)
        prim.append(seen[0] if seen else pd.NA)
        allc.append(";".join(seen) if seen else pd.NA)
    return pd.Series(prim, index=raw.index, dtype="string"), pd.Series(allc, index=raw.index, dtype="string")


# -------------------------------------------------------------------------------------------- models

MODEL_COLS = [
    "Model",
    "Organization",
    "Country (of organization)",
    "Publication date",
    "Domain",
    "Model accessibility",
    "Parameters",
    "Training compute (FLOP)",
    "Confidence",
]


def build_models(raw_dir: Path) -> pd.DataFrame:
    notable = read_raw_csv("epoch_models/notable_ai_models.csv")
    large = read_raw_csv("epoch_models/large_scale_ai_models.csv")
    for name, df, extra in (
        ("notable_ai_models.csv", notable, ["Training compute cost (2023 USD)", "Frontier model"]),
        ("large_scale_ai_models.csv", large, []),
    ):
        missing = [c for c in MODEL_COLS + extra if c not in df.columns]
        if missing:
            raise DataError(f"data/raw/epoch_models/{name}: columns missing: {missing}")
    notable = notable.assign(_notable=True, _large=False)
    large = large.assign(_notable=False, _large=True)
    notable["Model"] = to_text(notable["Model"])
    large["Model"] = to_text(large["Model"])
    notable = notable.dropna(subset=["Model"]).drop_duplicates("Model", keep="first")
    large = large.dropna(subset=["Model"]).drop_duplicates("Model", keep="first")
    # notable (newer copy) first; large-scale fills fields notable lacks and adds models it does not list
    both = notable.set_index("Model")
    ls = large.set_index("Model")
    in_ls = both.index.intersection(ls.index)
    for c in MODEL_COLS[1:]:
        both.loc[in_ls, c] = both.loc[in_ls, c].where(both.loc[in_ls, c].notna(), ls.loc[in_ls, c])
    both.loc[in_ls, "_large"] = True
    extra_rows = ls.loc[ls.index.difference(both.index)]
    merged = pd.concat([both, extra_rows], axis=0).reset_index().rename(columns={"index": "Model"})
    primary, allc = split_countries(merged["Country (of organization)"])
    acc = accessibility_class(merged["Model accessibility"])
    frontier = merged["Frontier model"].astype("string").str.lower().eq("true").fillna(False)
    out = pd.DataFrame(
        {
            "model": merged["Model"].astype("string"),
            "organization": to_text(merged["Organization"]),
            "country": primary,
            "countries": allc,
            "publication_date": to_date(merged["Publication date"]),
            "domain": to_text(merged["Domain"]),
            "accessibility": acc,
            "accessibility_detail": to_text(merged["Model accessibility"]),
            "open_weights": acc.eq("open weights").fillna(False).astype(bool),
            "parameters": to_number(merged["Parameters"]),
            "training_compute_flop": to_number(merged["Training compute (FLOP)"]),
            "compute_confidence": to_text(merged["Confidence"]),
            "training_cost_2023_usd": to_number(merged.get("Training compute cost (2023 USD)")),
            "frontier_model": frontier.astype(bool),
            "notable": merged["_notable"].astype(bool),
            "large_scale": merged["_large"].astype(bool),
        }
    )
    out = out.dropna(subset=["publication_date"])
    return out.sort_values("model").reset_index(drop=True)


ACCESSIBILITY_CHECK = pa.Check.isin(ACCESSIBILITY)

MODELS_SCHEMA = pa.DataFrameSchema(
    {
        "model": pa.Column(str, unique=True),
        "organization": pa.Column(str, nullable=True),
        "country": pa.Column(str, nullable=True),
        "countries": pa.Column(str, nullable=True),
        "publication_date": pa.Column(
            "datetime64[ns]", pa.Check.in_range(pd.Timestamp("1950-01-01"), pd.Timestamp("2026-12-31"))
        ),
        "domain": pa.Column(str, nullable=True),
        "accessibility": pa.Column(str, ACCESSIBILITY_CHECK, nullable=True),
        "accessibility_detail": pa.Column(str, nullable=True),
        "open_weights": pa.Column(bool),
        "parameters": pa.Column(float, pa.Check.gt(0), nullable=True),
        "training_compute_flop": pa.Column(float, pa.Check.in_range(0, 1e30), nullable=True),
        "compute_confidence": pa.Column(
            str, pa.Check.isin(["Confident", "Likely", "Speculative", "Unknown", "Unverified"]), nullable=True
        ),
        "training_cost_2023_usd": pa.Column(float, pa.Check.ge(0), nullable=True),
        "frontier_model": pa.Column(bool),
        "notable": pa.Column(bool),
        "large_scale": pa.Column(bool),
    },
    coerce=True,
    strict=True,
)

register(
    Dataset(
        name="models",
        title="AI models (Epoch AI notable and large-scale models, merged)",
        description="One row per model from Epoch AI's Notable AI Models (2026-07 copy) and Large-Scale AI "
        "Models (2026-03 copy), merged on the model name.",
        schema=MODELS_SCHEMA,
        key=("model",),
        sources=[EPOCH_MODELS],
        build=build_models,
        raw=[
            RawFile(
                "epoch_models/notable_ai_models.csv",
                "https://epoch.ai/data/notable_ai_models.csv",
                required_columns=tuple(MODEL_COLS + ["Training compute cost (2023 USD)", "Frontier model"]),
                min_rows=900,
            ),
            RawFile(
                "epoch_models/large_scale_ai_models.csv",
                "https://epoch.ai/data/large_scale_ai_models.csv",
                required_columns=tuple(MODEL_COLS),
                min_rows=400,
            ),
        ],
        date_columns=("publication_date",),
        columns_doc={
            "model": ("Model name as Epoch AI writes it", ""),
            "organization": ("Developing organization(s), comma-joined as in Epoch", ""),
            "country": (
                "Primary country: the first country Epoch lists (country of the lead organization); "
                "United States -> US, United Kingdom -> UK",
                "",
            ),
            "countries": (
                "All countries of the developing organizations, ';'-joined, first-listed first",
                "",
            ),
            "publication_date": ("Publication or release date", "date"),
            "domain": ("Epoch's domain field (Language, Vision, ...; several comma-joined)", ""),
            "accessibility": (
                "open weights / API / hosted / unreleased, from Epoch's 'Model accessibility'",
                "",
            ),
            "accessibility_detail": ("Epoch's 'Model accessibility' text (licence restriction level)", ""),
            "open_weights": (
                "True when Epoch lists the weights as released (any 'Open weights' class)",
                "bool",
            ),
            "parameters": ("Number of parameters (total, for mixture-of-experts models)", "parameters"),
            "training_compute_flop": ("Training compute (Epoch estimate)", "FLOP"),
            "compute_confidence": ("Epoch's confidence in the compute estimate", ""),
            "training_cost_2023_usd": (
                "Training compute cost, Epoch estimate (notable models only)",
                "2023 USD",
            ),
            "frontier_model": (
                "Epoch's 'Frontier model' flag (top 10 by compute at release); False for "
                "models only in the large-scale list",
                "bool",
            ),
            "notable": ("Listed in Epoch's Notable AI Models", "bool"),
            "large_scale": ("Listed in Epoch's Large-Scale AI Models (above ~1e23 FLOP)", "bool"),
        },
        notes="Fields from the notable list win; the large-scale list fills blanks and adds models the notable "
        "list lacks. Rows without a publication date are dropped. Compute for recent closed models is "
        "often missing (not at random); see Epoch's Confidence column.",
    )
)
