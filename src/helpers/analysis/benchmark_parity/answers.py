"""Answer keys of notebook 01's rerun exercises, computed by the analysis itself so that a key never
disagrees with a run of the runner under the exercise's parameters (tests/test_answer_keys.py reruns each):

    bp.answers.unrestricted_open(inputs, P)   # exercise 1: open_definition="unrestricted_only"
    bp.answers.error_ratio_measures(inputs, P)  # exercise 2: comparison_metric="error_ratio"
    bp.answers.as_of_ai_index(inputs, P)      # exercise 3: as_of on the AI Index 2025 snapshot

Each returns an ``Answer`` (values for the test, Markdown with the model answer and rubric for the
instructor edition). The reruns reuse the loaded tables (``cut_inputs``), as the specification grid does.
"""

from __future__ import annotations

from helpers.analysis.benchmark_parity import frontier, pairs
from helpers.analysis.benchmark_parity.inputs import Inputs, cut_inputs
from helpers.analysis.benchmark_parity.measures import headline_ratio, metric_words
from helpers.analysis.benchmark_parity.sections import analyze
from helpers.core.answer import Answer
from helpers.core.text import and_join

__all__ = ["AI_INDEX_DATE", "as_of_ai_index", "error_ratio_measures", "rerun_inputs", "unrestricted_open"]

# the Chatbot Arena snapshot the AI Index 2025 (Fig. 2.1.34) compares open and closed models on
AI_INDEX_DATE = "2025-02-14"


def rerun_inputs(inputs: Inputs, P) -> Inputs:
    """The loaded tables cut again under ``P`` (what ``load_inputs(P)`` returns, without reading the files)."""
    return cut_inputs(
        inputs.caps_all, inputs.models_all, inputs.arena_all, inputs.bench_all, inputs.aa_all, P
    )


def _lag(e: frontier.Eci) -> str:
    hi = "no upper bound" if e.lag_hi == float("inf") else f"{e.lag_hi:.1f}"
    return f"{e.lag_med:.1f} months (95% interval {e.lag_lo:.1f} to {hi}"


def _steps(n: int) -> str:
    return f"{n} closed step{'' if n == 1 else 's'} still unmatched"


def _c1(verdicts) -> str:
    return next(v.value for v in verdicts if v.claim == "C1")


def unrestricted_open(inputs: Inputs, P) -> Answer:
    """Exercise 1: the whole analysis rerun with ``open_definition="unrestricted_only"`` against this run.
    Models whose weights are public under a restrictive licence become closed, so the open frontier can only
    fall and the closed one only rise: every wait for a closed step lengthens or stays."""
    alt_P = P.model_copy(update={"open_definition": "unrestricted_only"})
    base, alt = analyze(P, inputs), analyze(alt_P, rerun_inputs(inputs, alt_P))
    was_open = set(base.eci.open_steps["model"])
    left = sorted(was_open - set(alt.eci.open_steps["model"]))
    moved = sorted(
        set(inputs.caps.loc[inputs.caps["open"].astype(bool), "model"])
        - set(alt.inputs.caps.loc[alt.inputs.caps["open"].astype(bool), "model"])
    )
    values = {
        "lag_median": (base.eci.lag_med, alt.eci.lag_med),
        "lag_low": (base.eci.lag_lo, alt.eci.lag_lo),
        "lag_high": (base.eci.lag_hi, alt.eci.lag_hi),
        "gap_points": (base.eci.gap_now, alt.eci.gap_now),
        "left_open_frontier": left,
        "n_reclassified": len(moved),
        "C1": (_c1(base.verdicts), _c1(alt.verdicts)),
    }
    longer = "lengthens" if alt.eci.lag_med > base.eci.lag_med else "does not move"
    md = (
        f"**Answer.** Counting only unrestricted licences as open reclassifies {len(moved)} models with an "
        f"ECI as closed; {len(left)} of them were steps of the open frontier ({and_join(left)}). The "
        f"Kaplan-Meier median lag {longer}: {_lag(base.eci)}) with any open weights, {_lag(alt.eci)}) with "
        f"unrestricted licences only; the gap at the end of ECI coverage goes from {base.eci.gap_now:.1f} to "
        f"{alt.eci.gap_now:.1f} ECI points. C1 is **{values['C1'][0]}** by default and "
        f"**{values['C1'][1]}** in the rerun.\n\n"
        "**Model answer (why).** The open frontier is a running maximum over open models. Making the "
        "definition stricter removes models from the open side and adds them to the closed side, so the open "
        "frontier can only fall and the closed frontier can only rise: no wait gets shorter. How much it "
        "moves depends on whether the reclassified models were frontier steps. The licence label is a proxy for openness, and the essay's 'open' includes "
        "Llama 4 under Meta's licence, so the default definition is the essay's own.\n\n"
        "**Rubric.** Full credit: the direction and size of the move read off the rerun, the running-maximum "
        "argument, and the point that the reclassified models matter only if they were frontier steps. "
        "Partial: the numbers without the reason."
    )
    return Answer(values, md)


def error_ratio_measures(inputs: Inputs, P) -> Answer:
    """Exercise 2: C2's counted measures under this run's metric and under ``comparison_metric="error_ratio"``
    (the rerun's own ``llama4``), each measure's ratio under both and whether it changes side of the line."""
    alt_P = P.model_copy(update={"comparison_metric": "error_ratio"})
    base, alt = pairs.llama4(inputs, P), pairs.llama4(inputs, alt_P)
    bar = P.quality_threshold_pct / 100
    t = alt.table[["measure", "kind", "a", "b"]].copy()
    t[P.comparison_metric] = headline_ratio(base.table, P.comparison_metric).to_numpy()
    t["error_ratio"] = headline_ratio(alt.table, "error_ratio").to_numpy()
    t["passes (default)"] = t[P.comparison_metric] >= bar - 1e-12
    t["passes (error ratio)"] = t["error_ratio"] >= bar - 1e-12
    t["changes side"] = t["passes (default)"] != t["passes (error ratio)"]
    changed = list(t.loc[t["changes side"], "measure"])
    rows = t[t["changes side"]]
    detail = and_join(
        [
            f"{r.measure} (scores {r.a:.3f} vs {r.b:.3f}: {getattr(r, P.comparison_metric):.1%} by the "
            f"default metric, {r.error_ratio:.1%} by errors)"
            for r in rows.itertuples()
        ]
    )
    values = {
        "hits": (base.hits, alt.hits),
        "n": (base.n, alt.n),
        "changed": changed,
        "C2_share": (base.share, alt.share),
        "table": t.rename(columns={"a": "Maverick", "b": "GPT-4.5"}),
    }
    md = (
        f"**Answer.** With the {metric_words(P.comparison_metric)} Llama 4 Maverick reaches "
        f"{P.quality_threshold_pct:g}% of GPT-4.5 on {base.hits} of {base.n} counted measures; with error "
        f"ratios (win probability on Arena ratings) on {alt.hits} of {alt.n}. "
        + (f"The measures that change side: {detail}." if changed else "No measure changes side.")
        + "\n\n**Model answer (why).** A score ratio compares what both models get right; near the top of a "
        "benchmark both scores crowd under the ceiling, so their ratio is close to 1 even when one model makes "
        "far more mistakes (benchmark saturation). The error ratio compares what they get wrong, which keeps "
        "a gap visible as scores rise. A measure moves only when the score ratio is above the line and the "
        "error ratio below it, which is where scores are high and the remaining errors differ. Arena ratings "
        "have no error rate: both metrics read them by the win probability.\n\n"
        "**Rubric.** Full credit: the measures that cross named from the rerun, the saturation argument "
        "(ceiling compresses score ratios), and which metric fits 'quality' for a benchmark near its ceiling. "
        "Partial: the count without the reason."
    )
    return Answer(values, md)


def as_of_ai_index(inputs: Inputs, P) -> Answer:
    """Exercise 3: the analysis rerun on the AI Index 2025 snapshot (``as_of=AI_INDEX_DATE``): the Arena gap
    against the AI Index figure, the ECI lag then and now, and C1's verdict then and now."""
    alt_P = P.model_copy(update={"as_of": AI_INDEX_DATE})
    base, alt = analyze(P, inputs), analyze(alt_P, rerun_inputs(inputs, alt_P))
    check = alt.arena.check
    ours = float(check["gap_pct"].iloc[0]) if len(check) else float("nan")
    published = next((f.theirs for f in alt.figures if "AI Index" in f.publisher), None)
    values = {
        "arena_gap_pct": ours,
        "ai_index_gap_pct": published,
        "lag_median": (alt.eci.lag_med, base.eci.lag_med),
        "lag_low": (alt.eci.lag_lo, base.eci.lag_lo),
        "lag_high": (alt.eci.lag_hi, base.eci.lag_hi),
        "n_censored": (alt.eci.n_cens, base.eci.n_cens),
        "C1": (_c1(alt.verdicts), _c1(base.verdicts)),
    }
    agree = (
        f"agrees with the AI Index's {published:g}% (same snapshot, same definition)"
        if published is not None and round(ours, 1) == published
        else f"against the AI Index's {published}%"
    )
    then_narrower = alt.eci.lag_hi - alt.eci.lag_lo < base.eci.lag_hi - base.eci.lag_lo
    md = (
        f"**Answer.** On {AI_INDEX_DATE} the best closed model led the best open one by {ours:.1f}% of the "
        f"open rating, which {agree}. The ECI lag with data to that date was {_lag(alt.eci)}; "
        f"{_steps(alt.eci.n_cens)}); with all the data it is {_lag(base.eci)}; {_steps(base.eci.n_cens)}). "
        f"C1 was **{values['C1'][0]}** then and is **{values['C1'][1]}** now.\n\n"
        "**Model answer (why the two measures can disagree).** The Arena gap is a difference of ratings on one "
        "day, which says how often users prefer one model's answers; the ECI lag is a wait in months for the "
        "open frontier to reach each closed record. A rating gap of a few percent can coexist with a lag of "
        "months. The interval depends on censoring: a wait still running at the cut-off only says the lag is "
        f"at least that long, and the {'earlier' if then_narrower else 'later'} cut-off, with "
        f"{'fewer' if then_narrower else 'more'} waits still running, gives the narrower interval here.\n\n"
        "**Rubric.** Full credit: both numbers read off the rerun, the check against the published figure, and "
        "the difference between a gap in quality and a lag in time, with censoring named. Partial: the numbers "
        "without the comparison."
    )
    return Answer(values, md)
