"""The scorecard: every claim C1-C12 with its measure, estimate and verdict, read from the analysis
notebooks' recorded results (the runner's upstream document). Pure functions; no kernel needed.

``analyze(upstream)`` returns a ``Scorecard`` (the rows, the notebooks' status, ``entries()`` to record);
``evaluate`` gives the rows alone (the site and the reports read them too). A claim whose notebook failed
or was not run is "not evaluated", never guessed.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from helpers.analysis.scorecard import text
from helpers.analysis.scorecard.claims import CLAIMS, SHORT, Claim  # noqa: F401  (read here by publish and tests)
from helpers.core import paths
from helpers.core.results import make_entry
from helpers.core.show import table
from helpers.core.text import fmt_value, label
from helpers.core.verdicts import NOT_EVALUATED, SCORECARD_STATES, TESTED

VERDICTS = SCORECARD_STATES
READER_COLUMNS = {
    "claim": "Claim",
    "text": "What the essay says",
    "verdict": "Verdict",
    "estimate": "Estimate",
    "reason": "Why",
}


def format_entry(key: str, entry: dict) -> str:
    """One recorded result as short text, as the site shows it: 'key in words: value (interval)'."""
    return f"{label(key)}: {fmt_value(entry, max_items=3)}"


def evaluate(upstream: dict) -> list[dict]:
    """Scorecard rows from the runner's upstream document {notebooks: {stem: {status}}, results: {...}}."""
    status = upstream.get("notebooks", {})
    results = upstream.get("results", {})
    rows = []
    for c in CLAIMS:
        row = {
            "claim": c.id,
            "text": c.text,
            "measure": c.measure,
            "notebook": c.notebook,
            "anchor": f"claim-{c.id.lower()}",
            "estimate": "",
            "verdict": NOT_EVALUATED,
            "reason": "",
        }
        if c.fixed_verdict:
            row.update(verdict=c.fixed_verdict, reason=c.fixed_reason, notebook=None, anchor=None)
            rows.append(row)
            continue
        st = status.get(c.notebook, {}).get("status", "not run")
        res = results.get(c.notebook, {})
        if st != "ok" or c.verdict_key not in res:
            why = {"failed": "its notebook failed in this run", "not run": "its notebook was not run"}.get(
                st, "its notebook recorded no verdict"
            )
            row["reason"] = f"Not evaluated: {why} ({c.notebook})."
            rows.append(row)
            continue
        entry = res[c.verdict_key]
        verdict = entry.get("value")
        if verdict not in VERDICTS:
            row["reason"] = f"Not evaluated: {c.notebook} recorded an unknown verdict {verdict!r}."
        else:
            row["verdict"] = verdict
            row["reason"] = entry.get("note", "")
        row["estimate"] = "; ".join(format_entry(k, res[k]) for k in c.estimate_keys if k in res)
        rows.append(row)
    return rows


def counts(rows: list[dict]) -> dict:
    """How many claims have each verdict (verdicts no claim has are left out), in the vocabulary's order."""
    out = {v: 0 for v in VERDICTS}
    for r in rows:
        out[r["verdict"]] = out.get(r["verdict"], 0) + 1
    return {k: v for k, v in out.items() if v}


@dataclass(frozen=True)
class Scorecard:
    """The verdict table of one run: a row per claim, and the status of each analysis notebook."""

    rows: list[dict]
    status: dict  # {notebook stem: {"status": "ok" | "failed", "error": ...}} as the runner reports it

    def counts(self) -> dict:
        return counts(self.rows)

    def frame(self) -> pd.DataFrame:
        return pd.DataFrame(self.rows)

    def unsettled(self) -> pd.DataFrame:
        """The claims the data could not settle (not testable, context only, not evaluated), with the owning
        notebook and the reason."""
        df = self.frame()
        return df[~df["verdict"].isin(TESTED)][["claim", "verdict", "notebook", "reason"]]

    def entries(self) -> dict:
        """What notebook 00 records: the rows, the tally and the summary sentence."""
        return {
            "scorecard": make_entry("scorecard", self.rows),
            "verdict_counts": make_entry("verdict_counts", self.counts()),
            "summary": make_entry("summary", text.summary(self.rows)),
        }


def analyze(upstream: dict) -> Scorecard:
    """The scorecard of the runner's upstream document (see ``load_upstream``)."""
    return Scorecard(rows=evaluate(upstream), status=upstream.get("notebooks", {}))


def load_upstream(results_file: str | None = None) -> dict:
    """The analysis notebooks' outcomes: from the runner (HELPERS_UPSTREAM), a results.json file, or the
    last default run. Returns an empty document when none exists."""
    env = os.environ.get("HELPERS_UPSTREAM")
    if env and not results_file:
        return json.loads(Path(env).read_text())
    path = Path(results_file) if results_file else paths.RUNS / "default" / "results.json"
    if not path.is_file():
        return {"notebooks": {}, "results": {}}
    results = json.loads(path.read_text())
    return {"notebooks": {s: {"status": "ok"} for s in results}, "results": results}


def reader_table(card: Scorecard) -> pd.io.formats.style.Styler:
    """The verdict table as the report shows it: the reader's columns, left-aligned, top-aligned cells."""
    df = card.frame()[list(READER_COLUMNS)].rename(columns=READER_COLUMNS)
    return (
        table(df)
        .set_properties(**{"text-align": "left", "vertical-align": "top"})
        .set_table_styles([{"selector": "th", "props": [("text-align", "left")]}])
    )


def _cell(s) -> str:
    return str(s).replace("|", "\\|").replace("\n", " ")


def to_markdown(rows: list[dict]) -> str:
    """The verdict table in Markdown (reports/scorecard.md)."""
    lines = ["| Claim | What the essay says | Verdict | Estimate | Why |", "|---|---|---|---|---|"]
    for r in rows:
        lines.append(
            f"| {r['claim']} | {_cell(r['text'])} | **{r['verdict']}** | {_cell(r['estimate'])} | "
            f"{_cell(r['reason'])} |"
        )
    return "\n".join(lines) + "\n"
