"""Section 3 of notebook 02: the named companies' shares of their own layers (the named clouds taken
together, as the essay does), the cloud parents' share of AI compute owned, and the real top owners."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from helpers.analysis.compute_concentration.owners import HYPERSCALERS
from helpers.analysis.compute_concentration.params import COMPANY_LAYERS, PARENT_CHIPS
from helpers.core.results import make_entry
from helpers.core.uncertainty import interval

__all__ = ["LAYERS", "NamedCompanies", "company_layers", "named_companies"]

LAYERS = ("accelerators", "foundry", "cloud", "owners")  # the layers C5 is judged on, in this order


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


def named_companies(conc, P) -> NamedCompanies:
    """The named companies against the layers, from the concentration result ``conc``."""
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
    )
