"""Parameters of notebook 02 (compute concentration across the AI stack, claim C5)."""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import field_validator, model_validator

from helpers.core.params import NotebookParams, P

# The names a reader may list in ``named_companies`` and where each one sits in the data:
# layer -> the company's label in that layer's table.
COMPANY_LAYERS = {
    "NVIDIA": {"accelerators": "NVIDIA"},
    "AMD": {"accelerators": "AMD"},
    "Google TPU": {"accelerators": "Google TPU"},
    "Amazon Trainium": {"accelerators": "Amazon Trainium"},
    "TSMC": {"foundry": "TSMC"},
    "Samsung": {"foundry": "Samsung"},
    "SMIC": {"foundry": "SMIC"},
    "AWS": {"cloud": "AWS", "owners": "Amazon"},
    "Azure": {"cloud": "Microsoft", "owners": "Microsoft"},
    "GCP": {"cloud": "Google", "owners": "Google"},
    "Alibaba Cloud": {"cloud": "Alibaba"},
    "Oracle": {"cloud": "Oracle", "owners": "Oracle"},
    "Meta": {"owners": "Meta"},
    "xAI": {"owners": "xAI"},
    "CoreWeave": {"owners": "CoreWeave"},
}
# With ``chips_under_parents``: the chips a named cloud's parent designs, counted as that company's
# accelerators (GCP -> Google's TPU, AWS -> Amazon's Trainium), unless the chip is named itself.
PARENT_CHIPS = {"GCP": "Google TPU", "AWS": "Amazon Trainium"}


class Params(NotebookParams):
    as_of: date | None = P(
        None,
        "the date whose calendar quarter is 'latest' (each layer uses its newest period up to it); "
        "None: the newest quarter in which all four chip designers have complete ownership estimates",
        unit="date",
        ge=date(2023, 1, 1),
    )
    named_companies: list[str] = P(
        ["NVIDIA", "TSMC", "AWS", "Azure", "GCP"],
        "the companies said to control compute (default: the essay's five)",
        unit="names",
    )
    hhi_highly_concentrated: float = P(
        1800.0,
        "HHI above which a market is 'highly concentrated' (2023 US Merger Guidelines: 1,800; "
        "2010 Horizontal Merger Guidelines: 2,500)",
        unit="HHI points",
        gt=0,
        le=10_000,
    )
    hhi_moderately_concentrated: float = P(
        1000.0,
        "HHI from which a market is 'moderately concentrated' (2023: 1,000; 2010: 1,500)",
        unit="HHI points",
        gt=0,
        le=10_000,
    )
    owner_quantile: Literal["p5", "p50", "p95"] = P(
        "p50",
        "which of Epoch's ownership estimates gives the point values (5th percentile, median, 95th)",
        unit="percentile",
    )
    control_share_pct: float = P(
        50.0,
        "share of a layer the named companies in it must hold together to count as controlling it",
        unit="percent",
        gt=0,
        lt=100,
    )
    require_all_highly_concentrated: bool = P(
        True,
        "C5 supported needs, besides every layer controlled, every layer's HHI low bound above "
        "hhi_highly_concentrated (True) or the joint shares alone (False)",
        unit="true/false",
    )
    not_supported_below: float = P(
        0.5,
        "C5 is not supported when fewer than this fraction of the layers are controlled",
        unit="fraction of layers",
        gt=0,
        le=1,
    )
    chips_under_parents: bool = P(
        False,
        "count Google TPU and Amazon Trainium as accelerators of GCP and AWS, under their parents Google "
        "and Amazon (True), or only under the chips' own names (False)",
        unit="true/false",
    )
    top_n_owners: int = P(
        5, "how many of the largest owners of AI compute form the 'real top n'", unit="owners", ge=1, le=8
    )
    accelerator_basis: Literal["stock", "last_4_quarters"] = P(
        "stock",
        "accelerator shares from the cumulative stock (H100e owned) or from the H100e added in the "
        "four quarters up to the latest one",
        unit="choice",
    )
    cap_other_at_smallest_named: bool = P(
        False,
        "upper HHI bound: treat the unallocated share as firms no larger than the smallest named firm "
        "(True) instead of as one firm (False)",
        unit="true/false",
    )
    china_as_one_owner: bool = P(
        False,
        "treat Epoch's 'China' owner bucket (many Chinese firms) as one firm in the owner metrics "
        "(True) or as unallocated (False)",
        unit="true/false",
    )
    exclude_incomplete: bool = P(
        True,
        "skip quarters Epoch flags as incomplete when choosing the latest ownership quarter",
        unit="true/false",
    )
    clusters_standard_only: bool = P(
        True,
        "use only GPU clusters flagged for Epoch's standard analysis (drops duplicates)",
        unit="true/false",
    )
    min_named_firms: int = P(
        3,
        "a market-share period counts (as 'latest' and in the HHI over time) only when its source names at "
        "least this many firms; with fewer, the HHI low bound can miss a large firm",
        unit="firms",
        ge=1,
        le=10,
    )
    n_draws: int = P(
        2000,
        "Monte Carlo draws that carry the owners' 5th-95th percentile bands into the metrics",
        unit="draws",
        ge=100,
        le=100_000,
    )
    seed: int = P(20260415, "random seed of the Monte Carlo draws", unit="seed", ge=0)

    @field_validator("named_companies")
    @classmethod
    def _known_companies(cls, v: list[str]) -> list[str]:
        if not v:
            raise ValueError("must name at least one company")
        unknown = [c for c in v if c not in COMPANY_LAYERS]
        if unknown:
            raise ValueError(f"has unknown name(s) {unknown}; allowed: {', '.join(COMPANY_LAYERS)}")
        if len(set(v)) != len(v):
            raise ValueError("lists a company twice")
        return v

    @model_validator(mode="after")
    def _bands_ordered(self):
        if not self.hhi_moderately_concentrated < self.hhi_highly_concentrated:
            raise ValueError(
                f"hhi_moderately_concentrated ({self.hhi_moderately_concentrated:g}) must be below "
                f"hhi_highly_concentrated ({self.hhi_highly_concentrated:g})"
            )
        return self
