"""The specification grid's vocabulary: declared choices, the grid, the summary of a claim's verdicts."""

from __future__ import annotations

import pytest

from helpers.analysis.export_controls.params import Params
from helpers.core.robustness import (
    Alternative,
    Choice,
    Declared,
    ReadRecorder,
    grid,
    one_change_specs,
    summarize,
)


def alt(v):
    return Alternative(v, f"value {v}", "a test")


A = Choice("a", ("C1",), (alt(1), alt(2)))
B = Choice("b", ("C1", "C2"), (alt(True),))
C = Choice("c", ("C2",), tuple(alt(i) for i in range(10, 20)))


def test_a_small_grid_is_the_full_product_with_the_default_first():
    specs, sampled = grid([A, B], 100, seed=1)
    assert not sampled and len(specs) == 3 * 2 and specs[0] == {}
    assert {"a": 2, "b": True} in specs and len({tuple(sorted(s.items())) for s in specs}) == 6


def test_a_large_grid_is_sampled_reproducibly_and_keeps_every_one_change_spec():
    specs, sampled = grid([A, B, C], 20, seed=7)
    assert sampled and len(specs) == 20
    assert all(s in specs for s in one_change_specs([A, B, C]))
    assert specs == grid([A, B, C], 20, seed=7)[0]
    assert len({tuple(sorted(s.items())) for s in specs}) == 20  # no specification twice


def test_summary_counts_agreement_and_names_the_choice_that_flips():
    specs, _ = grid([A, B], 100, seed=1)
    verdicts = ["partly supported" if s.get("a") == 2 else "supported" for s in specs]
    s = summarize("C1", specs, verdicts, [A, B])
    assert s["default"] == "supported" and s["n_specs"] == 6 and s["agree"] == 4
    assert s["fragile"] and [(f["param"], f["value"]) for f in s["flipped_by"]] == [("a", 2)]
    assert s["flipped_by"][0]["share_moved"] == pytest.approx(2 / 6, abs=1e-6)
    robust = summarize("C1", specs, ["supported"] * 6, [A, B])
    assert not robust["fragile"] and robust["agree"] == 6 and robust["flipped_by"] == []
    with pytest.raises(ValueError, match="default specification"):
        summarize("C1", specs[1:], verdicts[1:], [A, B])


def test_declarations_refuse_what_a_reader_could_not_trust():
    with pytest.raises(ValueError, match="at least one alternative"):
        Choice("x", ("C1",), ())
    with pytest.raises(ValueError, match="declared twice"):
        Declared("nb", (A, A))
    with pytest.raises(ValueError, match="both varied and fixed"):
        Declared("nb", (A,), {"a": "no"})
    d = Declared("nb", (A, B, C), {"seed": "randomness, not a choice"})
    assert d.claims == ("C1", "C2") and d.for_claim("C2") == (B, C)
    assert d.undeclared({"a", "seed", "horizon_years"}) == ["horizon_years"]


def test_the_recorder_sees_every_parameter_read():
    rec = ReadRecorder(Params())
    _ = rec.eci_tolerance + rec.c8_close_months
    assert rec.read == {"eci_tolerance", "c8_close_months"}
    with pytest.raises(AttributeError):
        rec.eci_tolerance = 3.0
