"""`data build` from the small committed raw fixtures (tests/fixtures/raw_small): deterministic, and the rows it
writes are the committed rows of data/*.csv byte for byte. Runs in a clean clone without data/raw/."""

from __future__ import annotations

import csv
import importlib.util
import io
import shutil
from pathlib import Path

import pandas as pd
import pytest
import yaml

from helpers import data
from helpers.core import paths
from helpers.data.catalog import DataError

HERE = Path(__file__).parent / "fixtures"
FIXTURES = HERE / "raw_small"
MANIFEST = yaml.safe_load((FIXTURES / "manifest.yaml").read_text())


def _generator():
    spec = importlib.util.spec_from_file_location("make_raw_small", HERE / "make_raw_small.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _records(text: str) -> list[tuple]:
    return [tuple(r) for r in csv.reader(io.StringIO(text))]


def _build(name: str, raw: Path, out: Path, monkeypatch) -> bytes:
    monkeypatch.setattr(paths, "RAW", raw)
    [target] = data.build([name], out=out)
    return target.read_bytes()


def test_every_derived_table_is_covered_or_explained():
    derived = {n for n, d in data.registry().items() if d.kind == "derived"}
    assert set(MANIFEST) <= derived
    readme = (FIXTURES / "README.md").read_text()
    for name in derived - set(MANIFEST):
        assert f"`{name}`" in readme, f"{name} has no fixture and README.md does not say why"


def test_generator_recreates_the_committed_fixtures(tmp_path):
    manifest = _generator().generate(tmp_path)
    assert manifest == MANIFEST
    written = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*") if p.is_file())
    for rel in written:
        assert (tmp_path / rel).read_bytes() == (FIXTURES / rel).read_bytes(), rel


@pytest.mark.parametrize("name", sorted(MANIFEST))
def test_build_is_deterministic_and_reproduces_committed_rows(name, tmp_path, monkeypatch):
    first = _build(name, FIXTURES, tmp_path / "a", monkeypatch)
    second = _build(name, FIXTURES, tmp_path / "b", monkeypatch)
    assert first == second
    committed_bytes = (paths.DATA / f"{name}.csv").read_bytes()
    full = pd.read_csv(io.BytesIO(committed_bytes), dtype=str, keep_default_na=False)
    # the committed rows are re-serialized exactly (no type conversion), so a subset of them can be compared as bytes
    assert full.to_csv(index=False, lineterminator="\n").encode() == committed_bytes
    out = _records(first.decode())
    com = _records(committed_bytes.decode())
    assert out[0] == com[0], "header differs from the committed table"
    pos = {r: i for i, r in enumerate(com[1:])}
    missing = [r for r in out[1:] if r not in pos]
    assert not missing, f"{len(missing)} built rows are not committed rows, e.g. {missing[0]}"
    idx = [pos[r] for r in out[1:]]
    assert idx == sorted(idx), "built rows are not in the committed order"
    assert len(idx) == MANIFEST[name]["rows"] > 0
    expected = full.iloc[idx].to_csv(index=False, lineterminator="\n").encode()
    assert first == expected


# (table, raw file, a column its builder checks): the fixture with that header renamed must fail clearly
BROKEN = [
    ("models", "epoch_models/notable_ai_models.csv", "Publication date"),
    ("capabilities", "epoch_benchmarks/epoch_capabilities_index.csv", "ECI Score"),
    ("benchmark_scores", "epoch_benchmarks/frontiermath.csv", "mean_score"),
    ("chips", "controls/ml_hardware.csv", "Memory (bytes)"),
    ("training_costs", "controls/model_costs.csv", "Cloud_Cost"),
    ("hardware_prices", "controls/hardware_prices.csv", "Vendor"),
    ("compute_owners", "compute/epoch_ai_chip_owners/tpu_owners_cumulative_totals.csv", "End date"),
    ("gpu_clusters", "compute/gpu_clusters.csv", "H100 equivalents"),
    ("artificial_analysis", "artificial_analysis/aa_llms_snapshot_2026-08-22.csv", "eval_gpqa"),
    ("arena", "lmarena/chatbot_arena_elo_history_2023-05_2025-03.csv", "rating"),
    ("arena", "lmarena/lmarena_text_leaderboard_snapshots_2024-06_2025-08.csv", "arena_score"),
    ("arena", "lmarena/arena_text_topN_daily_2026-03_2026-06.csv", "vendor"),
    ("arena", "lmarena/lmarena_text_official_2026-06_2026-08.csv", "vote_count"),
]


@pytest.mark.parametrize(("name", "rel", "column"), BROKEN)
def test_missing_column_names_file_and_column(name, rel, column, tmp_path, monkeypatch):
    raw = tmp_path / "raw"
    shutil.copytree(FIXTURES, raw)
    p = raw / rel
    text = p.read_text(encoding="utf-8")
    header, rest = text.split("\n", 1)
    assert column in header
    p.write_text(header.replace(column, column + " (corrupted)", 1) + "\n" + rest, encoding="utf-8")
    with pytest.raises(DataError) as e:
        _build(name, raw, tmp_path / "out", monkeypatch)
    msg = str(e.value)
    assert f"data/raw/{rel}" in msg and column in msg, msg


def test_missing_raw_file_says_which_and_how_to_get_it(tmp_path, monkeypatch):
    raw = tmp_path / "raw"
    shutil.copytree(FIXTURES, raw)
    (raw / "compute/gpu_clusters.csv").unlink()
    with pytest.raises(DataError, match=r"data/raw/compute/gpu_clusters.csv is missing.*data download"):
        _build("gpu_clusters", raw, tmp_path / "out", monkeypatch)
