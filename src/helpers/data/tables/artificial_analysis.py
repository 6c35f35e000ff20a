"""Artificial Analysis: the 2026-08-22 LLM snapshot (``artificial_analysis``) and the hand-compiled map that
gives each model its open-weights flag from another table's label (``aa_name_map``), which the build reads.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pandera.pandas as pa

from helpers.data.builder import read_raw_csv
from helpers.data.catalog import DataError, Dataset, RawFile, Source, register
from helpers.data.tables.common import ACCESSED, PROJECT_COMPILED, read_compiled, to_date, to_number, to_text

AA_SOURCE = Source(
    producer="Artificial Analysis",
    title="LLM models API (api/v2/data/llms/models), snapshot 2026-08-22",
    url="https://artificialanalysis.ai/api/v2/data/llms/models",
    licence="Artificial Analysis terms (attribution required)",
    date_published="2026-08-22",
    date_accessed=ACCESSED,
    note="Snapshot kept in github.com/oolong-tea-2026/arena-ai-leaderboards "
    "(data/artificial_analysis/2026-08-22/llms.json), flattened to CSV.",
)


AA_COLS = [
    "name",
    "slug",
    "creator_name",
    "release_date",
    "eval_artificial_analysis_intelligence_index",
    "eval_artificial_analysis_coding_index",
    "eval_artificial_analysis_math_index",
    "eval_mmlu_pro",
    "eval_gpqa",
    "eval_hle",
    "eval_livecodebench",
    "eval_aime_25",
    "price_1m_blended_3_to_1",
    "price_1m_input_tokens",
    "price_1m_output_tokens",
]


def build_artificial_analysis(raw_dir: Path) -> pd.DataFrame:
    a = read_raw_csv("artificial_analysis/aa_llms_snapshot_2026-08-22.csv")
    missing = [c for c in AA_COLS if c not in a.columns]
    if missing:
        raise DataError(
            f"data/raw/artificial_analysis/aa_llms_snapshot_2026-08-22.csv: columns missing: {missing}"
        )
    nm = read_compiled("aa_name_map", ["aa_slug", "flag_source", "flag_model", "open_weights"])
    flag = dict(zip(nm["aa_slug"], nm["open_weights"].str.lower().map({"true": True, "false": False})))
    src = dict(zip(nm["aa_slug"], nm["flag_source"]))
    out = pd.DataFrame(
        {
            "slug": to_text(a["slug"]),
            "model": to_text(a["name"]),
            "creator": to_text(a["creator_name"]),
            "release_date": to_date(a["release_date"]),
            "intelligence_index": to_number(a["eval_artificial_analysis_intelligence_index"]),
            "coding_index": to_number(a["eval_artificial_analysis_coding_index"]),
            "math_index": to_number(a["eval_artificial_analysis_math_index"]),
            "mmlu_pro": to_number(a["eval_mmlu_pro"]),
            "gpqa": to_number(a["eval_gpqa"]),
            "hle": to_number(a["eval_hle"]),
            "livecodebench": to_number(a["eval_livecodebench"]),
            "aime_25": to_number(a["eval_aime_25"]),
            "price_blended_usd_per_1m_tokens": to_number(a["price_1m_blended_3_to_1"]),
            "price_input_usd_per_1m_tokens": to_number(a["price_1m_input_tokens"]),
            "price_output_usd_per_1m_tokens": to_number(a["price_1m_output_tokens"]),
        }
    )
    out["open_weights"] = out["slug"].map(flag).astype("boolean")
    out["open_flag_source"] = out["slug"].map(src).astype("string")
    out["legacy_index_only"] = legacy_index_only(out)
    return out.dropna(subset=["slug"])


AA_COMPONENTS = ["coding_index", "math_index", "mmlu_pro", "gpqa", "hle", "livecodebench", "aime_25"]
AA_PRICES = [
    "price_blended_usd_per_1m_tokens",
    "price_input_usd_per_1m_tokens",
    "price_output_usd_per_1m_tokens",
]


def legacy_index_only(aa: pd.DataFrame) -> pd.Series:
    """True for a legacy entry: an intelligence index but no component score and no price (zero or missing),
    as GPT-4.5 (Preview)'s 13.6: an index shown without any of the evaluations it summarizes, so it cannot be
    checked against them."""
    return (
        aa["intelligence_index"].notna()
        & aa[AA_COMPONENTS].isna().all(axis=1)
        & aa[AA_PRICES].fillna(0).eq(0).all(axis=1)
    )


_FRAC = pa.Check.in_range(0, 1)
register(
    Dataset(
        name="artificial_analysis",
        title="Artificial Analysis LLM snapshot (2026-08-22) with an open-weights flag",
        description="Models listed by Artificial Analysis on 2026-08-22 with their indexes, component "
        "evaluations and prices; open weights joined through data/aa_name_map.csv.",
        schema=pa.DataFrameSchema(
            {
                "slug": pa.Column(str, unique=True),
                "model": pa.Column(str),
                "creator": pa.Column(str, nullable=True),
                "release_date": pa.Column("datetime64[ns]", nullable=True),
                "intelligence_index": pa.Column(float, pa.Check.in_range(0, 100), nullable=True),
                "coding_index": pa.Column(float, pa.Check.in_range(0, 100), nullable=True),
                "math_index": pa.Column(float, pa.Check.in_range(0, 100), nullable=True),
                "mmlu_pro": pa.Column(float, _FRAC, nullable=True),
                "gpqa": pa.Column(float, _FRAC, nullable=True),
                "hle": pa.Column(float, _FRAC, nullable=True),
                "livecodebench": pa.Column(float, _FRAC, nullable=True),
                "aime_25": pa.Column(float, _FRAC, nullable=True),
                "price_blended_usd_per_1m_tokens": pa.Column(float, pa.Check.ge(0), nullable=True),
                "price_input_usd_per_1m_tokens": pa.Column(float, pa.Check.ge(0), nullable=True),
                "price_output_usd_per_1m_tokens": pa.Column(float, pa.Check.ge(0), nullable=True),
                "open_weights": pa.Column("boolean", nullable=True),
                "open_flag_source": pa.Column(str, nullable=True),
                "legacy_index_only": pa.Column(bool),
            },
            coerce=True,
            strict=True,
        ),
        key=("slug",),
        sources=[AA_SOURCE],
        build=build_artificial_analysis,
        raw=[
            RawFile(
                "artificial_analysis/aa_llms_snapshot_2026-08-22.csv",
                "https://artificialanalysis.ai/api/v2/data/llms/models",
                required_columns=tuple(AA_COLS),
                min_rows=300,
                note="JSON API (needs a key); flattened to CSV, one row per model",
            )
        ],
        date_columns=("release_date",),
        columns_doc={
            "slug": ("Artificial Analysis model slug", ""),
            "model": ("Model name as Artificial Analysis writes it", ""),
            "creator": ("Creator (developer) name", ""),
            "release_date": ("Release date", "date"),
            "intelligence_index": (
                "Artificial Analysis Intelligence Index (version of this snapshot)",
                "index 0-100",
            ),
            "coding_index": ("Artificial Analysis Coding Index", "index 0-100"),
            "math_index": ("Artificial Analysis Math Index", "index 0-100"),
            "mmlu_pro": ("MMLU-Pro accuracy (AA's run)", "fraction 0-1"),
            "gpqa": ("GPQA Diamond accuracy (AA's run)", "fraction 0-1"),
            "hle": ("Humanity's Last Exam accuracy (AA's run)", "fraction 0-1"),
            "livecodebench": ("LiveCodeBench pass rate (AA's run)", "fraction 0-1"),
            "aime_25": ("AIME 2025 accuracy (AA's run)", "fraction 0-1"),
            "price_blended_usd_per_1m_tokens": ("Blended price, 3:1 input:output", "USD per 1M tokens"),
            "price_input_usd_per_1m_tokens": ("Input-token price", "USD per 1M tokens"),
            "price_output_usd_per_1m_tokens": ("Output-token price", "USD per 1M tokens"),
            "open_weights": ("Open-weights flag through data/aa_name_map.csv (missing: not mapped)", "bool"),
            "open_flag_source": ("Which table the flag came from (see aa_name_map)", ""),
            "legacy_index_only": (
                "True for a legacy entry: an intelligence index with no component score and zero or no prices "
                "(GPT-4.5's 13.6 among them), which nothing in the snapshot backs",
                "bool",
            ),
        },
        notes="Artificial Analysis publishes no open/closed flag; it is joined by name. The Intelligence Index "
        "is re-versioned over time: compare values within this snapshot only. Rows flagged legacy_index_only "
        "carry an index without any of the component evaluations it summarizes and with zero prices, so nothing "
        "in the snapshot backs the value; notebook 01 leaves them out of C2 by default.",
    )
)


register(
    Dataset(
        name="aa_name_map",
        title="Artificial Analysis model -> source of its open-weights flag",
        description="For each mapped Artificial Analysis slug: the table and model name whose open/closed "
        "label is used, and the resulting flag.",
        schema=pa.DataFrameSchema(
            {
                "aa_slug": pa.Column(str, unique=True),
                "aa_name": pa.Column(str),
                "flag_source": pa.Column(str, pa.Check.isin(["capabilities", "arena", "models"])),
                "flag_model": pa.Column(str),
                "open_weights": pa.Column(bool),
                "match": pa.Column(str, pa.Check.isin(["normalized name", "manual"])),
                "source_id": pa.Column(str),
            },
            coerce=True,
            strict=True,
        ),
        key=("aa_slug",),
        sources=[PROJECT_COMPILED],
        kind="compiled",
        columns_doc={
            "aa_slug": ("Artificial Analysis slug", ""),
            "aa_name": ("Artificial Analysis model name", ""),
            "flag_source": (
                "Table whose label gives the flag: capabilities (Epoch ECI), arena (LMArena official "
                "licence, 2026-08-19) or models (Epoch notable)",
                "",
            ),
            "flag_model": ("Model name in that table", ""),
            "open_weights": ("Open-weights flag taken from that table", "bool"),
            "match": (
                "How the names were matched: normalized name (lower case, punctuation removed, effort "
                "suffixes dropped) or manual",
                "",
            ),
            "source_id": ("Citation id in data/sources/benchmarks.yaml", ""),
        },
    )
)
