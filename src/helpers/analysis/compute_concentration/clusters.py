"""Section 4 of notebook 02: recorded GPU-cluster capacity (Epoch AI, GPU Clusters) by country, with a
bootstrap over clusters, and the inequality of capacity by owner (Lorenz curve, Gini).

The country shares are given under both of Epoch's sets: the "standard analysis" clusters (Epoch's flag,
which drops duplicates and overlapping records) and all recorded clusters; the set chosen by
``clusters_standard_only`` also feeds the figure's Lorenz panel. ``epoch_country_shares`` applies the filter
of Epoch's country insight (Pilz et al.) for the published-figures table."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from helpers.analysis.compute_concentration import measures
from helpers.core.results import make_entry
from helpers.core.uncertainty import interval

__all__ = [
    "FILTERS",
    "Clusters",
    "CountryShares",
    "bootstrap_share",
    "clusters",
    "clusters_at",
    "country_set",
    "country_shares",
    "epoch_country_shares",
    "owner_capacity",
]

# the two cluster sets, keyed as in the result keys (``*_share_cluster_h100e_<key>``)
SHARE_LEVEL = 0.90  # the bootstrap interval of the country shares (the methods note reads it)
FILTERS = {"standard": "Epoch's standard-analysis set", "all": "all recorded clusters"}


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
    """``SHARE_LEVEL`` bootstrap interval of a country's capacity share, resampling clusters (a sampling view of
    which clusters Epoch happened to record; it does not cover systematic undercounts)."""
    rng = np.random.default_rng(seed)
    h = cl["h100e"].to_numpy()
    is_c = (cl["country"].fillna("Unknown") == country).to_numpy()
    idx = rng.integers(0, len(h), size=(n, len(h)))
    s = (h[idx] * is_c[idx]).sum(axis=1) / h[idx].sum(axis=1) * 100
    return interval(s, SHARE_LEVEL)


def owner_capacity(cl: pd.DataFrame) -> pd.Series:
    """Cluster capacity per named owner (clusters without an owner are left out)."""
    return cl.dropna(subset=["owner"]).groupby("owner")["h100e"].sum().sort_values(ascending=False)


def _with_point(band: tuple[float, float], point: float) -> tuple[float, float, float]:
    return point, min(band[0], point), max(band[1], point)


@dataclass(frozen=True)
class CountryShares:
    """The US and Chinese shares of one set of clusters, each (share, 90% bootstrap low, high), percent."""

    key: str  # "standard" or "all"
    n: int  # clusters counted
    h100e: float  # their capacity
    us: tuple[float, float, float]
    china: tuple[float, float, float]

    @property
    def label(self) -> str:
        return FILTERS[self.key]


def country_set(cl: pd.DataFrame, key: str, n: int, seed: int) -> CountryShares:
    """US and Chinese shares of the clusters ``cl`` with bootstrap bands (``seed`` for the US, +1 China)."""
    cty = country_shares(cl)
    us = float(cty["share_pct"].get("United States", 0.0))
    cn = float(cty["share_pct"].get("China", 0.0))
    return CountryShares(
        key=key,
        n=len(cl),
        h100e=float(cl["h100e"].sum()),
        us=_with_point(bootstrap_share(cl, "United States", n, seed), us),
        china=_with_point(bootstrap_share(cl, "China", n, seed + 1), cn),
    )


def epoch_country_shares(
    clusters: pd.DataFrame, as_of: str, n: int, seed: int, start: str = "2019-01-01"
) -> CountryShares:
    """Country shares under the definition of Epoch AI's insight on AI supercomputer performance by country
    (June 2025, after Pilz et al. 2025): every recorded cluster (no standard-analysis filter) with a known
    country, a first operational date from ``start`` to ``as_of`` and a known capacity, existing or since
    decommissioned, shares of the summed capacity. Epoch sums 16-bit FLOP/s; H100e is capacity in units of
    an H100's 16-bit performance."""
    df = clusters[clusters["country"].notna() & clusters["h100e"].notna()]
    df = df[df["status"].isin(["Existing", "Decommissioned"]) & df["first_operational_date"].notna()]
    df = df[(df["first_operational_date"] >= start) & (df["first_operational_date"] <= as_of)]
    return country_set(df, "all", n, seed)


@dataclass(frozen=True, eq=False)
class Clusters:
    q: pd.Timestamp
    standard_only: bool
    cl: pd.DataFrame  # the operational clusters counted (the chosen set)
    countries: pd.DataFrame  # h100e and share_pct by country (the chosen set)
    sets: dict  # {"standard": CountryShares, "all": CountryShares}
    capacity: pd.Series  # capacity per named owner
    lorenz: tuple  # (x, y) of the owners' Lorenz curve
    gini: float
    top10_pct: float  # the ten largest owners' share of owned capacity

    @property
    def chosen(self) -> CountryShares:
        return self.sets["standard" if self.standard_only else "all"]

    @property
    def us(self) -> tuple[float, float, float]:
        return self.chosen.us

    @property
    def china(self) -> tuple[float, float, float]:
        return self.chosen.china

    @property
    def n_without_owner(self) -> int:
        return int(self.cl["owner"].isna().sum())

    def entries(self) -> dict:
        out = {}
        for key, cs in self.sets.items():
            for country, (v, lo, hi) in (("us", cs.us), ("china", cs.china)):
                k = f"{country}_share_cluster_h100e_{key}"
                out[k] = make_entry(
                    k,
                    v,
                    low=lo,
                    high=hi,
                    unit="%",
                    claims=["C5"],
                    note=f"{cs.label}: {cs.n} clusters operational by {self.q:%Y-%m-%d}; 90% bootstrap over "
                    "clusters"
                    + (
                        "; Chinese clusters are undercounted (anonymized systems, Huawei chips, smuggling not "
                        "covered)"
                        if country == "china"
                        else ""
                    ),
                )
        return out


def clusters(inputs, P) -> Clusters:
    sets, frames = {}, {}
    for i, key in enumerate(FILTERS):
        frames[key] = clusters_at(inputs.clusters, inputs.q, key == "standard")
        sets[key] = country_set(frames[key], key, P.n_draws, P.seed + 2 * i)
    cl = frames["standard" if P.clusters_standard_only else "all"]
    cap = owner_capacity(cl)
    return Clusters(
        q=inputs.q,
        standard_only=P.clusters_standard_only,
        cl=cl,
        countries=country_shares(cl),
        sets=sets,
        capacity=cap,
        lorenz=measures.lorenz(cap.to_numpy()),
        gini=measures.gini(cap.to_numpy()),
        top10_pct=float(cap.head(10).sum() / cap.sum() * 100),
    )
