"""The run's specification grid, as the scorecard reads it: every tested claim's verdict under every
declared combination of defensible analyst choices (``runner.robustness`` writes robustness.json with a
summary per claim and robustness.csv with one row per specification).

``load_grid`` reads both; ``Grid.table()`` is the reader's table (how many specifications agree, the most
influential choice); ``Grid.curve(claim)`` the ordered specifications a specification-curve figure draws.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from helpers.core.results import make_entry
from helpers.core.text import label, setting
from helpers.core.verdicts import TESTED


@dataclass(frozen=True)
class Grid:
    summaries: dict  # claim -> robustness.json's summary (default, n_specs, agree, shares, flipped_by, ...)
    specs: pd.DataFrame  # notebook, claim, spec, changes (dict of param -> value), verdict

    @property
    def claims(self) -> list[str]:
        return sorted(self.summaries, key=lambda c: int(c[1:]))

    def fragile(self) -> list[str]:
        return [c for c in self.claims if self.summaries[c]["fragile"]]

    def table(self) -> pd.DataFrame:
        """One row per claim: the default verdict, how many specifications agree, and the single choice
        that moves the verdict in the largest share of specifications (if any flips it alone)."""
        out = []
        for c in self.claims:
            s = self.summaries[c]
            f = s["flipped_by"][0] if s["flipped_by"] else None
            out.append(
                {
                    "Claim": c,
                    "Default verdict": s["default"],
                    "Specifications agreeing": f"{s['agree']:,} of {s['n_specs']:,} ({s['agree'] / s['n_specs']:.0%})",
                    "Other verdicts": ", ".join(
                        f"{v}: {n:,}" for v, n in s["shares"].items() if v != s["default"]
                    )
                    or "none",
                    "Fragile": "yes" if s["fragile"] else "no",
                    "Most influential single choice": (
                        f"{setting(f['param'], f['value'])} gives {f['verdict']}" if f else "none flips it"
                    ),
                    "Why a referee could choose it": f["reason"] if f else "",
                    "Choices varied": len(s.get("choices", [])),
                    "Sampled": "yes" if s.get("sampled") else "full grid",
                }
            )
        return pd.DataFrame(out)

    def influence(self) -> pd.DataFrame:
        """Per analyst choice (and alternative value): the claims it flips on its own, most claims first."""
        flips: dict[tuple[str, str], list[str]] = {}
        for c in self.claims:
            for f in self.summaries[c]["flipped_by"]:
                flips.setdefault((f["param"], json.dumps(f["value"])), []).append(c)
        rows = [
            {"Choice": label(p), "Alternative": v, "Claims it flips alone": ", ".join(cs), "Count": len(cs)}
            for (p, v), cs in flips.items()
        ]
        df = pd.DataFrame(rows, columns=["Choice", "Alternative", "Claims it flips alone", "Count"])
        return df.sort_values(["Count", "Choice", "Alternative"], ascending=[False, True, True]).reset_index(
            drop=True
        )

    def curve(self, claim: str) -> tuple[pd.DataFrame, list[str]]:
        """The claim's specifications in the order a specification curve draws them (the default first
        within its verdict; verdicts in the vocabulary's order; then fewer changes first), and the choices
        varied. Columns: verdict, n_changes, is_default and one boolean column per choice (changed)."""
        s = self.summaries[claim]
        choices = list(s.get("choices", []))
        df = self.specs[self.specs["claim"] == claim].copy()
        df["n_changes"] = [len(ch) for ch in df["changes"]]
        df["is_default"] = df["n_changes"] == 0
        for p in choices:
            df[p] = [p in ch for ch in df["changes"]]
        order = {v: i for i, v in enumerate(TESTED)}
        df["_v"] = df["verdict"].map(lambda v: order.get(v, len(order)))
        df = df.sort_values(["_v", "is_default", "n_changes", "spec"], ascending=[True, False, True, True])
        return df.drop(columns="_v").reset_index(drop=True), choices

    def entry(self) -> dict:
        """What the scorecard records about the grid: per claim, specifications, agreement, fragility."""
        value = {
            c: {
                "default": s["default"],
                "n_specs": s["n_specs"],
                "agree": s["agree"],
                "fragile": s["fragile"],
                "flipped_by": [f"{f['param']}={json.dumps(f['value'])}" for f in s["flipped_by"]],
            }
            for c, s in ((c, self.summaries[c]) for c in self.claims)
        }
        n = sum(v["n_specs"] for v in value.values())
        return make_entry(
            "robustness",
            value,
            unit="specifications per claim",
            claims=self.claims,
            note=f"{n:,} specifications; fragile: {', '.join(self.fragile()) or 'none'}",
        )


def load_grid(doc: dict | None, csv_path: str | Path | None) -> Grid | None:
    """The grid from robustness.json's document and robustness.csv; None when the run has none."""
    if not doc or not doc.get("claims") or not csv_path or not Path(csv_path).is_file():
        return None
    specs = pd.read_csv(csv_path, dtype={"changes": str})
    specs["changes"] = [json.loads(c) for c in specs["changes"]]
    return Grid(summaries=doc["claims"], specs=specs)
