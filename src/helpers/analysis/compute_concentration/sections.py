"""Every section of notebook 02 at once, and the C5 verdict: what ``analyze`` returns (C6, cloud margins, is
notebook 04's: this notebook's tables hold shares and owned compute, not margins)."""

from __future__ import annotations

from dataclasses import dataclass

from helpers.analysis.compute_concentration import clusters, companies, layers, replication, trends, verdicts
from helpers.analysis.compute_concentration.inputs import Inputs, load_inputs
from helpers.core.replication import KEY, entry
from helpers.core.results import make_entry
from helpers.core.verdicts import Verdict


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
    views = named.acc_views.set_index("key")
    other = views.loc["by_designer" if named.P.chips_under_parents else "by_parent"]
    return {
        "acc_other_view": (
            "by designer" if named.P.chips_under_parents else "with TPU and Trainium under Google and Amazon",
            float(other["share_pct"]),
        ),
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
        acc_other_view=nums["acc_other_view"],
        require_all_highly_concentrated=P.require_all_highly_concentrated,
        not_supported_below=P.not_supported_below,
    )


def c5_tests(nums: dict, P) -> dict:
    """The two questions C5 mixes, each with its own recorded answer: the share test (layers the named
    companies hold at least ``control_share_pct`` of together) and the concentration test (layers whose HHI
    low bound is above ``hhi_highly_concentrated``); value = how many layers pass."""
    share = verdicts.share_test(nums["joint_share"], P.control_share_pct)
    conc = verdicts.concentration_test(nums["hhi_low"], P.hhi_highly_concentrated)
    n = len(share)
    return {
        "c5_share_test": make_entry(
            "c5_share_test",
            sum(share.values()),
            unit=f"of {n} layers",
            claims=["C5"],
            note=f"do the named companies hold at least {P.control_share_pct:g}% of each layer together? "
            f"{verdicts.answer(share)}: "
            + "; ".join(f"{lay} {s:.1f}%" for lay, s in nums["joint_share"].items()),
        ),
        "c5_concentration_test": make_entry(
            "c5_concentration_test",
            sum(conc.values()),
            unit=f"of {n} layers",
            claims=["C5"],
            note=f"is each layer's HHI low bound above {P.hhi_highly_concentrated:,.0f}? {verdicts.answer(conc)}: "
            + "; ".join(f"{lay} {h:,.0f}" for lay, h in nums["hhi_low"].items())
            + " (merger-guideline bands were drawn for relevant markets, not for owned compute stock)",
        ),
    }


def judge(inputs: Inputs, conc: layers.Concentration, named: companies.NamedCompanies, P) -> Verdict:
    """C5 from the sections' numbers and the parameters' thresholds."""
    return c5_verdict(c5_numbers(conc, named), P)


@dataclass(frozen=True, eq=False)
class Analysis:
    inputs: Inputs
    trends: trends.Trends
    concentration: layers.Concentration
    hhi_trend: layers.HHITrend
    named: companies.NamedCompanies
    clusters: clusters.Clusters
    c5: Verdict
    tests: dict  # c5_tests: the share test's and the concentration test's recorded answers
    replication: list  # replication.figures: published figures, reproduced

    def entries(self) -> dict:
        """Every recorded result of the notebook, keyed as in results.json."""
        out = {
            **self.inputs.entries(),
            **self.concentration.entries(),
            **self.named.entries(),
            **self.clusters.entries(),
            **self.tests,
            KEY: entry(self.replication),
        }
        v = self.c5
        out[v.key] = make_entry(v.key, v.value, claims=[v.claim], note=v.reason)
        return out


def analyze(P, inputs: Inputs | None = None) -> Analysis:
    """The whole notebook's analysis, without a kernel."""
    inputs = inputs if inputs is not None else load_inputs(P)
    conc = layers.concentration(inputs, P)
    named = companies.named_companies(conc, P)
    c5 = judge(inputs, conc, named, P)
    clu = clusters.clusters(inputs, P)
    return Analysis(
        inputs=inputs,
        trends=trends.shares_over_time(inputs, P),
        concentration=conc,
        hhi_trend=layers.hhi_over_time(inputs, P),
        named=named,
        clusters=clu,
        c5=c5,
        tests=c5_tests(c5_numbers(conc, named), P),
        replication=replication.figures(inputs, conc, clu, P),
    )
