"""The scorecard's prose, written from its rows: the summary sentence (recorded, and shown on the site and
in reports/scorecard.md) and the verdict section's opening."""

from __future__ import annotations

from helpers.core.text import and_join, label
from helpers.core.verdicts import CONTEXT_ONLY, NOT_EVALUATED, NOT_TESTABLE, TESTED


def _with(rows: list[dict], verdict: str) -> list[str]:
    return [r["claim"] for r in rows if r["verdict"] == verdict]


def _is(ids: list[str], one: str, many: str) -> str:
    return one if len(ids) == 1 else many


def summary(rows: list[dict]) -> str:
    """A generated paragraph: how many claims hold, which do not, which were not evaluated."""
    if not rows:
        return "No claim could be evaluated."
    tested = [r for r in rows if r["verdict"] in TESTED]
    parts = [f"Of the essay's {len(rows)} claims, {len(tested)} could be tested with the data in this run."]
    for v in TESTED:
        ids = _with(rows, v)
        if ids:
            parts.append(f"{len(ids)} {_is(ids, 'is', 'are')} {v} ({', '.join(ids)}).")
    gridded = [r for r in tested if "n_specs" in r]
    if gridded:
        fragile = [r["claim"] for r in gridded if r.get("fragile")]
        n_specs = sum(r["n_specs"] for r in gridded)
        if fragile:
            parts.append(
                f"Over {n_specs:,} specifications of the analysts' defensible choices, {len(fragile)} of these "
                f"{len(gridded)} verdicts are fragile, flipped by a single choice ({', '.join(fragile)})."
            )
        else:
            parts.append(
                f"Over {n_specs:,} specifications of the analysts' defensible choices, no single choice flips "
                f"any of these {len(gridded)} verdicts."
            )
    ids = _with(rows, NOT_TESTABLE)
    if ids:
        parts.append(f"{', '.join(ids)} cannot be tested with this data.")
    ids = _with(rows, CONTEXT_ONLY)
    if ids:
        parts.append(f"{', '.join(ids)} {_is(ids, 'is', 'are')} context, not tested.")
    ids = _with(rows, NOT_EVALUATED)
    if ids:
        parts.append(
            f"{', '.join(ids)} {_is(ids, 'was', 'were')} not evaluated because the notebook holding the "
            "evidence failed or was not run."
        )
    return " ".join(parts)


def overview(rows: list[dict], status: dict) -> str:
    """The verdict section's opening: the summary, then the notebooks that did not finish in this run."""
    problems = {s: v for s, v in status.items() if v.get("status") != "ok"}
    if not problems:
        return summary(rows)
    listed = "; ".join(f"`{s}` ({v.get('error') or v.get('status')})" for s, v in problems.items())
    return f"{summary(rows)}\n\n**Notebooks that did not finish in this run:** {listed}"


def robustness(grid) -> str:
    """The robustness section's paragraph: what the grid is, how sure each verdict is, which choices matter."""
    if grid is None:
        return (
            "The specification grid was not computed for this run (it is evaluated when the runner executes "
            "the scorecard with the analysis notebooks), so this scorecard cannot say how sure each verdict is."
        )
    n = sum(grid.summaries[c]["n_specs"] for c in grid.claims)
    solid = [c for c in grid.claims if grid.summaries[c]["agree"] == grid.summaries[c]["n_specs"]]
    fragile = grid.fragile()
    parts = [
        f"Each verdict was recomputed under {n:,} specifications: every combination of the defensible "
        "alternatives its notebook declares for each threshold, tolerance, metric, window and counting rule it "
        "reads (a seeded sample where the full product is too large, always with the default and every "
        "single change)."
    ]
    if solid:
        parts.append(
            f"{and_join(solid)} {_is(solid, 'gives', 'give')} the same verdict under every specification."
        )
    if fragile:
        flips = "; ".join(
            f"{c} by {label(grid.summaries[c]['flipped_by'][0]['param'])} "
            f"({grid.summaries[c]['agree'] / grid.summaries[c]['n_specs']:.0%} of specifications agree)"
            for c in fragile
        )
        parts.append(
            f"{len(fragile)} of {len(grid.claims)} verdicts are fragile: a single defensible choice flips "
            f"{_is(fragile, 'it', 'them')} ({flips}). Read those verdicts as the default analyst's answer, not "
            "as settled."
        )
    for c in grid.claims:
        mc = grid.summaries[c].get("monte_carlo")
        if mc:
            draws = f"{mc['draws_min']:,}" + (
                f" to {mc['draws_max']:,}" if mc["draws_max"] != mc["draws_min"] else ""
            )
            close = (
                f"in {mc['flagged']:,} of them the deciding probability lies within {mc['flag_below_se']:g} Monte "
                "Carlo standard errors of its bar (flagged in robustness.csv: those verdicts could change with "
                "more draws)"
                if mc["flagged"]
                else f"in every one the deciding probability is more than {mc['flag_below_se']:g} Monte Carlo "
                "standard errors from its bar, so the simulation's noise cannot change the verdict"
            )
            parts.append(
                f"{c} rests on a Monte Carlo: {draws} draws per specification (more where the first draws "
                f"land near the bar); {close}."
            )
    return " ".join(parts)


# The essay's three arguments and its closing question, with the claims that test each (claims.md).
ARGUMENTS = (
    ("Open-weight models have caught up with closed ones", ("C1", "C2", "C3", "C4")),
    ('The chokepoint is compute, "controlled by five companies"', ("C5",)),
    ('Algorithmic efficiency makes export controls "a speed bump"', ("C7", "C8", "C9", "C10")),
    ("Who captures the value: clouds and model providers", ("C6", "C12")),
)


def _tally(rows: list[dict]) -> str:
    parts = []
    for v in TESTED:
        ids = [r["claim"] for r in rows if r["verdict"] == v]
        if ids:
            parts.append(f"{v} ({', '.join(ids)})")
    return and_join(parts)


def arguments(rows: list[dict]) -> list[tuple[str, str]]:
    """Per argument of the essay: its title and one sentence on what its claims' verdicts say."""
    by = {r["claim"]: r for r in rows}
    out = []
    for title, claims in ARGUMENTS:
        rs = [by[c] for c in claims if c in by]
        tested = [r for r in rs if r["verdict"] in TESTED]
        if not tested:
            out.append(
                (title, "Not tested in this run: its notebook did not run or the data cannot answer it.")
            )
            continue
        sup = sum(r["verdict"] == TESTED[0] for r in tested)
        nots = sum(r["verdict"] == TESTED[-1] for r in tested)
        if sup == len(tested):
            gist = "The data back it"
        elif nots == len(tested):
            gist = "The data do not back it"
        elif sup + nots == 0:
            gist = "The data back it only in part"
        else:
            gist = "The data are mixed"
        fragile = [r["claim"] for r in tested if r.get("fragile")]
        tail = f"; a single defensible choice flips {and_join(fragile)}" if fragile else ""
        out.append((title, f"{gist}: {_tally(tested)}{tail}."))
    return out


def bottom_line(rows: list[dict]) -> str:
    """One sentence: how much of the essay the data back."""
    tested = [r for r in rows if r["verdict"] in TESTED]
    if not tested:
        return "No claim of the essay could be tested in this run."
    sup = sum(r["verdict"] == TESTED[0] for r in tested)
    part = sum(r["verdict"] == TESTED[1] for r in tested)
    nots = len(tested) - sup - part
    fragile = sum(bool(r.get("fragile")) for r in tested)
    sure = (
        f"; {fragile} of these verdicts would change under a single defensible choice of the analyst"
        if fragile
        else ""
    )
    return (
        f"The data back {sup} of the essay's {len(tested)} testable claims in full, {part} in part and "
        f"{nots} not at all{sure}."
    )
