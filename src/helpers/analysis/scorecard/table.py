"""The claims scorecard: every claim C1-C12 with its measure, estimate and verdict from the analysis
notebooks' recorded results. Pure functions; ``00_scorecard.ipynb`` calls them.

A claim whose notebook failed or was not run is "not evaluated", never guessed.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

from helpers.core import paths
from helpers.core.verdicts import SCORECARD_STATES, TESTED

VERDICTS = SCORECARD_STATES


@dataclass(frozen=True)
class Claim:
    id: str
    text: str            # paraphrase with the short quoted fragment that carries the figure
    notebook: str | None  # owner notebook stem (None: context only)
    measure: str
    estimate_keys: tuple  # recorded results shown as the estimate, in order
    verdict_key: str | None = None
    fixed_verdict: str | None = None
    fixed_reason: str = ""


PARITY, CONC, EXPORT = "01_benchmark_parity", "02_compute_concentration", "03_export_controls"

CLAIMS: tuple[Claim, ...] = (
    Claim("C1", 'Open models have won the model layer and are now the default ("open source won").', PARITY,
          "Gap between the best open and best closed model (Epoch Capabilities Index, Arena) and the lag in "
          "months", ("eci_gap_points_latest", "eci_lag_months", "arena_open_ratio_latest"), "verdict_C1"),
    Claim("C2", 'Llama 4 reaches "90% of GPT-4.5 quality".', PARITY,
          "Llama 4 Maverick as a percentage of GPT-4.5 on every measure one evaluator scored for both",
          ("llama4_share_at_threshold_pct", "llama4_vs_gpt45_pct"), "verdict_C2"),
    Claim("C3", 'DeepSeek V4 "matches frontier performance on most benchmarks".', PARITY,
          "Share of measures on which DeepSeek V4 Pro is within the tolerance of the best closed model",
          ("deepseek_v4_match_share",), "verdict_C3"),
    Claim("C4", 'Two years ago three organizations could train a frontier model; now "any well-funded lab" '
          "can replicate 2024-era capabilities.", PARITY,
          "Organizations with a model above the compute threshold, by year",
          ("orgs_above_compute_threshold",), "verdict_C4"),
    Claim("C5", 'The compute to make models useful "is controlled by five companies" (NVIDIA, TSMC, AWS, '
          "Azure, GCP).", CONC,
          "Concentration per layer: shares, CR-n, HHI; what the named five and the real top five hold",
          ("nvidia_share_h100e_latest", "tsmc_share_latest", "cr3_cloud_latest",
           "hyperscaler3_share_h100e_latest", "top5_owner_share_h100e_latest"), "verdict_C5"),
    Claim("C6", 'Cloud compute is a commodity with "razor margins".', CONC,
          "Cloud operating margins (needs a cited margin series)", (), "verdict_C6"),
    Claim("C7", 'Training DeepSeek V4 cost "$40-60 million"; GPT-4.5 "likely cost 5-10x that".', EXPORT,
          "Cost from training compute x price per chip-hour, and the GPT-4.5 / DeepSeek V4 ratio",
          ("deepseek_v4_cost_usd", "gpt45_to_deepseek_v4_cost_ratio", "gpt45_to_deepseek_v4_compute_ratio"),
          "verdict_C7"),
    Claim("C8", "A non-US lab operating under export controls matched frontier performance.", EXPORT,
          "US vs China: capability lag in months and largest-training-run compute gap",
          ("us_china_capability_lag_months", "us_china_compute_gap_x_latest", "us_china_compute_gap_x_trend"),
          "verdict_C8"),
    Claim("C9", 'The story shifts from "100,000 H100s" to "10,000 H200s and better algorithms".', EXPORT,
          "Compute ratio of the two fleets and the algorithmic gain needed to offset it",
          ("compute_ratio_scenario", "offset_multiplier_needed"), "verdict_C9"),
    Claim("C10", 'Export controls are "a speed bump, not a roadblock".', EXPORT,
          "Delay in months the compute gap imposes, under published uncertainty",
          ("delay_months_median", "prob_speed_bump", "prob_roadblock"), "verdict_C10"),
    Claim("C11", 'Context figures: Android "72%" of smartphones; Meta\'s "3.9 billion users".', None,
          "Outside the scope of this data", (), None, "context only",
          "Background figures for the essay's analogy, not claims about AI compute or models; not tested."),
    Claim("C12", 'Model providers are squeezed on price ("cutting API costs repeatedly").', None,
          "API price at fixed capability over time", (), None, "not testable",
          "Not evaluated in this edition: the collection holds a single Artificial Analysis price snapshot "
          "(2026-08), and a price trend needs dated price series."),
)


SHORT = {"C1": "open models won", "C2": "Llama 4 at 90% of GPT-4.5", "C3": "DeepSeek V4 matches frontier",
         "C4": "any well-funded lab", "C5": "five firms control compute", "C6": "cloud: razor margins",
         "C7": "DeepSeek V4 cost $40-60M", "C8": "non-US lab matched frontier", "C9": "10,000 H200s + algorithms",
         "C10": "controls a speed bump", "C11": "context figures", "C12": "API price squeeze"}


def format_entry(key: str, entry: dict) -> str:
    """One recorded result as short text, as the site shows it: 'key in words: value (interval)'."""
    from helpers.core.text import fmt_value, label
    return f"{label(key)}: {fmt_value(entry, max_items=3)}"


def evaluate(upstream: dict) -> list[dict]:
    """Scorecard rows from the runner's upstream document {notebooks: {stem: {status}}, results: {...}}."""
    status = upstream.get("notebooks", {})
    results = upstream.get("results", {})
    rows = []
    for c in CLAIMS:
        row = {"claim": c.id, "text": c.text, "measure": c.measure, "notebook": c.notebook,
               "anchor": f"claim-{c.id.lower()}", "estimate": "", "verdict": "not evaluated", "reason": ""}
        if c.fixed_verdict:
            row.update(verdict=c.fixed_verdict, reason=c.fixed_reason, notebook=None, anchor=None)
            rows.append(row)
            continue
        st = status.get(c.notebook, {}).get("status", "not run")
        res = results.get(c.notebook, {})
        if st != "ok" or c.verdict_key not in res:
            why = {"failed": "its notebook failed in this run", "not run": "its notebook was not run"}.get(
                st, "its notebook recorded no verdict")
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
    out = {v: 0 for v in VERDICTS}
    for r in rows:
        out[r["verdict"]] = out.get(r["verdict"], 0) + 1
    return {k: v for k, v in out.items() if v}


def summary(rows: list[dict]) -> str:
    """A generated paragraph: how many claims hold, which do not, which were not evaluated."""
    c = counts(rows)
    tested = [r for r in rows if r["verdict"] in TESTED]
    by = lambda v: [r["claim"] for r in rows if r["verdict"] == v]  # noqa: E731
    parts = [f"Of the essay's {len(rows)} claims, {len(tested)} could be tested with the data in this run."]
    for v in TESTED:
        if by(v):
            parts.append(f"{len(by(v))} {'is' if len(by(v)) == 1 else 'are'} {v} ({', '.join(by(v))}).")
    if by("not testable"):
        parts.append(f"{', '.join(by('not testable'))} cannot be tested with this data.")
    if by("context only"):
        parts.append(f"{', '.join(by('context only'))} {'is' if len(by('context only')) == 1 else 'are'} "
                     "context, not tested.")
    if by("not evaluated"):
        parts.append(f"{', '.join(by('not evaluated'))} {'was' if len(by('not evaluated')) == 1 else 'were'} "
                     "not evaluated because the notebook holding the evidence failed or was not run.")
    if not c:
        parts = ["No claim could be evaluated."]
    return " ".join(parts)


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


def to_markdown(rows: list[dict]) -> str:
    """The verdict table in Markdown (reports/scorecard.md)."""
    lines = ["| Claim | What the essay says | Verdict | Estimate | Why |", "|---|---|---|---|---|"]
    for r in rows:
        cell = lambda s: str(s).replace("|", "\\|").replace("\n", " ")  # noqa: E731
        lines.append(f"| {r['claim']} | {cell(r['text'])} | **{r['verdict']}** | {cell(r['estimate'])} | "
                     f"{cell(r['reason'])} |")
    return "\n".join(lines) + "\n"
