"""Notebook 02 (compute concentration) through the runner: defaults and other parameter sets."""

from __future__ import annotations

import re

import pytest

from helpers import data
from helpers.analysis.compute_concentration import periods as cs

pytestmark = pytest.mark.notebook
STEM = "02_compute_concentration"
KEYS = {
    "hhi_cloud_latest",
    "hhi_foundry_latest",
    "hhi_compute_owners_latest",
    "cr3_cloud_latest",
    "tsmc_share_latest",
    "nvidia_share_h100e_latest",
    "hyperscaler3_share_h100e_latest",
    "top5_owner_share_h100e_latest",
    "us_share_cluster_h100e",
    "china_share_cluster_h100e",
    "verdict_C5",
    "verdict_C6",
}
VERDICTS = {"supported", "partly supported", "not supported", "not testable"}
RANGED = ("hhi_cloud_latest", "hhi_foundry_latest", "hhi_compute_owners_latest")


@pytest.fixture(scope="module")
def default(run_notebook):
    return run_notebook(STEM, {"n_draws": 300}, name="test_nb02_default")


@pytest.fixture(scope="module")
def earlier(run_notebook):
    return run_notebook(
        STEM,
        {
            "as_of": "2024-12-31",
            "owner_quantile": "p5",
            "n_draws": 300,
            "hhi_highly_concentrated": 2500,
            "hhi_moderately_concentrated": 1500,
        },
        name="test_nb02_earlier",
    )


@pytest.fixture(scope="module")
def early_flow(run_notebook):
    return run_notebook(
        STEM,
        {
            "as_of": "2023-08-15",
            "accelerator_basis": "last_4_quarters",
            "cap_other_at_smallest_named": True,
            "china_as_one_owner": True,
            "named_companies": ["NVIDIA", "TSMC", "AWS"],
            "control_share_pct": 75,
            "n_draws": 300,
        },
        name="test_nb02_early_flow",
    )


def _check_common(res):
    assert KEYS <= set(res)
    assert res["verdict_C5"]["value"] in VERDICTS
    assert res["verdict_C6"]["value"] == "not testable"
    for k in RANGED:
        e = res[k]
        assert e["low"] <= e["value"] <= e["high"], k
    for k in (
        "cr3_cloud_latest",
        "tsmc_share_latest",
        "nvidia_share_h100e_latest",
        "us_share_cluster_h100e",
        "china_share_cluster_h100e",
        "hyperscaler3_share_h100e_latest",
        "top5_owner_share_h100e_latest",
    ):
        assert 0 <= res[k]["value"] <= 100, k
    # the verdict's sentence carries its evidence
    assert "%" in res["verdict_C5"]["note"] and "HHI" in res["verdict_C5"]["note"]


def test_defaults(default):
    _check_common(default)
    # default 'latest' = newest quarter with all four designers complete (Epoch's 2026Q1 is incomplete)
    owners = data.load("compute_owners")
    assert default["owners_quarter_latest"]["value"] == f"{cs.owner_quarter(owners):%Y-%m-%d}"
    assert default["cloud_period_latest"]["value"] <= "2025Q4"
    # hyperscalers are a subset of the top five owners, so their share cannot exceed the top-five share
    assert (
        default["hyperscaler3_share_h100e_latest"]["value"]
        <= default["top5_owner_share_h100e_latest"]["value"]
    )
    # the cloud HHI range is the named providers' squares up to 'other as one firm': width = other**2
    e = default["hhi_cloud_latest"]
    other = float(re.search(r"unallocated ([\d.]+)%", e["note"]).group(1))
    assert e["high"] - e["low"] == pytest.approx(other**2, abs=1.0)
    assert default["cr3_cloud_latest"]["value"] == pytest.approx(100 - other, abs=0.01)


def test_earlier_as_of_uses_earlier_quarters(default, earlier):
    _check_common(earlier)
    assert earlier["owners_quarter_latest"]["value"] == "2024-12-31"
    assert earlier["owners_quarter_latest"]["value"] < default["owners_quarter_latest"]["value"]
    assert earlier["cloud_period_latest"]["value"] <= "2024Q4"
    assert earlier["foundry_period_latest"]["value"] <= "2024Q4"
    assert earlier["cloud_period_latest"]["value"] < default["cloud_period_latest"]["value"]
    # the verdict note states the 2010 band threshold that was used
    assert "2,500" in earlier["verdict_C5"]["note"]


def test_early_flow_parameters(early_flow, default):
    _check_common(early_flow)
    assert early_flow["owners_quarter_latest"]["value"] == "2023-09-30"
    assert early_flow["foundry_period_latest"]["value"] == "2023Q1"
    # a flow basis has no Monte Carlo band for NVIDIA's share
    assert "low" not in early_flow["nvidia_share_h100e_latest"]
    # fewer clusters were operational in 2023 than at the default quarter
    assert early_flow["us_share_cluster_h100e"]["note"] != default["us_share_cluster_h100e"]["note"]
    assert "75%" in early_flow["verdict_C5"]["note"]


def test_bad_parameter_is_named(run_notebook):
    with pytest.raises(AssertionError) as err:
        run_notebook(STEM, {"named_companies": ["Intel"]}, name="test_nb02_bad")
    assert "named_companies" in str(err.value)
