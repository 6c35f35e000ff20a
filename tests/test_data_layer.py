"""The data layer: validation errors on corrupted copies, sha256 checks, provenance of every table."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys

import pandas as pd
import pandera.pandas as pa
import pytest
import yaml

from helpers import data
from helpers.core import paths
from helpers.data import catalog, store
from helpers.data import docs as datadoc

SRC = data.Source(
    producer="Test Publisher",
    title="Shares",
    url="https://example.org/shares",
    licence="CC BY 4.0",
    date_published="2026-01-01",
    date_accessed="2026-11-30",
)


@pytest.fixture()
def shares(tmp_path, monkeypatch):
    """A small registered table in a throw-away data folder."""
    monkeypatch.setattr(paths, "ROOT", tmp_path)
    monkeypatch.setattr(paths, "DATA", tmp_path / "data")
    monkeypatch.setattr(paths, "RAW", tmp_path / "data" / "raw")
    monkeypatch.setattr(paths, "METADATA", tmp_path / "data" / "metadata")
    monkeypatch.setattr(paths, "DATA_CACHE", tmp_path / "data" / ".cache")
    monkeypatch.setattr(paths, "SOURCES", tmp_path / "data" / "sources")
    (tmp_path / "data" / "raw").mkdir(parents=True)
    (tmp_path / "data" / "raw" / "shares.csv").write_text(
        "Period,Firm,Share\n2024Q1,A,60\n2024Q1,B,40\n2024Q2,A,55.5\n2024Q2,B,44.5\n"
    )

    def build(raw):
        df = pd.read_csv(raw / "shares.csv")
        return df.rename(columns={"Period": "period", "Firm": "company", "Share": "share_pct"})

    ds = data.Dataset(
        name="test_shares",
        title="Test shares",
        description="shares",
        sources=[SRC],
        key=("period", "company"),
        schema=pa.DataFrameSchema(
            {
                "period": pa.Column(str),
                "company": pa.Column(str),
                "share_pct": pa.Column(float, pa.Check.in_range(0, 100)),
            },
            strict=True,
        ),
        build=build,
        raw=[data.RawFile("shares.csv", "https://example.org/shares.csv", ("Period",))],
        columns_doc={"period": ("quarter", ""), "company": ("firm", ""), "share_pct": ("share", "%")},
    )
    saved = dict(catalog._REGISTRY)
    catalog._REGISTRY.clear()
    catalog._REGISTRY["test_shares"] = ds
    store._MEM.clear()
    data.build(["test_shares"])
    yield ds
    catalog._REGISTRY.clear()
    catalog._REGISTRY.update(saved)
    store._MEM.clear()


def corrupt(ds, text):
    """Replace the table's text and re-sign it, so the schema (not the hash) must catch the problem."""
    ds.path.write_text(text)
    meta = yaml.safe_load(ds.meta_path.read_text())
    meta["sha256"] = hashlib.sha256(ds.path.read_bytes()).hexdigest()
    ds.meta_path.write_text(yaml.safe_dump(meta))


def problems_of(name):
    with pytest.raises(data.DataError) as e:
        data.validate_table(name)
    return e.value.problems


def test_build_writes_sorted_table_and_metadata(shares):
    df = data.load("test_shares")
    assert list(df.columns) == ["period", "company", "share_pct"] and len(df) == 4
    meta = yaml.safe_load(shares.meta_path.read_text())
    assert meta["sha256"] == hashlib.sha256(shares.path.read_bytes()).hexdigest()
    assert meta["sources"][0]["producer"] == "Test Publisher" and meta["rows"] == 4
    first = shares.path.read_bytes()
    data.build(["test_shares"])
    assert shares.path.read_bytes() == first  # byte-identical rebuild


def test_missing_column(shares):
    corrupt(shares, "period,company\n2024Q1,A\n")
    assert problems_of("test_shares") == ["data/test_shares.csv: column 'share_pct' is missing"]


def test_wrong_type(shares):
    corrupt(shares, "period,company,share_pct\n2024Q1,A,sixty\n2024Q1,B,40\n")
    [p] = problems_of("test_shares")
    assert "data/test_shares.csv: column 'share_pct'" in p and "sixty" in p


def test_share_above_100_names_the_line_and_rule(shares):
    corrupt(shares, "period,company,share_pct\n2024Q1,A,60\n2024Q1,B,140\n")
    [p] = problems_of("test_shares")
    assert p.startswith("data/test_shares.csv: column 'share_pct', line(s) 3: fails in_range(0, 100)")
    assert "140" in p


def test_duplicate_key(shares):
    corrupt(shares, "period,company,share_pct\n2024Q1,A,60\n2024Q1,A,40\n")
    [p] = problems_of("test_shares")
    assert p == "data/test_shares.csv: key (period, company) is not unique: line(s) 2, 3"


def test_truncated_file_fails_the_hash(shares):
    raw = shares.path.read_bytes()
    shares.path.write_bytes(raw[: len(raw) // 2])
    [p] = problems_of("test_shares")
    assert "sha256" in p and "differs from the metadata" in p and "truncated" in p


def test_sha_mismatch_blocks_load(shares):
    shares.path.write_text(shares.path.read_text().replace("55.5", "56.5"))
    with pytest.raises(data.DataError, match="differs from the metadata"):
        data.load("test_shares")


def test_unknown_dataset_suggests_a_name(shares):
    with pytest.raises(data.DataError, match="did you mean 'test_shares'"):
        data.load("test_share")


def test_missing_raw_file_says_how_to_get_it(shares):
    (paths.RAW / "shares.csv").unlink()
    with pytest.raises(FileNotFoundError):
        data.build(["test_shares"])


def test_cli_validate_exits_2_with_one_line_per_problem(tmp_path):
    """The real CLI on a corrupted copy of the project's data folder."""
    reg = data.registry()
    if not reg:
        pytest.skip("no dataset registered yet")
    root = tmp_path / "proj"
    (root / "src").mkdir(parents=True)
    (root / "src" / "helpers").symlink_to(paths.SRC)
    (root / "pyproject.toml").write_text("")
    shutil.copytree(paths.DATA, root / "data", ignore=shutil.ignore_patterns("raw", ".cache"))
    name = next(iter(reg))
    target = root / "data" / f"{name}.csv"
    target.write_bytes(target.read_bytes()[:-200])
    env = {"HELPERS_ROOT": str(root), "PATH": "/usr/bin:/bin"}
    p = subprocess.run(
        [sys.executable, "-m", "helpers", "data", "validate"],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
    )
    assert p.returncode == 2
    assert f"data/{name}.csv: sha256" in p.stderr
    assert "Traceback" not in p.stderr


# ------------------------------------------------------------------- the shipped tables themselves

REGISTRY = data.registry()


@pytest.mark.parametrize("name", list(REGISTRY))
def test_shipped_table_validates_and_has_provenance(name):
    ds = REGISTRY[name]
    df = data.load(name)
    assert len(df) > 0
    meta = data.read_metadata(ds)
    for field in ("title", "sha256", "sources", "rows", "columns"):
        assert meta.get(field), f"{name}: metadata lacks {field}"
    for s in meta["sources"]:
        for field in ("producer", "title", "url", "licence", "date_published", "date_accessed"):
            assert s.get(field), f"{name}: a source lacks {field}"
    if ds.kind == "compiled":
        assert "source_id" in df.columns, f"{name}: a hand-compiled table needs a source_id per row"
        assert df["source_id"].notna().all(), f"{name}: rows without source_id"
    if ds.kind == "derived":
        assert ds.raw, f"{name}: a derived table names its raw files"
        for rf in ds.raw:
            assert rf.url.startswith("https://"), f"{name}: raw file {rf.path} lacks an official URL"


def test_every_column_is_in_the_data_dictionary():
    assert datadoc.missing_docs() == []


def test_data_readme_is_current():
    readme = paths.DATA / "README.md"
    if not REGISTRY:
        pytest.skip("no dataset registered yet")
    assert readme.is_file(), "data/README.md is missing: run python -m helpers data docs"
    assert readme.read_text() == datadoc.render(), "data/README.md is stale: run python -m helpers data docs"


def test_every_source_id_resolves():
    sources = data.load_sources()
    for sid, entry in sources.items():
        for field in ("publisher", "title", "url"):
            assert entry.get(field), f"source {sid} lacks {field}"


@pytest.mark.parametrize("name", [n for n, d in REGISTRY.items() if d.kind == "derived"])
def test_build_from_raw_reproduces_the_committed_table(name, tmp_path):
    ds = REGISTRY[name]
    missing = [rf.path for rf in ds.raw if not (paths.RAW / rf.path).is_file()]
    if missing:
        pytest.skip(f"raw files not present (gitignored; fetch with 'data download'): {missing[:2]}")
    data.build([name], out=tmp_path)
    assert (tmp_path / f"{name}.csv").read_bytes() == ds.path.read_bytes()
