"""Unit tests of paths, params, results and plots."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Literal

import matplotlib.pyplot as plt
import numpy as np
import pytest

sys.path.insert(0, str(Path(__file__).parent / "fixtures"))

from helpers.core import forked, paths, plots, results
from helpers.core.memo import SectionMemo
from helpers.core.params import NotebookParams, P, ParamError, from_namespace, parse_cli_value, validate

# --------------------------------------------------------------------------------------------- paths


def test_root_is_found_from_any_working_directory(tmp_path):
    code = "from helpers.core import paths; print(paths.DATA)"
    env = {k: v for k, v in os.environ.items() if k != "HELPERS_ROOT"}
    out = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, env=env)
    assert out.returncode == 0, out.stderr
    assert Path(out.stdout.strip()) == Path(__file__).resolve().parents[1] / "data"
    assert (paths.ROOT / "pyproject.toml").is_file()
    assert paths.notebook("01_x") == paths.NOTEBOOKS / "01_x.ipynb" == paths.notebook("01_x.ipynb")


def test_run_dir_follows_the_runner(monkeypatch, tmp_path):
    monkeypatch.setenv("HELPERS_RUN_DIR", str(tmp_path))
    assert paths.run_dir() == tmp_path
    monkeypatch.delenv("HELPERS_RUN_DIR")
    assert paths.run_dir() == paths.BUILD / "interactive"


# -------------------------------------------------------------------------------------------- params


class M(NotebookParams):
    share_pct: float = P(90.0, "share", unit="%", gt=0, le=100)
    n: int = P(10, "count", ge=1)
    mode: Literal["a", "b"] = P("a", "mode")
    when: dt.date = P(dt.date(2024, 1, 1), "date")


def test_validate_returns_checked_values_and_defaults():
    m = validate(M, {"share_pct": "50", "when": "2025-02-03"})
    assert m.share_pct == 50.0 and m.n == 10 and m.when == dt.date(2025, 2, 3)
    assert m.as_dict() == {"share_pct": 50.0, "n": 10, "mode": "a", "when": "2025-02-03"}


def test_validate_lists_every_problem_with_its_name():
    with pytest.raises(ParamError) as e:
        validate(M, {"share_pct": 101, "n": 0, "mode": "c", "shre_pct": 3}, notebook="nb")
    msgs = e.value.problems
    assert len(msgs) == 4
    assert "nb: unknown parameter 'shre_pct'; did you mean 'share_pct'?" in msgs
    assert "nb: parameter 'share_pct' = 101 is out of range (allowed: > 0 and <= 100)" in msgs
    assert "nb: parameter 'n' = 0 is out of range (allowed: >= 1)" in msgs
    assert "nb: parameter 'mode' = 'c' is not allowed (one of 'a', 'b')" in msgs


def test_from_namespace_picks_only_model_fields():
    m = from_namespace(M, {"n": 3, "unrelated": object(), "__name__": "x"})
    assert m.n == 3
    with pytest.raises(ParamError, match="'n' = -1 is out of range"):
        from_namespace(M, {"n": -1})


def test_cli_values_are_typed_by_yaml_except_text():
    class T(NotebookParams):
        chip: str = P("H100", "chip")
        xs: list[str] = P([], "names")

    assert parse_cli_value(T, "chip", "10") == "10"
    assert parse_cli_value(T, "xs", "[a, b]") == ["a", "b"]
    assert parse_cli_value(M, "n", "12") == 12
    assert parse_cli_value(M, "when", "2024-05-01") == "2024-05-01"
    assert parse_cli_value(M, "when", "2024-13-01") == "2024-13-01"


# ------------------------------------------------------------------------------------------- results


def test_make_entry_is_json_safe_and_checks_its_input():
    e = results.make_entry("gap", np.float64(1.5), low=np.int64(1), high=2, unit="pt", claims=["C1"])
    assert json.dumps(e) and e == {"value": 1.5, "low": 1, "high": 2, "unit": "pt", "claims": ["C1"]}
    assert results.make_entry("d", {2024: np.int64(3)})["value"] == {"2024": 3}
    with pytest.raises(results.ResultError, match="not JSON-safe; record None"):
        results.make_entry("x", float("nan"))
    with pytest.raises(results.ResultError, match="type DataFrame is not JSON-safe"):
        import pandas as pd

        results.make_entry("x", pd.DataFrame())
    with pytest.raises(results.ResultError, match="unknown claim id"):
        results.make_entry("x", 1, claims=["C13"])
    with pytest.raises(results.ResultError, match="low 3 is above high 2"):
        results.make_entry("x", 1, low=3, high=2)
    with pytest.raises(results.ResultError, match="identifier"):
        results.make_entry("bad key", 1)


def test_collect_reads_records_back_in_order():
    nb = {
        "cells": [
            {"cell_type": "markdown", "source": "x"},
            {
                "cell_type": "code",
                "outputs": [
                    {
                        "output_type": "display_data",
                        "data": {results.MIME: {"key": "a", "value": 1}, "text/plain": "a"},
                    }
                ],
            },
            {
                "cell_type": "code",
                "outputs": [
                    {
                        "output_type": "display_data",
                        "data": {results.MIME: json.dumps({"key": "b", "value": [1, 2], "unit": "u"})},
                    }
                ],
            },
        ]
    }
    assert results.collect(nb) == {"a": {"value": 1}, "b": {"value": [1, 2], "unit": "u"}}


def test_record_outside_a_kernel_returns_the_value():
    assert results.record("k", 3) == 3


# --------------------------------------------------------------------------------------------- plots


@pytest.fixture()
def theme():
    """The collection's theme for one test: rcParams are restored afterwards, so no later test inherits
    left-aligned titles or the theme's fonts."""
    with plt.rc_context():
        plots.set_theme()
        yield


def test_palette_is_fixed_and_saves_png_and_svg(monkeypatch, tmp_path, theme):
    monkeypatch.setenv("HELPERS_RUN_DIR", str(tmp_path))
    assert plots.colour("open") != plots.colour("closed")
    assert plots.colour("unknown-thing") == "#999999"
    pal = plots.palette_for(["NVIDIA", "Someone"])
    assert pal["NVIDIA"] == plots.PALETTE["NVIDIA"] and "Someone" in pal
    fig, ax = plt.subplots()
    ax.plot([1, 2])
    plots.caption(fig, "Data: test")
    written = plots.save(fig, "my figure!", notebook="01_x")
    assert [p.name for p in written] == ["my_figure.png", "my_figure.svg"]
    assert all(p.stat().st_size > 0 for p in written)
    assert written[0].parent == tmp_path / "figures" / "01_x"
    svg1 = written[1].read_bytes()
    plots.save(fig, "my figure!", notebook="01_x")
    assert written[1].read_bytes() == svg1  # deterministic SVG
    with pytest.raises(ValueError, match="no letters"):
        plots.save(fig, "!!!")
    plt.close(fig)


def test_theme_is_seaborns_without_importing_it():
    """plots writes out what seaborn.set_theme(notebook, whitegrid, 0.95) sets, so a kernel that draws no
    seaborn plot need not import seaborn and scipy.stats; the same rcParams, colour cycle, colour codes and
    grey ramp as seaborn's."""
    import matplotlib as mpl
    import seaborn as sns

    with plt.rc_context():
        sns.set_theme(context="notebook", style="whitegrid", font_scale=0.95)
        want = dict(mpl.rcParams)
        want_codes = {c: mpl.colors.colorConverter.colors[c] for c in "bgrmyck"}
    with plt.rc_context():
        plots.set_theme()
        got = dict(mpl.rcParams)
        got_codes = {c: mpl.colors.colorConverter.colors[c] for c in "bgrmyck"}
    ours = set(plots._SEABORN_RC) | {"axes.prop_cycle"}
    mine = {"axes.titlesize"}  # the collection's own title size, set after the theme
    assert {k: got[k] for k in ours - mine} == {k: want[k] for k in ours - mine}
    assert set(sns.axes_style("whitegrid")) | set(sns.plotting_context("notebook")) <= ours | {"image.cmap"}
    assert got_codes == want_codes
    names = ["NVIDIA", "a", "b", "c", "d"]
    greys = sns.color_palette("Greys", n_colors=len(names) + 2)[2:]
    assert plots.palette_for(names) == {"NVIDIA": plots.PALETTE["NVIDIA"], **dict(zip(names[1:], greys[1:]))}


def test_save_fixes_layout_and_wrapped_caption_once(monkeypatch, tmp_path, theme):
    """After the tight box, the placeholder layout engine goes (savefig would draw once more for it) and a
    wrapped caption keeps the lines matplotlib computed, so PNG and SVG show the same line breaks."""
    monkeypatch.setenv("HELPERS_RUN_DIR", str(tmp_path))
    fig, ax = plt.subplots(figsize=(4, 3))
    ax.plot([1, 2])
    plots.caption(fig, " ".join(["a long source note"] * 12))
    fig.tight_layout()
    assert fig.get_layout_engine() is not None
    plots.save(fig, "wrapped")
    (cap,) = fig.texts
    assert fig.get_layout_engine() is None
    assert not cap.get_wrap() and cap.get_text().count("\n") >= 2
    plt.close(fig)


def test_recorded_values_read_like_the_site():
    from helpers.core.text import fmt_value

    assert fmt_value({"value": 7.228, "low": 5.9, "high": 9.4, "unit": "months"}) == "7.23 months (5.9–9.4)"
    assert fmt_value({"value": [{"claim": "C1"}, {"claim": "C2"}]}) == "2 entries (see results.json)"
    assert fmt_value({"value": 16.4e6, "unit": "USD"}) == "$16.4 million"


def test_save_wraps_a_title_wider_than_its_axes(monkeypatch, tmp_path, theme):
    """A long title set with ax.set_title would overhang the axes and widen the saved canvas with blank
    space; save() rewraps it to the axes' width at its own size, and leaves a title that fits alone."""
    monkeypatch.setenv("HELPERS_RUN_DIR", str(tmp_path))
    from PIL import Image as PILImage

    def saved_width(title):
        fig, (a, b) = plt.subplots(1, 2, figsize=(6, 3))
        a.plot([1, 2])
        b.plot([2, 1])
        fig.tight_layout()
        a.set_title(title, fontsize=10)
        b.set_title("fits", loc="left")
        png = plots.save(fig, "t", notebook="01_x")[0]
        renderer = fig.canvas.get_renderer()
        t = next(x for x in (a.title, a._left_title, a._right_title) if x.get_text())  # the theme's location
        out = (t.get_text(), t.get_window_extent(renderer).width, a.get_window_extent(renderer).width)
        assert b._left_title.get_text() == "fits" and t.get_fontsize() == 10
        plt.close(fig)
        return out, PILImage.open(png).size[0]

    (short, _, _), w_short = saved_width("A short title")
    assert short == "A short title"
    (text, tw, aw), w_long = saved_width(
        "the largest US run of every window is several times the largest Chinese one " * 2
    )
    assert "\n" in text and tw <= aw
    assert w_long <= w_short + 2  # the canvas is not widened by the title
    fig = plt.figure(figsize=(4, 3))
    fig.suptitle("word " * 60)
    plots.save(fig, "s", notebook="01_x")
    assert fig._suptitle.get_window_extent(fig.canvas.get_renderer()).width <= 4 * fig.dpi
    plt.close(fig)


def _figure(i: int):
    fig, ax = plt.subplots(figsize=(3, 2))
    ax.plot([0, 1, 2], [i, i * i, 1])
    ax.set_title(f"figure {i}")
    plots.caption(fig, "Data: test")
    return fig


def _broken(i: int):
    if i == 1:  # drawn by the child first, then by the parent, which raises
        raise ValueError("no such figure")
    return _figure(i)


PARENT = os.getpid()


def _dies_in_the_child(i: int):
    if os.getpid() != PARENT:
        os._exit(3)  # a child that ends without a reply
    return _figure(i)


def test_save_many_writes_the_bytes_save_writes_with_half_of_them_drawn_in_a_child(
    monkeypatch, tmp_path, theme
):
    monkeypatch.setenv("HELPERS_RUN_DIR", str(tmp_path / "one"))
    alone = [plots.save(_figure(i), f"f{i}", notebook="01_x") for i in range(5)]
    monkeypatch.setenv("HELPERS_RUN_DIR", str(tmp_path / "many"))
    many = plots.save_many(_figure, [(i,) for i in range(5)], [f"f{i}" for i in range(5)], notebook="01_x")
    assert len(many) == 5
    for a, b in zip(alone, many, strict=True):
        assert [p.name for p in b] == [p.name for p in a]
        assert [p.read_bytes() for p in b] == [p.read_bytes() for p in a]  # PNG and SVG, byte for byte
    if forked.usable():  # the parent itself drew only every second one
        drawn, real = [], plots._write
        monkeypatch.setattr(plots, "_write", lambda fig, name, nb: drawn.append(name) or real(fig, name, nb))
        plots.save_many(_figure, [(0,), (1,), (2,)], ["a", "b", "c"])
        assert drawn == ["a", "c"]


def test_save_many_draws_what_a_failed_or_dead_child_did_not(monkeypatch, tmp_path, theme):
    monkeypatch.setenv("HELPERS_RUN_DIR", str(tmp_path))
    with pytest.raises(
        ValueError, match="no such figure"
    ):  # the parent draws it again and raises as save would
        plots.save_many(_broken, [(0,), (1,), (2,)], ["f0", "f1", "f2"], notebook="01_x")
    monkeypatch.setenv("HELPERS_RUN_DIR", str(tmp_path / "dead"))
    saved = plots.save_many(_dies_in_the_child, [(i,) for i in range(4)], [f"d{i}" for i in range(4)])
    assert [p.name for files in saved for p in files] == [
        f"d{i}.{e}" for i in range(4) for e in ("png", "svg")
    ]
    assert all(p.stat().st_size > 0 for files in saved for p in files)
    with pytest.raises(ValueError, match="2 figures but 1 names"):  # a name for every figure
        plots.save_many(_figure, [(0,), (1,)], ["only one"])
    with pytest.raises(ValueError, match="must differ"):
        plots.save_many(_figure, [(0,), (1,)], ["same", "same"])


@pytest.mark.skipif(not forked.usable(), reason="no fork here (Linux, two cores)")
def test_a_forked_child_returns_its_value_and_one_that_hangs_is_killed():
    child = forked.start(lambda: {"n": 41 + 1})
    assert child.result(timeout=30) == {"n": 42}
    t0 = time.monotonic()
    slow = forked.start(lambda: time.sleep(60))
    assert slow.result(timeout=0.3) is None and time.monotonic() - t0 < 10
    with pytest.raises(ChildProcessError):  # reaped: no zombie left
        os.waitpid(slow.pid, os.WNOHANG)
    failing = forked.start(lambda: 1 / 0)
    assert failing.result(timeout=30) is None


def test_a_section_memo_computes_once_per_key_and_forgets_other_inputs():
    memo, calls = SectionMemo(), []
    a, b = object(), object()

    def section(tag):
        calls.append(tag)
        return tag

    memo.use(a)
    assert memo.cached("s", (1,), lambda: section("a1")) == "a1"
    assert memo.cached("s", (1,), lambda: section("again")) == "a1"  # the same key: kept
    assert memo.cached("s", (2,), lambda: section("a2")) == "a2"
    memo.use(b)  # other inputs: nothing of a's is served
    assert memo.cached("s", (1,), lambda: section("b1")) == "b1"
    memo.clear()
    assert memo.inputs is None and memo.store == {}
    assert calls == ["a1", "a2", "b1"]
