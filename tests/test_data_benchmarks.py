"""Schema and content checks of the benchmark tables (models, capabilities, benchmark_scores, arena,
artificial_analysis and their helper tables), with expectations taken from the publishers' data."""

import pandas as pd
import pytest

from helpers import data

NAMES = [
    "models",
    "capabilities",
    "benchmark_scores",
    "arena",
    "artificial_analysis",
    "arena_open_overrides",
    "aa_name_map",
]


@pytest.mark.parametrize("name", NAMES)
def test_table_validates_and_documents_every_column(name):
    df = data.load(name)
    ds = data.get(name)
    assert len(df) > 0
    assert set(df.columns) == set(ds.schema.columns)
    assert not [c for c in df.columns if c not in ds.columns_doc], "every column needs a columns_doc entry"
    assert not df.duplicated(list(ds.key)).any()


def test_models_contract_and_known_rows():
    m = data.load("models").set_index("model")
    for col in [
        "organization",
        "country",
        "countries",
        "publication_date",
        "domain",
        "accessibility",
        "open_weights",
        "parameters",
        "training_compute_flop",
        "compute_confidence",
        "training_cost_2023_usd",
        "frontier_model",
    ]:
        assert col in m.columns
    assert set(m["accessibility"].dropna()) <= {"open weights", "API", "hosted", "unreleased"}
    assert (m["open_weights"] == m["accessibility"].eq("open weights").fillna(False)).all()
    # Epoch AI: GPT-4.5 is API-only with 3.8e26 FLOP; DeepSeek-V4-Pro (2026-04-24) open weights, 9.702e24 FLOP
    assert m.loc["GPT-4.5", "accessibility"] == "API" and m.loc[
        "GPT-4.5", "training_compute_flop"
    ] == pytest.approx(3.8e26)
    v4 = m.loc["DeepSeek-V4-Pro"]
    assert (
        v4["open_weights"]
        and v4["country"] == "China"
        and v4["publication_date"] == pd.Timestamp("2026-04-24")
    )
    assert v4["training_compute_flop"] == pytest.approx(9.702e24)
    # primary country is the first listed; all countries kept without duplicates
    multi = m[m["countries"].str.contains(";", na=False)]
    assert len(multi) > 10
    assert (multi["countries"].str.split(";").str[0] == multi["country"]).all()
    assert not multi["countries"].str.split(";").apply(lambda x: len(x) != len(set(x))).any()
    assert m["publication_date"].max() >= pd.Timestamp("2026-07-01")  # newest notable copy runs to 2026-07
    assert m["frontier_model"].sum() >= 100


def test_capabilities_collapse_and_anchors():
    c = data.load("capabilities")
    assert not c.duplicated(["model", "release_date"]).any()
    by = c.set_index(["model", "release_date"])
    # Epoch's anchors: GPT-5 is 150 and Claude 3.5 Sonnet (June 2024) is 130 on the ECI scale
    assert by.loc[("GPT-5", "2025-08-07"), "eci"] == pytest.approx(150, abs=0.01)
    assert by.loc[("Claude 3.5 Sonnet", "2024-06-20"), "eci"] == pytest.approx(130, abs=0.01)
    # Llama 4 Maverick's settings and host copies (FP8, chutes a day later, same score) collapse into one row
    mav = c[c["model"] == "Llama 4 Maverick"]
    assert len(mav) == 1 and mav["n_versions"].iloc[0] >= 3 and bool(mav["open_weights"].iloc[0])
    # issue 13: each dated version keeps its own score: gemini-1.5-pro-002 (2024-09-24) is 5.5 points above -001
    # (2024-05-14), and the first release is not credited with it
    gem = c[c["model"] == "Gemini 1.5 Pro"].set_index("release_date")["eci"]
    assert gem.loc["2024-09-24"] - gem.loc["2024-05-14"] == pytest.approx(5.49, abs=0.01)
    assert gem.loc["2024-02-15"] < gem.max()
    assert (c["first_release_date"] <= c["release_date"]).all()
    assert c.groupby("model")["eci"].nunique().gt(1).sum() == 9  # the nine models whose versions differ
    # rows without a release date (gpt-5-chat) are dropped
    assert c["release_date"].notna().all() and "gpt-5-chat" not in set(c["model_version"])
    assert c["release_date"].max() <= pd.Timestamp("2026-04-30")


def test_capability_versions_are_scored_at_their_own_release_dates():
    """The collapse rule on a small frame: settings of one date collapse to their best score, later dated
    versions keep their own (lower or higher) score, a later listing with the same score joins the first."""
    from helpers.data.tables.epoch_benchmarks import capabilities_from_eci

    def row(version, eci, date, acc="API access"):
        return {
            "Model version": version,
            "ECI Score": eci,
            "Release date": date,
            "Organization": "Lab",
            "Country": "United States of America",
            "Model accessibility": acc,
            "Training compute (FLOP)": None,
            "Model name": "m",
        }

    raw = pd.DataFrame(
        [
            row("m-001", 120.0, "2024-01-10"),
            row("m-001_high", 122.0, "2024-01-10"),  # a setting of the same version: best score counts
            row("m-002", 118.0, "2024-06-01"),  # a later, weaker version: its own row, not backdated
            row("m-003", 127.5, "2024-09-01"),  # a later, stronger one: not credited to 2024-01-10
            row("host/m-003", 127.5, "2024-09-02"),  # a host's copy a day later: joins m-003
            row("m-004", 130.0, None),  # no date: dropped
        ]
    )
    out = capabilities_from_eci(raw)
    assert out["release_date"].dt.strftime("%Y-%m-%d").tolist() == ["2024-01-10", "2024-06-01", "2024-09-01"]
    assert out["eci"].tolist() == [122.0, 118.0, 127.5]
    assert out["model_version"].tolist() == ["m-001_high", "m-002", "m-003"]
    assert out["n_versions"].tolist() == [2, 1, 2]
    assert (out["first_release_date"] == pd.Timestamp("2024-01-10")).all()


def test_benchmark_scores_long_form():
    b = data.load("benchmark_scores")
    assert {
        "gpqa_diamond",
        "math_level_5",
        "otis_mock_aime_2024_2025",
        "frontiermath",
        "swe_bench_verified",
        "mmlu",
    } == set(b["benchmark"])
    assert b["score"].between(0, 1).all()
    own = b[b["own_run"]]
    assert (own["evaluator"] == "Epoch AI").all() and own["stderr"].notna().mean() > 0.9
    assert b.loc[b["benchmark"] == "mmlu", "stderr"].isna().all()
    gp = b[(b["benchmark"] == "gpqa_diamond") & (b["model"] == "GPT-4.5")]
    assert len(gp) >= 1 and gp["score"].max() == pytest.approx(0.687, abs=0.001)


def test_arena_reproduces_ai_index_2025():
    a = data.load("arena")
    day = a[(a["source"] == "chatbot_arena_history") & (a["snapshot_date"] == "2025-02-14")]
    best = day.groupby("open_weights")["rating"].max()
    assert best[False] == pytest.approx(1384.6, abs=0.05)
    assert best[True] == pytest.approx(1361.5, abs=0.05)
    assert round((best[False] - best[True]) / best[True] * 100, 1) == 1.7


def test_arena_open_flag_overrides_and_segments():
    a = data.load("arena")
    exp = a[a["model"].str.lower() == "llama-4-maverick-03-26-experimental"]
    assert len(exp) > 0 and (~exp["open_weights"]).all() and exp["overridden"].all()
    qmax = a[a["model"].str.lower() == "qwen-max-0919"]
    assert len(qmax) > 0 and qmax["open_weights_licence"].all() and (~qmax["open_weights"]).all()
    released = a[a["model"].str.lower() == "llama-4-maverick-17b-128e-instruct"]
    assert released["open_weights"].all()
    assert set(a.loc[a["source"] == "lmarena_official", "scale_segment"]) == {
        "official_2026_default",
        "official_2026_style_control",
    }
    assert (a.loc[a["scale_segment"] == "official_2026_style_control", "style_control"]).all()
    assert a["snapshot_date"].min() == pd.Timestamp("2023-05-08")
    assert a["snapshot_date"].max() == pd.Timestamp("2026-08-19")
    ov = data.load("arena_open_overrides")
    assert ov["reason"].str.len().min() > 20 and set(ov["source_id"]) <= set(data.load_sources())


def test_artificial_analysis_legacy_rows_are_flagged():
    """Issue 13: GPT-4.5's 13.6 index has no component score and zero prices; the table flags such rows."""
    aa = data.load("artificial_analysis").set_index("slug")
    assert aa.loc["gpt-4-5", "intelligence_index"] == pytest.approx(13.6)
    assert (
        bool(aa.loc["gpt-4-5", "legacy_index_only"]) and not aa.loc["llama-4-maverick", "legacy_index_only"]
    )
    legacy = aa[aa["legacy_index_only"]]
    assert legacy["intelligence_index"].notna().all() and legacy["gpqa"].isna().all()
    assert legacy["price_blended_usd_per_1m_tokens"].fillna(0).eq(0).all()
    priced = aa[aa["price_blended_usd_per_1m_tokens"].fillna(0) > 0]
    assert not priced["legacy_index_only"].any()


def test_artificial_analysis_flags():
    aa = data.load("artificial_analysis").set_index("slug")
    assert len(aa) == 610
    assert bool(aa.loc["llama-4-maverick", "open_weights"]) is True
    assert bool(aa.loc["gpt-4-5", "open_weights"]) is False
    assert bool(aa.loc["deepseek-v4-pro-0424", "open_weights"]) is True
    assert aa["open_weights"].notna().mean() > 0.5
    nm = data.load("aa_name_map")
    assert set(nm["aa_slug"]) <= set(aa.index)
    assert set(nm["source_id"]) <= set(data.load_sources())


def test_corrupted_arena_copy_is_rejected(tmp_path):
    ds = data.get("arena")
    bad = pd.read_csv(ds.path, nrows=50)
    bad.loc[3, "rating"] = 99999
    p = tmp_path / "arena.csv"
    bad.to_csv(p, index=False)
    with pytest.raises(data.DataError) as e:
        data.validate_table("arena", path=p, check_hash=False)
    assert "rating" in str(e.value) and "line(s) 5" in str(e.value)
