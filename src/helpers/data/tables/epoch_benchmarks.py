"""Epoch AI's Benchmarking Hub: the Epoch Capabilities Index (``capabilities``) and the benchmark runs
(``benchmark_scores``), both from Epoch's download of the whole hub (``benchmark_data.zip``).

Accessibility and country are read with the rules of ``epoch_models`` (the ECI file is Epoch's join key for
accessibility).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pandera.pandas as pa

from helpers.data.builder import read_raw_csv
from helpers.data.catalog import DataError, Dataset, RawFile, Source, register
from helpers.data.tables.common import ACCESSED, to_date, to_number, to_text
from helpers.data.tables.epoch_models import (
    ACCESSIBILITY_CHECK,
    accessibility_class,
    open_from_accessibility,
    split_countries,
)

EPOCH_HUB = Source(
    producer="Epoch AI",
    title="AI Benchmarking Hub (incl. Epoch Capabilities Index)",
    url="https://epoch.ai/benchmarks",
    licence="CC BY 4.0",
    date_published="2026-04",
    date_accessed=ACCESSED,
    citation="Epoch AI, 'AI Benchmarking Hub'. Published online at epoch.ai. Retrieved from "
    "https://epoch.ai/benchmarks",
)

HUB_URL = "https://epoch.ai/data/benchmark_data.zip"  # Epoch's download of the whole hub (unzip into epoch_benchmarks/)


# -------------------------------------------------------------------------------------- capabilities

ECI_COLS = [
    "Model version",
    "ECI Score",
    "Release date",
    "Organization",
    "Country",
    "Model accessibility",
    "Training compute (FLOP)",
    "Model name",
]


def _first(s: pd.Series):
    s = s.dropna()
    return s.iloc[0] if len(s) else pd.NA


def eci_versions(raw_dir: Path | None = None) -> pd.DataFrame:
    """Model version -> model name, accessibility (from the ECI file, Epoch's join key for accessibility)."""
    e = read_raw_csv("epoch_benchmarks/epoch_capabilities_index.csv")
    missing = [c for c in ECI_COLS if c not in e.columns]
    if missing:
        raise DataError(f"data/raw/epoch_benchmarks/epoch_capabilities_index.csv: columns missing: {missing}")
    return e


def build_capabilities(raw_dir: Path) -> pd.DataFrame:
    return capabilities_from_eci(eci_versions(raw_dir))


def capabilities_from_eci(e: pd.DataFrame) -> pd.DataFrame:
    """One row per model and release date: each dated version of a model scored at its own release date.

    Settings of one version share its date (reasoning effort, FP8) and collapse into one row with their best
    ECI; versions released on different dates with different scores (gpt-4o-2024-05-13 and -11-20,
    gemini-1.5-pro-001 and -002) stay separate rows, so no later version's score is backdated to the first
    release. A later listing with exactly an earlier score (a host's copy, a renamed snapshot) joins the
    earlier row. ``e``: Epoch's epoch_capabilities_index.csv as read (columns ``ECI_COLS``)."""
    e = e.assign(
        model=to_text(e["Model name"]),
        version=to_text(e["Model version"]),
        eci=to_number(e["ECI Score"]),
        rel=to_date(e["Release date"]),
    )
    e = e.dropna(subset=["model", "eci", "rel"])
    # best setting first within a (model, date), so _first picks its version name
    e = e.sort_values(["model", "rel", "eci", "Model version"], ascending=[True, True, False, True])
    g = e.groupby(["model", "rel"], sort=True)
    out = pd.DataFrame(
        {
            "model_version": g["version"].agg(_first),
            "organization": g["Organization"].agg(_first),
            "country_raw": g["Country"].agg(_first),
            "accessibility_detail": g["Model accessibility"].agg(_first),
            "eci": g["eci"].max(),
            "training_compute_flop": to_number(g["Training compute (FLOP)"].max()),
            "n_versions": g.size(),
        }
    ).reset_index()
    out = out.rename(columns={"rel": "release_date"})
    # a later row with exactly an earlier row's score is the same scored version listed again (a host's copy a
    # day later, a renamed snapshot): it joins the earlier row instead of adding a date
    score = out["eci"].round(9)
    first = out.groupby(["model", score])["release_date"].transform("min")
    repeat = out["release_date"] > first
    extra = out[repeat].groupby(["model", score[repeat]])["n_versions"].sum()
    out = out[~repeat].copy()
    add = pd.Series(list(zip(out["model"], out["eci"].round(9)))).map(extra).fillna(0).to_numpy()
    out["n_versions"] = (out["n_versions"] + add).astype(int)
    out["first_release_date"] = out.groupby("model")["release_date"].transform("min")
    out["country"], _ = split_countries(out.pop("country_raw"))
    out["accessibility_detail"] = to_text(out["accessibility_detail"])
    out["accessibility"] = accessibility_class(out["accessibility_detail"])
    out["open_weights"] = open_from_accessibility(out["accessibility"])
    out["organization"] = to_text(out["organization"])
    return out[
        [
            "model",
            "release_date",
            "model_version",
            "first_release_date",
            "organization",
            "country",
            "accessibility",
            "accessibility_detail",
            "open_weights",
            "eci",
            "training_compute_flop",
            "n_versions",
        ]
    ]


register(
    Dataset(
        name="capabilities",
        title="Epoch Capabilities Index per model version (release date)",
        description="Epoch AI's Capabilities Index (ECI), one row per model and release date: the settings "
        "of one version (reasoning effort, provider) collapsed, versions released on different dates kept "
        "apart, each with its own score.",
        schema=pa.DataFrameSchema(
            {
                "model": pa.Column(str),
                "release_date": pa.Column(
                    "datetime64[ns]",
                    pa.Check.in_range(pd.Timestamp("2015-01-01"), pd.Timestamp("2026-12-31")),
                ),
                "model_version": pa.Column(str),
                "first_release_date": pa.Column("datetime64[ns]"),
                "organization": pa.Column(str, nullable=True),
                "country": pa.Column(str, nullable=True),
                "accessibility": pa.Column(str, ACCESSIBILITY_CHECK, nullable=True),
                "accessibility_detail": pa.Column(str, nullable=True),
                "open_weights": pa.Column("boolean", nullable=True),
                "eci": pa.Column(float, pa.Check.in_range(0, 300)),
                "training_compute_flop": pa.Column(float, pa.Check.in_range(0, 1e30), nullable=True),
                "n_versions": pa.Column(int, pa.Check.ge(1)),
            },
            coerce=True,
            strict=True,
            unique=["model", "release_date"],
        ),
        key=("model", "release_date"),
        sources=[EPOCH_HUB],
        build=build_capabilities,
        raw=[
            RawFile(
                "epoch_benchmarks/epoch_capabilities_index.csv",
                HUB_URL,
                required_columns=tuple(ECI_COLS),
                min_rows=300,
                note="epoch_capabilities_index.csv inside Epoch's benchmark_data.zip",
            )
        ],
        date_columns=("release_date", "first_release_date"),
        columns_doc={
            "model": ("Model name (Epoch's 'Model name'; one row per release date of its versions)", ""),
            "release_date": ("Release date of this version (the settings of one version share it)", "date"),
            "model_version": ("Epoch's 'Model version' with the best ECI on that date", ""),
            "first_release_date": ("Earliest release date among the model's versions", "date"),
            "organization": ("Developer", ""),
            "country": ("Primary country of the developer (first listed; United States -> US)", ""),
            "accessibility": ("open weights / API / hosted / unreleased (Epoch's field)", ""),
            "accessibility_detail": ("Epoch's 'Model accessibility' text", ""),
            "open_weights": (
                "True for open weights, False for API/hosted, missing for unreleased/unknown",
                "bool",
            ),
            "eci": ("Epoch Capabilities Index score (arbitrary units; GPT-5 about 150)", "ECI points"),
            "training_compute_flop": ("Training compute as listed with the ECI", "FLOP"),
            "n_versions": (
                "Number of scored versions/settings released that day, collapsed into the row",
                "count",
            ),
        },
        notes="Collapse rule: the scored versions and settings of a 'Model name' released on the same date "
        "become one row with their maximum ECI (the best setting, e.g. Qwen3-235B-A22B's Thinking over its "
        "Instruct variant) and the first non-blank organization, country and accessibility. Versions released "
        "on different dates keep their own row and score: in this snapshot 9 models' dated versions differ "
        "(GPT-3.5 Turbo, GPT-4o, Gemini 1.5 Flash, Gemini 1.5 Pro, Gemini 2.0 Flash, Gemini 2.5 Flash, Kimi K2, "
        "Mistral Large 2, Qwen3-235B-A22B (Jul 2025)), e.g. gemini-1.5-pro-002 (2024-09-24) scores 5.5 points "
        "more than -001 (2024-05-14); an earlier table gave every version the best score at the earliest date. "
        "A later listing with exactly an earlier score (a host's copy a day later, a renamed snapshot) is the "
        "same scored version and joins the earlier row. "
        "Versions without a release date (e.g. gpt-5-chat, gemma-2-9b) are dropped so they cannot distort a "
        "frontier.",
    )
)


# ---------------------------------------------------------------------------------- benchmark scores

EPOCH_RUNS = {
    "gpqa_diamond": "GPQA Diamond",
    "math_level_5": "MATH Level 5",
    "otis_mock_aime_2024_2025": "OTIS Mock AIME 2024-2025",
    "frontiermath": "FrontierMath (tiers 1-3)",
    "swe_bench_verified": "SWE-bench Verified",
}
RUN_COLS = ["Model version", "mean_score", "Release date", "Organization", "stderr", "id"]
MMLU_COLS = ["Model version", "EM", "Release date", "Organization", "Source", "id"]


def build_benchmark_scores(raw_dir: Path) -> pd.DataFrame:
    e = eci_versions(raw_dir)
    vmap = e.assign(model=to_text(e["Model name"]), acc=accessibility_class(e["Model accessibility"]))
    vmap = vmap.drop_duplicates("Model version").set_index("Model version")[["model", "acc"]]
    frames = []
    for stem in EPOCH_RUNS:
        d = read_raw_csv(f"epoch_benchmarks/{stem}.csv")
        missing = [c for c in RUN_COLS if c not in d.columns]
        if missing:
            raise DataError(f"data/raw/epoch_benchmarks/{stem}.csv: columns missing: {missing}")
        frames.append(
            pd.DataFrame(
                {
                    "benchmark": stem,
                    "model_version": to_text(d["Model version"]),
                    "score": to_number(d["mean_score"]),
                    "stderr": to_number(d["stderr"]),
                    "evaluator": "Epoch AI",
                    "release_date": to_date(d["Release date"]),
                    "organization": to_text(d["Organization"]),
                    "record_id": to_text(d["id"]),
                }
            )
        )
    m = read_raw_csv("epoch_benchmarks/mmlu_external.csv")
    missing = [c for c in MMLU_COLS if c not in m.columns]
    if missing:
        raise DataError(f"data/raw/epoch_benchmarks/mmlu_external.csv: columns missing: {missing}")
    frames.append(
        pd.DataFrame(
            {
                "benchmark": "mmlu",
                "model_version": to_text(m["Model version"]),
                "score": to_number(m["EM"]),
                "stderr": np.nan,
                "evaluator": to_text(m["Source"]).fillna("external (unnamed)"),
                "release_date": to_date(m["Release date"]),
                "organization": to_text(m["Organization"]),
                "record_id": to_text(m["id"]),
            }
        )
    )
    out = pd.concat(frames, ignore_index=True).dropna(subset=["model_version", "score"])
    out["model"] = out["model_version"].map(vmap["model"]).astype("string")
    out["model"] = out["model"].fillna(out["model_version"])
    out["accessibility"] = out["model_version"].map(vmap["acc"]).astype("string")
    out["open_weights"] = open_from_accessibility(out["accessibility"])
    out["own_run"] = out["evaluator"].eq("Epoch AI")
    return out[
        [
            "benchmark",
            "record_id",
            "model",
            "model_version",
            "score",
            "stderr",
            "evaluator",
            "own_run",
            "release_date",
            "organization",
            "accessibility",
            "open_weights",
        ]
    ]


register(
    Dataset(
        name="benchmark_scores",
        title="Benchmark scores (Epoch AI Benchmarking Hub), long form",
        description="Epoch AI's own runs of GPQA Diamond, MATH Level 5, OTIS Mock AIME 2024-2025, FrontierMath "
        "(tiers 1-3) and SWE-bench Verified, plus the external MMLU scores Epoch collected, one row "
        "per run record.",
        schema=pa.DataFrameSchema(
            {
                "benchmark": pa.Column(str, pa.Check.isin(list(EPOCH_RUNS) + ["mmlu"])),
                "record_id": pa.Column(str),
                "model": pa.Column(str),
                "model_version": pa.Column(str),
                "score": pa.Column(float, pa.Check.in_range(0, 1)),
                "stderr": pa.Column(float, pa.Check.in_range(0, 0.5), nullable=True),
                "evaluator": pa.Column(str),
                "own_run": pa.Column(bool),
                "release_date": pa.Column("datetime64[ns]", nullable=True),
                "organization": pa.Column(str, nullable=True),
                "accessibility": pa.Column(str, ACCESSIBILITY_CHECK, nullable=True),
                "open_weights": pa.Column("boolean", nullable=True),
            },
            coerce=True,
            strict=True,
            unique=["benchmark", "record_id"],
        ),
        key=("benchmark", "record_id"),
        sources=[EPOCH_HUB],
        build=build_benchmark_scores,
        raw=[
            RawFile(
                f"epoch_benchmarks/{stem}.csv",
                HUB_URL,
                required_columns=tuple(RUN_COLS),
                min_rows=20,
                note=f"{stem}.csv inside Epoch's benchmark_data.zip",
            )
            for stem in EPOCH_RUNS
        ]
        + [
            RawFile(
                "epoch_benchmarks/mmlu_external.csv",
                HUB_URL,
                required_columns=tuple(MMLU_COLS),
                min_rows=100,
                note="mmlu_external.csv inside Epoch's benchmark_data.zip",
            )
        ],
        date_columns=("release_date",),
        columns_doc={
            "benchmark": ("Benchmark id (file stem in Epoch's download; mmlu = external MMLU series)", ""),
            "record_id": ("Epoch's record id of the run", ""),
            "model": ("Model name via the ECI file's version -> model map (the version when unmapped)", ""),
            "model_version": ("Model version / setting as run", ""),
            "score": ("Mean score (Epoch runs: mean_score; MMLU: exact match)", "fraction 0-1"),
            "stderr": ("Standard error of the mean score (Epoch runs only)", "fraction 0-1"),
            "evaluator": ("Who produced the score: 'Epoch AI' or the external source Epoch cites", ""),
            "own_run": ("True when Epoch ran the evaluation itself", "bool"),
            "release_date": ("Model release date as listed with the run", "date"),
            "organization": ("Developer", ""),
            "accessibility": ("open weights / API / hosted / unreleased via the ECI file", ""),
            "open_weights": ("Open-weights flag via the ECI file (missing when not mapped)", "bool"),
        },
        notes="External MMLU scores are self-reported or third-party and mostly stop at 2025-02; MMLU is "
        "saturated. Accessibility is joined by model version from epoch_capabilities_index.csv.",
    )
)
