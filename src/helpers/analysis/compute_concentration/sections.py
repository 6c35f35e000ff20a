"""Every section of notebook 02 at once, and the C5/C6 verdicts: what ``analyze`` returns."""

from __future__ import annotations

from dataclasses import dataclass

from helpers.analysis.compute_concentration import clusters, companies, layers, trends, verdicts
from helpers.analysis.compute_concentration.inputs import Inputs, load_inputs
from helpers.core.results import make_entry
from helpers.core.verdicts import Verdict


def margin_columns(inputs: Inputs) -> list[str]:
    """Columns of the three tables that could carry a profit margin (C6 needs one)."""
    return [
        c for t in (inputs.owners, inputs.clusters, inputs.shares) for c in t.columns if "margin" in c.lower()
    ]


def c5_numbers(conc: layers.Concentration, named: companies.NamedCompanies) -> dict:
    """What C5's rule reads from the sections, no threshold among them: each checked layer's joint share
    of the named companies and HHI low bound, the real top owners and the tracked chip designers."""
    hhi = {
        "accelerators": conc.acc["metrics"].hhi_low,
        "foundry": conc.foundry["metrics"].hhi_low,
        "cloud": conc.cloud["metrics"].hhi_low,
        "owners": conc.hhi_own[0],
    }
    joint = named.joint
    checked = named.layers_checked
    return {
        "joint_share": {lay: float(joint.get(lay, 0.0)) for lay in checked},
        "hhi_low": {lay: hhi[lay] for lay in checked},
        "top_share": named.top_share,
        "top_band": named.top_band,
        "top_not_named": named.in_top_not_named,
        "tracked_designers": conc.designers_at_q,
    }


def c5_verdict(nums: dict, P) -> Verdict:
    """C5 from ``c5_numbers`` and the parameters' thresholds and rule choices (``verdicts.c5``)."""
    return verdicts.c5(
        nums["joint_share"],
        nums["hhi_low"],
        P.control_share_pct,
        P.hhi_highly_concentrated,
        top_n=P.top_n_owners,
        top_share=nums["top_share"],
        top_band=nums["top_band"],
        top_not_named=nums["top_not_named"],
        tracked_designers=nums["tracked_designers"],
        require_all_highly_concentrated=P.require_all_highly_concentrated,
        not_supported_below=P.not_supported_below,
    )


def judge(
    inputs: Inputs, conc: layers.Concentration, named: companies.NamedCompanies, P
) -> tuple[Verdict, Verdict]:
    """C5 and C6 from the sections' numbers and the parameters' thresholds."""
    return c5_verdict(c5_numbers(conc, named), P), verdicts.c6(margin_columns(inputs))


@dataclass(frozen=True, eq=False)
class Analysis:
    inputs: Inputs
    trends: trends.Trends
    concentration: layers.Concentration
    hhi_trend: layers.HHITrend
    named: companies.NamedCompanies
    clusters: clusters.Clusters
    c5: Verdict
    c6: Verdict

    def entries(self) -> dict:
        """Every recorded result of the notebook, keyed as in results.json."""
        out = {
            **self.inputs.entries(),
            **self.concentration.entries(),
            **self.named.entries(),
            **self.clusters.entries(),
        }
        for v in (self.c5, self.c6):
            out[v.key] = make_entry(v.key, v.value, claims=[v.claim], note=v.reason)
        return out


def analyze(P, inputs: Inputs | None = None) -> Analysis:
    """The whole notebook's analysis, without a kernel."""
    inputs = inputs if inputs is not None else load_inputs(P)
    conc = layers.concentration(inputs, P)
    named = companies.named_companies(conc, P)
    c5, c6 = judge(inputs, conc, named, P)
    return Analysis(
        inputs=inputs,
        trends=trends.shares_over_time(inputs, P),
        concentration=conc,
        hhi_trend=layers.hhi_over_time(inputs, P),
        named=named,
        clusters=clusters.clusters(inputs, P),
        c5=c5,
        c6=c6,
    )
