"""The numbers behind notebook 01's verdicts for any specification of its parameters, memoized for a
specification grid (``alternatives.verdicts`` applies the rules to them).

Speed: every expensive piece is computed once per distinct tuple of the parameter values it reads and kept
for the loaded ``inputs`` (a weak dictionary keyed by them): the data cut (``inputs.cut_inputs``) per data
choice, the ECI lag (the bootstrap, ``n_boot`` resamples as in the notebook) per open definition and window,
the Arena comparison per category and style view, the C2/C3 tables per measure choice, the organization
counts per compute threshold and the n-th organization's delay per reference model. A specification that
changes only thresholds and bars reads those numbers and calls the pure rules only (about 75 microseconds with model_copy).
The Arena criterion reads only the newest snapshot with both an open and a closed model, so it is computed
on that snapshot alone (``arena_gaps`` per snapshot is independent of the others); if two Arena segments
share that date the whole section is computed as in the notebook.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Hashable

import pandas as pd

from helpers.analysis.benchmark_parity import arena, diffusion, frontier, pairs
from helpers.analysis.benchmark_parity.basics import latest_full_year
from helpers.analysis.benchmark_parity.inputs import Inputs, cut_inputs
from helpers.analysis.benchmark_parity.measures import (
    headline_ratio,
    match_share,
    rating_gap_ratio,
    share_at_least,
)

__all__ = [
    "arena_ratio",
    "clear",
    "deepseek_v4_hits",
    "lag_high",
    "llama4_hits",
    "nth_months",
    "open_share",
    "org_counts",
    "share",
]

# ------------------------------------------------------------------------------------------- memo

_MEMO: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _memo(inputs: Inputs, key: tuple[Hashable, ...], compute: Callable):
    """``compute()`` once per ``key`` for these loaded inputs."""
    store = _MEMO.get(inputs)
    if store is None:
        store = _MEMO[inputs] = {}
    if key not in store:
        store[key] = compute()
    return store[key]


def clear() -> None:
    """Forget every computed piece (tests use it to record the parameters a cold evaluation reads)."""
    _MEMO.clear()


def _cut(inputs: Inputs, P) -> Inputs:
    """The inputs as ``load_inputs(P)`` gives them, from the tables already loaded."""
    i = inputs
    key = (
        "cut",
        str(P.as_of),
        str(P.window_start),
        P.open_definition,
        P.arena_category,
        P.arena_style_control,
    )
    return _memo(
        inputs, key, lambda: cut_inputs(i.caps_all, i.models_all, i.arena_all, i.bench_all, i.aa_all, P)
    )


def _sel_key(P) -> tuple:
    return (str(P.as_of), P.arena_category, P.arena_style_control)


# ------------------------------------------------------------------------------------------- numbers


def lag_high(inputs: Inputs, P) -> float:
    """Upper end of the ECI lag's interval (``frontier.eci``'s ``lag_hi``, by the same ``lag_median``)."""

    def compute():
        cut = _cut(inputs, P)
        return frontier.lag_median(cut.caps, start=cut.start, end=cut.eci_end, n_boot=P.n_boot, seed=P.seed)[
            2
        ]

    key = ("lag", str(P.as_of), str(P.window_start), P.open_definition, P.n_boot, P.seed)
    return _memo(inputs, key, compute)


def arena_latest(inputs: Inputs, P) -> pd.Series | None:
    """The newest Arena snapshot with both an open and a closed model (``arena.Arena.latest``)."""

    def compute():
        sel = _cut(inputs, P).sel
        for day in sorted(sel["snapshot_date"].dropna().unique(), reverse=True):
            valid = arena.arena_gaps(sel[sel["snapshot_date"] == day]).dropna(subset=["gap_pct"])
            if len(valid) == 1:
                return valid.iloc[0]
            if len(valid) > 1:  # two segments on the newest date: the notebook's own tie-break decides
                return arena.arena(_cut(inputs, P), P).latest
        return None

    return _memo(inputs, ("arena", *_sel_key(P)), compute)


def arena_ratio(inputs: Inputs, P) -> float:
    """C1's Arena ratio under the comparison metric (``arena.Arena.ratio``)."""

    def compute():
        latest = arena_latest(inputs, P)
        if latest is None:
            return float("nan")
        return rating_gap_ratio(latest["best_open_rating"], latest["gap_elo"], P.comparison_metric)

    return _memo(inputs, ("arena_ratio", *_sel_key(P), P.comparison_metric), compute)


def open_share(inputs: Inputs, P) -> float:
    """Open-weights share of the latest full year's notable models (``diffusion.Diffusion.share_recent``)."""

    def compute():
        cut = _cut(inputs, P)
        share = diffusion.open_share_by_year(cut.models[cut.models["notable"]], as_of=cut.as_of)
        fy = share[share["year"] == latest_full_year(cut.as_of)]
        return float(fy["share_pct"].iloc[0]) if len(fy) else float("nan")

    return _memo(inputs, ("share", str(P.as_of), P.open_definition), compute)


def org_counts(inputs: Inputs, P) -> tuple[int, int]:
    """Organizations above the threshold in the latest full year and two years before, as C4 counts them
    (``diffusion.Diffusion.n_counted``)."""

    def table():
        as_of = _cut(inputs, P).as_of  # orgs_above_threshold cuts the models to it, as load_inputs does
        return diffusion.orgs_above_threshold(inputs.models_all, P.compute_threshold_flop, as_of=as_of)

    def compute():
        orgs = _memo(inputs, ("orgs", str(P.as_of), P.compute_threshold_flop), table)
        full_year = latest_full_year(_cut(inputs, P).as_of)
        col = "n_cumulative" if P.c4_org_count == "cumulative" else "n_in_year"
        return diffusion.n_in(orgs, full_year, col), diffusion.n_in(orgs, full_year - 2, col)

    return _memo(inputs, ("counts", str(P.as_of), P.compute_threshold_flop, P.c4_org_count), compute)


def nth_months(inputs: Inputs, P) -> float:
    """Months the n-th organization took to match the reference (``diffusion.Diffusion.nth_months``)."""

    def compute():
        as_of = _cut(inputs, P).as_of
        nth = diffusion.nth_org_lags(inputs.caps_all, P.reference_model, (P.c4_nth_org,), as_of=as_of)
        return float(nth["months"].iloc[0])

    return _memo(inputs, ("nth", str(P.as_of), P.reference_model, P.c4_nth_org), compute)


def llama4_hits(inputs: Inputs, P) -> tuple[int, int]:
    """(hits, measures) of C2, as ``pairs.llama4`` counts them."""
    key = ("llama4", *_sel_key(P), P.maverick_variant, P.aa_legacy_scores)

    def table():
        rows = _memo(inputs, ("llama4_rows", *_sel_key(P)), lambda: pairs.llama4_rows(_cut(inputs, P)))
        return pairs.llama4(_cut(inputs, P), P, rows).table

    def compute():
        table_ = _memo(inputs, key, table)
        _, hits, n = share_at_least(headline_ratio(table_, P.comparison_metric), P.quality_threshold_pct)
        return hits, n

    return _memo(inputs, (*key, P.comparison_metric, P.quality_threshold_pct), compute)


def deepseek_v4_hits(inputs: Inputs, P) -> tuple[int, int]:
    """(hits, measures) of C3, as ``pairs.deepseek_v4`` counts them."""
    key = ("v4", *_sel_key(P))

    def compute():
        table = _memo(inputs, key, lambda: pairs.deepseek_v4(_cut(inputs, P), P).table)
        if not len(table):
            return 0, 0
        _, hits, n = match_share(headline_ratio(table, P.comparison_metric), P.match_tolerance_pct)
        return hits, n

    return _memo(inputs, (*key, P.comparison_metric, P.match_tolerance_pct), compute)


def share(hits: int, n: int) -> float:
    return hits / n * 100 if n else float("nan")
