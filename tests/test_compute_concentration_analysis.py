"""Notebook 02's analysis on the shipped data, without a kernel: the recorded values, the verdicts and the
prose under the default parameters and under the parameter sets the notebook runs used to check."""

from __future__ import annotations

import re

import matplotlib
import pytest

matplotlib.use("Agg")
import matplotlib.pyplot as plt

from helpers import data
from helpers.analysis import compute_concentration as cc
from helpers.analysis.compute_concentration.params import Params
from helpers.core.params import ParamError, validate
from helpers.core.verdicts import NOT_SUPPORTED, PARTLY, VERDICTS

KEYS = {
    "owners_quarter_latest",
    "cloud_period_latest",
    "foundry_period_latest",
    "hhi_cloud_latest",
    "hhi_foundry_latest",
    "hhi_compute_owners_latest",
    "cr3_cloud_latest",
    "tsmc_share_latest",
    "nvidia_share_h100e_latest",
    "hyperscaler3_share_h100e_latest",
    "top5_owner_share_h100e_latest",
    "us_share_cluster_h100e_standard",
    "china_share_cluster_h100e_standard",
    "us_share_cluster_h100e_all",
    "china_share_cluster_h100e_all",
    "named_share_accelerators_by_designer",
    "named_share_accelerators_by_parent",
    "c5_share_test",
    "c5_concentration_test",
    "replication",
    "verdict_C5",
}
RANGED = ("hhi_cloud_latest", "hhi_foundry_latest", "hhi_compute_owners_latest")
SHARES = (
    "cr3_cloud_latest",
    "tsmc_share_latest",
    "nvidia_share_h100e_latest",
    "us_share_cluster_h100e_standard",
    "china_share_cluster_h100e_standard",
    "us_share_cluster_h100e_all",
    "china_share_cluster_h100e_all",
    "hyperscaler3_share_h100e_latest",
    "top5_owner_share_h100e_latest",
    "named_share_accelerators_by_designer",
    "named_share_accelerators_by_parent",
)

EARLIER = {
    "as_of": "2024-12-31",
    "owner_quantile": "p5",
    "n_draws": 300,
    "hhi_highly_concentrated": 2500,
    "hhi_moderately_concentrated": 1500,
}
EARLY_FLOW = {
    "as_of": "2023-08-15",
    "accelerator_basis": "last_4_quarters",
    "cap_other_at_smallest_named": True,
    "china_as_one_owner": True,
    "named_companies": ["NVIDIA", "TSMC", "AWS"],
    "control_share_pct": 75,
    "min_named_firms": 1,  # TrendForce's only release before 2024 (2023Q1) names TSMC alone
    "n_draws": 300,
}


def run(values: dict) -> cc.Analysis:
    P = validate(Params, values, notebook="02_compute_concentration")
    return cc.analyze(P, cc.load_inputs(P))


@pytest.fixture(scope="module")
def default():
    return run({})


@pytest.fixture(scope="module")
def earlier():
    return run(EARLIER)


@pytest.fixture(scope="module")
def early_flow():
    return run(EARLY_FLOW)


def check_common(a: cc.Analysis) -> dict:
    res = a.entries()
    assert set(res) == KEYS
    assert res["verdict_C5"]["value"] in VERDICTS
    assert "verdict_C6" not in res  # notebook 04 judges C6
    for k in RANGED:
        assert res[k]["low"] <= res[k]["value"] <= res[k]["high"], k
    for k in SHARES:
        assert 0 <= res[k]["value"] <= 100, k
        if "low" in res[k]:
            assert res[k]["low"] <= res[k]["value"] <= res[k]["high"], k
    assert "%" in res["verdict_C5"]["note"] and "HHI" in res["verdict_C5"]["note"]
    return res


def test_defaults(default):
    res = check_common(default)
    # default 'latest' = newest quarter with all four designers complete (Epoch's 2026Q1 is incomplete)
    assert (
        res["owners_quarter_latest"]["value"]
        == f"{cc.periods.owner_quarter(data.load('compute_owners')):%Y-%m-%d}"
    )
    assert res["cloud_period_latest"]["value"] <= "2025Q4"
    # the hyperscalers are a subset of the top five owners, so their share cannot exceed the top-five share
    assert res["hyperscaler3_share_h100e_latest"]["value"] <= res["top5_owner_share_h100e_latest"]["value"]
    # the cloud HHI range is the named providers' squares up to 'other as one firm': width = other**2
    e = res["hhi_cloud_latest"]
    other = float(re.search(r"unallocated ([\d.]+)%", e["note"]).group(1))
    assert e["high"] - e["low"] == pytest.approx(other**2, abs=1.0)
    assert res["cr3_cloud_latest"]["value"] == pytest.approx(100 - other, abs=0.01)
    # every layer is controlled by the named companies, but cloud and ownership are not highly concentrated
    assert default.c5.value == PARTLY
    assert set(default.named.layers_checked) == {"accelerators", "foundry", "cloud", "owners"}
    assert (default.named.joint >= 50).all()


def test_earlier_as_of_uses_earlier_quarters(default, earlier):
    res, dres = check_common(earlier), default.entries()
    assert res["owners_quarter_latest"]["value"] == "2024-12-31"
    assert (
        res["cloud_period_latest"]["value"] <= "2024Q4" and res["foundry_period_latest"]["value"] <= "2024Q4"
    )
    assert res["cloud_period_latest"]["value"] < dres["cloud_period_latest"]["value"]
    # the verdict note states the 2010 band threshold that was used
    assert "2,500" in res["verdict_C5"]["note"]
    assert "the newest up to the analysis date 2024-12-31" in cc.text.periods(earlier.inputs)
    assert "at the p5 estimates" in cc.text.concentration(earlier.concentration)
    assert earlier.concentration.P.hhi_highly_concentrated == 2500


def test_early_flow_parameters(default, early_flow):
    res = check_common(early_flow)
    assert res["owners_quarter_latest"]["value"] == "2023-09-30"
    assert res["foundry_period_latest"]["value"] == "2023Q1"
    # a flow basis has no Monte Carlo band for NVIDIA's share, and the prose gives none
    assert "low" not in res["nvidia_share_h100e_latest"]
    assert "90% band" not in cc.text.concentration(early_flow.concentration).split("**Foundry")[0]
    # fewer clusters were operational in 2023 than at the default quarter
    k = "us_share_cluster_h100e_standard"
    assert res[k]["note"] != default.entries()[k]["note"]
    assert "75%" in res["verdict_C5"]["note"]
    # China counted as one owner: only Other and Unattributed are pooled; the cap lowers the upper bounds
    assert early_flow.concentration.pooled == ("Other", "Unattributed")
    assert "as firms no larger than the smallest named one" in res["hhi_cloud_latest"]["note"]
    # AWS is the only named cloud, so neither cloud nor ownership is controlled at 75%
    assert early_flow.c5.value == NOT_SUPPORTED


def test_naming_more_owners_changes_the_prose_not_the_numbers(default):
    more = run({"named_companies": ["NVIDIA", "TSMC", "AWS", "Azure", "GCP", "Meta", "Oracle"]})
    assert more.concentration.entries() == default.concentration.entries()
    txt = cc.text.named_companies(more.named)
    assert "All of them are on the essay's list." in txt
    assert "CoreWeave" in txt and "are not named by the essay." in txt
    assert "Of these, Meta and Oracle are not on the essay's list." in cc.text.named_companies(default.named)
    assert more.c5.reason.endswith("hold 73% (69–78%).")


def test_the_strict_scenario_gives_not_supported():
    a = run({"hhi_highly_concentrated": 2500, "hhi_moderately_concentrated": 1500, "control_share_pct": 75})
    assert a.c5.value == NOT_SUPPORTED
    assert cc.text.verdict(a.c5).startswith("**Verdict C5: not supported.** C5 is not supported. Share test")
    assert "in none of the 4 layers" in a.c5.reason  # 69, 71, 63 and 56% all miss 75%


def test_prose_of_the_default_run(default):
    assert cc.text.data_summary(default.inputs).startswith("Ownership estimates: ")
    assert "no analysis date set" in cc.text.periods(default.inputs)
    cov = cc.text.coverage(default.trends)
    assert cov.startswith("**Coverage changes, not market changes.**") and "TPUs from 2023Q1" in cov
    conc = cc.text.concentration(default.concentration)
    assert (
        "(between moderately concentrated and highly concentrated)" in conc
    )  # the cloud range spans two bands
    assert "pooled buckets (Other, Unattributed, China)" in conc
    assert "the cloud low bound went from" in cc.text.hhi_over_time(default.hhi_trend)
    assert "Gini" in cc.text.clusters(default.clusters)
    assert re.search(
        r"the widest HHI range is [\d,]+ points, for cloud\.$", cc.text.limitations(default.concentration)
    )


def test_figures_state_their_findings(default):
    figs = {
        "layer_shares": cc.figures.layer_shares(default.trends),
        "hhi_ranges": cc.figures.hhi_ranges(default.concentration),
        "hhi_over_time": cc.figures.hhi_over_time(default.hhi_trend),
        "clusters_countries": cc.figures.clusters_countries(default.clusters),
        "share_test": cc.figures.share_test(default.named),
    }
    try:
        assert (
            figs["layer_shares"]
            ._suptitle.get_text()
            .startswith("Leaders at each panel's newest period: NVIDIA")
        )
        assert figs["hhi_ranges"].axes[0].get_title().startswith("2 of 4 layers are highly concentrated")
        assert "Cloud HHI (low bound) went from" in figs["hhi_over_time"].axes[0].get_title()
        # titles state what the 90% bands support, not the point values
        cl_title = figs["clusters_countries"].axes[0].get_title()
        us_lo = min(cs.us[1] for cs in default.clusters.sets.values())
        assert cl_title.startswith(f"The US holds {us_lo:.0f}–")
        assert f"{default.clusters.sets['all'].china[1]:.0f}–" in cl_title
        assert figs["share_test"].axes[0].get_title() == (
            "The named companies hold at least 50% of 4 of 4 layers, even at the low end of every 90% band given"
        )
        for f in figs.values():  # every figure carries a source caption
            assert any(t.get_text().startswith("Data: ") for t in f.texts)
    finally:
        for f in figs.values():
            plt.close(f)


def test_bad_parameters_are_named():
    with pytest.raises(ParamError, match="named_companies"):
        validate(Params, {"named_companies": ["Intel"]}, notebook="02_compute_concentration")
    with pytest.raises(ParamError, match="hhi_moderately_concentrated"):
        validate(Params, {"hhi_moderately_concentrated": 3000}, notebook="02_compute_concentration")


def test_c5s_two_questions_are_recorded_separately(default):
    res = default.entries()
    share, conc = res["c5_share_test"], res["c5_concentration_test"]
    joint = default.named.joint
    assert share["value"] == int((joint >= 50).sum()) == 4 and share["unit"] == "of 4 layers"
    hhi = cc.sections.c5_numbers(default.concentration, default.named)["hhi_low"]
    assert conc["value"] == sum(h > 1800 for h in hhi.values()) == 2
    assert "relevant markets" in conc["note"] and "relevant markets" in default.c5.reason
    # the verdict's reason gives both answers and how it combines them
    r = default.c5.reason
    assert r.index("Share test") < r.index("Concentration test") < r.index("Combination: supported needs")
    lenient = run({"require_all_highly_concentrated": False})
    assert "the concentration test is reported, not required" in lenient.c5.reason
    assert lenient.entries()["c5_concentration_test"] == conc  # the answers do not depend on the rule


def test_accelerators_by_designer_and_under_parents(default):
    views = default.named.acc_views.set_index("key")
    acc = default.concentration.acc_named
    assert views.loc["by_designer", "share_pct"] == pytest.approx(acc["NVIDIA"])
    assert views.loc["by_parent", "share_pct"] == pytest.approx(
        acc["NVIDIA"] + acc["Google TPU"] + acc["Amazon Trainium"]
    )
    # TPU -> Google and Trainium -> Amazon merge no two designers, so the HHI is the same both ways
    assert views["hhi"].nunique() == 1
    assert views.loc["by_designer", "hhi"] == pytest.approx(default.concentration.acc["metrics"].hhi_low)
    for key in ("by_designer", "by_parent"):
        r = views.loc[key]
        assert r["low"] <= r["share_pct"] <= r["high"]
    parents = run({"chips_under_parents": True})
    assert parents.named.joint["accelerators"] == pytest.approx(views.loc["by_parent", "share_pct"])
    assert "by designer" in parents.c5.reason and "under Google and Amazon" in default.c5.reason


def test_one_rule_for_the_latest_share_period_and_the_hhi_over_time(default):
    """Issue 13, item 11: TrendForce's 2025Q4 release names two firms; the chart drops it, so the verdict
    may not use it either."""
    tr, inp = default.hhi_trend, default.inputs
    foundry = tr.over[tr.over["layer"] == "Foundry (TrendForce)"]
    assert "foundry 2025Q4" in tr.dropped
    assert foundry["x"].max() == cc.periods.period_end(inp.p_foundry)
    cloud = tr.over[tr.over["layer"] == "Cloud (Synergy)"]
    assert cloud["x"].max() == cc.periods.period_end(inp.p_cloud)
    every = run({"min_named_firms": 1})
    assert every.inputs.p_foundry > inp.p_foundry and not any("foundry" in d for d in every.hhi_trend.dropped)
    with pytest.raises(cc.periods.StackError, match="min_named_firms"):
        run({"as_of": "2023-08-15", "min_named_firms": 3})


def test_cluster_shares_under_both_sets(default):
    sets = default.clusters.sets
    std, allc = sets["standard"], sets["all"]
    assert std.n < allc.n
    # the standard set drops duplicates; many dropped records are Chinese, so China's share roughly doubles
    assert allc.china[0] > 1.5 * std.china[0]
    for cs in (std, allc):
        for v, lo, hi in (cs.us, cs.china):
            assert lo <= v <= hi
    all_clusters = run({"clusters_standard_only": False})
    assert all_clusters.clusters.chosen.key == "all"
    assert (
        all_clusters.entries()["china_share_cluster_h100e_all"]
        == default.entries()["china_share_cluster_h100e_all"]
    )


def test_published_figures_use_their_definitions(default):
    rows = {f.figure: f for f in default.replication}
    owners = data.load("compute_owners")
    for q, title in (("2025-12-31", "Q4 2025"), ("2024-03-31", "early 2024")):
        r = owners[owners["quarter_end"] == q]
        s = r.groupby("owner")["h100e_p50"].sum()
        five = s[list(cc.replication.EPOCH_FIVE)].sum() / s.sum() * 100
        f = rows[f"Five largest hyperscalers' share of the world's AI compute, {title}"]
        assert f.ours == pytest.approx(five) and f.ours_low <= f.ours <= f.ours_high
    cl = data.load("gpu_clusters")
    d = cl[cl["country"].notna() & cl["h100e"].notna() & cl["status"].isin(["Existing", "Decommissioned"])]
    d = d[(d["first_operational_date"] >= "2019-01-01") & (d["first_operational_date"] <= "2025-05-31")]
    cn = d.loc[d["country"] == "China", "h100e"].sum() / d["h100e"].sum() * 100
    assert rows["China's share of global AI supercomputer performance, May 2025"].ours == pytest.approx(cn)
    assert rows["TSMC's share of foundry revenue, 2025Q4"].ours == 70.4  # the transcribed release
    assert rows["TSMC's share of foundry revenue, 2025Q4"].own == default.concentration.tsmc
    entry = default.entries()["replication"]
    assert len(entry["value"]) == len(rows) and {r["status"] for r in entry["value"]} <= {
        "reproduced",
        "differs",
        "not computable",
    }
    assert cc.text.replication(default.replication).startswith(f"{entry['note'].split(' of ')[0]} of ")


def test_the_hhi_figure_draws_the_tables_range_and_the_owners_band(default):
    """Issue 17: the owners' HHI read 1,143-1,826 in the figure and 1,316-1,709 in the table. The thick bar
    and its label are the table's range; the thin line, the band the verdict's low bound reads, is drawn
    and labelled beside it."""
    conc = default.concentration
    fig = cc.figures.hhi_ranges(conc)
    try:
        labels = {t.get_text() for t in fig.axes[0].texts}
        row = conc.table.set_index("layer").loc[lambda t: t.index.str.startswith("AI compute owners")].iloc[0]
        lo, hi = conc.hhi_own
        want = f"{row['hhi_low']:,.0f}–{row['hhi_high']:,.0f} (with the 90% band {lo:,.0f}–{hi:,.0f})"
        assert want in labels, labels
        assert lo < row["hhi_low"] <= row["hhi_high"] < hi
        assert f"HHI ≥ {lo:,.0f}" in fig.axes[0].get_title()  # the title reads the verdict's low bound
    finally:
        plt.close(fig)
