"""The scorecard's prose, written from its rows: the summary sentence (recorded, and shown on the site and
in reports/scorecard.md) and the verdict section's opening."""

from __future__ import annotations

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
