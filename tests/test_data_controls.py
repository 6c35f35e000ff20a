"""Content checks of the export-control and efficiency tables against what their publishers state."""

from __future__ import annotations

import pandas as pd
import pytest
import yaml

from helpers import data
from helpers.core import paths
from helpers.data.tables import epoch_costs, epoch_hardware

NEEDED = ["A100", "A800", "H100", "H800", "H20", "H200", "B200", "Ascend 910B", "Ascend 910C"]


@pytest.fixture(scope="module")
def chips():
    return data.load("chips").set_index("chip")


@pytest.fixture(scope="module")
def rules():
    return data.load("export_controls")


def test_tables_validate():
    names = [
        "chips",
        "chip_spec_gaps",
        "export_controls",
        "trend_estimates",
        "training_costs",
        "hardware_prices",
        "reported_training_runs",
    ]
    assert data.validate_all(names) == []


def test_chips_cover_the_rules_subjects(chips):
    assert set(NEEDED) <= set(chips.index)


def test_china_variants_keep_the_h100_throughput_but_not_its_link(chips):
    # Epoch AI: H100 SXM and H800 SXM 989 TFLOP/s dense BF16, same TPP; the H800's NVLink was cut
    assert chips.loc["H800", "dense_bf16_tflops"] == pytest.approx(
        chips.loc["H100", "dense_bf16_tflops"], rel=0.001
    )
    assert chips.loc["H800", "tpp"] == chips.loc["H100", "tpp"] == pytest.approx(15832)
    assert chips.loc["H800", "interconnect_gb_s"] < 600 <= chips.loc["H100", "interconnect_gb_s"]
    assert chips.loc["A800", "interconnect_gb_s"] < 600 <= chips.loc["A100", "interconnect_gb_s"]
    # the essay's H100 vs H200 comparison: equal dense throughput
    assert chips.loc["H200", "dense_bf16_tflops"] == pytest.approx(
        chips.loc["H100", "dense_bf16_tflops"], rel=0.001
    )


def test_tpp_is_epochs_bit_ops_over_1e12_and_density_is_tpp_per_area(chips):
    assert chips.loc["H20", "tpp"] == pytest.approx(2368)
    assert chips.loc["A100", "tpp"] == pytest.approx(4992)
    known = chips.dropna(subset=["tpp", "die_area_mm2"])
    assert (known["performance_density"] - known["tpp"] / known["die_area_mm2"]).abs().max() < 1e-3
    # published: H20 performance density about 2.9 (TweakTown / SMBOM)
    assert chips.loc["H20", "performance_density"] == pytest.approx(2.9, abs=0.05)


def test_ascend_910b_throughput_comes_from_the_fp16_column(chips):
    assert bool(chips.loc["Ascend 910B", "bf16_from_fp16_column"])
    assert chips.loc["Ascend 910B", "dense_bf16_tflops"] == pytest.approx(376)
    assert not chips.drop(index="Ascend 910B")["bf16_from_fp16_column"].any()


def test_every_filled_gap_names_a_cited_source(chips):
    sources = data.load_sources()
    for col in ("interconnect_source_id", "die_area_source_id"):
        used = set(chips[col].dropna())
        assert used <= set(sources), used - set(sources)
    gaps = data.load("chip_spec_gaps")
    for g in gaps.itertuples():
        assert chips.loc[g.chip, g.field] == pytest.approx(g.value)
        src = "interconnect_source_id" if g.field == "interconnect_gb_s" else "die_area_source_id"
        assert chips.loc[g.chip, src] == g.source_id


def test_rules_thresholds_as_published(rules):
    r = rules.set_index(["rule_id", "clause"])
    assert r.loc[("bis_2022_10", "3A090"), "tpp_min"] == 4800
    assert r.loc[("bis_2022_10", "3A090"), "interconnect_min_gb_s"] == 600
    assert r.loc[("bis_2023_10", "3A090.a(2)"), "performance_density_min"] == pytest.approx(5.92)
    assert pd.isna(r.loc[("bis_2023_10", "3A090.a(1)"), "interconnect_min_gb_s"])
    assert r.loc[("bis_2026_01", "case_by_case"), "tpp_max"] == 21000
    assert r.loc[("usg_2025_12", "named"), "chips_named"] == "H200"


def test_every_compiled_row_is_cited_with_verification():
    sources = data.load_sources()
    for name in ("chip_spec_gaps", "export_controls", "trend_estimates", "reported_training_runs"):
        ids = set(data.load(name)["source_id"])
        for sid in ids:
            entry = sources[sid]
            assert entry.get("url") and entry.get("verification"), sid
    own = yaml.safe_load((paths.SOURCES / "controls.yaml").read_text())
    assert all(str(e["url"]).startswith("http") for e in own.values())


def test_halving_time_estimates_with_their_levels():
    t = data.load("trend_estimates").set_index("estimate_id")
    arx, neu = t.loc["algo_halving_lm_arxiv"], t.loc["algo_halving_lm_neurips"]
    assert (arx["central"], arx["interval_low"], arx["interval_high"], arx["interval_level_pct"]) == (
        8,
        5,
        14,
        95,
    )
    assert (neu["central"], neu["interval_low"], neu["interval_high"], neu["interval_level_pct"]) == (
        8,
        2,
        22,
        90,
    )
    ci = t[t["interval_kind"] == "confidence_interval"]
    assert ci["interval_level_pct"].notna().all()
    assert ((ci["interval_low"] <= ci["central"]) & (ci["central"] <= ci["interval_high"])).all()


def test_deepseek_v3_reported_gpu_hours():
    r = data.load("reported_training_runs").set_index("model").loc["DeepSeek-V3"]
    assert r["gpu_hours"] == 2_788_000 and r["price_usd_per_gpu_hour"] == 2
    assert r["gpu_hours"] * r["price_usd_per_gpu_hour"] == pytest.approx(5.576e6)
    assert r["chip"] == "H800"


def test_training_costs_three_methods():
    c = data.load("training_costs").set_index("model")
    # Epoch AI (training-cost-trends, amortized method): GPT-4 $40.7M, GPT-4.5 $185M
    assert c.loc["GPT-4", "amortized_hardware_energy_cost_usd"] == pytest.approx(40.7e6, rel=0.01)
    assert c.loc["GPT-4.5", "amortized_hardware_energy_cost_usd"] == pytest.approx(185.3e6, rel=0.01)
    assert c.loc["GPT-4", ["cloud_cost_usd", "hardware_acquisition_cost_usd"]].notna().all()


def test_hardware_prices_are_tidy_rental_prices():
    p = data.load("hardware_prices")
    assert set(p["pricing"]) <= set(epoch_costs.PRICING.values())
    assert not p.duplicated(["hardware_model", "vendor", "price_date", "pricing"]).any()
    h100 = p[(p["chip"] == "H100") & (p["pricing"] == "on_demand")]
    assert len(h100) >= 10
    assert h100["price_usd_per_chip_hour"].between(1, 20).all()


def _fake_raw(folder):
    rows = []
    for name in epoch_hardware.CHIPS.values():
        rows.append(
            {c: 1.0 for c in epoch_hardware.HW_COLS}
            | {"Hardware name": name, "Manufacturer": "X", "Release date": "2024-01-01", "Foundry": "TSMC"}
        )
    (folder / "controls").mkdir(parents=True)
    pd.DataFrame(rows).to_csv(folder / epoch_hardware.HW_RAW, index=False)


def test_build_without_the_raw_file_names_it(tmp_path, monkeypatch):
    monkeypatch.setattr(paths, "RAW", tmp_path / "raw")
    with pytest.raises(data.DataError, match=r"data/raw/controls/ml_hardware\.csv is missing"):
        epoch_hardware.build_chips(paths.RAW)


def test_build_without_the_gap_table_is_a_clear_error(tmp_path, monkeypatch):
    _fake_raw(tmp_path / "raw")
    monkeypatch.setattr(paths, "RAW", tmp_path / "raw")
    monkeypatch.setattr(paths, "DATA", tmp_path)
    with pytest.raises(data.DataError, match=r"chip_spec_gaps\.csv is missing"):
        epoch_hardware.build_chips(paths.RAW)


def test_build_rejects_a_raw_file_without_a_needed_chip(tmp_path, monkeypatch):
    _fake_raw(tmp_path / "raw")
    raw = pd.read_csv(tmp_path / "raw" / epoch_hardware.HW_RAW)
    raw[raw["Hardware name"] != epoch_hardware.CHIPS["H800"]].to_csv(
        tmp_path / "raw" / epoch_hardware.HW_RAW, index=False
    )
    monkeypatch.setattr(paths, "RAW", tmp_path / "raw")
    with pytest.raises(data.DataError, match="NVIDIA H800 SXM5"):
        epoch_hardware.build_chips(paths.RAW)
