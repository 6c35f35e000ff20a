"""Section 4 of notebook 02: recorded GPU-cluster capacity (Epoch AI, GPU Clusters) by country, with a
bootstrap over clusters, and the inequality of capacity by owner (Lorenz curve, Gini)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from helpers.analysis.compute_concentration import measures
from helpers.core.results import make_entry
from helpers.core.uncertainty import interval

__all__ = ["Clusters", "bootstrap_share", "clusters", "clusters_at", "country_shares", "owner_capacity"]


def clusters_at(clusters: pd.DataFrame, q: pd.Timestamp, standard_only: bool = True) -> pd.DataFrame:
    """Operational clusters at ``q``: existing (or later decommissioned) clusters with a first operational
    date on or before ``q`` and a known capacity."""
    df = clusters
    if standard_only:
        df = df[df["standard_analysis"]]
    df = df[df["status"].isin(["Existing", "Decommissioned"]) & df["h100e"].notna()]
    return df[df["first_operational_date"].notna() & (df["first_operational_date"] <= q)]


def country_shares(cl: pd.DataFrame) -> pd.DataFrame:
    t = cl.assign(country=cl["country"].fillna("Unknown")).groupby("country")["h100e"].sum()
    return pd.DataFrame({"h100e": t, "share_pct": t / t.sum() * 100}).sort_values("h100e", ascending=False)


def bootstrap_share(cl: pd.DataFrame, country: str, n: int, seed: int) -> tuple[float, float]:
    """90% bootstrap interval of a country's capacity share, resampling clusters (a sampling view of
    which clusters Epoch happened to record; it does not cover systematic undercounts)."""
    rng = np.random.default_rng(seed)
    h = cl["h100e"].to_numpy()
    is_c = (cl["country"].fillna("Unknown") == country).to_numpy()
    idx = rng.integers(0, len(h), size=(n, len(h)))
    s = (h[idx] * is_c[idx]).sum(axis=1) / h[idx].sum(axis=1) * 100
    return interval(s)


def owner_capacity(cl: pd.DataFrame) -> pd.Series:
    """Cluster capacity per named owner (clusters without an owner are left out)."""
    return cl.dropna(subset=["owner"]).groupby("owner")["h100e"].sum().sort_values(ascending=False)


@dataclass(frozen=True, eq=False)
class Clusters:
    q: pd.Timestamp
    standard_only: bool
    cl: pd.DataFrame  # the operational clusters counted
    countries: pd.DataFrame  # h100e and share_pct by country
    us: tuple[float, float, float]  # share, 90% bootstrap band
    china: tuple[float, float, float]
    capacity: pd.Series  # capacity per named owner
    lorenz: tuple  # (x, y) of the owners' Lorenz curve
    gini: float
    top10_pct: float  # the ten largest owners' share of owned capacity

    @property
    def n_without_owner(self) -> int:
        return int(self.cl["owner"].isna().sum())

    def entries(self) -> dict:
        us, us_lo, us_hi = self.us
        cn, cn_lo, cn_hi = self.china
        return {
            "us_share_cluster_h100e": make_entry(
                "us_share_cluster_h100e",
                us,
                low=min(us_lo, us),
                high=max(us_hi, us),
                unit="%",
                claims=["C5"],
                note=f"{len(self.cl)} clusters operational by {self.q:%Y-%m-%d}; 90% bootstrap over clusters",
            ),
            "china_share_cluster_h100e": make_entry(
                "china_share_cluster_h100e",
                cn,
                low=min(cn_lo, cn),
                high=max(cn_hi, cn),
                unit="%",
                claims=["C5"],
                note="Chinese clusters are undercounted (anonymized systems, Huawei chips, smuggling not covered)",
            ),
        }


def clusters(inputs, P) -> Clusters:
    cl = clusters_at(inputs.clusters, inputs.q, P.clusters_standard_only)
    cty = country_shares(cl)
    us = float(cty["share_pct"].get("United States", 0.0))
    cn = float(cty["share_pct"].get("China", 0.0))
    cap = owner_capacity(cl)
    return Clusters(
        q=inputs.q,
        standard_only=P.clusters_standard_only,
        cl=cl,
        countries=cty,
        us=(us, *bootstrap_share(cl, "United States", P.n_draws, P.seed)),
        china=(cn, *bootstrap_share(cl, "China", P.n_draws, P.seed + 1)),
        capacity=cap,
        lorenz=measures.lorenz(cap.to_numpy()),
        gini=measures.gini(cap.to_numpy()),
        top10_pct=float(cap.head(10).sum() / cap.sum() * 100),
    )
