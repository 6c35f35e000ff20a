"""Chips against the US export-control rules: which thresholds each chip meets, and whether it could be
sold to China after each rule or decision (the status timeline)."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

__all__ = ["ChipRules", "chips_against_rules", "classify_chips", "export_status_timeline"]

THRESHOLD_COLUMNS = [
    "tpp_min",
    "tpp_max",
    "performance_density_min",
    "performance_density_max",
    "interconnect_min_gb_s",
    "memory_bandwidth_max_gb_s",
]


def _clause_hits(chips: pd.DataFrame, clause: pd.Series) -> pd.Series:
    """Per chip: True (meets every threshold), False (fails one), or NA (a needed value is missing)."""
    spec = [
        ("tpp", "tpp_min", "ge"),
        ("tpp", "tpp_max", "lt"),
        ("performance_density", "performance_density_min", "ge"),
        ("performance_density", "performance_density_max", "lt"),
        ("interconnect_gb_s", "interconnect_min_gb_s", "ge"),
        ("memory_bandwidth_gb_s", "memory_bandwidth_max_gb_s", "lt"),
    ]
    ok = pd.Series(True, index=chips.index, dtype="boolean")
    for col, thr, op in spec:
        t = clause.get(thr)
        if t is None or pd.isna(t):
            continue
        v = chips[col].astype(float)
        res = (v >= t) if op == "ge" else (v < t)
        res = res.astype("boolean").mask(v.isna())
        ok = ok & res  # Kleene logic: False & NA = False, True & NA = NA
    return ok


def classify_chips(chips: pd.DataFrame, rules: pd.DataFrame) -> pd.DataFrame:
    """Each chip against each threshold rule (effect licence_required with thresholds, or case_by_case_review).

    Returns one row per chip and rule_id with ``caught`` (True / False / NA when a needed spec is missing)
    and the clause(s) that caught it."""
    rules = rules[rules[THRESHOLD_COLUMNS].notna().any(axis=1)]
    out = []
    for rule_id, grp in rules.groupby("rule_id", sort=False):
        hits = [(_clause_hits(chips, c), c["clause"]) for _, c in grp.iterrows()]
        any_hit = pd.Series(False, index=chips.index, dtype="boolean")
        for h, _ in hits:
            any_hit = any_hit | h
        for i, chip in chips["chip"].items():
            clauses = [
                name for h, name in hits if h.loc[i] is True or (pd.notna(h.loc[i]) and bool(h.loc[i]))
            ]
            out.append(
                {
                    "chip": chip,
                    "rule_id": rule_id,
                    "date": grp["date"].iloc[0],
                    "effect": grp["effect"].iloc[0],
                    "caught": any_hit.loc[i],
                    "clauses": ", ".join(clauses),
                }
            )
    return pd.DataFrame(out)


def export_status_timeline(chips: pd.DataFrame, rules: pd.DataFrame) -> pd.DataFrame:
    """Whether each chip could be sold to China after each rule or decision, in date order.

    Status values: 'allowed', 'licence required', 'allowed (revenue share)', 'case-by-case review',
    'unknown' (a needed spec is missing), and 'not a US export' for chips designed and made in China."""
    cls = classify_chips(chips, rules)
    events = rules.sort_values(["date", "rule_id", "clause"]).drop_duplicates("rule_id")[
        ["rule_id", "date", "effect"]
    ]
    status = {c: "allowed" for c in chips["chip"]}
    chinese = set(chips.loc[chips["designer"].isin(["Huawei"]), "chip"])
    rows = []
    for ev in events.itertuples(index=False):
        rule_rows = rules[rules["rule_id"] == ev.rule_id]
        named = set()
        for s in rule_rows["chips_named"].dropna():
            named |= {x.strip() for x in str(s).split(";") if x.strip()}
        c = cls[cls["rule_id"] == ev.rule_id].set_index("chip")
        for chip in chips["chip"]:
            if chip in chinese:
                status[chip] = "not a US export"
            elif ev.effect == "licence_required" and named:
                if chip in named:
                    status[chip] = "licence required"
            elif ev.effect == "licence_required":
                caught = c.loc[chip, "caught"] if chip in c.index else pd.NA
                status[chip] = "unknown" if pd.isna(caught) else ("licence required" if caught else "allowed")
            elif ev.effect == "exports_allowed":
                if chip in named:
                    status[chip] = "allowed (revenue share)"
            elif ev.effect == "case_by_case_review":
                caught = c.loc[chip, "caught"] if chip in c.index else pd.NA
                if status[chip] == "licence required" and pd.notna(caught) and caught:
                    status[chip] = "case-by-case review"
            rows.append({"rule_id": ev.rule_id, "date": ev.date, "chip": chip, "status": status[chip]})
    return pd.DataFrame(rows)


@dataclass(frozen=True)
class ChipRules:
    """The chips against the rules: the status timeline and what it says about the 2022 and 2023 rules and
    the latest decision."""

    chips: pd.DataFrame
    rules: pd.DataFrame
    timeline: pd.DataFrame
    escaped_2022: list  # allowed under the October 2022 rule
    caught_2023: list  # ... of those, caught by the October 2023 rule
    sellable_now: list  # allowed after the latest decision
    final: pd.Series  # chip -> status after the latest decision

    @property
    def specs(self) -> pd.DataFrame:
        """The chips table indexed by chip name."""
        return self.chips.set_index("chip")

    @property
    def latest_rule(self) -> pd.Series:
        return self.rules.sort_values("date").iloc[-1]

    @property
    def sellable_by_designer(self) -> dict:
        """{designer: [chips that may be sold now]}, in the order of ``sellable_now``."""
        designer_of = self.specs["designer"]
        out: dict = {}
        for c in self.sellable_now:
            out.setdefault(designer_of[c], []).append(c)
        return out

    @property
    def sale_conditions(self) -> list:
        """Per sellable chip, the condition of its sale ("" for none), e.g. "revenue share"."""
        return [self.final[c].removeprefix("allowed").strip(" ()") for c in self.sellable_now]

    @property
    def first_memory_rule(self) -> pd.Series | None:
        """The first rule with a memory-bandwidth threshold, None if no rule has one."""
        mem = self.rules.dropna(subset=["memory_bandwidth_max_gb_s"]).sort_values("date")
        return None if mem.empty else mem.iloc[0]


def chips_against_rules(inputs) -> ChipRules:
    """Every chip of the chips table against every rule of the export_controls table."""
    chips, rules = inputs.chips, inputs.rules
    timeline = export_status_timeline(chips, rules)
    grid = timeline.pivot(index="chip", columns="rule_id", values="status")
    final = timeline[timeline["date"] == timeline["date"].max()].set_index("chip")["status"]
    escaped_2022 = sorted(c for c in grid.index if grid.loc[c, "bis_2022_10"] == "allowed")
    caught_2023 = sorted(c for c in escaped_2022 if grid.loc[c, "bis_2023_10"] == "licence required")
    sellable_now = sorted(final.index[final.str.startswith("allowed")])
    return ChipRules(
        chips=chips,
        rules=rules,
        timeline=timeline,
        escaped_2022=escaped_2022,
        caught_2023=caught_2023,
        sellable_now=sellable_now,
        final=final,
    )
