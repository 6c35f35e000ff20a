"""Section 1 of notebook 02: each layer's shares over time up to the latest quarter, and where Epoch's
designer series start (the ownership and accelerator totals change coverage there, not only the market)."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from helpers.analysis.compute_concentration import owners as ow
from helpers.analysis.compute_concentration.params import COMPANY_LAYERS
from helpers.analysis.compute_concentration.periods import excluded_quarters, period_end

__all__ = ["PANELS", "Trends", "owner_quarters", "shares_over_time", "starts_upto"]

# panel titles of the layer-shares figure, in drawing order
PANELS = {
    "accelerators": "Accelerators: share of H100e stock by designer (Epoch AI)",
    "foundry": "Foundry: share of revenue (TrendForce)",
    "cloud": "Cloud infrastructure services: share of revenue (Synergy)",
    "owners": "AI compute owned: share of H100e by owner (Epoch AI)",
}


@dataclass(frozen=True, eq=False)
class Trends:
    panels: dict  # {panel title: long frame (x, company, share_pct)}
    highlight: frozenset  # labels of the named companies in the data, drawn thick
    starts: pd.DataFrame  # coverage starts up to q (owners.coverage_starts)
    effects: pd.DataFrame  # coverage_effect rows, with a 'panel' column
    first_quarter: pd.Period  # the first quarter of Epoch's ownership data

    @property
    def leaders(self) -> dict:
        """{layer: the row of the largest company at the panel's latest period}."""
        return {
            k: v[v["x"] == v["x"].max()].sort_values("share_pct").iloc[-1]
            for k, v in zip(PANELS, self.panels.values())
        }

    @property
    def marks(self) -> dict:
        """Dotted lines where a designer series starts, on the two panels built from Epoch's owner data."""
        at = list(zip(self.starts["quarter_end"], self.starts["label"]))
        return {PANELS["accelerators"]: at, PANELS["owners"]: at}


def owner_quarters(owners: pd.DataFrame, q: pd.Timestamp, exclude_incomplete: bool) -> list:
    """Ownership quarters up to ``q`` that the time series show (incomplete ones left out if asked)."""
    ex = excluded_quarters(owners, exclude_incomplete)
    return sorted(x for x in owners["quarter_end"].unique() if x <= q and x not in ex)


def starts_upto(owners: pd.DataFrame, q: pd.Timestamp) -> pd.DataFrame:
    starts = ow.coverage_starts(owners)
    return starts[starts["quarter_end"] <= q]


def shares_over_time(inputs, P) -> Trends:
    owners, q = inputs.owners, inputs.q
    keep = owner_quarters(owners, q, P.exclude_incomplete)
    des = ow.designer_series(owners, P.owner_quantile)
    own = ow.owner_series(owners, P.owner_quantile)
    des, own = des[des["quarter_end"].isin(keep)], own[own["quarter_end"].isin(keep)]
    sh = inputs.shares.assign(x=inputs.shares["period"].map(period_end))
    sh = sh[sh["x"] <= q]
    panels = {
        PANELS["accelerators"]: des.rename(columns={"quarter_end": "x", "designer": "company"}),
        PANELS["foundry"]: sh[sh["layer"] == "foundry"],
        PANELS["cloud"]: sh[sh["layer"] == "cloud"],
        PANELS["owners"]: own.rename(columns={"quarter_end": "x", "owner": "company"}),
    }
    starts = starts_upto(owners, q)
    effects = pd.concat(
        [
            ow.coverage_effect(owners, starts, "designer", P.owner_quantile).assign(
                panel="accelerator stock"
            ),
            ow.coverage_effect(owners, starts, "owner", P.owner_quantile).assign(panel="AI compute owned"),
        ]
    )
    highlight = frozenset(label for c in P.named_companies for label in COMPANY_LAYERS[c].values())
    return Trends(
        panels=panels,
        highlight=highlight,
        starts=starts,
        effects=effects,
        first_quarter=owners["quarter_end"].min().to_period("Q"),
    )
