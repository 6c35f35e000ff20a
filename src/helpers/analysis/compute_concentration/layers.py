"""Section 2 of notebook 02: concentration per layer at the latest period (CR-n, HHI ranges, bands,
effective number of firms) and the HHI over time.

Accelerators and AI compute owners come from Epoch's H100e stock; foundry, cloud and the data-center GPU
cross-check from the analysts' published shares. Where part of a market is unallocated the HHI is a
range (``measures.hhi_bounds``); for the owners the range also covers the 90% Monte Carlo band of
Epoch's estimates."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from helpers.analysis.compute_concentration import measures
from helpers.analysis.compute_concentration import owners as ow
from helpers.analysis.compute_concentration.periods import period_end
from helpers.analysis.compute_concentration.trends import owner_quarters, starts_upto
from helpers.core.results import make_entry
from helpers.core.uncertainty import interval

__all__ = [
    "Concentration",
    "HHITrend",
    "concentration",
    "hhi_over_time",
    "layer_shares",
    "metrics_over_time",
    "share_layer",
]


# ------------------------------------------------------------------------- market-share layers


def layer_shares(shares: pd.DataFrame, layer: str, period: str) -> pd.Series:
    rows = shares[(shares["layer"] == layer) & (shares["period"] == period)]
    return rows.set_index("company")["share_pct"].astype(float).sort_values(ascending=False)


def share_layer(named: pd.Series, cap_other: bool = False) -> dict:
    """{named, other_pct, metrics} of a layer from its named firms' shares (percent)."""
    cap = float(named.min()) if cap_other and len(named) else None
    m = measures.layer_metrics(named.to_numpy(), None, cap)
    return {"named": named, "other_pct": m.other_pct, "metrics": m}


def metrics_over_time(shares: pd.DataFrame, layer: str, cap_other: bool = False) -> pd.DataFrame:
    rows = []
    for period, g in shares[shares["layer"] == layer].groupby("period"):
        m = share_layer(g.set_index("company")["share_pct"].astype(float), cap_other)["metrics"]
        rows.append({"period": period, "period_end": period_end(period), **m.as_dict()})
    return pd.DataFrame(rows).sort_values("period_end").reset_index(drop=True)


def high_how(cap_other: bool) -> str:
    """How the upper HHI bound treats the unallocated share (words follow the parameter that sets it)."""
    return "as firms no larger than the smallest named one" if cap_other else "as one firm"


# ------------------------------------------------------------------------- the latest period


@dataclass(frozen=True, eq=False)
class Concentration:
    P: object  # the notebook's parameters (thresholds and choices the prose names)
    q: pd.Timestamp
    p_cloud: str
    p_foundry: str
    p_gpu: str
    designers_at_q: tuple
    pooled: tuple  # owner buckets counted as unallocated
    own: dict  # owners.owner_layer at the chosen percentile
    sim: pd.DataFrame  # owners.simulate_owners draws
    acc_named: pd.Series  # accelerator shares by designer (percent)
    acc: dict
    foundry: dict
    cloud: dict
    gpu: dict
    table: pd.DataFrame  # one row per layer: metrics and bands (owners at the point estimates)

    @property
    def hhi_own(self) -> tuple[float, float]:
        """Owners' HHI range: the unallocated share's extremes widened by the Monte Carlo band."""
        m = self.own["metrics"]
        return min(m.hhi_low, interval(self.sim["hhi_low"])[0]), max(
            m.hhi_high, interval(self.sim["hhi_high"])[1]
        )

    @property
    def nvidia(self) -> tuple[float, float | None, float | None]:
        """NVIDIA's share of tracked H100e with its 90% band (no band on the flow basis)."""
        nv = float(self.acc_named.get("NVIDIA", 0.0))
        if self.P.accelerator_basis != "stock":
            return nv, None, None
        lo, hi = interval(self.sim["share_NVIDIA"])
        return nv, min(lo, nv), max(hi, nv)

    @property
    def stock_basis(self) -> bool:
        """Accelerator shares from the H100e stock (the Monte Carlo's designer shares apply to them)."""
        return self.P.accelerator_basis == "stock"

    @property
    def tsmc(self) -> float:
        return float(self.foundry["named"].get("TSMC", 0.0))

    @property
    def hhi_table(self) -> pd.DataFrame:
        """layer, hhi_low, hhi_high for the HHI-ranges figure (owners with the Monte Carlo range)."""
        t = self.table[["layer", "hhi_low", "hhi_high"]].copy()
        t.loc[t["layer"].str.startswith("AI compute owners"), ["hhi_low", "hhi_high"]] = list(self.hhi_own)
        return t

    def band(self, m) -> str:
        return measures.band_range(
            m.hhi_low, m.hhi_high, self.P.hhi_moderately_concentrated, self.P.hhi_highly_concentrated
        )

    def entries(self) -> dict:
        how = high_how(self.P.cap_other_at_smallest_named)
        c, f, o = self.cloud["metrics"], self.foundry["metrics"], self.own["metrics"]
        own_lo, own_hi = self.hhi_own
        nv, nv_lo, nv_hi = self.nvidia
        basis = self.P.accelerator_basis.replace("_", " ")
        rows = {
            "hhi_cloud_latest": dict(
                value=c.hhi_low,
                low=c.hhi_low,
                high=c.hhi_high,
                unit="HHI points",
                note=f"Synergy {self.p_cloud}; low: unallocated {self.cloud['other_pct']:.0f}% as many small firms, "
                f"high: {how}",
            ),
            "hhi_foundry_latest": dict(
                value=f.hhi_low,
                low=f.hhi_low,
                high=f.hhi_high,
                unit="HHI points",
                note=f"TrendForce {self.p_foundry}; low: unallocated {self.foundry['other_pct']:.1f}% as many small "
                f"firms, high: {how}",
            ),
            "hhi_compute_owners_latest": dict(
                value=o.hhi_low,
                low=own_lo,
                high=own_hi,
                unit="HHI points",
                note=f"Epoch AI owners {self.q:%Y-%m-%d}, {self.P.owner_quantile} estimates; range covers the "
                f"unallocated {self.own['other_pct']:.0f}% (tiny firms .. {how.removeprefix('as ')}) and the "
                "90% Monte Carlo band of the owners' estimates",
            ),
            "cr3_cloud_latest": dict(
                value=c.cr3,
                unit="%",
                note=f"Synergy {self.p_cloud}: {', '.join(self.cloud['named'].index[:3])}",
            ),
            "tsmc_share_latest": dict(
                value=self.tsmc, unit="%", note=f"TrendForce {self.p_foundry}, share of foundry revenue"
            ),
            "nvidia_share_h100e_latest": dict(
                value=nv,
                low=nv_lo,
                high=nv_hi,
                unit="%",
                note=f"NVIDIA share of tracked H100e ({basis}) at {self.q:%Y-%m-%d}, designers tracked: "
                f"{', '.join(self.designers_at_q)}",
            ),
        }
        return {k: make_entry(k, r.pop("value"), claims=["C5"], **r) for k, r in rows.items()}


def _parts(memo: dict | None, inputs):
    """``part(key, compute)``: ``compute()``, kept in ``memo`` under the inputs and ``key`` when given."""
    if memo is None:
        return lambda key, compute: compute()

    def part(key, compute):
        k = (id(inputs), *key)  # the caller holds the inputs while it holds the memo, so the id stays theirs
        if k not in memo:
            memo[k] = compute()
        return memo[k]

    return part


def concentration(inputs, P, memo: dict | None = None) -> Concentration:
    """Every layer's concentration at its latest period, and the owners' Monte Carlo.

    ``memo`` (the specification grid's, ``alternatives``) keeps each part under the parameters it reads, so
    specifications that differ in one choice recompute only the parts that read it; the parts are read,
    never changed, by what uses the result."""
    part = _parts(memo, inputs)
    cap = P.cap_other_at_smallest_named
    q = inputs.q
    pooled = ow.pooled(P.china_as_one_owner)
    rows_q = part(("rows", P.owner_quantile), lambda: ow.stock_at(inputs.owners, q, P.owner_quantile))
    own = part(
        ("owners", P.owner_quantile, pooled, cap), lambda: ow.owner_layer(ow.by_owner(rows_q), pooled, cap)
    )
    sim = part(
        ("sim", P.owner_quantile, P.n_draws, P.seed, pooled, P.top_n_owners, cap),
        lambda: ow.simulate_owners(rows_q, P.n_draws, P.seed, pooled, P.top_n_owners, cap_other=cap),
    )
    acc_h100e = (
        ow.by_designer(rows_q)
        if P.accelerator_basis == "stock"
        else part(("added", P.owner_quantile), lambda: ow.designer_added(inputs.owners, q, P.owner_quantile))
    )
    acc_named = pd.Series(measures.shares(acc_h100e.to_numpy()), index=acc_h100e.index)
    acc = share_layer(acc_named, cap)
    foundry, cloud, gpu = (
        part(
            ("layer", layer, period, cap),
            lambda layer=layer, period=period: share_layer(layer_shares(inputs.shares, layer, period), cap),
        )
        for layer, period in (
            ("foundry", inputs.p_foundry),
            ("cloud", inputs.p_cloud),
            ("data-center GPU", inputs.p_gpu),
        )
    )
    layers = {
        f"Accelerators ({P.accelerator_basis.replace('_', ' ')}, {q:%Y-%m})": acc,
        f"Foundry ({inputs.p_foundry})": foundry,
        f"Cloud ({inputs.p_cloud})": cloud,
        f"AI compute owners ({q:%Y-%m})": own,
        f"Data-center GPUs, units ({inputs.p_gpu}, cross-check)": gpu,
    }
    table = pd.DataFrame(
        [{"layer": k, "top firm": v["named"].index[0], **v["metrics"].as_dict()} for k, v in layers.items()]
    )
    for col, bound in (("band (low)", "hhi_low"), ("band (high)", "hhi_high")):
        table[col] = [
            measures.band(h, P.hhi_moderately_concentrated, P.hhi_highly_concentrated) for h in table[bound]
        ]
    return Concentration(
        P=P,
        q=q,
        p_cloud=inputs.p_cloud,
        p_foundry=inputs.p_foundry,
        p_gpu=inputs.p_gpu,
        designers_at_q=inputs.designers_at_q,
        pooled=pooled,
        own=own,
        sim=sim,
        acc_named=acc_named,
        acc=acc,
        foundry=foundry,
        cloud=cloud,
        gpu=gpu,
        table=table,
    )


# ------------------------------------------------------------------------- over time


@dataclass(frozen=True, eq=False)
class HHITrend:
    P: object
    over: pd.DataFrame  # x, hhi_low, hhi_high, layer (one row per period and layer drawn)
    dropped: list  # periods left out because their source names fewer than P.min_named_firms firms
    starts: pd.DataFrame  # coverage starts of Epoch's designer series up to q

    def _layer(self, name: str) -> pd.DataFrame:
        return self.over[self.over["layer"] == name].sort_values("x")

    @property
    def cloud_ends(self) -> tuple[pd.Series, pd.Series]:
        """The first and last cloud rows drawn."""
        c = self._layer("Cloud (Synergy)")
        return c.iloc[0], c.iloc[-1]

    @property
    def foundry_min(self) -> float:
        return float(self._layer("Foundry (TrendForce)")["hhi_low"].min())


def hhi_over_time(inputs, P) -> HHITrend:
    """HHI ranges of cloud, foundry and AI compute owners per period up to q. Periods whose source names
    fewer than ``P.min_named_firms`` firms are dropped, by the same rule that picks each layer's latest
    period (``periods.share_period``), so the chart ends where the verdict's numbers come from."""
    cap = P.cap_other_at_smallest_named
    min_named = P.min_named_firms
    q = inputs.q
    sh = inputs.shares[inputs.shares["period"].map(period_end) <= q]
    over, dropped = [], []
    for layer, lab in (("cloud", "Cloud (Synergy)"), ("foundry", "Foundry (TrendForce)")):
        m = metrics_over_time(sh, layer, cap)
        dropped += [f"{lab.split(' (')[0].lower()} {p}" for p in m.loc[m["n_named"] < min_named, "period"]]
        m = m[m["n_named"] >= min_named]
        over.append(m.assign(layer=lab, x=m["period_end"]))
    pooled = ow.pooled(P.china_as_one_owner)
    own_rows = []
    for qq in owner_quarters(inputs.owners, q, P.exclude_incomplete):
        o = ow.owner_layer(ow.by_owner(ow.stock_at(inputs.owners, qq, P.owner_quantile)), pooled, cap)
        own_rows.append(
            {
                "x": qq,
                "hhi_low": o["metrics"].hhi_low,
                "hhi_high": o["metrics"].hhi_high,
                "layer": "AI compute owners (Epoch)",
            }
        )
    over.append(pd.DataFrame(own_rows))
    return HHITrend(
        P=P, over=pd.concat(over, ignore_index=True), dropped=dropped, starts=starts_upto(inputs.owners, q)
    )
