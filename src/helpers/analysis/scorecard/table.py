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

from helpers.analysis.scorecard import evidence, text
from helpers.analysis.scorecard.claims import CLAIMS, SHORT, Claim  # noqa: F401  (read here by publish and tests)
from helpers.analysis.scorecard.findings import finding
from helpers.analysis.scorecard.grid import Grid, load_grid
from helpers.core import paths
from helpers.core.labels import notebook_name
from helpers.core.results import make_entry
from helpers.core.show import table
from helpers.core.text import fmt_value, label, setting
from helpers.core.verdicts import NOT_EVALUATED, SCORECARD_STATES, TESTED

VERDICTS = SCORECARD_STATES
READER_COLUMNS = {
    "claim": "Claim",
    "text": "What the essay says",
    "finding": "What the data say",
    "verdict": "Verdict",
    "sure": "How sure",
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
            "finding": "",
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
            row["reason"] = f"Not evaluated: {why} ({notebook_name(c.notebook)})."
            rows.append(row)
            continue
        entry = res[c.verdict_key]
        verdict = entry.get("value")
        if verdict not in VERDICTS:
            row["reason"] = (
                f"Not evaluated: {notebook_name(c.notebook)} recorded an unknown verdict {verdict!r}."
            )
        else:
            row["verdict"] = verdict
            row["reason"] = entry.get("note", "")
        row["estimate"] = "; ".join(format_entry(k, res[k]) for k in c.estimate_keys if k in res)
        row["finding"] = finding(c.id, res)
        if row["verdict"] in TESTED:
            row.update(
                how_sure((upstream.get("robustness") or {}).get("claims", {}).get(c.id), row["verdict"])
            )
        rows.append(row)
    return rows


def how_sure(summary: dict | None, verdict: str) -> dict:
    """What a scorecard row says about its verdict's robustness, from the specification grid's summary of
    the claim: how many specifications agree, whether one defensible choice flips it (fragile), and the
    most influential such choice. Empty when the grid did not cover the claim or was computed for other
    parameters (its default verdict is not the row's)."""
    if not summary or summary.get("default") != verdict:
        return {}
    out = {"agree": summary["agree"], "n_specs": summary["n_specs"], "fragile": bool(summary["fragile"])}
    shares = summary.get("shares") or {}
    if shares:
        top, n = max(sorted(shares.items()), key=lambda kv: kv[1])
        if top != verdict and n > summary["agree"]:  # most specifications give another verdict: say so
            out["most"] = {"verdict": top, "count": n}
    if summary.get("flipped_by"):
        f = summary["flipped_by"][0]
        out["flip"] = {k: f[k] for k in ("param", "value", "verdict", "reason")}
    return out


def sureness(row: dict) -> str:
    """'k of N specifications agree', and for a fragile verdict the choice that flips it, in words."""
    if "n_specs" not in row:
        return "not in the specification grid" if row.get("verdict") in TESTED else ""
    s = f"{row['agree']:,} of {row['n_specs']:,} specifications agree"
    if row.get("most"):
        s += f", more ({row['most']['count']:,}) give {row['most']['verdict']}"
    if row.get("flip"):
        f = row["flip"]
        s += f"; fragile: {setting(f['param'], f['value'])} gives {f['verdict']}"
    return s


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
    grid: Grid | None = None  # the specification grid of the run (None: not computed)
    evidence: tuple = ()  # claim against evidence: the essay's region and our estimate (``evidence.rows``)

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
    rows = evaluate(upstream)
    return Scorecard(
        rows=rows,
        status=upstream.get("notebooks", {}),
        grid=load_grid(upstream.get("robustness"), upstream.get("robustness_csv")),
        evidence=evidence.rows(upstream, {r["claim"]: r["verdict"] for r in rows}),
    )


def load_upstream(results_file: str | None = None) -> dict:
    """The analysis notebooks' outcomes: from the runner (HELPERS_UPSTREAM), a results.json file, or the
    last default run. Returns an empty document when none exists."""
    env = os.environ.get("HELPERS_UPSTREAM")
    if env and not results_file:
        doc = json.loads(Path(env).read_text())
        doc["robustness_csv"] = str(Path(env).parent / "robustness.csv")
        return doc
    path = Path(results_file) if results_file else paths.RUNS / "default" / "results.json"
    if not path.is_file():
        return {"notebooks": {}, "results": {}}
    results = json.loads(path.read_text())
    rob = path.parent / "robustness.json"  # a run folder's grid, when the file is a run's results.json
    return {
        "notebooks": {s: {"status": "ok"} for s in results},
        "results": results,
        "robustness": json.loads(rob.read_text()) if rob.is_file() else None,
        "robustness_csv": str(path.parent / "robustness.csv"),
    }


def reader_table(card: Scorecard) -> pd.io.formats.style.Styler:
    """The verdict table as the report shows it: the reader's columns, left-aligned, top-aligned cells."""
    df = card.frame().assign(sure=[sureness(r) for r in card.rows])[list(READER_COLUMNS)]
    return left_table(df.rename(columns=READER_COLUMNS))


def left_table(df: pd.DataFrame) -> pd.io.formats.style.Styler:
    """A table of words as the report shows it: no index, left-aligned, top-aligned cells."""
    return (
        table(df)
        .set_properties(**{"text-align": "left", "vertical-align": "top"})
        .set_table_styles([{"selector": "th", "props": [("text-align", "left")]}])
    )


def _cell(s) -> str:
    return str(s).replace("|", "\\|").replace("\n", " ")


def to_markdown(rows: list[dict]) -> str:
    """The verdict table in Markdown (reports/scorecard.md)."""
    lines = [
        "| Claim | What the essay says | What the data say | Verdict | How sure | Why |",
        "|---|---|---|---|---|---|",
    ]
    for r in rows:
        lines.append(
            f"| {r['claim']} | {_cell(r['text'])} | {_cell(r.get('finding', ''))} | **{r['verdict']}** | "
            f"{_cell(sureness(r))} | {_cell(r['reason'])} |"
        )
    return "\n".join(lines) + "\n"
