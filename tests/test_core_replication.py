"""Published figures, reproduced: the status rule and the recorded entry."""

from __future__ import annotations

import json

from helpers.core.replication import KEY, Figure, entry, table


def fig(**kw) -> Figure:
    base = dict(
        figure="gap", publisher="P", published="2025-02", definition="d", unit="%", theirs=1.7, ours=1.7
    )
    return Figure(**(base | kw))


def test_status_inside_their_interval_or_within_tolerance():
    assert fig(ours=5.0, theirs=3.5, theirs_low=1.1, theirs_high=5.3).status() == "reproduced"
    assert fig(ours=6.0, theirs=3.5, theirs_low=1.1, theirs_high=5.3).status() == "differs"
    assert fig(ours=1.8).status() == "reproduced"  # within 10% of 1.7
    assert fig(ours=2.0).status() == "differs"
    assert fig(ours=None).status() == "not computable"


def test_entry_is_json_safe_and_counts_reproduced_rows():
    e = entry([fig(claims=("C1",)), fig(ours=9.0, claims=("C8", "C2"))])
    json.dumps(e)
    assert e["claims"] == ["C1", "C2", "C8"]
    assert [r["status"] for r in e["value"]] == ["reproduced", "differs"]
    assert e["note"].startswith("1 of 2 ")
    assert KEY == "replication"


def test_table_shows_intervals_and_missing_values():
    t = table([fig(theirs=3.5, theirs_low=1.1, theirs_high=5.3, own=None)])
    assert t.loc[0, "Theirs"] == "3.5 (1.1 to 5.3)"
    assert t.loc[0, "Ours, our definition"] == "–"
    assert list(table(entry([fig()])["value"])["Status"]) == ["reproduced"]
