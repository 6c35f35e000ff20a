"""C1 in human preference: the best closed against the best open model on each Arena text leaderboard
snapshot, and the check against the AI Index 2025 figure.

- the *gap in percent* of two Arena ratings is (closed - open) / open x 100 (the AI Index convention);
- the open model's *win probability* against the closed leader depends on the points gap only, so it is
  the comparison that survives a drift of the whole scale; C1's Arena criterion reads it through the
  comparison metric (``measures.rating_gap_ratio``).

The Arena rows themselves are selected by ``helpers.data.arena.select_arena`` (shared with notebook 03).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from helpers.analysis.benchmark_parity.basics import or_none, win_probability
from helpers.analysis.benchmark_parity.inputs import Inputs
from helpers.analysis.benchmark_parity.measures import metric_words, rating_gap_ratio
from helpers.analysis.benchmark_parity.params import Params
from helpers.core.results import make_entry

# The published figure notebook 01 reproduces: Stanford HAI, AI Index Report 2025, Fig. 2.1.34 (Chatbot Arena,
# best closed vs best open-weight model on 2025-02-14, Bradley-Terry ratings).
AI_INDEX_2025_ARENA = {
    "date": "2025-02-14",
    "segment": "history_bt",
    "closed_rating": 1385,
    "open_rating": 1362,
    "gap_pct": 1.7,
    "source": "Stanford HAI, AI Index Report 2025, Fig. 2.1.34",
}


ARENA_CI_LEVEL = 0.95  # the level of the rating intervals the Arena leaderboards publish


def arena_gaps(arena: pd.DataFrame, *, open_col: str = "open_weights") -> pd.DataFrame:
    """Best closed vs best open rating per (scale_segment, snapshot_date).

    Gap in points, in percent of the open rating, the open model's win probability against the closed
    leader, and an approximate 95% interval of the gap from the two published intervals (half-widths
    combined in quadrature, as if independent). Snapshots without an open (or closed) model get NaN."""
    d = arena.dropna(subset=[open_col, "rating"])
    # one pass over plain arrays instead of two boolean selections and two row lookups per snapshot (38,000
    # rows, 300 snapshots: 1.2 s -> 0.05 s); the arithmetic below is the same, on the same float64 values
    is_open = d[open_col].astype(bool).to_numpy()
    rating = d["rating"].to_numpy(dtype=float)
    bounds = [
        d[c].to_numpy(dtype=float, na_value=np.nan) if c in d else np.full(len(d), np.nan)
        for c in ("rating_lower", "rating_upper")
    ]
    model = d["model"].to_numpy(dtype=object)
    gb = d.groupby(["scale_segment", "snapshot_date"], sort=True)
    codes = gb.ngroup().to_numpy()
    order = np.argsort(codes, kind="stable")  # rows of each snapshot, in their original order
    starts = np.searchsorted(codes[order], np.arange(gb.ngroups + 1))
    rows = []
    for k, (seg, day) in enumerate(gb.size().index):
        pos = order[starts[k] : starts[k + 1]]
        op, cl = pos[is_open[pos]], pos[~is_open[pos]]
        row = {"scale_segment": seg, "snapshot_date": day, "n_models": len(pos), "n_open": len(op)}
        if len(op) and len(cl):
            bo, bc = op[np.argmax(rating[op])], cl[np.argmax(rating[cl])]  # first best, as idxmax
            gap = rating[bc] - rating[bo]
            hw = []
            for r in (bo, bc):
                lo, hi = bounds[0][r], bounds[1][r]
                hw.append((hi - lo) / 2 if pd.notna(lo) and pd.notna(hi) else np.nan)
            half = math.sqrt(hw[0] ** 2 + hw[1] ** 2) if all(pd.notna(h) for h in hw) else np.nan
            row.update(
                best_open=model[bo],
                best_open_rating=rating[bo],
                best_closed=model[bc],
                best_closed_rating=rating[bc],
                gap_elo=gap,
                gap_pct=gap / rating[bo] * 100,
                win_prob_open=win_probability(rating[bo], rating[bc]),
                gap_low=gap - half,
                gap_high=gap + half,
            )
        rows.append(row)
    cols = [
        "scale_segment",
        "snapshot_date",
        "n_models",
        "n_open",
        "best_open",
        "best_open_rating",
        "best_closed",
        "best_closed_rating",
        "gap_elo",
        "gap_pct",
        "win_prob_open",
        "gap_low",
        "gap_high",
    ]
    return pd.DataFrame(rows).reindex(columns=cols)


def break_segments(gaps: pd.DataFrame, max_days: int = 45) -> pd.Series:
    """Line-group ids for plotting: a new group at each scale segment and after any hole > ``max_days``,
    so a plot shows gaps in the data instead of bridging them."""
    g = gaps.sort_values(["scale_segment", "snapshot_date"])
    new = (
        (g["scale_segment"] != g["scale_segment"].shift())
        | (g["snapshot_date"].diff().dt.days > max_days)
        | g["gap_elo"].isna()
        | g["gap_elo"].shift().isna()
    )
    return new.cumsum().reindex(gaps.index)


@dataclass(frozen=True, eq=False)
class Arena:
    """The Arena section of C1: the gap per snapshot, the latest and first comparable snapshots, the AI
    Index check and the open/closed ratio C1's Arena criterion reads (with its range from the rating
    intervals)."""

    gaps: pd.DataFrame  # every (segment, snapshot), NaN gap where one side is missing
    valid: pd.DataFrame  # the snapshots with both sides (in segment, date order)
    latest: pd.Series | None  # the newest snapshot with both sides
    first: pd.Series | None  # the oldest one
    check: pd.DataFrame  # the AI Index 2025 snapshot (empty when outside the analysis period)
    ratio: float  # best open / best closed by the comparison metric (fraction)
    ratio_lo: float
    ratio_hi: float
    metric: str
    tolerance_pct: float
    best_open_licence: str | None  # licence label of the latest best open model
    top_n_span: tuple  # first and last snapshot of the top-N daily scrapes (any date)

    @property
    def check_row(self) -> pd.Series | None:
        """The AI Index snapshot's row when it has both sides, else None."""
        if len(self.check) and pd.notna(self.check["gap_pct"].iloc[0]):
            return self.check.iloc[0]
        return None

    @property
    def reproduces(self) -> bool:
        """True when our gap on the AI Index date rounds to the published 1.7%."""
        c = self.check_row
        return c is not None and abs(round(c["gap_pct"], 1) - AI_INDEX_2025_ARENA["gap_pct"]) < 0.05

    @property
    def straddles(self) -> bool:
        """True when the ratio's range from the rating intervals contains the caught-up bound."""
        return bool(
            np.isfinite(self.ratio_lo) and self.ratio_lo < 1 - self.tolerance_pct / 100 <= self.ratio_hi
        )

    def entries(self) -> dict:
        L = self.latest
        both = "no snapshot with both"

        def val(col):
            return or_none(L[col]) if L is not None else None

        return {
            "arena_gap_elo_latest": make_entry(
                "arena_gap_elo_latest",
                val("gap_elo"),
                low=val("gap_low"),
                high=val("gap_high"),
                unit="rating points",
                claims=["C1"],
                note=(
                    f"{L['scale_segment']} {L['snapshot_date']:%Y-%m-%d}: {L['best_closed']} vs "
                    f"{L['best_open']}; interval from published 95% intervals combined"
                )
                if L is not None
                else both,
            ),
            "arena_gap_pct_latest": make_entry(
                "arena_gap_pct_latest", val("gap_pct"), unit="% of open rating", claims=["C1"]
            ),
            "arena_win_prob_open_latest": make_entry(
                "arena_win_prob_open_latest",
                val("win_prob_open"),
                unit="probability",
                claims=["C1"],
                note="Elo/Bradley-Terry win probability of the best open vs the best closed model",
            ),
            "arena_open_ratio_latest": make_entry(
                "arena_open_ratio_latest",
                or_none(self.ratio),
                low=or_none(self.ratio_lo),
                high=or_none(self.ratio_hi),
                unit="fraction of the best closed model",
                claims=["C1"],
                note=f"{metric_words(self.metric, long=True)}; range from the interval of the points gap"
                if L is not None
                else both,
            ),
        }


def arena(inputs: Inputs, P: Params) -> Arena:
    """Best open against best closed on every Arena snapshot of the selection, up to the analysis date."""
    gaps = arena_gaps(inputs.sel)
    valid = gaps.dropna(subset=["gap_pct"])
    by_date = valid.sort_values("snapshot_date")
    latest = by_date.iloc[-1] if len(valid) else None
    aix = AI_INDEX_2025_ARENA
    check = gaps[
        (gaps["scale_segment"] == aix["segment"]) & (gaps["snapshot_date"] == pd.Timestamp(aix["date"]))
    ]
    # the Arena criterion uses the comparison metric (by default the win-probability ratio), not the % gap of two
    # ratings, whose arbitrary offset makes any gap look small; the published rating intervals give its range
    ratio, lo, hi = (
        (
            rating_gap_ratio(latest["best_open_rating"], latest[g], P.comparison_metric)
            for g in ("gap_elo", "gap_high", "gap_low")
        )
        if latest is not None
        else [float("nan")] * 3
    )
    licence = None
    if latest is not None:
        licence = inputs.sel.loc[inputs.sel["model"] == latest["best_open"], "licence"].iloc[0]
    topn = inputs.arena_all.loc[inputs.arena_all["source"] == "arena_top_n_daily", "snapshot_date"]
    return Arena(
        gaps=gaps,
        valid=valid,
        latest=latest,
        first=by_date.iloc[0] if len(valid) else None,
        check=check,
        ratio=ratio,
        ratio_lo=lo,
        ratio_hi=hi,
        metric=P.comparison_metric,
        tolerance_pct=P.match_tolerance_pct,
        best_open_licence=licence,
        top_n_span=(topn.min(), topn.max()),
    )
