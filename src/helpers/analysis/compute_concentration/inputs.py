"""Notebook 02's inputs in one place: the three tables and the period each layer calls 'latest'."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import pandas as pd

from helpers import data
from helpers.analysis.compute_concentration.periods import DESIGNERS, owner_quarter, share_period
from helpers.core.results import make_entry

__all__ = ["Inputs", "from_tables", "load_inputs"]


@dataclass(frozen=True, eq=False)
class Inputs:
    """The tables (as ``helpers.data.load`` returns them) and the latest period of each layer."""

    owners: pd.DataFrame  # compute_owners: H100e by owner, designer and quarter
    clusters: pd.DataFrame  # gpu_clusters
    shares: pd.DataFrame  # market_shares: cloud, foundry, data-center GPU
    q: pd.Timestamp  # the ownership quarter called 'latest'
    p_cloud: str
    p_foundry: str
    p_gpu: str
    as_of: date | None = None  # the as_of parameter that chose q (None: newest complete quarter)
    min_named: int = 1  # the min_named_firms rule that chose p_cloud and p_foundry
    designers_at_q: tuple[str, ...] = field(default=())

    @property
    def missing_designers(self) -> list[str]:
        return [d for d in DESIGNERS if d not in self.designers_at_q]

    def entries(self) -> dict:
        return {
            "owners_quarter_latest": make_entry(
                "owners_quarter_latest", f"{self.q:%Y-%m-%d}", note="ownership quarter used as 'latest'"
            ),
            "cloud_period_latest": make_entry(
                "cloud_period_latest",
                self.p_cloud,
                note=f"Synergy period used as 'latest' (newest naming at least {self.min_named} firms)",
            ),
            "foundry_period_latest": make_entry(
                "foundry_period_latest",
                self.p_foundry,
                note=f"TrendForce period used as 'latest' (newest naming at least {self.min_named} firms)",
            ),
        }


def from_tables(owners: pd.DataFrame, clusters: pd.DataFrame, shares: pd.DataFrame, P) -> Inputs:
    """Inputs from tables already loaded (tests pass small hand-made ones)."""
    q = owner_quarter(owners, P.as_of, P.exclude_incomplete)
    return Inputs(
        owners=owners,
        clusters=clusters,
        shares=shares,
        q=q,
        p_cloud=share_period(shares, "cloud", q, P.min_named_firms),
        p_foundry=share_period(shares, "foundry", q, P.min_named_firms),
        p_gpu=share_period(shares, "data-center GPU", q),
        as_of=P.as_of,
        min_named=P.min_named_firms,
        designers_at_q=tuple(sorted(owners.loc[owners["quarter_end"] == q, "designer"].unique())),
    )


def load_inputs(P) -> Inputs:
    """Load compute_owners, gpu_clusters and market_shares (validated) and choose the latest periods."""
    return from_tables(data.load("compute_owners"), data.load("gpu_clusters"), data.load("market_shares"), P)
