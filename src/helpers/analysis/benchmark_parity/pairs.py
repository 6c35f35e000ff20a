"""C2 and C3: one open model against a closed reference on every measure both were scored on.

- C2: Llama 4 Maverick against GPT-4.5 (Epoch's own runs, Arena, Artificial Analysis); ECI, earlier Arena
  snapshots and the other Maverick variant are shown but do not count;
- C3: DeepSeek V4 Pro (launch versions) against the best closed model available at its release, per measure
  (Artificial Analysis and Arena).

Arena counts as one measure in both (``measures.one_rating_per_leaderboard``).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from helpers.analysis.benchmark_parity.basics import or_none
from helpers.analysis.benchmark_parity.inputs import Inputs
from helpers.analysis.benchmark_parity.measures import (
    METRICS,
    aa_best_closed_rows,
    aa_pair_rows,
    aa_without_legacy,
    arena_best_closed_rows,
    best_per_model,
    compare_measures,
    headline_ratio,
    latest_pair_rating,
    match_share,
    one_rating_per_leaderboard,
    relative_quality,
    share_at_least,
)
from helpers.analysis.benchmark_parity.params import Params
from helpers.core.results import make_entry

MAVERICK, GPT45 = "Llama 4 Maverick", "GPT-4.5"
GPT45_ARENA_IDS = ["gpt-4.5-preview-2025-02-27", "gpt-4.5-preview"]
MAVERICK_ARENA_IDS = {
    "released": ["llama-4-maverick-17b-128e-instruct"],
    "experimental": ["llama-4-maverick-03-26-experimental"],
}
V4_AA_PREFIX, V4_EPOCH_NAME = "DeepSeek V4 Pro", "DeepSeek-V4-Pro"
V4_ARENA_IDS = ["deepseek-v4-pro", "deepseek-v4-pro-thinking"]


# ------------------------------------------------------------------------------------- C2 Llama 4


@dataclass(frozen=True, eq=False)
class Llama4:
    """Llama 4 Maverick against GPT-4.5: the counted measures (``table``), every row shown (``table_all``),
    the share at the quality threshold under the comparison metric and under the other metrics."""

    table: pd.DataFrame
    table_all: pd.DataFrame
    arena_rows: dict  # variant -> Arena rows (latest snapshot with both, per segment)
    share: float
    hits: int
    n: int
    by_metric: dict  # metric -> (share, hits, n)
    threshold_pct: float
    metric: str
    variant: str
    as_of: pd.Timestamp

    @property
    def other_variant(self) -> str:
        return "experimental" if self.variant == "released" else "released"

    def arena_win_probs(self) -> list[tuple[str, str, float]]:
        """(variant, Arena segment, Maverick's win probability against GPT-4.5) for every Arena row."""
        return [
            (v, r["measure"].split(" (")[0], relative_quality(r["a"], r["b"], "rating")["win_prob"])
            for v in ("experimental", "released")
            for r in self.arena_rows.get(v, [])
        ]

    def entries(self) -> dict:
        by_measure = {
            m: round(float(v) * 100, 2)
            for m, v in zip(self.table_all["measure"], headline_ratio(self.table_all, self.metric))
            if pd.notna(v) and np.isfinite(v)
        }
        return {
            "llama4_vs_gpt45_pct": make_entry(
                "llama4_vs_gpt45_pct",
                by_measure,
                unit=f"% of GPT-4.5 ({self.metric} metric)",
                claims=["C2"],
                note=f"{self.variant} Maverick on Arena (latest snapshot with both counted); ECI, earlier Arena "
                "snapshots and the other Arena variant shown but not in the verdict share",
            ),
            "llama4_share_at_threshold_pct": make_entry(
                "llama4_share_at_threshold_pct",
                self.share if self.n else None,
                unit="% of measures",
                claims=["C2"],
                note=f"{self.hits} of {self.n} measures at or above {self.threshold_pct:g}% of GPT-4.5 "
                f"({self.metric} metric)",
            ),
        }


def llama4_rows(inputs: Inputs) -> tuple[list[dict], list[dict], dict]:
    """The rows of C2 that no parameter of its own changes: Epoch's runs, the ECI pair and the Arena rows of
    each Maverick variant (``llama4`` picks among them; the specification grid computes these once)."""
    w = best_per_model(inputs.bench[inputs.bench["own_run"]], [MAVERICK, GPT45]).dropna()
    rows = [
        {
            "measure": f"Epoch {b}",
            "evaluator": "Epoch AI",
            "kind": "fraction",
            "a": r[MAVERICK],
            "b": r[GPT45],
        }
        for b, r in w.iterrows()
    ]
    # each model's best version released by the analysis date (capabilities has one row per dated version)
    caps = inputs.caps_all[inputs.caps_all["release_date"] <= inputs.as_of]
    eci_pair = caps.groupby("model")["eci"].max().reindex([MAVERICK, GPT45])
    eci_row = []
    if eci_pair.notna().all():
        eci_row = [
            {
                "measure": "ECI (interval scale)",
                "evaluator": "Epoch AI",
                "kind": "index",
                "a": eci_pair[MAVERICK],
                "b": eci_pair[GPT45],
            }
        ]
    arena_rows = {}
    for variant, ids in MAVERICK_ARENA_IDS.items():
        for _, r in latest_pair_rating(inputs.sel, ids, GPT45_ARENA_IDS).iterrows():
            arena_rows.setdefault(variant, []).append(
                {
                    "measure": f"Arena {r['scale_segment']} ({variant} Maverick)",
                    "evaluator": "Arena",
                    "kind": "rating",
                    "a": r["a"],
                    "b": r["b"],
                    "snapshot_date": r["snapshot_date"],
                }
            )
    return rows, eci_row, arena_rows


def llama4(inputs: Inputs, P: Params, rows: tuple | None = None) -> Llama4:
    """Every measure one evaluator scored both Llama 4 Maverick and GPT-4.5 on, by the analysis date
    (``rows``: ``llama4_rows(inputs)`` when already computed)."""
    rows, eci_row, arena_rows = rows if rows is not None else llama4_rows(inputs)
    aa = aa_without_legacy(inputs.aa) if P.aa_legacy_scores == "drop" else inputs.aa
    aa_rows = aa_pair_rows(aa, ["llama-4-maverick"], ["gpt-4-5"])
    # one Arena measure only (the latest snapshot with both models): the scrapes share most of their votes
    counted, dropped = one_rating_per_leaderboard(rows + arena_rows.get(P.maverick_variant, []) + aa_rows)
    table = compare_measures(counted)
    others = [r for v, rs in arena_rows.items() if v != P.maverick_variant for r in rs]
    table_all = compare_measures(counted + dropped + eci_row + others)
    metrics = dict.fromkeys((*METRICS, P.comparison_metric))  # the prose compares the four usual metrics
    by_metric = {m: share_at_least(headline_ratio(table, m), P.quality_threshold_pct) for m in metrics}
    share, hits, n = by_metric[P.comparison_metric]
    return Llama4(
        table=table,
        table_all=table_all,
        arena_rows=arena_rows,
        share=share,
        hits=hits,
        n=n,
        by_metric=by_metric,
        threshold_pct=P.quality_threshold_pct,
        metric=P.comparison_metric,
        variant=P.maverick_variant,
        as_of=inputs.as_of,
    )


# ------------------------------------------------------------------------------------ C3 DeepSeek V4


@dataclass(frozen=True, eq=False)
class DeepSeekV4:
    """DeepSeek V4 Pro against the best closed model available at its release, per measure."""

    release: pd.Timestamp  # NaT when the model is unknown
    table: pd.DataFrame  # empty when the model is not in the data by the analysis date
    ratios: pd.Series  # the comparison metric's ratio per measure
    share: float
    hits: int
    n: int
    tolerance_pct: float
    metric: str

    @property
    def worst(self) -> pd.Series | None:
        """The measure with the lowest ratio (column ``r``), or None without measures."""
        if not len(self.table):
            return None
        return self.table.assign(r=self.ratios).sort_values("r").iloc[0]

    def entries(self) -> dict:
        return {
            "deepseek_v4_match_share": make_entry(
                "deepseek_v4_match_share",
                or_none(self.share),
                unit="% of measures",
                claims=["C3"],
                note=f"within {self.tolerance_pct:g}% of the best closed model available at release ({self.metric}); "
                f"{self.hits} of {self.n} measures",
            )
        }


def deepseek_v4(inputs: Inputs, P: Params) -> DeepSeekV4:
    """DeepSeek V4 Pro's launch versions on every Artificial Analysis measure and Arena, by the analysis date."""
    aa = inputs.aa
    v4 = aa[aa["model"].str.startswith(V4_AA_PREFIX)]
    release = v4["release_date"].min() if len(v4) else pd.NaT
    if pd.isna(release):
        m = inputs.models_all[inputs.models_all["model"] == V4_EPOCH_NAME]
        release = m["publication_date"].iloc[0] if len(m) else pd.NaT
    table = pd.DataFrame()
    if pd.notna(release) and release <= inputs.as_of:
        slugs = v4.loc[v4["release_date"] == release, "slug"].tolist()
        rows = aa_best_closed_rows(aa, slugs, release) + arena_best_closed_rows(
            inputs.sel, V4_ARENA_IDS, release
        )
        table = compare_measures(one_rating_per_leaderboard(rows)[0])  # one Arena measure, as in C2
    ratios = headline_ratio(table, P.comparison_metric) if len(table) else pd.Series(dtype=float)
    share, hits, n = match_share(ratios, P.match_tolerance_pct) if len(table) else (float("nan"), 0, 0)
    return DeepSeekV4(
        release=release,
        table=table,
        ratios=ratios,
        share=share,
        hits=hits,
        n=n,
        tolerance_pct=P.match_tolerance_pct,
        metric=P.comparison_metric,
    )
