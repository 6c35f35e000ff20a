"""LMSYS / LMArena / Arena text leaderboards: every snapshot of four public collections stacked (``arena``),
and the hand-compiled corrections to its licence-based open-weights flag (``arena_open_overrides``), which
the build of ``arena`` applies.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pandera.pandas as pa

from helpers.data.builder import read_raw_csv
from helpers.data.catalog import Dataset, RawFile, Source, register
from helpers.data.tables.common import ACCESSED, PROJECT_COMPILED, read_compiled, to_date, to_number, to_text

ARENA_SOURCES = [
    Source(
        producer="LMSYS / LMArena Chatbot Arena",
        title="Chatbot Arena leaderboard, elo_results_YYYYMMDD.pkl files (text, full category)",
        url="https://huggingface.co/spaces/lmarena-ai/chatbot-arena-leaderboard",
        licence="public leaderboard data (no licence stated)",
        date_published="2023-05 .. 2025-03",
        date_accessed=ACCESSED,
        note="Stacked per date by github.com/jasontrigg0/chatbot-arena-history (alltime.csv); License "
        "and Organization columns come from the 2025-03 table and are applied to every date.",
    ),
    Source(
        producer="LMArena",
        title="LMArena text leaderboard (lmarena.ai/leaderboard), scraped versions",
        url="https://lmarena.ai/leaderboard/text",
        licence="LMArena terms; scraper repo MPL-2.0",
        date_published="2024-06 .. 2025-08",
        date_accessed=ACCESSED,
        note="Versions of csv/lmsys.csv and csv/lmarena_text.csv in github.com/fboulnois/llm-leaderboard-csv",
    ),
    Source(
        producer="Arena (formerly LMArena)",
        title="Arena text leaderboard, daily top-N scrape",
        url="https://arena.ai/leaderboard/text",
        licence="Arena terms; scraper repo MIT",
        date_published="2026-03 .. 2026-06",
        date_accessed=ACCESSED,
        note="data/YYYY-MM-DD/text.json in github.com/oolong-tea-2026/arena-ai-leaderboards",
    ),
    Source(
        producer="LMArena",
        title="lmarena-ai/leaderboard-dataset (text, text_style_control)",
        url="https://huggingface.co/datasets/lmarena-ai/leaderboard-dataset",
        licence="CC BY 4.0",
        date_published="2026-06-25 .. 2026-08-19",
        date_accessed=ACCESSED,
    ),
]

# the raw columns each of the four collections' readers use (a missing one is a DataError naming file and column)
HISTORY_COLUMNS = ("key", "date", "Organization", "License", "rating")
SCRAPE_COLUMNS = (
    "snapshot_date",
    "model",
    "organization",
    "license",
    "arena_score",
    "ci_95",
    "votes",
    "source_file",
)
TOP_N_COLUMNS = ("snapshot_date", "model", "vendor", "license", "score", "ci", "votes")
OFFICIAL_COLUMNS = tuple(
    "leaderboard_publish_date style_control category model_name organization license rating rating_lower"
    " rating_upper vote_count".split()
)


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
    plus = to_number(s.str.extract(r"\+\s*([0-9.]+)")[0])
    minus = to_number(s.str.extract(r"-\s*([0-9.]+)")[0])
    return minus, plus


def build_arena(raw_dir: Path) -> pd.DataFrame:
    frames = []
    # 1. Chatbot Arena history (elo_results pkl, 'full' text category)
    h = read_raw_csv(
        "lmarena/chatbot_arena_elo_history_2023-05_2025-03.csv", HISTORY_COLUMNS, dtype={"date": "string"}
    )
    h = h.drop_duplicates(["key", "date"])
    hd = pd.to_datetime(h["date"], format="%Y%m%d")
    first_two = sorted(hd.unique())[:2]
    frames.append(
        pd.DataFrame(
            {
                "source": "chatbot_arena_history",
                "snapshot_date": hd,
                "model": to_text(h["key"]),
                "organization": to_text(h["Organization"]),
                "licence": to_text(h["License"]),
                "rating": to_number(h["rating"]),
                "rating_lower": np.nan,
                "rating_upper": np.nan,
                "votes": np.nan,
                "style_control": False,
                "category": "overall",
                "scale_segment": np.where(hd.isin(first_two), "history_online_elo", "history_bt"),
            }
        )
    )
    # 2. lmarena.ai scraped versions (default view)
    f = read_raw_csv("lmarena/lmarena_text_leaderboard_snapshots_2024-06_2025-08.csv", SCRAPE_COLUMNS)
    f = f.dropna(subset=["arena_score"])
    f = f.drop_duplicates(["snapshot_date", "model"])
    minus, plus = _ci_split(f["ci_95"])
    score = to_number(f["arena_score"])
    frames.append(
        pd.DataFrame(
            {
                "source": "lmarena_scrape",
                "snapshot_date": to_date(f["snapshot_date"]),
                "model": to_text(f["model"]),
                "organization": to_text(f["organization"]),
                "licence": to_text(f["license"]),
                "rating": score,
                "rating_lower": score - minus,
                "rating_upper": score + plus,
                "votes": to_number(f["votes"]),
                "style_control": pd.NA,
                "category": "overall",
                "scale_segment": np.where(
                    f["source_file"].eq("csv/lmarena_text.csv"), "lmarena_text_2025", "lmsys_csv_2024_2025"
                ),
            }
        )
    )
    # 3. arena.ai daily top-N
    t = read_raw_csv("lmarena/arena_text_topN_daily_2026-03_2026-06.csv", TOP_N_COLUMNS)
    t = t.drop_duplicates(["snapshot_date", "model"])
    sc = to_number(t["score"])
    ci = to_number(t["ci"])
    frames.append(
        pd.DataFrame(
            {
                "source": "arena_top_n_daily",
                "snapshot_date": to_date(t["snapshot_date"]),
                "model": to_text(t["model"]),
                "organization": to_text(t["vendor"]),
                "licence": to_text(t["license"]),
                "rating": sc,
                "rating_lower": sc - ci,
                "rating_upper": sc + ci,
                "votes": to_number(t["votes"]),
                "style_control": pd.NA,
                "category": "overall",
                "scale_segment": "arena_top_n_2026",
            }
        )
    )
    # 4. official leaderboard dataset
    o = read_raw_csv("lmarena/lmarena_text_official_2026-06_2026-08.csv", OFFICIAL_COLUMNS)
    o = o[o["category"].isin(ARENA_CATEGORIES)]
    o = o.drop_duplicates(["leaderboard_publish_date", "style_control", "category", "model_name"])
    stc = o["style_control"].astype("string").str.lower().eq("true")
    frames.append(
        pd.DataFrame(
            {
                "source": "lmarena_official",
                "snapshot_date": to_date(o["leaderboard_publish_date"]),
                "model": to_text(o["model_name"]),
                "organization": to_text(o["organization"]),
                "licence": to_text(o["license"]),
                "rating": to_number(o["rating"]),
                "rating_lower": to_number(o["rating_lower"]),
                "rating_upper": to_number(o["rating_upper"]),
                "votes": to_number(o["vote_count"]),
                "style_control": stc.values,
                "category": to_text(o["category"]),
                "scale_segment": np.where(stc, "official_2026_style_control", "official_2026_default"),
            }
        )
    )
    out = pd.concat(frames, ignore_index=True).dropna(subset=["model", "rating", "snapshot_date"])
    out["style_control"] = out["style_control"].astype("boolean")
    for c in ("rating", "rating_lower", "rating_upper"):  # 0.1 point is far below any interval's width
        out[c] = out[c].round(1)
    out["open_weights_licence"] = licence_open(out["licence"])
    ov = read_compiled("arena_open_overrides", ["model", "open_weights", "reason", "source_id"])
    ovmap = dict(zip(ov["model"].str.lower(), ov["open_weights"].str.lower().eq("true")))
    lower = out["model"].str.lower()
    out["open_weights"] = out["open_weights_licence"].copy()
    hit = lower.isin(list(ovmap)).fillna(False)
    out.loc[hit, "open_weights"] = lower[hit].map(ovmap).astype("boolean")
    out["overridden"] = hit.astype(bool)
    out["scale_segment"] = out["scale_segment"].astype("string")
    return out[
        [
            "source",
            "snapshot_date",
            "category",
            "style_control",
            "model",
            "organization",
            "licence",
            "open_weights_licence",
            "open_weights",
            "overridden",
            "rating",
            "rating_lower",
            "rating_upper",
            "votes",
            "scale_segment",
        ]
    ]


ARENA_CATEGORIES = ["overall", "hard_prompts", "coding"]  # kept from the official 2026 files (size)
ARENA_SEGMENTS = [
    "history_online_elo",
    "history_bt",
    "lmsys_csv_2024_2025",
    "lmarena_text_2025",
    "arena_top_n_2026",
    "official_2026_default",
    "official_2026_style_control",
]

register(
    Dataset(
        name="arena",
        title="Chatbot Arena / LMArena / Arena text leaderboard snapshots, stacked",
        description="Every text-leaderboard snapshot in four public collections (2023-05 .. 2026-08), one row "
        "per source, snapshot, category, style-control setting and model.",
        schema=pa.DataFrameSchema(
            {
                "source": pa.Column(
                    str,
                    pa.Check.isin(
                        ["chatbot_arena_history", "lmarena_scrape", "arena_top_n_daily", "lmarena_official"]
                    ),
                ),
                "snapshot_date": pa.Column(
                    "datetime64[ns]",
                    pa.Check.in_range(pd.Timestamp("2023-04-01"), pd.Timestamp("2026-12-31")),
                ),
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
            },
            coerce=True,
            strict=True,
            unique=["source", "snapshot_date", "category", "style_control", "model"],
        ),
        key=("source", "snapshot_date", "category", "style_control", "model"),
        sources=ARENA_SOURCES,
        build=build_arena,
        raw=[
            RawFile(
                "lmarena/chatbot_arena_elo_history_2023-05_2025-03.csv",
                "https://raw.githubusercontent.com/jasontrigg0/chatbot-arena-history/main/alltime.csv",
                required_columns=("key", "rating", "License", "Organization", "date"),
                min_rows=10000,
                note="alltime.csv, stacked from LMArena's elo_results_YYYYMMDD.pkl files on "
                "huggingface.co/spaces/lmarena-ai/chatbot-arena-leaderboard",
            ),
            RawFile(
                "lmarena/lmarena_text_leaderboard_snapshots_2024-06_2025-08.csv",
                "https://github.com/fboulnois/llm-leaderboard-csv",
                required_columns=("snapshot_date", "model", "arena_score", "ci_95", "votes", "license"),
                min_rows=10000,
                note="every git version of csv/lmsys.csv and csv/lmarena_text.csv, stacked",
            ),
            RawFile(
                "lmarena/arena_text_topN_daily_2026-03_2026-06.csv",
                "https://github.com/oolong-tea-2026/arena-ai-leaderboards",
                required_columns=("snapshot_date", "model", "vendor", "license", "score", "ci", "votes"),
                min_rows=1000,
                note="last version of each data/YYYY-MM-DD/text.json, flattened",
            ),
            RawFile(
                "lmarena/lmarena_text_official_2026-06_2026-08.csv",
                "https://huggingface.co/datasets/lmarena-ai/leaderboard-dataset",
                required_columns=(
                    "leaderboard_publish_date",
                    "style_control",
                    "category",
                    "model_name",
                    "license",
                    "rating",
                    "rating_lower",
                    "rating_upper",
                    "vote_count",
                ),
                min_rows=10000,
                note="text and text_style_control files; the table keeps the categories "
                "overall, hard_prompts and coding (math and expert are dropped for size)",
            ),
        ],
        date_columns=("snapshot_date",),
        columns_doc={
            "source": ("Collection the row comes from (see the dataset's sources)", ""),
            "snapshot_date": (
                "Leaderboard date (history: elo_results date; scrape: version date; official: publish date)",
                "date",
            ),
            "category": ("Leaderboard category (overall = the default text leaderboard)", ""),
            "style_control": (
                "True: style-controlled ratings; False: without; missing: the site's default view "
                "whose setting is not recorded",
                "bool",
            ),
            "model": ("Arena model id as the source writes it", ""),
            "organization": ("Organization / vendor as listed by the source", ""),
            "licence": ("Licence label as listed (history file: the 2025-03 label applied to all dates)", ""),
            "open_weights_licence": (
                "Open weights by licence label alone: Proprietary -> False, other label -> "
                "True, blank/N/A -> missing",
                "bool",
            ),
            "open_weights": (
                "Open-weights flag used by the analyses: the licence flag corrected by "
                "data/arena_open_overrides.csv",
                "bool",
            ),
            "overridden": ("True when arena_open_overrides.csv set the flag", "bool"),
            "rating": ("Arena rating (Elo / Bradley-Terry scale of that snapshot)", "rating points"),
            "rating_lower": ("Lower end of the published 95% interval", "rating points"),
            "rating_upper": ("Upper end of the published 95% interval", "rating points"),
            "votes": ("Votes behind the rating", "votes"),
            "scale_segment": (
                "Span of snapshots whose ratings share a method and pipeline (compare gaps "
                "within a segment; never bridge a line across segments)",
                "",
            ),
        },
        notes="Scale segments: history_online_elo (the first two dates, online Elo), history_bt (Bradley-Terry "
        "tables of each date), lmsys_csv_2024_2025 and lmarena_text_2025 (two scraped tables of "
        "lmarena.ai's default view; LMArena moved the default to style control during 2025, the exact "
        "date is not in the data), arena_top_n_2026 (top 10-71 models only: the best open model is "
        "censored on days with none in the top N), official_2026_default / _style_control. Ratings drift "
        "within a segment too: compare models within one snapshot.",
    )
)


register(
    Dataset(
        name="arena_open_overrides",
        title="Corrections to the Arena licence-based open-weights flag",
        description="Arena models whose licence label misstates whether weights were released, with the reason "
        "and a source for each.",
        schema=pa.DataFrameSchema(
            {
                "model": pa.Column(str, unique=True),
                "open_weights": pa.Column(bool),
                "reason": pa.Column(str, pa.Check.str_length(min_value=10)),
                "source_id": pa.Column(str),
            },
            coerce=True,
            strict=True,
        ),
        key=("model",),
        sources=[PROJECT_COMPILED],
        kind="compiled",
        columns_doc={
            "model": ("Arena model id (matched case-insensitively in every Arena source)", ""),
            "open_weights": ("Corrected open-weights flag", "bool"),
            "reason": ("Why the licence label is wrong for this model", ""),
            "source_id": ("Citation id in data/sources/benchmarks.yaml", ""),
        },
    )
)
