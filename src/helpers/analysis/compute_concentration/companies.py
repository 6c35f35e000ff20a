"""Section 3 of notebook 02: the named companies' shares of their own layers (the named clouds taken
together, as the essay does), the cloud parents' share of AI compute owned, and the real top owners."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from helpers.analysis.compute_concentration.owners import HYPERSCALERS
from helpers.analysis.compute_concentration.params import COMPANY_LAYERS, PARENT_CHIPS
from helpers.core.results import make_entry
from helpers.core.uncertainty import interval

__all__ = ["LAYERS", "PARENTS", "NamedCompanies", "accelerator_views", "company_layers", "named_companies"]

LAYERS = ("accelerators", "foundry", "cloud", "owners")  # the layers C5 is judged on, in this order
# the firm behind each chip designer's label in Epoch's data (TPU and Trainium are Google's and Amazon's)
PARENTS = {"Google TPU": "Google", "Amazon Trainium": "Amazon"}


@dataclass(frozen=True, eq=False)
class NamedCompanies:
    P: object
    q: pd.Timestamp
    rows: pd.DataFrame  # company, layer, label in data, period, share_pct
    hyperscalers: tuple[float, float, float]  # the three cloud parents' share of AI compute owned, 90% band
    top: pd.Series  # the real top-n named owners, share (percent)
    top_band: tuple[float, float]
    owner_shares: pd.Series  # every owner's share of the stock (pooled buckets included)
    not_listed: list  # among the eight (or top-n) largest named owners, those the companies do not name
    in_top_not_named: list  # owners in the real top n that the companies do not name
    bands: dict  # {layer: 90% Monte Carlo band of the joint share, or None for published point shares}
    acc_views: pd.DataFrame  # the accelerator layer by designer and with TPU/Trainium under their parents

    @property
    def joint(self) -> pd.Series:
        """The named companies' joint share (percent) per layer they sit in."""
        return self.rows.groupby("layer")["share_pct"].sum()

    @property
    def joint_table(self) -> pd.DataFrame:
        j = self.joint
        return pd.DataFrame(
            {
                "layer": j.index,
                "named companies' joint share (%)": j.round(1).to_numpy(),
                f"clears {self.P.control_share_pct:g}%": (j >= self.P.control_share_pct).to_numpy(),
            }
        )

    @property
    def layers_checked(self) -> list[str]:
        """The layers C5 is judged on: those a named company sits in, and always AI compute ownership."""
        present = set(self.rows["layer"])
        return [lay for lay in LAYERS if lay in present or lay == "owners"]

    @property
    def top_share(self) -> float:
        return float(self.top.sum())

    @property
    def share_table(self) -> pd.DataFrame:
        """The share test's table: each checked layer's joint share with its band, and whether it passes."""
        j = self.joint
        rows = []
        for lay in self.layers_checked:
            share = float(j.get(lay, 0.0))
            band = self.bands.get(lay)
            rows.append(
                {
                    "layer": lay,
                    "named companies": ", ".join(self.rows.loc[self.rows["layer"] == lay, "company"]),
                    "joint share (%)": round(share, 1),
                    "90% band (%)": "–" if band is None else f"{band[0]:.1f}–{band[1]:.1f}",
                    f"≥ {self.P.control_share_pct:g}%": share >= self.P.control_share_pct,
                }
            )
        return pd.DataFrame(rows)

    def entries(self) -> dict:
        h, h_lo, h_hi = self.hyperscalers
        t_lo, t_hi = self.top_band
        return {
            "hyperscaler3_share_h100e_latest": make_entry(
                "hyperscaler3_share_h100e_latest",
                h,
                low=h_lo,
                high=h_hi,
                unit="%",
                claims=["C5"],
                note=f"Microsoft + Amazon + Google share of tracked H100e owned at {self.q:%Y-%m-%d} "
                f"({self.P.owner_quantile}); band: 90% Monte Carlo",
            ),
            "top5_owner_share_h100e_latest": make_entry(
                "top5_owner_share_h100e_latest",
                self.top_share,
                low=t_lo,
                high=t_hi,
                unit="%",
                claims=["C5"],
                note=f"top {self.P.top_n_owners} named owners at {self.q:%Y-%m-%d}: {', '.join(self.top.index)}",
            ),
            **{
                f"named_share_accelerators_{r['key']}": make_entry(
                    f"named_share_accelerators_{r['key']}",
                    r["share_pct"],
                    low=r["low"],
                    high=r["high"],
                    unit="%",
                    claims=["C5"],
                    note=f"the named companies' joint share of tracked H100e, {r['counting']}: "
                    f"{r['counted'] or 'none'}; HHI {r['hhi']:,.0f}",
                )
                for _, r in self.acc_views.iterrows()
            },
        }


def _widen(band: tuple[float, float], point: float) -> tuple[float, float]:
    """A Monte Carlo band widened to contain the point value (the point uses the chosen percentile)."""
    return min(band[0], point), max(band[1], point)


def company_layers(company: str, chips_under_parents: bool = False, named=()) -> dict:
    """Where a named company sits: {layer: its label in that layer's table}. With ``chips_under_parents``,
    GCP and AWS also hold their parents' chips (``PARENT_CHIPS``) unless ``named`` lists the chip itself."""
    out = dict(COMPANY_LAYERS[company])
    chip = PARENT_CHIPS.get(company)
    if chips_under_parents and chip is not None and chip not in named:
        out["accelerators"] = chip
    return out


def _band(sim: pd.DataFrame, cols: list[str], point: float) -> tuple[float, float] | None:
    cols = [c for c in cols if c in sim.columns]
    if not cols:
        return None
    return _widen(interval(sim[cols].sum(axis=1)), point)


def accelerator_views(conc, named_companies) -> pd.DataFrame:
    """The accelerator layer counted two ways: by designer (Epoch's labels) and with Google's TPUs and
    Amazon's Trainium under their parents, which the essay names as GCP and AWS. One row per way: the named
    companies' joint share (percent), its 90% Monte Carlo band (stock basis only), the labels counted and
    the layer's HHI among the tracked designers, grouped the same way."""
    acc = conc.acc_named
    stock = conc.stock_basis
    rows = []
    for key, counting, under in (
        ("by_designer", "by designer", False),
        ("by_parent", "TPU and Trainium under Google and Amazon", True),
    ):
        labels = sorted(
            {
                lab
                for c in named_companies
                for lay, lab in company_layers(c, under, named_companies).items()
                if lay == "accelerators"
            }
        )
        share = float(acc.reindex(labels).fillna(0.0).sum())
        grouped = acc.groupby(acc.index.map(lambda d, u=under: PARENTS.get(d, d) if u else d)).sum()
        band = _band(conc.sim, [f"share_{lab}" for lab in labels], share) if stock else None
        rows.append(
            {
                "key": key,
                "counting": counting,
                "counted": ", ".join(labels),
                "share_pct": share,
                "low": None if band is None else band[0],
                "high": None if band is None else band[1],
                "hhi": float((grouped**2).sum()),
            }
        )
    return pd.DataFrame(rows)


def named_companies(conc, P, acc_views: pd.DataFrame | None = None) -> NamedCompanies:
    """The named companies against the layers, from the concentration result ``conc``; ``acc_views``:
    ``accelerator_views(conc, P.named_companies)`` when the caller has it (the grid shares it between
    specifications that differ only in other choices)."""
    tables = {
        "accelerators": conc.acc_named,
        "foundry": conc.foundry["named"],
        "cloud": conc.cloud["named"],
        "owners": conc.own["shares"],
    }
    period = {
        "accelerators": f"{conc.q:%Y-%m}",
        "foundry": conc.p_foundry,
        "cloud": conc.p_cloud,
        "owners": f"{conc.q:%Y-%m}",
    }
    rows = pd.DataFrame(
        [
            {
                "company": comp,
                "layer": layer,
                "label in data": label,
                "period": period[layer],
                "share_pct": float(tables[layer].get(label, 0.0)),
            }
            for comp in P.named_companies
            for layer, label in company_layers(comp, P.chips_under_parents, P.named_companies).items()
        ]
    )
    shares = conc.own["shares"]
    hyp = float(shares.reindex(list(HYPERSCALERS)).fillna(0).sum())
    top = conc.own["named"].head(P.top_n_owners)
    named_owner_labels = {COMPANY_LAYERS[c].get("owners") for c in P.named_companies} - {None}
    acc_views = accelerator_views(conc, P.named_companies) if acc_views is None else acc_views
    acc_labels = list(rows.loc[rows["layer"] == "accelerators", "label in data"]) if len(rows) else []
    own_labels = sorted(named_owner_labels)
    own_point = float(shares.reindex(own_labels).fillna(0).sum())
    acc_point = float(conc.acc_named.reindex(acc_labels).fillna(0).sum())
    bands = {
        "accelerators": _band(conc.sim, [f"share_{lab}" for lab in acc_labels], acc_point)
        if conc.stock_basis and acc_labels
        else None,
        "foundry": None,
        "cloud": None,
        "owners": _band(conc.sim, [f"owner_{o}" for o in own_labels], own_point) if own_labels else None,
    }
    return NamedCompanies(
        P=P,
        q=conc.q,
        rows=rows,
        hyperscalers=(hyp, *_widen(interval(conc.sim["hyperscaler_share"]), hyp)),
        top=top,
        top_band=_widen(interval(conc.sim["top_n_share"]), float(top.sum())),
        owner_shares=shares,
        not_listed=[
            o for o in conc.own["named"].index[: max(P.top_n_owners, 8)] if o not in named_owner_labels
        ],
        in_top_not_named=[o for o in top.index if o not in named_owner_labels],
        bands=bands,
        acc_views=acc_views,
    )
