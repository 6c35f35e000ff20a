"""Answer keys of the scorecard's exercises, computed from the specification grid the scorecard reads, so a
key always describes the run it is shown with:

    sc.answers.most_fragile(card.grid)        # exercise 1: the verdict fewest specifications agree with
    sc.answers.majority_verdicts(card.grid)   # exercise 2: each claim's most common verdict over the grid
"""

from __future__ import annotations

import json

import pandas as pd

from helpers.core.answer import Answer

__all__ = ["majority_verdicts", "most_fragile"]


def _agree_share(s: dict) -> float:
    return s["agree"] / s["n_specs"] if s["n_specs"] else float("nan")


def most_fragile(grid) -> Answer:
    """The claim whose default verdict the smallest share of its specifications agree with (ties: the lower
    claim number), and the single choice that flips it in most specifications."""
    if grid is None or not grid.claims:
        return Answer({}, "No specification grid in this run: run `python -m helpers robustness` first.")
    claim = min(grid.claims, key=lambda c: (_agree_share(grid.summaries[c]), int(c[1:])))
    s = grid.summaries[claim]
    f = s["flipped_by"][0] if s["flipped_by"] else None
    values = {
        "claim": claim,
        "agree": s["agree"],
        "n_specs": s["n_specs"],
        "default": s["default"],
        "flip": f,
    }
    flip = (
        f"The single choice that flips it most often is `{f['param']} = {json.dumps(f['value'])}`, which gives "
        f"**{f['verdict']}** ({f['reason']})."
        if f
        else "No single declared choice flips it alone: only combinations of choices do."
    )
    md = (
        f"**Answer.** {claim}'s default verdict (**{s['default']}**) is the most fragile: {s['agree']:,} of "
        f"{s['n_specs']:,} specifications ({_agree_share(s):.0%}) agree with it. {flip}\n\n"
        "**Model answer (which assumption to attack).** A strong answer attacks the choice with the best "
        "outside support: one whose alternative comes from another publisher's definition or a paper's range "
        "rather than a taste, and checks that the flip is not an artefact of a threshold sitting on the "
        "estimate. It then says what the flip would mean for the essay: whether the claim's argument (open "
        "models, compute, export controls) still stands on its other claims.\n\n"
        "**Rubric.** Full credit: the claim and its share read off the grid, one choice argued from its "
        "stated source, and the consequence for the essay's argument. Partial: the claim without the argument."
    )
    return Answer(values, md)


def majority_verdicts(grid) -> Answer:
    """Per claim: the default verdict, the verdict most specifications give and its share, and whether they
    differ (a claim whose default is not the grid's most common verdict rests on the default's choices)."""
    if grid is None or not grid.claims:
        return Answer({}, "No specification grid in this run: run `python -m helpers robustness` first.")
    rows = []
    for c in grid.claims:
        s = grid.summaries[c]
        top = max(s["shares"].items(), key=lambda kv: (kv[1], kv[0] == s["default"]))
        rows.append(
            {
                "Claim": c,
                "Default verdict": s["default"],
                "Most common verdict": top[0],
                "Its specifications": f"{top[1]:,} of {s['n_specs']:,}",
                "Differs": "yes" if top[0] != s["default"] else "no",
            }
        )
    t = pd.DataFrame(rows)
    differ = list(t.loc[t["Differs"] == "yes", "Claim"])
    md = (
        f"**Answer.** {len(differ)} of {len(t)} claims have a default verdict that is not the most common one "
        f"over their specifications{': ' + ', '.join(differ) if differ else ''}. "
        + (
            "For these the default's choices carry the verdict: a reader who weighs every declared "
            "specification equally would call them otherwise."
            if differ
            else "Every default verdict is also what most specifications say."
        )
        + "\n\n**Model answer.** Counting specifications weighs every declared alternative as equally "
        "plausible, which a referee need not accept: an alternative that only a critic proposed counts as "
        "much as a publisher's definition. A good answer says which claims move, and for one of them whether "
        "the specifications that outvote the default are the more defensible ones.\n\n"
        "**Rubric.** Full credit: the claims that move, and one argued from the choices behind the majority. "
        "Partial: the list without the argument."
    )
    return Answer({"table": t, "differ": differ}, md)
