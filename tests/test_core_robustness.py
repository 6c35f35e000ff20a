"""The specification grid's vocabulary: declared choices, the grid, the summary of a claim's verdicts."""

from __future__ import annotations

import pytest

from helpers.analysis.export_controls.params import Params
from helpers.core.robustness import (
    Alternative,
    Choice,
    Declared,
    ReadRecorder,
    describe_flips,
    flip_table,
    grid,
    one_change_specs,
    single_flips,
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


def test_single_flips_tells_the_reader_which_one_change_flips_a_verdict():
    d = Declared(
        "nb",
        (
            Choice("eci_tolerance", ("C8",), (alt(3.0), alt(1.0))),
            Choice("c8_close_months", ("C8", "C9"), (alt(6.0),)),
        ),
    )

    def verdicts(inputs, P):
        return {"C8": "supported" if P.eci_tolerance >= 3 else "partly supported", "C9": "supported"}

    base, flips = single_flips(d, verdicts, None, Params())
    assert base == {"C8": "partly supported", "C9": "supported"}
    assert [(f["param"], f["value"]) for f in flips["C8"]] == [("eci_tolerance", 3.0)] and flips["C9"] == []
    text = describe_flips(base, flips, d)
    assert (
        "**C8** (partly supported) is **fragile**: 1 of its 3 single changes flip it: *eci tolerance = 3*"
        in text
    )
    assert "**C9** (supported) holds under each of its 1 single changes" in text
    t = flip_table((base, flips))
    assert (
        list(t["Claim"]) == ["C8"]
        and t.loc[0, "Choice"] == "eci tolerance"
        and t.loc[0, "Alternative"] == 3.0
    )
    assert t.loc[0, "Verdict it gives"] == "supported" and t.loc[0, "Why a referee could choose it"]
    assert flip_table(flips, ["C9"]).empty


def test_a_change_that_does_not_combine_with_the_run_is_named_not_applicable():
    d = Declared("nb", (Choice("eci_tolerance", ("C8",), (alt(3.0),)),))

    def verdicts(inputs, P):
        if P.eci_tolerance == 3.0:
            raise ValueError("interval must satisfy low <= central")
        return {"C8": "partly supported"}

    base, flips = single_flips(d, verdicts, None, Params())
    text = describe_flips(base, flips, d)
    assert "holds under each of its 1 single changes of a declared choice (1 not applicable" in text
