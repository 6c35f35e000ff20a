"""Hostile data: corrupted tables and metadata, a results file that is not one, dates outside the data.

A table that fails validation fails loudly at the data layer (the file, the column, the lines), and a
kernel that could not load a table leaves a note the runner turns into a failed notebook (a kernel test
in test_hostile_machine.py runs it end to end)."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import subprocess
import sys

import pandas as pd
import pandera.pandas as pa
import pytest
import yaml

from helpers import data
from helpers.core import params as params_mod
from helpers.core import paths
from helpers.data import catalog, store
from helpers.runner import fingerprint

SRC = data.Source("Test Publisher", "Dates", "https://example.org/d", "CC BY 4.0", "2026-01-01", "2026-11-30")


@pytest.fixture()
def tables(tmp_path, monkeypatch):
    """Two registered tables (one derived, one hand-compiled) in a throw-away data folder."""
    for name, sub in (
        ("ROOT", ""),
        ("DATA", "data"),
        ("RAW", "data/raw"),
        ("METADATA", "data/metadata"),
        ("DATA_CACHE", "data/.cache"),
        ("SOURCES", "data/sources"),
    ):
        monkeypatch.setattr(paths, name, tmp_path / sub if sub else tmp_path)
    (tmp_path / "data" / "raw").mkdir(parents=True)
    (tmp_path / "data" / "sources").mkdir()
    (tmp_path / "data" / "sources" / "s.yaml").write_text("s1: {publisher: P, title: T, url: https://x}\n")
    (tmp_path / "data" / "raw" / "d.csv").write_text("date,v\n2023-02-01,1.5\n2024-06-30,2.5\n")
    schema = pa.DataFrameSchema({"date": pa.Column("datetime64[ns]"), "v": pa.Column(float)}, strict=True)
    derived = data.Dataset(
        name="t_dates",
        title="Dates",
        description="d",
        sources=[SRC],
        key=("date",),
        schema=schema,
        build=lambda raw: pd.read_csv(raw / "d.csv", parse_dates=["date"]),
        raw=[data.RawFile("d.csv", "https://example.org/d.csv")],
        date_columns=("date",),
    )
    compiled_schema = pa.DataFrameSchema(
        {
            "name": pa.Column(str),
            "share_pct": pa.Column(float, pa.Check.in_range(0, 100)),
            "source_id": pa.Column(str),
        },
        strict=True,
    )
    compiled = data.Dataset(
        name="t_hand",
        title="Hand",
        description="h",
        sources=[SRC],
        key=("name",),
        schema=compiled_schema,
        kind="compiled",
    )
    (tmp_path / "data" / "t_hand.csv").write_text("name,share_pct,source_id\nA,60.0,s1\nB,40.0,s1\n")
    saved = dict(catalog._REGISTRY)
    catalog._REGISTRY.clear()
    catalog._REGISTRY.update({"t_dates": derived, "t_hand": compiled})
    store._MEM.clear()
    data.build()
    yield tmp_path
    catalog._REGISTRY.clear()
    catalog._REGISTRY.update(saved)
    store._MEM.clear()


# ------------------------------------------------------------------ item 4: a corrupted table is loud


def test_a_changed_byte_fails_load_naming_the_file_and_the_fix_by_kind(tables):
    hand = paths.DATA / "t_hand.csv"
    hand.write_bytes(hand.read_bytes().replace(b"60.0", b"61.0"))
    with pytest.raises(data.DataError) as e:
        data.load("t_hand")
    [msg] = e.value.problems
    assert msg.startswith("data/t_hand.csv: sha256") and "git checkout -- data/t_hand.csv" in msg
    assert "record the new hash" in msg  # a hand-compiled table: a build would bless the damage
    derived = paths.DATA / "t_dates.csv"
    derived.write_bytes(derived.read_bytes()[:-3])
    with pytest.raises(data.DataError, match=r"data build t_dates.*data download t_dates"):
        data.load("t_dates")


def test_a_row_that_fails_the_schema_names_column_and_line(tables):
    hand = paths.DATA / "t_hand.csv"
    hand.write_text("name,share_pct,source_id\nA,160.0,s1\nB,40.0,s1\n")
    meta = yaml.safe_load((paths.METADATA / "t_hand.yaml").read_text())
    meta["sha256"] = hashlib.sha256(hand.read_bytes()).hexdigest()
    (paths.METADATA / "t_hand.yaml").write_text(yaml.safe_dump(meta))
    with pytest.raises(data.DataError) as e:
        data.load("t_hand")
    assert "data/t_hand.csv: column 'share_pct', line(s) 2" in e.value.problems[0]


def test_a_failed_load_under_the_runner_is_recorded_for_the_run(tables, monkeypatch, tmp_path):
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.setenv("HELPERS_RUN_DIR", str(work))
    (paths.DATA / "t_hand.csv").write_text("garbage\n")
    with pytest.raises(data.DataError):
        data.load("t_hand")  # an analysis may catch this ...
    noted = json.loads((work / paths.FAILED_INPUTS).read_text())  # ... the runner still sees it
    assert list(noted) == ["t_hand"] and "data/t_hand.csv: sha256" in noted["t_hand"][0]
    monkeypatch.delenv("HELPERS_RUN_DIR")
    (work / paths.FAILED_INPUTS).unlink()
    with pytest.raises(data.DataError):
        data.load("t_hand")
    assert not (work / paths.FAILED_INPUTS).exists()  # outside the runner nothing is written


def test_the_runner_checks_every_table_against_its_metadata_without_pandas(tables):
    assert fingerprint.input_problems(fingerprint.data_hashes()) == []
    (paths.DATA / "t_hand.csv").write_text("changed\n")
    (paths.METADATA / "t_dates.yaml").write_text("- a list\n- not a mapping\n")
    problems = fingerprint.input_problems(fingerprint.data_hashes())
    assert len(problems) == 2
    assert problems[0].startswith("data/metadata/t_dates.yaml: the table's metadata must be a mapping")
    assert problems[1].startswith("data/t_hand.csv: sha256") and "git checkout" in problems[1]


# ------------------------------------------------------------------- item 8: broken metadata YAML


@pytest.mark.parametrize(
    "text, needle",
    [
        ("- a\n- b\n", "must be a mapping"),
        ("name: [unclosed\n", "not valid YAML at line"),
        ("", "must be a mapping"),
    ],
    ids=["list", "malformed", "empty"],
)
def test_broken_metadata_is_one_line_naming_the_file(tables, text, needle):
    (paths.METADATA / "t_dates.yaml").write_text(text)
    problems = data.validate_all()
    assert (
        len(problems) == 1 and problems[0].startswith("data/metadata/t_dates.yaml") and needle in problems[0]
    )


def test_broken_sources_yaml_is_named(tables):
    (paths.SOURCES / "s.yaml").write_bytes(b"s1: {publisher: \xff\n")
    (paths.DATA / "t_hand.csv").touch()
    with pytest.raises(data.DataError, match=r"data/sources/s.yaml: cannot be read"):
        store.load_sources()


def test_cli_data_validate_on_list_shaped_metadata(tmp_path):
    root = tmp_path / "proj"
    (root / "src").mkdir(parents=True)
    (root / "src" / "helpers").symlink_to(paths.SRC)
    (root / "pyproject.toml").write_text("")
    import shutil

    shutil.copytree(paths.DATA, root / "data", ignore=shutil.ignore_patterns("raw", ".cache"))
    name = next(iter(data.registry()))
    (root / "data" / "metadata" / f"{name}.yaml").write_text("- 1\n- 2\n")
    p = subprocess.run(
        [sys.executable, "-m", "helpers", "data", "validate", name],
        cwd=root,
        env={"HELPERS_ROOT": str(root), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
    )
    assert p.returncode == 2 and "Traceback" not in p.stderr
    assert (
        p.stderr.strip() == f"error: data/metadata/{name}.yaml: metadata of '{name}' must be a mapping "
        "(name, sources, sha256, ...), not list"
    )


# ------------------------------------------- items 3 and 6 (generic): dates in the data, files that exist


class Dated(params_mod.NotebookParams):
    as_of: dt.date | None = params_mod.P(None, "cut-off", unit="date", within=("t_dates", "date"))
    start: dt.date = params_mod.P(dt.date(2024, 1, 1), "start", within=[("t_dates", "date"), ("nope", "x")])
    results_file: str | None = params_mod.P(None, "a results.json", unit="path", file="json")


def test_a_date_outside_the_data_is_refused_naming_the_coverage(tables):
    assert params_mod.validate(Dated, {"as_of": "2024-06-30"}).as_of == dt.date(2024, 6, 30)
    with pytest.raises(params_mod.ParamError) as e:
        params_mod.validate(Dated, {"as_of": "2099-01-01", "start": "2030-01-01"}, notebook="nb")
    assert e.value.problems == [
        "nb: parameter 'as_of' = 2099-01-01 is outside the dates the data covers "
        "(2023-02-01 to 2024-06-30, data/t_dates.csv date)",
        "nb: parameter 'start' = 2030-01-01 is outside the dates the data covers "
        "(2023-02-01 to 2024-06-30, data/t_dates.csv date, data/nope.csv x)",
    ]
    assert params_mod.validate(Dated, {}).as_of is None  # None means 'the newest date': not checked


def test_a_results_file_must_exist_and_be_json(tables, tmp_path):
    good = tmp_path / "r.json"
    good.write_text("{}")
    assert params_mod.validate(Dated, {"results_file": str(good)}).results_file == str(good)
    bad = tmp_path / "r.txt"
    bad.write_text("not json")
    for value, needle in (
        (str(tmp_path / "missing.json"), "is not an existing file"),
        (str(bad), "is not a JSON file (Expecting value"),
    ):
        with pytest.raises(params_mod.ParamError) as e:
            params_mod.validate(Dated, {"results_file": value}, notebook="00_s")
        [line] = e.value.problems
        assert line.startswith("00_s: parameter 'results_file' = ") and needle in line


def test_the_scorecard_refuses_a_missing_or_broken_results_file(tmp_path):
    """The scorecard notebook's own parameter: a missing file is not 'every claim not evaluated'."""
    from helpers.analysis.scorecard.params import Params

    bad = tmp_path / "r.json"
    bad.write_text("{not json")
    for value, needle in (
        (str(tmp_path / "none.json"), "is not an existing file"),
        (str(bad), "is not a JSON"),
    ):
        with pytest.raises(params_mod.ParamError) as e:
            params_mod.validate(Params, {"results_file": value}, notebook="00_scorecard")
        assert any("'results_file'" in p and needle in p for p in e.value.problems), e.value.problems
    assert params_mod.validate(Params, {}).results_file is None
