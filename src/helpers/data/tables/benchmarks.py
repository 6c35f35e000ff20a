"""Benchmark and model datasets: Epoch AI models and Benchmarking Hub, Arena leaderboards, Artificial Analysis.

Tables (all derived from raw copies in ``data/raw/``; two small hand-compiled helper tables are read
from ``data/``):

- ``models``: Epoch AI notable + large-scale models, merged on the model name.
- ``capabilities``: Epoch Capabilities Index (ECI), one row per model (versions collapsed).
- ``benchmark_scores``: Epoch Benchmarking Hub runs and the external MMLU series, long form.
- ``arena``: every Chatbot Arena / LMArena / Arena text-leaderboard snapshot, stacked.
- ``artificial_analysis``: the 2026-08-22 Artificial Analysis model list with an open-weights flag.
- ``arena_open_overrides`` and ``aa_name_map`` (compiled): corrections and name mappings with sources.

Open/closed rule, used everywhere: Epoch's ``Model accessibility`` starting with "Open weights" is open;
"API access" and "Hosted access (no API)" are closed; "Unreleased" and blank are neither.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pandera.pandas as pa

from helpers.data.catalog import DataError, Dataset, RawFile, Source, read_raw_csv, register

ACCESSED = "2026-11-30"
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
ARENA_SOURCES = [
    Source(producer="LMSYS / LMArena Chatbot Arena",
           title="Chatbot Arena leaderboard, elo_results_YYYYMMDD.pkl files (text, full category)",
           url="https://huggingface.co/spaces/lmarena-ai/chatbot-arena-leaderboard",
           licence="public leaderboard data (no licence stated)", date_published="2023-05 .. 2025-03",
           date_accessed=ACCESSED,
           note="Stacked per date by github.com/jasontrigg0/chatbot-arena-history (alltime.csv); License "
                "and Organization columns come from the 2025-03 table and are applied to every date."),
    Source(producer="LMArena", title="LMArena text leaderboard (lmarena.ai/leaderboard), scraped versions",
           url="https://lmarena.ai/leaderboard/text", licence="LMArena terms; scraper repo MPL-2.0",
           date_published="2024-06 .. 2025-08", date_accessed=ACCESSED,
           note="Versions of csv/lmsys.csv and csv/lmarena_text.csv in github.com/fboulnois/llm-leaderboard-csv"),
    Source(producer="Arena (formerly LMArena)", title="Arena text leaderboard, daily top-N scrape",
           url="https://arena.ai/leaderboard/text", licence="Arena terms; scraper repo MIT",
           date_published="2026-03 .. 2026-06", date_accessed=ACCESSED,
           note="data/YYYY-MM-DD/text.json in github.com/oolong-tea-2026/arena-ai-leaderboards"),
    Source(producer="LMArena", title="lmarena-ai/leaderboard-dataset (text, text_style_control)",
           url="https://huggingface.co/datasets/lmarena-ai/leaderboard-dataset", licence="CC BY 4.0",
           date_published="2026-06-25 .. 2026-08-19", date_accessed=ACCESSED),
]
AA_SOURCE = Source(
    producer="Artificial Analysis", title="LLM models API (api/v2/data/llms/models), snapshot 2026-08-22",
    url="https://artificialanalysis.ai/api/v2/data/llms/models",
    licence="Artificial Analysis terms (attribution required)", date_published="2026-08-22",
    date_accessed=ACCESSED,
    note="Snapshot kept in github.com/oolong-tea-2026/arena-ai-leaderboards "
         "(data/artificial_analysis/2026-08-22/llms.json), flattened to CSV.",
)

HUB_URL = "https://epoch.ai/data/benchmark_data.zip"   # Epoch's download of the whole hub (unzip into epoch_benchmarks/)


# ------------------------------------------------------------------------------------------- helpers

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
        raise DataError(f"unexpected 'Model accessibility' values: {sorted(set(s[unknown]))[:5]}; "
                        f"allowed: Open weights (...), API access, Hosted access (no API), Unreleased")
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


def _date(s: pd.Series) -> pd.Series:
    return pd.to_datetime(s, errors="coerce", format="mixed")


def _num(s: pd.Series) -> pd.Series:
    return pd.to_numeric(s, errors="coerce")


def _str(s: pd.Series) -> pd.Series:
    return s.astype("string").str.strip().replace("", pd.NA)


# -------------------------------------------------------------------------------------------- models

MODEL_COLS = ["Model", "Organization", "Country (of organization)", "Publication date", "Domain",
              "Model accessibility", "Parameters", "Training compute (FLOP)", "Confidence"]


def build_models(raw_dir: Path) -> pd.DataFrame:
    notable = read_raw_csv("epoch_models/notable_ai_models.csv")
    large = read_raw_csv("epoch_models/large_scale_ai_models.csv")
    for name, df, extra in (("notable_ai_models.csv", notable, ["Training compute cost (2023 USD)", "Frontier model"]),
                            ("large_scale_ai_models.csv", large, [])):
        missing = [c for c in MODEL_COLS + extra if c not in df.columns]
        if missing:
            raise DataError(f"data/raw/epoch_models/{name}: columns missing: {missing}")
    notable = notable.assign(_notable=True, _large=False)
    large = large.assign(_notable=False, _large=True)
    notable["Model"] = _str(notable["Model"])
    large["Model"] = _str(large["Model"])
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
    out = pd.DataFrame({
        "model": merged["Model"].astype("string"),
        "organization": _str(merged["Organization"]),
        "country": primary,
        "countries": allc,
        "publication_date": _date(merged["Publication date"]),
        "domain": _str(merged["Domain"]),
        "accessibility": acc,
        "accessibility_detail": _str(merged["Model accessibility"]),
        "open_weights": acc.eq("open weights").fillna(False).astype(bool),
        "parameters": _num(merged["Parameters"]),
        "training_compute_flop": _num(merged["Training compute (FLOP)"]),
        "compute_confidence": _str(merged["Confidence"]),
        "training_cost_2023_usd": _num(merged.get("Training compute cost (2023 USD)")),
        "frontier_model": frontier.astype(bool),
        "notable": merged["_notable"].astype(bool),
        "large_scale": merged["_large"].astype(bool),
    })
    out = out.dropna(subset=["publication_date"])
    return out.sort_values("model").reset_index(drop=True)


_ACC_CHECK = pa.Check.isin(ACCESSIBILITY)

MODELS_SCHEMA = pa.DataFrameSchema({
    "model": pa.Column(str, unique=True),
    "organization": pa.Column(str, nullable=True),
    "country": pa.Column(str, nullable=True),
    "countries": pa.Column(str, nullable=True),
    "publication_date": pa.Column("datetime64[ns]", pa.Check.in_range(pd.Timestamp("1950-01-01"),
                                                                      pd.Timestamp("2026-12-31"))),
    "domain": pa.Column(str, nullable=True),
    "accessibility": pa.Column(str, _ACC_CHECK, nullable=True),
    "accessibility_detail": pa.Column(str, nullable=True),
    "open_weights": pa.Column(bool),
    "parameters": pa.Column(float, pa.Check.gt(0), nullable=True),
    "training_compute_flop": pa.Column(float, pa.Check.in_range(0, 1e30), nullable=True),
    "compute_confidence": pa.Column(str, pa.Check.isin(["Confident", "Likely", "Speculative", "Unknown",
                                                        "Unverified"]), nullable=True),
    "training_cost_2023_usd": pa.Column(float, pa.Check.ge(0), nullable=True),
    "frontier_model": pa.Column(bool),
    "notable": pa.Column(bool),
    "large_scale": pa.Column(bool),
}, coerce=True, strict=True)

register(Dataset(
    name="models",
    title="AI models (Epoch AI notable and large-scale models, merged)",
    description="One row per model from Epoch AI's Notable AI Models (2026-07 copy) and Large-Scale AI "
                "Models (2026-03 copy), merged on the model name.",
    schema=MODELS_SCHEMA,
    key=("model",),
    sources=[EPOCH_MODELS],
    build=build_models,
    raw=[RawFile("epoch_models/notable_ai_models.csv", "https://epoch.ai/data/notable_ai_models.csv",
                 required_columns=tuple(MODEL_COLS + ["Training compute cost (2023 USD)", "Frontier model"]),
                 min_rows=900),
         RawFile("epoch_models/large_scale_ai_models.csv", "https://epoch.ai/data/large_scale_ai_models.csv",
                 required_columns=tuple(MODEL_COLS), min_rows=400)],
    date_columns=("publication_date",),
    columns_doc={
        "model": ("Model name as Epoch AI writes it", ""),
        "organization": ("Developing organization(s), comma-joined as in Epoch", ""),
        "country": ("Primary country: the first country Epoch lists (country of the lead organization); "
                    "United States -> US, United Kingdom -> UK", ""),
        "countries": ("All countries of the developing organizations, ';'-joined, first-listed first", ""),
        "publication_date": ("Publication or release date", "date"),
        "domain": ("Epoch's domain field (Language, Vision, ...; several comma-joined)", ""),
        "accessibility": ("open weights / API / hosted / unreleased, from Epoch's 'Model accessibility'", ""),
        "accessibility_detail": ("Epoch's 'Model accessibility' text (licence restriction level)", ""),
        "open_weights": ("True when Epoch lists the weights as released (any 'Open weights' class)", "bool"),
        "parameters": ("Number of parameters (total, for mixture-of-experts models)", "parameters"),
        "training_compute_flop": ("Training compute (Epoch estimate)", "FLOP"),
        "compute_confidence": ("Epoch's confidence in the compute estimate", ""),
        "training_cost_2023_usd": ("Training compute cost, Epoch estimate (notable models only)", "2023 USD"),
        "frontier_model": ("Epoch's 'Frontier model' flag (top 10 by compute at release); False for "
                           "models only in the large-scale list", "bool"),
        "notable": ("Listed in Epoch's Notable AI Models", "bool"),
        "large_scale": ("Listed in Epoch's Large-Scale AI Models (above ~1e23 FLOP)", "bool"),
    },
    notes="Fields from the notable list win; the large-scale list fills blanks and adds models the notable "
          "list lacks. Rows without a publication date are dropped. Compute for recent closed models is "
          "often missing (not at random); see Epoch's Confidence column.",
))


# -------------------------------------------------------------------------------------- capabilities

ECI_COLS = ["Model version", "ECI Score", "Release date", "Organization", "Country", "Model accessibility",
            "Training compute (FLOP)", "Model name"]


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
    e = eci_versions(raw_dir)
    e = e.assign(model=_str(e["Model name"]), eci=_num(e["ECI Score"]), rel=_date(e["Release date"]))
    e = e.dropna(subset=["model", "eci"])
    e = e.sort_values(["model", "rel", "Model version"], na_position="last")
    g = e.groupby("model", sort=True)
    out = pd.DataFrame({
        "release_date": g["rel"].min(),
        "organization": g["Organization"].agg(_first),
        "country_raw": g["Country"].agg(_first),
        "accessibility_detail": g["Model accessibility"].agg(_first),
        "eci": g["eci"].max(),
        "training_compute_flop": _num(g["Training compute (FLOP)"].max()),
        "n_versions": g.size(),
    }).reset_index()
    out = out.dropna(subset=["release_date"])
    out["country"], _ = split_countries(out.pop("country_raw"))
    out["accessibility_detail"] = _str(out["accessibility_detail"])
    out["accessibility"] = accessibility_class(out["accessibility_detail"])
    out["open_weights"] = open_from_accessibility(out["accessibility"])
    out["organization"] = _str(out["organization"])
    return out[["model", "release_date", "organization", "country", "accessibility", "accessibility_detail",
                "open_weights", "eci", "training_compute_flop", "n_versions"]]


register(Dataset(
    name="capabilities",
    title="Epoch Capabilities Index per model",
    description="Epoch AI's Capabilities Index (ECI), one row per model: model versions and settings "
                "(reasoning effort, provider) collapsed to the model Epoch names in 'Model name'.",
    schema=pa.DataFrameSchema({
        "model": pa.Column(str, unique=True),
        "release_date": pa.Column("datetime64[ns]", pa.Check.in_range(pd.Timestamp("2015-01-01"),
                                                                      pd.Timestamp("2026-12-31"))),
        "organization": pa.Column(str, nullable=True),
        "country": pa.Column(str, nullable=True),
        "accessibility": pa.Column(str, _ACC_CHECK, nullable=True),
        "accessibility_detail": pa.Column(str, nullable=True),
        "open_weights": pa.Column("boolean", nullable=True),
        "eci": pa.Column(float, pa.Check.in_range(0, 300)),
        "training_compute_flop": pa.Column(float, pa.Check.in_range(0, 1e30), nullable=True),
        "n_versions": pa.Column(int, pa.Check.ge(1)),
    }, coerce=True, strict=True),
    key=("model",),
    sources=[EPOCH_HUB],
    build=build_capabilities,
    raw=[RawFile("epoch_benchmarks/epoch_capabilities_index.csv", HUB_URL, required_columns=tuple(ECI_COLS),
                 min_rows=300, note="epoch_capabilities_index.csv inside Epoch's benchmark_data.zip")],
    date_columns=("release_date",),
    columns_doc={
        "model": ("Model name (Epoch's 'Model name'; versions and settings collapsed)", ""),
        "release_date": ("Earliest release date among the model's versions", "date"),
        "organization": ("Developer", ""),
        "country": ("Primary country of the developer (first listed; United States -> US)", ""),
        "accessibility": ("open weights / API / hosted / unreleased (Epoch's field)", ""),
        "accessibility_detail": ("Epoch's 'Model accessibility' text", ""),
        "open_weights": ("True for open weights, False for API/hosted, missing for unreleased/unknown", "bool"),
        "eci": ("Epoch Capabilities Index score (arbitrary units; GPT-5 about 150)", "ECI points"),
        "training_compute_flop": ("Training compute as listed with the ECI", "FLOP"),
        "n_versions": ("Number of scored versions/settings collapsed into the row", "count"),
    },
    notes="Collapse rule: Epoch gives one ECI per 'Model name' (identical across its versions); the row takes "
          "the maximum ECI over versions (equal in this snapshot), the earliest non-blank release date and the "
          "first non-blank organization, country and accessibility. Models without a release date "
          "(e.g. gpt-5-chat, gemma-2-9b) are dropped so they cannot distort a frontier.",
))


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
    vmap = e.assign(model=_str(e["Model name"]), acc=accessibility_class(e["Model accessibility"]))
    vmap = vmap.drop_duplicates("Model version").set_index("Model version")[["model", "acc"]]
    frames = []
    for stem in EPOCH_RUNS:
        d = read_raw_csv(f"epoch_benchmarks/{stem}.csv")
        missing = [c for c in RUN_COLS if c not in d.columns]
        if missing:
            raise DataError(f"data/raw/epoch_benchmarks/{stem}.csv: columns missing: {missing}")
        frames.append(pd.DataFrame({"benchmark": stem, "model_version": _str(d["Model version"]),
                                    "score": _num(d["mean_score"]), "stderr": _num(d["stderr"]),
                                    "evaluator": "Epoch AI", "release_date": _date(d["Release date"]),
                                    "organization": _str(d["Organization"]), "record_id": _str(d["id"])}))
    m = read_raw_csv("epoch_benchmarks/mmlu_external.csv")
    missing = [c for c in MMLU_COLS if c not in m.columns]
    if missing:
        raise DataError(f"data/raw/epoch_benchmarks/mmlu_external.csv: columns missing: {missing}")
    frames.append(pd.DataFrame({"benchmark": "mmlu", "model_version": _str(m["Model version"]),
                                "score": _num(m["EM"]), "stderr": np.nan,
                                "evaluator": _str(m["Source"]).fillna("external (unnamed)"),
                                "release_date": _date(m["Release date"]),
                                "organization": _str(m["Organization"]), "record_id": _str(m["id"])}))
    out = pd.concat(frames, ignore_index=True).dropna(subset=["model_version", "score"])
    out["model"] = out["model_version"].map(vmap["model"]).astype("string")
    out["model"] = out["model"].fillna(out["model_version"])
    out["accessibility"] = out["model_version"].map(vmap["acc"]).astype("string")
    out["open_weights"] = open_from_accessibility(out["accessibility"])
    out["own_run"] = out["evaluator"].eq("Epoch AI")
    return out[["benchmark", "record_id", "model", "model_version", "score", "stderr", "evaluator", "own_run",
                "release_date", "organization", "accessibility", "open_weights"]]


register(Dataset(
    name="benchmark_scores",
    title="Benchmark scores (Epoch AI Benchmarking Hub), long form",
    description="Epoch AI's own runs of GPQA Diamond, MATH Level 5, OTIS Mock AIME 2024-2025, FrontierMath "
                "(tiers 1-3) and SWE-bench Verified, plus the external MMLU scores Epoch collected, one row "
                "per run record.",
    schema=pa.DataFrameSchema({
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
        "accessibility": pa.Column(str, _ACC_CHECK, nullable=True),
        "open_weights": pa.Column("boolean", nullable=True),
    }, coerce=True, strict=True, unique=["benchmark", "record_id"]),
    key=("benchmark", "record_id"),
    sources=[EPOCH_HUB],
    build=build_benchmark_scores,
    raw=[RawFile(f"epoch_benchmarks/{stem}.csv", HUB_URL, required_columns=tuple(RUN_COLS), min_rows=20,
                 note=f"{stem}.csv inside Epoch's benchmark_data.zip") for stem in EPOCH_RUNS]
        + [RawFile("epoch_benchmarks/mmlu_external.csv", HUB_URL, required_columns=tuple(MMLU_COLS), min_rows=100,
                   note="mmlu_external.csv inside Epoch's benchmark_data.zip")],
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
))


# -------------------------------------------------------------------------------------- arena helpers

def _read_compiled(name: str, cols: list[str]) -> pd.DataFrame:
    from helpers.core import paths
    p = paths.DATA / f"{name}.csv"
    if not p.is_file():
        raise DataError(f"data/{name}.csv: the hand-compiled helper table is missing")
    d = pd.read_csv(p, dtype="string")
    missing = [c for c in cols if c not in d.columns]
    if missing:
        raise DataError(f"data/{name}.csv: columns missing: {missing}")
    return d


def licence_open(lic: pd.Series) -> pd.Series:
    """Arena licence label -> open-weights flag: Proprietary -> False, other non-blank -> True, blank/N/A -> missing."""
    s = lic.astype("string").str.strip()
    out = pd.Series(pd.NA, index=lic.index, dtype="boolean")
    closed = s.str.lower().isin(["proprietary", "propretary"]).fillna(False)
    blank = s.isna() | s.str.upper().isin(["N/A", "", "NA"]).fillna(False)
    out[closed] = False
    out[~closed & ~blank] = True
    return out


def _ci_split(ci: pd.Series) -> tuple[pd.Series, pd.Series]:
    """'+3/-4' -> (4, 3) as (minus, plus) distances."""
    s = ci.astype("string")
    plus = _num(s.str.extract(r"\+\s*([0-9.]+)")[0])
    minus = _num(s.str.extract(r"-\s*([0-9.]+)")[0])
    return minus, plus


def build_arena(raw_dir: Path) -> pd.DataFrame:
    frames = []
    # 1. Chatbot Arena history (elo_results pkl, 'full' text category)
    h = read_raw_csv("lmarena/chatbot_arena_elo_history_2023-05_2025-03.csv", dtype={"date": "string"})
    h = h.drop_duplicates(["key", "date"])
    hd = pd.to_datetime(h["date"], format="%Y%m%d")
    first_two = sorted(hd.unique())[:2]
    frames.append(pd.DataFrame({
        "source": "chatbot_arena_history", "snapshot_date": hd, "model": _str(h["key"]),
        "organization": _str(h["Organization"]), "licence": _str(h["License"]),
        "rating": _num(h["rating"]), "rating_lower": np.nan, "rating_upper": np.nan, "votes": np.nan,
        "style_control": False, "category": "overall",
        "scale_segment": np.where(hd.isin(first_two), "history_online_elo", "history_bt"),
    }))
    # 2. lmarena.ai scraped versions (default view)
    f = read_raw_csv("lmarena/lmarena_text_leaderboard_snapshots_2024-06_2025-08.csv")
    f = f.dropna(subset=["arena_score"])
    f = f.drop_duplicates(["snapshot_date", "model"])
    minus, plus = _ci_split(f["ci_95"])
    score = _num(f["arena_score"])
    frames.append(pd.DataFrame({
        "source": "lmarena_scrape", "snapshot_date": _date(f["snapshot_date"]), "model": _str(f["model"]),
        "organization": _str(f["organization"]), "licence": _str(f["license"]),
        "rating": score, "rating_lower": score - minus, "rating_upper": score + plus, "votes": _num(f["votes"]),
        "style_control": pd.NA, "category": "overall",
        "scale_segment": np.where(f["source_file"].eq("csv/lmarena_text.csv"), "lmarena_text_2025",
                                  "lmsys_csv_2024_2025"),
    }))
    # 3. arena.ai daily top-N
    t = read_raw_csv("lmarena/arena_text_topN_daily_2026-03_2026-06.csv")
    t = t.drop_duplicates(["snapshot_date", "model"])
    sc = _num(t["score"])
    ci = _num(t["ci"])
    frames.append(pd.DataFrame({
        "source": "arena_top_n_daily", "snapshot_date": _date(t["snapshot_date"]), "model": _str(t["model"]),
        "organization": _str(t["vendor"]), "licence": _str(t["license"]),
        "rating": sc, "rating_lower": sc - ci, "rating_upper": sc + ci, "votes": _num(t["votes"]),
        "style_control": pd.NA, "category": "overall", "scale_segment": "arena_top_n_2026",
    }))
    # 4. official leaderboard dataset
    o = read_raw_csv("lmarena/lmarena_text_official_2026-06_2026-08.csv")
    o = o[o["category"].isin(ARENA_CATEGORIES)]
    o = o.drop_duplicates(["leaderboard_publish_date", "style_control", "category", "model_name"])
    stc = o["style_control"].astype("string").str.lower().eq("true")
    frames.append(pd.DataFrame({
        "source": "lmarena_official", "snapshot_date": _date(o["leaderboard_publish_date"]),
        "model": _str(o["model_name"]), "organization": _str(o["organization"]), "licence": _str(o["license"]),
        "rating": _num(o["rating"]), "rating_lower": _num(o["rating_lower"]),
        "rating_upper": _num(o["rating_upper"]), "votes": _num(o["vote_count"]),
        "style_control": stc.values, "category": _str(o["category"]),
        "scale_segment": np.where(stc, "official_2026_style_control", "official_2026_default"),
    }))
    out = pd.concat(frames, ignore_index=True).dropna(subset=["model", "rating", "snapshot_date"])
    out["style_control"] = out["style_control"].astype("boolean")
    for c in ("rating", "rating_lower", "rating_upper"):   # 0.1 point is far below any interval's width
        out[c] = out[c].round(1)
    out["open_weights_licence"] = licence_open(out["licence"])
    ov = _read_compiled("arena_open_overrides", ["model", "open_weights", "reason", "source_id"])
    ovmap = dict(zip(ov["model"].str.lower(), ov["open_weights"].str.lower().eq("true")))
    lower = out["model"].str.lower()
    out["open_weights"] = out["open_weights_licence"].copy()
    hit = lower.isin(list(ovmap)).fillna(False)
    out.loc[hit, "open_weights"] = lower[hit].map(ovmap).astype("boolean")
    out["overridden"] = hit.astype(bool)
    out["scale_segment"] = out["scale_segment"].astype("string")
    return out[["source", "snapshot_date", "category", "style_control", "model", "organization", "licence",
                "open_weights_licence", "open_weights", "overridden", "rating", "rating_lower", "rating_upper",
                "votes", "scale_segment"]]


ARENA_CATEGORIES = ["overall", "hard_prompts", "coding"]   # kept from the official 2026 files (size)
ARENA_SEGMENTS = ["history_online_elo", "history_bt", "lmsys_csv_2024_2025", "lmarena_text_2025",
                  "arena_top_n_2026", "official_2026_default", "official_2026_style_control"]

register(Dataset(
    name="arena",
    title="Chatbot Arena / LMArena / Arena text leaderboard snapshots, stacked",
    description="Every text-leaderboard snapshot in four public collections (2023-05 .. 2026-08), one row "
                "per source, snapshot, category, style-control setting and model.",
    schema=pa.DataFrameSchema({
        "source": pa.Column(str, pa.Check.isin(["chatbot_arena_history", "lmarena_scrape", "arena_top_n_daily",
                                                "lmarena_official"])),
        "snapshot_date": pa.Column("datetime64[ns]", pa.Check.in_range(pd.Timestamp("2023-04-01"),
                                                                       pd.Timestamp("2026-12-31"))),
        "category": pa.Column(str, pa.Check.isin(ARENA_CATEGORIES)),
        "style_control": pa.Column("boolean", nullable=True),
        "model": pa.Column(str),
        "organization": pa.Column(str, nullable=True),
        "licence": pa.Column(str, nullable=True),
        "open_weights_licence": pa.Column("boolean", nullable=True),
        "open_weights": pa.Column("boolean", nullable=True),
        "overridden": pa.Column(bool),
        "rating": pa.Column(float, pa.Check.in_range(500, 2000)),
        "rating_lower": pa.Column(float, nullable=True),
        "rating_upper": pa.Column(float, nullable=True),
        "votes": pa.Column(float, pa.Check.ge(0), nullable=True),
        "scale_segment": pa.Column(str, pa.Check.isin(ARENA_SEGMENTS)),
    }, coerce=True, strict=True, unique=["source", "snapshot_date", "category", "style_control", "model"]),
    key=("source", "snapshot_date", "category", "style_control", "model"),
    sources=ARENA_SOURCES,
    build=build_arena,
    raw=[RawFile("lmarena/chatbot_arena_elo_history_2023-05_2025-03.csv",
                 "https://raw.githubusercontent.com/jasontrigg0/chatbot-arena-history/main/alltime.csv",
                 required_columns=("key", "rating", "License", "Organization", "date"), min_rows=10000,
                 note="alltime.csv, stacked from LMArena's elo_results_YYYYMMDD.pkl files on "
                      "huggingface.co/spaces/lmarena-ai/chatbot-arena-leaderboard"),
         RawFile("lmarena/lmarena_text_leaderboard_snapshots_2024-06_2025-08.csv",
                 "https://github.com/fboulnois/llm-leaderboard-csv",
                 required_columns=("snapshot_date", "model", "arena_score", "ci_95", "votes", "license"),
                 min_rows=10000, note="every git version of csv/lmsys.csv and csv/lmarena_text.csv, stacked"),
         RawFile("lmarena/arena_text_topN_daily_2026-03_2026-06.csv",
                 "https://github.com/oolong-tea-2026/arena-ai-leaderboards",
                 required_columns=("snapshot_date", "model", "vendor", "license", "score", "ci", "votes"),
                 min_rows=1000, note="last version of each data/YYYY-MM-DD/text.json, flattened"),
         RawFile("lmarena/lmarena_text_official_2026-06_2026-08.csv",
                 "https://huggingface.co/datasets/lmarena-ai/leaderboard-dataset",
                 required_columns=("leaderboard_publish_date", "style_control", "category", "model_name",
                                   "license", "rating", "rating_lower", "rating_upper", "vote_count"),
                 min_rows=10000, note="text and text_style_control files; the table keeps the categories "
                                      "overall, hard_prompts and coding (math and expert are dropped for size)")],
    date_columns=("snapshot_date",),
    columns_doc={
        "source": ("Collection the row comes from (see the dataset's sources)", ""),
        "snapshot_date": ("Leaderboard date (history: elo_results date; scrape: version date; official: "
                          "publish date)", "date"),
        "category": ("Leaderboard category (overall = the default text leaderboard)", ""),
        "style_control": ("True: style-controlled ratings; False: without; missing: the site's default view "
                          "whose setting is not recorded", "bool"),
        "model": ("Arena model id as the source writes it", ""),
        "organization": ("Organization / vendor as listed by the source", ""),
        "licence": ("Licence label as listed (history file: the 2025-03 label applied to all dates)", ""),
        "open_weights_licence": ("Open weights by licence label alone: Proprietary -> False, other label -> "
                                 "True, blank/N/A -> missing", "bool"),
        "open_weights": ("Open-weights flag used by the analyses: the licence flag corrected by "
                         "data/arena_open_overrides.csv", "bool"),
        "overridden": ("True when arena_open_overrides.csv set the flag", "bool"),
        "rating": ("Arena rating (Elo / Bradley-Terry scale of that snapshot)", "rating points"),
        "rating_lower": ("Lower end of the published 95% interval", "rating points"),
        "rating_upper": ("Upper end of the published 95% interval", "rating points"),
        "votes": ("Votes behind the rating", "votes"),
        "scale_segment": ("Span of snapshots whose ratings share a method and pipeline (compare gaps "
                          "within a segment; never bridge a line across segments)", ""),
    },
    notes="Scale segments: history_online_elo (the first two dates, online Elo), history_bt (Bradley-Terry "
          "tables of each date), lmsys_csv_2024_2025 and lmarena_text_2025 (two scraped tables of "
          "lmarena.ai's default view; LMArena moved the default to style control during 2025, the exact "
          "date is not in the data), arena_top_n_2026 (top 10-71 models only: the best open model is "
          "censored on days with none in the top N), official_2026_default / _style_control. Ratings drift "
          "within a segment too: compare models within one snapshot.",
))


register(Dataset(
    name="arena_open_overrides",
    title="Corrections to the Arena licence-based open-weights flag",
    description="Arena models whose licence label misstates whether weights were released, with the reason "
                "and a source for each.",
    schema=pa.DataFrameSchema({
        "model": pa.Column(str, unique=True),
        "open_weights": pa.Column(bool),
        "reason": pa.Column(str, pa.Check.str_length(min_value=10)),
        "source_id": pa.Column(str),
    }, coerce=True, strict=True),
    key=("model",),
    sources=[Source(producer="compiled for this project", title="data/sources/benchmarks.yaml",
                    url="data/sources/benchmarks.yaml", licence="CC BY 4.0", date_published=ACCESSED,
                    date_accessed=ACCESSED)],
    kind="compiled",
    columns_doc={
        "model": ("Arena model id (matched case-insensitively in every Arena source)", ""),
        "open_weights": ("Corrected open-weights flag", "bool"),
        "reason": ("Why the licence label is wrong for this model", ""),
        "source_id": ("Citation id in data/sources/benchmarks.yaml", ""),
    },
))


# ------------------------------------------------------------------------------ artificial analysis

AA_COLS = ["name", "slug", "creator_name", "release_date", "eval_artificial_analysis_intelligence_index",
           "eval_artificial_analysis_coding_index", "eval_artificial_analysis_math_index", "eval_mmlu_pro",
           "eval_gpqa", "eval_hle", "eval_livecodebench", "eval_aime_25", "price_1m_blended_3_to_1",
           "price_1m_input_tokens", "price_1m_output_tokens"]


def build_artificial_analysis(raw_dir: Path) -> pd.DataFrame:
    a = read_raw_csv("artificial_analysis/aa_llms_snapshot_2026-08-22.csv")
    missing = [c for c in AA_COLS if c not in a.columns]
    if missing:
        raise DataError(f"data/raw/artificial_analysis/aa_llms_snapshot_2026-08-22.csv: columns missing: {missing}")
    nm = _read_compiled("aa_name_map", ["aa_slug", "flag_source", "flag_model", "open_weights"])
    flag = dict(zip(nm["aa_slug"], nm["open_weights"].str.lower().map({"true": True, "false": False})))
    src = dict(zip(nm["aa_slug"], nm["flag_source"]))
    out = pd.DataFrame({
        "slug": _str(a["slug"]), "model": _str(a["name"]), "creator": _str(a["creator_name"]),
        "release_date": _date(a["release_date"]),
        "intelligence_index": _num(a["eval_artificial_analysis_intelligence_index"]),
        "coding_index": _num(a["eval_artificial_analysis_coding_index"]),
        "math_index": _num(a["eval_artificial_analysis_math_index"]),
        "mmlu_pro": _num(a["eval_mmlu_pro"]), "gpqa": _num(a["eval_gpqa"]), "hle": _num(a["eval_hle"]),
        "livecodebench": _num(a["eval_livecodebench"]), "aime_25": _num(a["eval_aime_25"]),
        "price_blended_usd_per_1m_tokens": _num(a["price_1m_blended_3_to_1"]),
        "price_input_usd_per_1m_tokens": _num(a["price_1m_input_tokens"]),
        "price_output_usd_per_1m_tokens": _num(a["price_1m_output_tokens"]),
    })
    out["open_weights"] = out["slug"].map(flag).astype("boolean")
    out["open_flag_source"] = out["slug"].map(src).astype("string")
    return out.dropna(subset=["slug"])


_FRAC = pa.Check.in_range(0, 1)
register(Dataset(
    name="artificial_analysis",
    title="Artificial Analysis LLM snapshot (2026-08-22) with an open-weights flag",
    description="Models listed by Artificial Analysis on 2026-08-22 with their indexes, component "
                "evaluations and prices; open weights joined through data/aa_name_map.csv.",
    schema=pa.DataFrameSchema({
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
    }, coerce=True, strict=True),
    key=("slug",),
    sources=[AA_SOURCE],
    build=build_artificial_analysis,
    raw=[RawFile("artificial_analysis/aa_llms_snapshot_2026-08-22.csv",
                 "https://artificialanalysis.ai/api/v2/data/llms/models", required_columns=tuple(AA_COLS),
                 min_rows=300, note="JSON API (needs a key); flattened to CSV, one row per model")],
    date_columns=("release_date",),
    columns_doc={
        "slug": ("Artificial Analysis model slug", ""),
        "model": ("Model name as Artificial Analysis writes it", ""),
        "creator": ("Creator (developer) name", ""),
        "release_date": ("Release date", "date"),
        "intelligence_index": ("Artificial Analysis Intelligence Index (version of this snapshot)", "index 0-100"),
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
    },
    notes="Artificial Analysis publishes no open/closed flag; it is joined by name. The Intelligence Index "
          "is re-versioned over time: compare values within this snapshot only.",
))


register(Dataset(
    name="aa_name_map",
    title="Artificial Analysis model -> source of its open-weights flag",
    description="For each mapped Artificial Analysis slug: the table and model name whose open/closed "
                "label is used, and the resulting flag.",
    schema=pa.DataFrameSchema({
        "aa_slug": pa.Column(str, unique=True),
        "aa_name": pa.Column(str),
        "flag_source": pa.Column(str, pa.Check.isin(["capabilities", "arena", "models"])),
        "flag_model": pa.Column(str),
        "open_weights": pa.Column(bool),
        "match": pa.Column(str, pa.Check.isin(["normalized name", "manual"])),
        "source_id": pa.Column(str),
    }, coerce=True, strict=True),
    key=("aa_slug",),
    sources=[Source(producer="compiled for this project", title="data/sources/benchmarks.yaml",
                    url="data/sources/benchmarks.yaml", licence="CC BY 4.0", date_published=ACCESSED,
                    date_accessed=ACCESSED)],
    kind="compiled",
    columns_doc={
        "aa_slug": ("Artificial Analysis slug", ""),
        "aa_name": ("Artificial Analysis model name", ""),
        "flag_source": ("Table whose label gives the flag: capabilities (Epoch ECI), arena (LMArena official "
                        "licence, 2026-08-19) or models (Epoch notable)", ""),
        "flag_model": ("Model name in that table", ""),
        "open_weights": ("Open-weights flag taken from that table", "bool"),
        "match": ("How the names were matched: normalized name (lower case, punctuation removed, effort "
                  "suffixes dropped) or manual", ""),
        "source_id": ("Citation id in data/sources/benchmarks.yaml", ""),
    },
))
