"""The US-China gap on the Arena (claim C8, alongside the ECI): organizations mapped to countries through
Epoch AI's models table, and the best rating per snapshot and country in notebook 01's comparable spans."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from helpers.data.arena import select_arena

__all__ = ["ArenaGap", "arena_best_by_country", "arena_country_coverage", "arena_gap", "org_country_map"]

MAX_HOLE_DAYS = 45  # a hole longer than this within a span breaks the line


def _norm_org(s: str) -> str:
    return "".join(ch for ch in str(s).lower() if ch.isalnum())


def _prefix_match(a: str, b: str) -> bool:
    """One name starts with the other, and the longer one does not continue with a digit ('ai2' != 'ai21')."""
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    return long_.startswith(short) and (len(long_) == len(short) or not long_[len(short)].isdigit())


def org_country_map(orgs, models: pd.DataFrame) -> dict:
    """Country of each organization name (e.g. Arena's 'deepseek', 'Alibaba') from Epoch's models table.

    An organization matches the models' single-organization entries whose normalized name starts with it
    (or that it starts with), at least 3 characters; the country is the majority among the matches, kept
    only when at least 80% of them agree. Unmatched names are left out."""
    m = models[~models["organization"].astype(str).str.contains(",")]
    # Epoch writes some labs with their other name in parentheses ('Z.ai (Zhipu AI)'): index both names
    alias = m["organization"].astype(str).str.extract(r"\(([^()]+)\)\s*$")[0]
    both = pd.concat(
        [
            m.assign(_name=m["organization"].map(_norm_org)),
            m[alias.notna()].assign(_name=alias.dropna().map(_norm_org)),
        ]
    )
    names = {n: s for n, s in both.groupby("_name")["country"]}
    out = {}
    for org in pd.unique(pd.Series(list(orgs)).dropna()):
        key = _norm_org(org)
        if len(key) < 3:
            continue
        hits = [s for n, s in names.items() if len(n) >= 3 and _prefix_match(key, n)]
        if not hits:
            continue
        counts = pd.concat(hits).value_counts()
        if counts.iloc[0] / counts.sum() >= 0.8:
            out[org] = counts.index[0]
    return out


def arena_best_by_country(
    arena: pd.DataFrame,
    org_country: dict,
    countries=("US", "China"),
    category: str = "overall",
    style_control: bool = True,
    selected: bool = False,
    max_hole_days: int = MAX_HOLE_DAYS,
) -> pd.DataFrame:
    """Best Arena rating per snapshot and country, with the rating interval, in notebook 01's comparable spans.

    Rows are chosen as in ``helpers.data.arena.select_arena`` (every source; the 2026 official board in ``category`` with
    or without style control), unless ``selected`` says ``arena`` is already such a selection. Ratings are
    compared only within a snapshot of one span (scale_segment). Columns: snapshot_date, scale_segment, the
    best rating and its bounds and model per country, gap_points (leader minus follower), intervals_overlap,
    unmapped_above (a model whose organization has no country is rated above the follower's best, so the
    follower's best may be missed) and line (a new id per span and after holes over ``max_hole_days``)."""
    a = (arena if selected else select_arena(arena, category=category, style_control=style_control)).copy()
    a["country"] = a["organization"].map(org_country)
    a = a.dropna(subset=["rating"])
    unm = (
        a[a["country"].isna()]
        .groupby(["snapshot_date", "scale_segment"])["rating"]
        .max()
        .rename("unmapped_best")
    )
    a = a[a["country"].isin(countries)]
    cols = ["snapshot_date", "scale_segment"]
    if a.empty:
        return pd.DataFrame(columns=cols + ["gap_points", "intervals_overlap", "unmapped_above", "line"])
    idx = a.groupby(["snapshot_date", "scale_segment", "country"])["rating"].idxmax()
    best = a.loc[
        idx, ["snapshot_date", "scale_segment", "country", "model", "rating", "rating_lower", "rating_upper"]
    ]
    wide = best.pivot_table(
        index=cols,
        columns="country",
        values=["model", "rating", "rating_lower", "rating_upper"],
        aggfunc="first",
    )
    wide.columns = [f"{v}_{c}" for v, c in wide.columns]
    wide = wide.reset_index().dropna(subset=[f"rating_{c}" for c in countries])
    for c in countries:
        for v in ("rating", "rating_lower", "rating_upper"):
            wide[f"{v}_{c}"] = pd.to_numeric(wide[f"{v}_{c}"], errors="coerce")
    lead, fol = countries
    wide["gap_points"] = wide[f"rating_{lead}"] - wide[f"rating_{fol}"]
    # intervals overlap: the follower's upper bound reaches the leader's lower bound
    wide["intervals_overlap"] = wide[f"rating_upper_{fol}"] >= wide[f"rating_lower_{lead}"]
    wide = wide.merge(unm.reset_index(), on=cols, how="left")
    wide["unmapped_above"] = wide["unmapped_best"].notna() & (wide["unmapped_best"] > wide[f"rating_{fol}"])
    wide = wide.drop(columns="unmapped_best").sort_values(["scale_segment", "snapshot_date"])
    new = (wide["scale_segment"] != wide["scale_segment"].shift()) | (
        wide["snapshot_date"].diff().dt.days > max_hole_days
    )
    wide["line"] = new.cumsum()
    return wide.sort_values(["snapshot_date", "scale_segment"]).reset_index(drop=True)


def arena_country_coverage(arena_sel: pd.DataFrame, org_country: dict) -> dict:
    """How much of an Arena selection the organization -> country map covers: rows, rows without an
    organization, rows whose organization has no country, and those organizations (most rows first)."""
    org = arena_sel["organization"]
    no_org = org.isna()
    unmapped = ~no_org & ~org.isin(list(org_country))
    by_org = org[unmapped].value_counts()
    return {
        "rows": len(arena_sel),
        "rows_no_organization": int(no_org.sum()),
        "rows_unmapped": int(unmapped.sum()),
        "orgs_unmapped": list(by_org.index),
        "rows_mapped": int(len(arena_sel) - no_org.sum() - unmapped.sum()),
    }


@dataclass(frozen=True)
class ArenaGap:
    """The best US and Chinese Arena ratings per snapshot (``best``: ``arena_best_by_country``), with how
    many rows the organization -> country map covers. ``available`` is False when the Arena table is
    missing or no snapshot has both a US and a Chinese model."""

    P: object
    best: pd.DataFrame | None
    org_country: dict
    coverage: dict

    @property
    def available(self) -> bool:
        return self.best is not None and len(self.best) > 0

    @property
    def last(self) -> pd.Series:
        return self.best.iloc[-1]

    @property
    def china_leads(self) -> bool:
        return not self.last["gap_points"] > 0

    @property
    def share_overlap(self) -> float:
        """Share of the last year's snapshots in which the two leaders' rating intervals overlap."""
        ab = self.best
        year_ago = ab["snapshot_date"] >= ab["snapshot_date"].max() - pd.DateOffset(years=1)
        return float(ab.loc[year_ago, "intervals_overlap"].mean())

    @property
    def spans(self) -> pd.DataFrame:
        """First and last snapshot and the number of snapshots per comparable span, oldest span first."""
        return (
            self.best.groupby("scale_segment")["snapshot_date"].agg(["min", "max", "size"]).sort_values("min")
        )

    @property
    def n_holes(self) -> int:
        return int(self.best.groupby("scale_segment")["line"].nunique().sum() - len(self.spans))

    @property
    def n_hidden(self) -> int:
        """Snapshots in which an unmapped model is rated above the best mapped Chinese model."""
        return int(self.best["unmapped_above"].sum())


def arena_gap(inputs, P) -> ArenaGap:
    """The Arena rows of notebook 01 (``select_arena``: every source in its published view, the 2026 official
    board in ``P.arena_category`` with or without style control) up to the as-of date, by country."""
    if inputs.arena is None:
        return ArenaGap(P=P, best=None, org_country={}, coverage={})
    sel = select_arena(
        inputs.arena, category=P.arena_category, style_control=P.arena_style_control, as_of=inputs.as_of
    )
    org_country = org_country_map(sel["organization"].dropna().unique(), inputs.models)
    return ArenaGap(
        P=P,
        best=arena_best_by_country(sel, org_country, selected=True),
        org_country=org_country,
        coverage=arena_country_coverage(sel, org_country),
    )
