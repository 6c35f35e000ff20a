"""Analysis functions for notebook 01 (benchmark parity between open and closed models, claims C1-C4).

Every function is pure: it takes tables and parameters and returns numbers or tables, so the unit tests
can check it on small hand-made inputs with known answers. Conventions:

- a *frontier* is the running maximum of a score over release dates, per group (open / closed);
- a *lag* is how long the open frontier took to reach a level the closed frontier had set (months of
  30.4375 days);
- the *gap in percent* of two Arena ratings is (closed - open) / open x 100 (the AI Index convention);
- the *win probability* of A over B with Elo-scale ratings is 1 / (1 + 10 ** ((R_B - R_A) / 400)).
"""

from __future__ import annotations

import math
from typing import Iterable

import numpy as np
import pandas as pd
import statsmodels.api as sm

from helpers.data.arena import select_arena  # noqa: F401  (notebooks 01 and 03 share it)
from helpers.core.uncertainty import bootstrap_km_median, bootstrap_median, km_median  # noqa: F401

DAYS_PER_MONTH = 365.25 / 12

# The published figure notebook 01 reproduces: Stanford HAI, AI Index Report 2025, Fig. 2.1.34 (Chatbot Arena,
# best closed vs best open-weight model on 2025-02-14, Bradley-Terry ratings).
AI_INDEX_2025_ARENA = {"date": "2025-02-14", "segment": "history_bt", "closed_rating": 1385, "open_rating": 1362,
                       "gap_pct": 1.7, "source": "Stanford HAI, AI Index Report 2025, Fig. 2.1.34"}


# ------------------------------------------------------------------------------------------ basics

def months_between(start, end) -> float:
    """Months (30.44 days) from ``start`` to ``end`` (negative when end is earlier)."""
    return (pd.Timestamp(end) - pd.Timestamp(start)).days / DAYS_PER_MONTH


def win_probability(r_a: float, r_b: float) -> float:
    """Probability that A beats B under the Elo / Bradley-Terry model with ratings on the 400 scale."""
    return 1.0 / (1.0 + 10.0 ** ((r_b - r_a) / 400.0))


def openness(df: pd.DataFrame, definition: str = "any_open_weights") -> pd.Series:
    """Open flag under a definition: 'any_open_weights' (Epoch's open-weights classes, any licence) or
    'unrestricted_only' (only 'Open weights (unrestricted)'; restricted and non-commercial count as closed).

    Needs columns open_weights and (for 'unrestricted_only') accessibility_detail."""
    ow = df["open_weights"].astype("boolean")
    if definition == "any_open_weights":
        return ow
    if definition == "unrestricted_only":
        unrestricted = df["accessibility_detail"].astype("string").eq("Open weights (unrestricted)").fillna(False)
        out = ow.copy()
        out[ow.fillna(False).to_numpy() & ~unrestricted.to_numpy()] = False
        return out
    raise ValueError(f"open definition {definition!r}: allowed 'any_open_weights', 'unrestricted_only'")


# --------------------------------------------------------------------------------------- frontiers

def frontier_steps(df: pd.DataFrame, *, date: str = "release_date", value: str = "eci",
                   label: str = "model") -> pd.DataFrame:
    """The models that set a new running maximum of ``value`` in date order (ties: the earlier model).

    Returns columns date, value, model, one row per step, sorted by date."""
    d = df.dropna(subset=[date, value]).sort_values([date, value], ascending=[True, False], kind="mergesort")
    best = -math.inf
    rows = []
    for _, r in d.iterrows():
        if r[value] > best:
            best = r[value]
            rows.append({"date": pd.Timestamp(r[date]), "value": float(r[value]), "model": r[label]})
    return pd.DataFrame(rows, columns=["date", "value", "model"])


def frontier_at(steps: pd.DataFrame, when) -> float:
    """Value of a frontier (from ``frontier_steps``) on date ``when``; NaN before its first step."""
    s = steps[steps["date"] <= pd.Timestamp(when)]
    return float(s["value"].iloc[-1]) if len(s) else float("nan")


def first_reach(steps: pd.DataFrame, level: float, after=None):
    """First date on which the frontier reached ``level`` (NaT if never). ``after`` is ignored for the
    search itself: a level reached before ``after`` counts as reached at its own date."""
    s = steps[steps["value"] >= level]
    return s["date"].iloc[0] if len(s) else pd.NaT


def frontier_lags(closed_steps: pd.DataFrame, open_steps: pd.DataFrame, *, start, end) -> pd.DataFrame:
    """For every closed frontier step dated in [start, end]: the months until the open frontier matched it.

    A level the open frontier had already exceeded gets lag 0 (open ahead); a level not matched by
    ``end`` is right-censored: lag = months from the step to ``end`` and ``censored`` = True."""
    start, end = pd.Timestamp(start), pd.Timestamp(end)
    rows = []
    for _, r in closed_steps[(closed_steps["date"] >= start) & (closed_steps["date"] <= end)].iterrows():
        reach = first_reach(open_steps[open_steps["date"] <= end], r["value"])
        if pd.isna(reach):
            lag, cens = months_between(r["date"], end), True
        else:
            lag, cens = max(0.0, months_between(r["date"], reach)), False
        rows.append({"closed_date": r["date"], "closed_model": r["model"], "level": r["value"],
                     "open_reach_date": reach, "lag_months": lag, "censored": cens})
    return pd.DataFrame(rows, columns=["closed_date", "closed_model", "level", "open_reach_date", "lag_months",
                                       "censored"])


def latest_full_year(as_of) -> int:
    """The last calendar year that ended on or before ``as_of``."""
    t = pd.Timestamp(as_of)
    return t.year if (t.month, t.day) == (12, 31) else t.year - 1


def gap_series(closed_steps: pd.DataFrame, open_steps: pd.DataFrame, *, start, end, freq: str = "MS") -> pd.DataFrame:
    """Closed minus open frontier on a regular date grid (first of each month by default)."""
    grid = pd.date_range(pd.Timestamp(start), pd.Timestamp(end), freq=freq)
    rows = [{"date": g, "closed": frontier_at(closed_steps, g), "open": frontier_at(open_steps, g)} for g in grid]
    out = pd.DataFrame(rows, columns=["date", "closed", "open"])
    out["gap"] = out["closed"] - out["open"]
    return out


def trend_fit(x_dates: pd.Series, y: pd.Series, *, hac_lags: int = 3, level: float = 0.95) -> dict:
    """OLS of y on time (years) with HAC (Newey-West) standard errors: slope per year and its interval.

    HAC errors are robust to heteroskedasticity and to the autocorrelation of a monthly gap series."""
    d = pd.DataFrame({"t": pd.to_datetime(x_dates), "y": pd.to_numeric(y, errors="coerce")}).dropna()
    if len(d) < 3:
        return {"slope_per_year": float("nan"), "low": float("nan"), "high": float("nan"), "p_value": float("nan"),
                "n": len(d)}
    t = (d["t"] - d["t"].min()).dt.days / 365.25
    X = sm.add_constant(t.to_numpy())
    res = sm.OLS(d["y"].to_numpy(dtype=float), X).fit(cov_type="HAC", cov_kwds={"maxlags": hac_lags})
    lo, hi = res.conf_int(alpha=1 - level)[1]
    return {"slope_per_year": float(res.params[1]), "low": float(lo), "high": float(hi),
            "p_value": float(res.pvalues[1]), "n": int(len(d)), "intercept": float(res.params[0])}


# ----------------------------------------------------------------------------------------- arena

def arena_gaps(arena: pd.DataFrame, *, open_col: str = "open_weights") -> pd.DataFrame:
    """Best closed vs best open rating per (scale_segment, snapshot_date).

    Gap in points, in percent of the open rating, the open model's win probability against the closed
    leader, and an approximate 95% interval of the gap from the two published intervals (half-widths
    combined in quadrature, as if independent). Snapshots without an open (or closed) model get NaN."""
    d = arena.dropna(subset=[open_col, "rating"])
    rows = []
    for (seg, day), g in d.groupby(["scale_segment", "snapshot_date"], sort=True):
        op, cl = g[g[open_col].astype(bool)], g[~g[open_col].astype(bool)]
        row = {"scale_segment": seg, "snapshot_date": day, "n_models": len(g), "n_open": len(op)}
        if len(op) and len(cl):
            bo, bc = op.loc[op["rating"].idxmax()], cl.loc[cl["rating"].idxmax()]
            gap = bc["rating"] - bo["rating"]
            hw = []
            for r in (bo, bc):
                lo, hi = r.get("rating_lower", np.nan), r.get("rating_upper", np.nan)
                hw.append((hi - lo) / 2 if pd.notna(lo) and pd.notna(hi) else np.nan)
            half = math.sqrt(hw[0] ** 2 + hw[1] ** 2) if all(pd.notna(h) for h in hw) else np.nan
            row.update(best_open=bo["model"], best_open_rating=bo["rating"], best_closed=bc["model"],
                       best_closed_rating=bc["rating"], gap_elo=gap, gap_pct=gap / bo["rating"] * 100,
                       win_prob_open=win_probability(bo["rating"], bc["rating"]),
                       gap_low=gap - half, gap_high=gap + half)
        rows.append(row)
    cols = ["scale_segment", "snapshot_date", "n_models", "n_open", "best_open", "best_open_rating", "best_closed",
            "best_closed_rating", "gap_elo", "gap_pct", "win_prob_open", "gap_low", "gap_high"]
    return pd.DataFrame(rows).reindex(columns=cols)


def break_segments(gaps: pd.DataFrame, max_days: int = 45) -> pd.Series:
    """Line-group ids for plotting: a new group at each scale segment and after any hole > ``max_days``,
    so a plot shows gaps in the data instead of bridging them."""
    g = gaps.sort_values(["scale_segment", "snapshot_date"])
    new = (g["scale_segment"] != g["scale_segment"].shift()) | \
          (g["snapshot_date"].diff().dt.days > max_days) | g["gap_elo"].isna() | g["gap_elo"].shift().isna()
    return new.cumsum().reindex(gaps.index)


# ------------------------------------------------------------------------------ measure comparisons

def relative_quality(a: float, b: float, kind: str) -> dict:
    """How model A compares with model B on one measure.

    kind 'fraction' (score in 0-1, higher better): score ratio a/b and error-rate ratio (1-b)/(1-a)
    (B's error rate over A's: 1 = as few errors as B, 0.5 = twice as many);
    kind 'index' (higher better, ratio scale): score ratio only;
    kind 'rating' (Elo scale): score ratio a/b, A's win probability against B and its ratio to parity (p/0.5)."""
    out = {"score_ratio": a / b if b else float("nan"), "error_ratio": float("nan"), "win_prob": float("nan"),
           "win_ratio": float("nan")}
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
    out = []
    for r in rows:
        q = relative_quality(r["a"], r["b"], r["kind"])
        out.append({**r, **q})
    cols = ["measure", "evaluator", "kind", "a", "b", "score_ratio", "error_ratio", "win_prob", "win_ratio"]
    df = pd.DataFrame(out)
    return df.reindex(columns=cols + [c for c in df.columns if c not in cols])


def headline_ratio(table: pd.DataFrame, metric: str) -> pd.Series:
    """The ratio used for verdicts under ``metric``: 'natural' (win-probability ratio for Arena ratings, whose
    zero point is arbitrary; score ratio for scores and indexes), 'score_ratio' (everywhere), 'error_ratio'
    (accuracy measures; others fall back to the score ratio) or 'win_ratio' (ratings; others fall back)."""
    if metric == "score_ratio":
        return table["score_ratio"]
    if metric == "natural":
        return table["win_ratio"].where(table["kind"].eq("rating"), table["score_ratio"])
    if metric in ("error_ratio", "win_ratio"):
        return table[metric].where(table[metric].notna(), table["score_ratio"])
    raise ValueError(f"metric {metric!r}: allowed 'natural', 'score_ratio', 'error_ratio', 'win_ratio'")


def rating_gap_ratio(open_rating: float, gap_points: float, metric: str) -> float:
    """Open model as a fraction of the closed one when the closed model is rated ``gap_points`` higher, under
    ``metric`` (see ``headline_ratio``): the win-probability ratio depends on the gap only; the score ratio also
    on the ratings' arbitrary offset. NaN when an input is missing."""
    if open_rating is None or gap_points is None or any(math.isnan(float(x)) for x in (open_rating, gap_points)):
        return float("nan")
    t = compare_measures([{"measure": "rating", "evaluator": "", "kind": "rating", "a": float(open_rating),
                           "b": float(open_rating) + float(gap_points)}])
    return float(headline_ratio(t, metric).iloc[0])


METRIC_WORDS = {  # short name, what it uses on which measure
    "natural": ("natural metric", "win probability for Arena ratings, score ratio elsewhere"),
    "score_ratio": ("score ratio", "on every measure"),
    "error_ratio": ("error-rate ratio", "for accuracy measures, score ratio elsewhere"),
    "win_ratio": ("win-probability ratio", "for Arena ratings, score ratio elsewhere"),
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
    return hits / len(r) * 100, hits, int(len(r))


def match_share(ratios: pd.Series, tolerance_pct: float) -> tuple[float, int, int]:
    """Share (%) of measures on which a model is within ``tolerance_pct`` of the reference (ratio >= 1 - tol)."""
    return share_at_least(ratios, 100 - tolerance_pct)


# ------------------------------------------------------------------------------------------ diffusion

def primary_org(org: pd.Series) -> pd.Series:
    """First organization listed (Epoch joins several with commas)."""
    return org.astype("string").str.split(",").str[0].str.strip()


def orgs_above_threshold(models: pd.DataFrame, threshold_flop: float, *, as_of=None,
                         date: str = "publication_date", by: str = "organization") -> pd.DataFrame:
    """Per year: distinct organizations (or countries) that released a model with training compute at or
    above ``threshold_flop`` in that year, and the cumulative count of distinct ones up to that year."""
    d = models.dropna(subset=["training_compute_flop", date])
    if as_of is not None:
        d = d[d[date] <= pd.Timestamp(as_of)]
    d = d[d["training_compute_flop"] >= threshold_flop]
    key = primary_org(d[by]) if by == "organization" else d[by].astype("string")
    d = d.assign(_k=key, year=d[date].dt.year).dropna(subset=["_k"])
    if d.empty:
        return pd.DataFrame(columns=["year", "n_in_year", "n_cumulative", "names"])
    rows, seen = [], set()
    for y in range(int(d["year"].min()), int(d["year"].max()) + 1):
        names = sorted(set(d.loc[d["year"] == y, "_k"]))
        seen |= set(names)
        rows.append({"year": y, "n_in_year": len(names), "n_cumulative": len(seen), "names": "; ".join(names)})
    return pd.DataFrame(rows)


def nth_org_lags(caps: pd.DataFrame, reference_model: str, ns=(2, 5, 10), *, as_of=None) -> pd.DataFrame:
    """Months after ``reference_model``'s release until the n-th organization had a model with an ECI at
    least as high (the reference's own organization counts as the first if nobody was earlier).

    Returns n, organization, date, months (NaN when fewer than n organizations matched by ``as_of``)."""
    if reference_model not in set(caps["model"]):
        raise KeyError(f"reference model {reference_model!r} is not in the capabilities table")
    ref = caps[caps["model"] == reference_model].iloc[0]
    d = caps.dropna(subset=["eci", "release_date", "organization"])
    if as_of is not None:
        d = d[d["release_date"] <= pd.Timestamp(as_of)]
    d = d[d["eci"] >= ref["eci"]].assign(org=lambda x: primary_org(x["organization"]))
    first = d.groupby("org")["release_date"].min().sort_values(kind="mergesort")
    rows = []
    for n in ns:
        if len(first) >= n:
            org, when = first.index[n - 1], first.iloc[n - 1]
            rows.append({"n": n, "organization": org, "date": when,
                         "months": max(0.0, months_between(ref["release_date"], when))})
        else:
            rows.append({"n": n, "organization": None, "date": pd.NaT, "months": float("nan")})
    return pd.DataFrame(rows)


def open_share_by_year(models: pd.DataFrame, *, as_of=None, start_year: int = 2015, level: float = 0.95,
                       open_col: str = "open_weights") -> pd.DataFrame:
    """Share of models released with open weights per year, among models whose accessibility is known
    (open weights, API, hosted or unreleased), with Wilson score intervals and counts."""
    from statsmodels.stats.proportion import proportion_confint
    d = models.dropna(subset=["accessibility", "publication_date"])
    if as_of is not None:
        d = d[d["publication_date"] <= pd.Timestamp(as_of)]
    d = d[d["publication_date"].dt.year >= start_year]
    rows = []
    for y, g in d.groupby(d["publication_date"].dt.year):
        k, n = int(g[open_col].astype(bool).sum()), len(g)
        lo, hi = proportion_confint(k, n, alpha=1 - level, method="wilson")
        rows.append({"year": int(y), "n_models": n, "n_open": k, "share_pct": k / n * 100,
                     "low_pct": lo * 100, "high_pct": hi * 100})
    return pd.DataFrame(rows, columns=["year", "n_models", "n_open", "share_pct", "low_pct", "high_pct"])


# -------------------------------------------------------------------------------------------- verdicts

def verdict_from_share(share_pct: float, majority_pct: float, partly_min_pct: float = 0.0) -> str:
    """'supported' when the share exceeds ``majority_pct`` ('most' measures); 'partly supported' when it is
    at least ``partly_min_pct`` (and above 0); else 'not supported'; 'not testable' when there is no measure."""
    if share_pct is None or (isinstance(share_pct, float) and math.isnan(share_pct)):
        return "not testable"
    if share_pct > majority_pct:
        return "supported"
    return "partly supported" if share_pct > 0 and share_pct >= partly_min_pct else "not supported"


def verdict_c1(lag_high: float, arena_ratio: float, open_share_pct: float, *, caught_up_months: float,
               tolerance_pct: float, default_share_pct: float) -> str:
    """C1 ('open won the model layer, open is the default'): supported when the open frontier is caught up
    on both scales (upper bound of the ECI lag within ``caught_up_months``, and the best open Arena model at
    least ``100 - tolerance_pct`` % of the best closed one by the comparison metric, ``arena_ratio`` as a
    fraction) and open models are at least ``default_share_pct`` of new notable models; partly supported
    when caught up on at least one scale; not supported otherwise.

    ``arena_ratio`` should be the win-probability ratio (or another ratio chosen by the reader), not the
    percentage gap of two ratings: ratings carry an arbitrary offset, so their ratio is near 1 by construction."""
    eci_ok = lag_high is not None and not math.isnan(lag_high) and lag_high <= caught_up_months
    arena_ok = arena_ratio is not None and not math.isnan(arena_ratio) and arena_ratio >= 1 - tolerance_pct / 100 - 1e-12
    share_ok = open_share_pct is not None and not math.isnan(open_share_pct) and open_share_pct >= default_share_pct
    if (lag_high is None or math.isnan(lag_high)) and (arena_ratio is None or math.isnan(arena_ratio)):
        return "not testable"
    if eci_ok and arena_ok and share_ok:
        return "supported"
    if eci_ok or arena_ok:
        return "partly supported"
    return "not supported"


def verdict_c4(n_orgs_recent: int, n_orgs_earlier: int, months_nth: float, *, min_orgs: int,
               max_months: float) -> str:
    """C4 (capability diffused from ~3 organizations to 'any well-funded lab'): supported when at least
    ``min_orgs`` organizations crossed the compute threshold in the recent year, more than in the earlier
    year, and the n-th organization matched the reference model within ``max_months``; partly when one of
    the two holds; not supported otherwise."""
    spread = n_orgs_recent >= min_orgs and n_orgs_recent > n_orgs_earlier
    fast = months_nth is not None and not math.isnan(months_nth) and months_nth <= max_months
    if spread and fast:
        return "supported"
    if spread or fast:
        return "partly supported"
    return "not supported"


# --------------------------------------------------------------------------------- table selection

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
                rows.append({"scale_segment": seg, "snapshot_date": day, "a": float(both.loc[day, "a"]),
                             "b": float(both.loc[day, "b"])})
    return pd.DataFrame(rows, columns=["scale_segment", "snapshot_date", "a", "b"])


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


AA_MEASURES = {"intelligence_index": "index", "coding_index": "index", "math_index": "index",
               "mmlu_pro": "fraction", "gpqa": "fraction", "hle": "fraction", "livecodebench": "fraction",
               "aime_25": "fraction"}


def aa_pair_rows(aa: pd.DataFrame, a_slugs: list[str], b_slugs: list[str]) -> list[dict]:
    """Artificial Analysis measures where both sides have a value (best over each side's slugs)."""
    rows = []
    A, B = aa[aa["slug"].isin(a_slugs)], aa[aa["slug"].isin(b_slugs)]
    for m, kind in AA_MEASURES.items():
        va, vb = A[m].max(), B[m].max()
        if pd.notna(va) and pd.notna(vb):
            rows.append({"measure": f"AA {m}", "evaluator": "Artificial Analysis", "kind": kind,
                         "a": float(va), "b": float(vb),
                         "b_model": B.loc[B[m].idxmax(), "model"], "a_model": A.loc[A[m].idxmax(), "model"]})
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
            rows.append({"measure": f"AA {m}", "evaluator": "Artificial Analysis", "kind": kind, "a": float(va),
                         "b": float(best[m]), "b_model": best["model"], "a_model": A.loc[A[m].idxmax(), "model"]})
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
        cl = snap[snap["open_weights"].eq(False).fillna(False) & snap["model"].str.lower().isin(seen_by_release)]
        if len(a) and len(cl):
            best = cl.loc[cl["rating"].idxmax()]
            rows.append({"measure": f"Arena {seg}", "evaluator": "Arena (LMArena)", "kind": "rating",
                         "a": float(a["rating"].max()), "b": float(best["rating"]), "b_model": best["model"],
                         "a_model": a.loc[a["rating"].idxmax(), "model"], "snapshot_date": day})
    return rows


# ------------------------------------------------------------------------------------------- figures

def _overlaps(box, boxes, pad: float = 1.0) -> bool:
    """True when display-space bbox ``box`` comes within ``pad`` pixels of any bbox in ``boxes``."""
    return any(box.x0 < b.x1 + pad and b.x0 < box.x1 + pad and box.y0 < b.y1 + pad and b.y0 < box.y1 + pad
               for b in boxes)


def place_labels(ax, points: list[dict], *, max_levels: int = 3, step_pt: float = 9.0, obstacles=()) -> list[dict]:
    """Name points without any two names (or a name and a leader line) overlapping.

    ``points`` are dicts with ``x``, ``y`` (data), ``text``, ``colour``, ``side`` ("above": up-left, else up-right;
    "below": down-right) and optionally ``x_next``, the x where the point's own level ends: a name above and to
    the right of its point must end before it, so it cannot be read as the next (higher) point's. Points are labelled in the given
    order (most important first); each name tries ``max_levels`` offsets stacked ``step_pt`` points apart (a thin
    leader line joins a lifted name to its point) and keeps the first one that stays inside the axes and clear
    of names and leader lines already placed, of ``obstacles`` (display-space bboxes) and of the points. Names
    that fit nowhere are not drawn; they come back with ``placed=False`` so the caller can list them. Set the
    axis limits before calling: the layout is computed in display space."""
    from matplotlib.path import Path
    from matplotlib.text import Text
    from matplotlib.transforms import Bbox
    renderer = ax.figure.canvas.get_renderer()
    frame = ax.get_window_extent(renderer)
    to_px = ax.transData.transform
    marks = []
    for p in points:
        px, py = to_px((mdates_num(p["x"]), p["y"]))
        marks.append(Bbox.from_extents(px - 3, py - 3, px + 3, py + 3))
    boxes, leaders = list(obstacles), []
    out = []
    for p in points:
        above = p.get("side", "above") == "above"
        anchor = to_px((mdates_num(p["x"]), p["y"]))
        x_end = to_px((mdates_num(p["x_next"]), p["y"]))[0] if p.get("x_next") is not None else None
        result = {**p, "placed": False}
        # names above a rising step line may sit over the previous level (left) or the own level (right);
        # names below it only under the own level (right), where they cannot be mistaken for the previous step's
        tries = [(level, flip) for level in range(max_levels) for flip in ((False, True) if above else (False,))]
        for level, flip in tries:
            left = above != flip
            dy = (4 + step_pt * level) if above else -(10 + step_pt * level)
            ann = ax.annotate(str(p["text"]), (mdates_num(p["x"]), p["y"]), xytext=(-4 if left else 4, dy),
                              textcoords="offset points", fontsize=7, color=p["colour"],
                              ha="right" if left else "left", va="bottom" if above else "top",
                              arrowprops=(dict(arrowstyle="-", color=p["colour"], lw=0.5, shrinkA=0, shrinkB=2)
                                          if level else None))
            ann.update_positions(renderer)
            box = Text.get_window_extent(ann, renderer)  # the name only, not its leader line
            near = (box.x1 if left else box.x0, box.y0 if above else box.y1)
            leader = Path([anchor, near]) if level else None
            ok = (frame.x0 <= box.x0 and box.x1 <= frame.x1 and frame.y0 <= box.y0 and box.y1 <= frame.y1
                  and (not flip or x_end is None or box.x1 <= x_end)
                  and not _overlaps(box, boxes) and not _overlaps(box, marks, pad=0.0)
                  and not any(l.intersects_bbox(box, filled=True) for l in leaders)
                  and (leader is None or not any(leader.intersects_bbox(b, filled=True) for b in boxes)))
            if ok:
                boxes.append(box)
                if leader is not None:
                    leaders.append(leader)
                result.update(placed=True, level=level, bbox=box)
                break
            ann.remove()
        out.append(result)
    return out


def mdates_num(x):
    """Matplotlib's float for a date (plain numbers pass through)."""
    import matplotlib.dates as mdates
    return x if isinstance(x, (int, float, np.number)) else mdates.date2num(pd.Timestamp(x))


def plot_frontiers(ax, open_steps: pd.DataFrame, closed_steps: pd.DataFrame, *, start, end, colours: dict,
                   label_top: int = 6, xlim=None, ylim=None) -> list[str]:
    """Step lines of the open and closed frontiers; the latest ``label_top`` step-setting models of each group
    since ``start`` are named where a name fits without overlapping another (see ``place_labels``).

    ``xlim``/``ylim`` (either end may be None) are applied before the names are placed. Returns the names
    that did not fit, newest first, for the caption."""
    cands = []
    for name, st in (("closed", closed_steps), ("open", open_steps)):
        st = st[st["date"] <= pd.Timestamp(end)]
        if st.empty:
            continue
        x = list(st["date"]) + [pd.Timestamp(end)]
        y = list(st["value"]) + [st["value"].iloc[-1]]
        ax.step(x, y, where="post", color=colours[name], lw=2, label=f"best {name} model")
        ax.scatter(st["date"], st["value"], color=colours[name], s=18, zorder=3)
        recent = st[st["date"] >= pd.Timestamp(start)].tail(label_top)
        nxt = dict(zip(st["date"], list(st["date"].iloc[1:]) + [pd.Timestamp(end)]))
        cands += [{"x": r["date"], "y": float(r["value"]), "text": r["model"], "colour": colours[name],
                   "side": "above" if name == "closed" else "below", "group": name, "x_next": nxt[r["date"]]}
                  for _, r in recent.iloc[::-1].iterrows()]
    ax.axvline(pd.Timestamp(start), color="#777777", lw=0.8, ls=":")
    ax.set_xlabel("release date")
    ax.set_ylabel("Epoch Capabilities Index (ECI points)")
    if xlim is not None:
        ax.set_xlim(*xlim)
    if ylim is not None:
        ax.set_ylim(*ylim)
    if ylim is None or ylim[1] is None:  # head-room so the newest closed names fit inside the frame
        lo, hi = ax.get_ylim()
        ax.set_ylim(lo, hi + 0.1 * (hi - lo))
    leg = ax.legend(loc="lower right")
    ax.figure.canvas.draw()
    # newest first within each group, alternating groups so both keep their latest names
    order = sorted(cands, key=lambda c: (-pd.Timestamp(c["x"]).value, c["group"]))
    placed = place_labels(ax, order, obstacles=[leg.get_window_extent(ax.figure.canvas.get_renderer())])
    return [p["text"] for p in placed if not p["placed"]]


def plot_arena_gaps(ax, gaps: pd.DataFrame, *, colour: str, check_date=None):
    """Gap (% of the open rating) per snapshot, one line per comparable span, holes left open. The first
    span is drawn in ``colour``, the others in a colour-blind-safe sequence so overlapping spans stay apart."""
    import seaborn as sns
    g = gaps.dropna(subset=["gap_pct"]).copy()
    g["line"] = break_segments(g)
    segs = list(dict.fromkeys(g.sort_values("snapshot_date")["scale_segment"]))
    cols = dict(zip(segs, [colour] + [c for c in sns.color_palette("colorblind", 10).as_hex() if c.lower() != colour.lower()]))
    markers = dict(zip(segs, "osD^vP*X"))
    for (seg, _), part in g.groupby(["scale_segment", "line"], sort=False):
        ax.plot(part["snapshot_date"], part["gap_pct"], color=cols[seg], lw=1.2, marker=markers[seg], ms=3,
                label=seg if seg not in ax.get_legend_handles_labels()[1] else None)
    if check_date is not None:
        c = g[g["snapshot_date"] == pd.Timestamp(check_date)]
        if len(c):
            ax.scatter(c["snapshot_date"], c["gap_pct"], s=90, facecolors="none", edgecolors="black", zorder=4,
                       label="AI Index 2025 check")
    ax.axhline(0, color="#555555", lw=0.8)
    ax.set_xlabel("leaderboard snapshot")
    ax.set_ylabel("best closed minus best open (% of open rating)")
    ax.legend(fontsize=7, title="comparable span", title_fontsize=7, loc="upper left", bbox_to_anchor=(1.01, 1.0),
              borderaxespad=0.0)


def plot_ratios(ax, table: pd.DataFrame, *, threshold_pct: float, colour: str):
    """Horizontal dot plot of the three ratios per measure with the threshold line."""
    t = table.reset_index(drop=True)
    y = np.arange(len(t))
    for col, mk, lab in (("score_ratio", "o", "score ratio"), ("error_ratio", "s", "error-rate ratio"),
                         ("win_ratio", "D", "win probability / 0.5")):
        v = t[col].astype(float) * 100
        ok = v.notna() & np.isfinite(v)
        ax.scatter(v[ok], y[ok], marker=mk, color=colour if col == "score_ratio" else "#555555",
                   s=36 if col == "score_ratio" else 22, label=lab, zorder=3)
    ax.axvline(threshold_pct, color="black", lw=1, ls="--", label=f"threshold {threshold_pct:g}%")
    ax.axvline(100, color="#999999", lw=0.8)
    ax.set_yticks(y, t["measure"])
    ax.set_xlabel("open model as % of the closed reference")
    # outside the frame, so no marker is hidden whatever the values
    ax.legend(fontsize=7, loc="upper left", bbox_to_anchor=(1.01, 1.0), borderaxespad=0.0)
