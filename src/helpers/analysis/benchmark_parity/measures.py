"""Comparing two models measure by measure (C2, C3 and C1's Arena criterion): the rows of shared measures
from each evaluator, three ratios per measure, the ratio a verdict reads, and the share of measures that
pass a bar.

A row is a dict with measure, evaluator, kind ('fraction', 'index' or 'rating'), a (the open model's
score), b (the reference's score) and extras (model names, snapshot date).
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from helpers.analysis.benchmark_parity.basics import win_probability
from helpers.core.labels import IDENT, plain

METRICS = ("natural", "score_ratio", "error_ratio", "win_ratio")


# ------------------------------------------------------------------------------------ ratios


def relative_quality(a: float, b: float, kind: str) -> dict:
    """How model A compares with model B on one measure.

    kind 'fraction' (score in 0-1, higher better): score ratio a/b and error-rate ratio (1-b)/(1-a)
    (B's error rate over A's: 1 = as few errors as B, 0.5 = twice as many);
    kind 'index' (higher better, ratio scale): score ratio only;
    kind 'rating' (Elo scale): score ratio a/b, A's win probability against B and its ratio to parity (p/0.5)."""
    out = {
        "score_ratio": a / b if b else float("nan"),
        "error_ratio": float("nan"),
        "win_prob": float("nan"),
        "win_ratio": float("nan"),
    }
    if kind == "fraction":
        ea, eb = 1 - a, 1 - b
        out["error_ratio"] = eb / ea if ea > 0 else float("inf") if eb > 0 else 1.0
    elif kind == "rating":
        p = win_probability(a, b)
        out["win_prob"], out["win_ratio"] = p, p / 0.5
    elif kind != "index":
        raise ValueError(f"kind {kind!r}: allowed 'fraction', 'index', 'rating'")
    return out


def compare_measures(rows: list[dict]) -> pd.DataFrame:
    """Table of measure-by-measure comparisons from dicts with measure, evaluator, kind, a, b (+ extras)."""
    out = [{**r, **relative_quality(r["a"], r["b"], r["kind"])} for r in rows]
    cols = ["measure", "evaluator", "kind", "a", "b", "score_ratio", "error_ratio", "win_prob", "win_ratio"]
    df = pd.DataFrame(out)
    return df.reindex(columns=cols + [c for c in df.columns if c not in cols])


def headline_ratio(table: pd.DataFrame, metric: str) -> pd.Series:
    """The ratio used for verdicts under ``metric``: 'natural' (win-probability ratio for Arena ratings, whose
    zero point is arbitrary; score ratio for scores and indexes), 'score_ratio' (everywhere), 'error_ratio'
    (error-rate ratio on accuracy measures, the win-probability ratio on Arena ratings, score ratio on
    indexes), 'win_ratio' (ratings; others fall back to the score ratio) or 'strict' (the same as
    'error_ratio', kept as its older name).

    A rating has no error rate, and the ratio of two ratings is near 1 by construction (their offset is
    arbitrary), so no metric other than 'score_ratio' ever reads it: under 'error_ratio' an Arena measure
    is read by the win probability, and ``metric_words`` says so."""
    if metric == "score_ratio":
        return table["score_ratio"]
    if metric in ("natural", "win_ratio"):
        return table["win_ratio"].where(table["kind"].eq("rating"), table["score_ratio"])
    if metric in (
        "error_ratio",
        "strict",
    ):  # errors on accuracy, win probability on ratings, scores on indexes
        out = table["error_ratio"].where(table["kind"].eq("fraction"), table["win_ratio"])
        return out.where(table["kind"].isin(["fraction", "rating"]), table["score_ratio"])
    raise ValueError(
        f"metric {metric!r}: allowed 'natural', 'score_ratio', 'error_ratio', 'win_ratio', 'strict'"
    )


def rating_gap_ratio(open_rating: float, gap_points: float, metric: str) -> float:
    """Open model as a fraction of the closed one when the closed model is rated ``gap_points`` higher, under
    ``metric`` (see ``headline_ratio``): the win-probability ratio depends on the gap only; the score ratio also
    on the ratings' arbitrary offset. NaN when an input is missing."""
    if (
        open_rating is None
        or gap_points is None
        or any(math.isnan(float(x)) for x in (open_rating, gap_points))
    ):
        return float("nan")
    t = compare_measures(
        [
            {
                "measure": "rating",
                "evaluator": "",
                "kind": "rating",
                "a": float(open_rating),
                "b": float(open_rating) + float(gap_points),
            }
        ]
    )
    return float(headline_ratio(t, metric).iloc[0])


METRIC_WORDS = {  # short name, what it uses on which measure
    "natural": ("natural metric", "win probability for Arena ratings, score ratio elsewhere"),
    "score_ratio": ("score ratio", "on every measure"),
    "error_ratio": (
        "error-rate ratio",
        "for accuracy measures, win probability for Arena ratings (no error rate), score ratio for indexes",
    ),
    "win_ratio": ("win-probability ratio", "for Arena ratings, score ratio elsewhere"),
    "strict": (
        "strict metric",
        "error-rate ratio for accuracy measures, win probability for Arena ratings, score ratio for indexes",
    ),
}


def metric_words(metric: str, long: bool = False) -> str:
    """A reader's name for a ``comparison_metric`` value (see ``headline_ratio``); ``long`` adds what it uses
    where ("natural metric: win probability for Arena ratings, score ratio elsewhere")."""
    if metric not in METRIC_WORDS:
        raise ValueError(f"metric {metric!r}: allowed {', '.join(repr(m) for m in METRIC_WORDS)}")
    short, detail = METRIC_WORDS[metric]
    return f"{short}: {detail}" if long else short


def share_at_least(ratios: pd.Series, threshold_pct: float) -> tuple[float, int, int]:
    """Share (%) of measures whose ratio is at least threshold_pct/100; returns (share, hits, n)."""
    r = pd.to_numeric(ratios, errors="coerce").dropna()
    if len(r) == 0:
        return float("nan"), 0, 0
    hits = int((r >= threshold_pct / 100 - 1e-12).sum())
    return hits / len(r) * 100, hits, len(r)


def match_share(ratios: pd.Series, tolerance_pct: float) -> tuple[float, int, int]:
    """Share (%) of measures on which a model is within ``tolerance_pct`` of the reference (ratio >= 1 - tol)."""
    return share_at_least(ratios, 100 - tolerance_pct)


def tolerance_for_majority(ratios: pd.Series, majority_pct: float) -> tuple[float, int, int]:
    """The smallest tolerance (%) at which a model matches on more than ``majority_pct`` of the measures:
    (tolerance, measures needed, measures); NaN tolerance when no tolerance reaches it."""
    r = np.sort(pd.to_numeric(ratios, errors="coerce").dropna().to_numpy())[::-1]
    k = int(np.floor(len(r) * majority_pct / 100)) + 1  # measures needed for 'more than' the share
    return (100 * (1 - r[k - 1]) if k <= len(r) else float("nan")), k, len(r)


# ------------------------------------------------------------------------------- rows per evaluator


def one_rating_per_leaderboard(rows: list[dict]) -> tuple[list[dict], list[dict]]:
    """Keep a single Arena row (the latest ``snapshot_date``; ties: the first given) and return (kept, dropped).

    Snapshots of the Arena leaderboard from different scrapes or rating methods share most of their votes,
    so counting each as a separate measure would weigh one evaluator's human-preference data several times."""
    arena = [r for r in rows if str(r.get("evaluator", "")).startswith("Arena")]
    if len(arena) <= 1:
        return list(rows), []
    best = max(range(len(arena)), key=lambda i: (pd.Timestamp(arena[i]["snapshot_date"]), -i))
    keep = arena[best]
    return [r for r in rows if r is keep or r not in arena], [r for r in arena if r is not keep]


AA_MEASURES = {
    "intelligence_index": "index",
    "coding_index": "index",
    "math_index": "index",
    "mmlu_pro": "fraction",
    "gpqa": "fraction",
    "hle": "fraction",
    "livecodebench": "fraction",
    "aime_25": "fraction",
}


AA_COMPONENTS = [m for m in AA_MEASURES if m != "intelligence_index"]
AA_PRICES = [
    "price_blended_usd_per_1m_tokens",
    "price_input_usd_per_1m_tokens",
    "price_output_usd_per_1m_tokens",
]


def aa_without_legacy(aa: pd.DataFrame) -> pd.DataFrame:
    """Artificial Analysis rows without the legacy entries: an intelligence index but no component score and
    no price (zero or missing), as for GPT-4.5 (Preview): an index shown without any of the evaluations it
    summarizes, so it cannot be checked against them."""
    if "legacy_index_only" in aa:  # the table's own flag (data/metadata/artificial_analysis.yaml)
        return aa[~aa["legacy_index_only"].astype(bool)]
    legacy = (
        aa["intelligence_index"].notna()
        & aa[AA_COMPONENTS].isna().all(axis=1)
        & aa[AA_PRICES].fillna(0).eq(0).all(axis=1)
    )
    return aa[~legacy]


def aa_pair_rows(aa: pd.DataFrame, a_slugs: list[str], b_slugs: list[str]) -> list[dict]:
    """Artificial Analysis measures where both sides have a value (best over each side's slugs)."""
    rows = []
    A, B = aa[aa["slug"].isin(a_slugs)], aa[aa["slug"].isin(b_slugs)]
    for m, kind in AA_MEASURES.items():
        va, vb = A[m].max(), B[m].max()
        if pd.notna(va) and pd.notna(vb):
            rows.append(
                {
                    "measure": f"AA {m}",
                    "evaluator": "Artificial Analysis",
                    "kind": kind,
                    "a": float(va),
                    "b": float(vb),
                    "b_model": B.loc[B[m].idxmax(), "model"],
                    "a_model": A.loc[A[m].idxmax(), "model"],
                }
            )
    return rows


def aa_best_closed_rows(aa: pd.DataFrame, a_slugs: list[str], release) -> list[dict]:
    """Each AA measure: model A (best of its slugs) vs the best closed model released on or before ``release``."""
    closed = aa[aa["open_weights"].eq(False).fillna(False) & (aa["release_date"] <= pd.Timestamp(release))]
    A = aa[aa["slug"].isin(a_slugs)]
    rows = []
    for m, kind in AA_MEASURES.items():
        va = A[m].max()
        c = closed.dropna(subset=[m])
        if pd.notna(va) and len(c):
            best = c.loc[c[m].idxmax()]
            rows.append(
                {
                    "measure": f"AA {m}",
                    "evaluator": "Artificial Analysis",
                    "kind": kind,
                    "a": float(va),
                    "b": float(best[m]),
                    "b_model": best["model"],
                    "a_model": A.loc[A[m].idxmax(), "model"],
                }
            )
    return rows


def arena_best_closed_rows(arena: pd.DataFrame, a_models: list[str], release, *, as_of=None) -> list[dict]:
    """Per Arena scale segment with model A: A's best rating on the latest snapshot (up to ``as_of``) vs the
    best closed model on that snapshot among those already on the leaderboard on or before ``release``."""
    d = arena if as_of is None else arena[arena["snapshot_date"] <= pd.Timestamp(as_of)]
    seen_by_release = set(d.loc[d["snapshot_date"] <= pd.Timestamp(release), "model"].str.lower())
    low = d["model"].str.lower()
    rows = []
    amods = [m.lower() for m in a_models]
    for seg, g in d[low.isin(amods)].groupby("scale_segment"):
        day = g["snapshot_date"].max()
        snap = d[(d["scale_segment"] == seg) & (d["snapshot_date"] == day)]
        a = snap[snap["model"].str.lower().isin(amods)]
        cl = snap[
            snap["open_weights"].eq(False).fillna(False) & snap["model"].str.lower().isin(seen_by_release)
        ]
        if len(a) and len(cl):
            best = cl.loc[cl["rating"].idxmax()]
            rows.append(
                {
                    "measure": f"Arena {seg}",
                    "evaluator": "Arena (LMArena)",
                    "kind": "rating",
                    "a": float(a["rating"].max()),
                    "b": float(best["rating"]),
                    "b_model": best["model"],
                    "a_model": a.loc[a["rating"].idxmax(), "model"],
                    "snapshot_date": day,
                }
            )
    return rows


def best_per_model(scores: pd.DataFrame, models: list[str], *, by: str = "benchmark") -> pd.DataFrame:
    """Best score per (measure, model) over versions/settings, for the given models (wide: one column each)."""
    d = scores[scores["model"].isin(models)]
    w = d.groupby([by, "model"])["score"].max().unstack("model")
    return w.reindex(columns=models)


def latest_pair_rating(arena: pd.DataFrame, a_models, b_models) -> pd.DataFrame:
    """Per scale segment: the latest snapshot in which both sides appear (each side: one Arena id or a list
    of ids naming the same model), with the best rating of each side on that snapshot."""
    a_ids = {m.lower() for m in ([a_models] if isinstance(a_models, str) else a_models)}
    b_ids = {m.lower() for m in ([b_models] if isinstance(b_models, str) else b_models)}
    low = arena["model"].str.lower()
    d = arena.assign(side=np.where(low.isin(a_ids), "a", np.where(low.isin(b_ids), "b", "")))
    d = d[d["side"] != ""]
    rows = []
    for seg, g in d.groupby("scale_segment"):
        piv = g.pivot_table(index="snapshot_date", columns="side", values="rating", aggfunc="max")
        if {"a", "b"} <= set(piv.columns):
            both = piv.dropna(subset=["a", "b"])
            if len(both):
                day = both.index.max()
                rows.append(
                    {
                        "scale_segment": seg,
                        "snapshot_date": day,
                        "a": float(both.loc[day, "a"]),
                        "b": float(both.loc[day, "b"]),
                    }
                )
    return pd.DataFrame(rows, columns=["scale_segment", "snapshot_date", "a", "b"])


def measure_words(measure: str) -> str:
    """A measure row's name in reader words: its identifiers through ``plain`` ("Epoch gpqa_diamond" ->
    "Epoch GPQA Diamond"); the source word is dropped when the plain name already says it ("Arena
    official_2026_style_control" -> "official Arena 2026, style control")."""
    head, _, rest = str(measure).partition(" ")
    if not rest:
        return plain(head)
    rest = IDENT.sub(lambda m: plain(m.group()), rest)
    return rest if head.lower() in rest.lower() else f"{head} {rest}"


def in_words(df: pd.DataFrame, a: str | None = None, b: str | None = None) -> pd.DataFrame:
    """A copy of a comparison or Arena table for the reader: measure names through ``measure_words``, Arena
    spans (``scale_segment``) through ``plain``, and the two score columns named after their models (``a``,
    ``b``) when given."""
    out = df.copy().rename(columns={k: v for k, v in (("a", a), ("b", b)) if v})
    if "measure" in out:
        out["measure"] = out["measure"].map(measure_words)
    if "scale_segment" in out:
        out["scale_segment"] = out["scale_segment"].map(plain)
    return out
