"""The scorecard's verdict logic and reports, on hand-made upstream documents."""

from __future__ import annotations

import json

from helpers.analysis.scorecard import table as scorecard
from helpers.analysis.scorecard import text
from helpers.publish import reports


def upstream(status=None, results=None):
    return {"notebooks": status or {}, "results": results or {}}


OK = {"status": "ok"}


def test_every_claim_gets_a_row_in_order():
    rows = scorecard.evaluate(upstream())
    assert [r["claim"] for r in rows] == [f"C{i}" for i in range(1, 13)]
    assert rows[10]["verdict"] == "context only"  # C11; C12 is judged by notebook 04 since issue 14
    assert all(r["verdict"] == "not evaluated" for r in rows[:10] + rows[11:])
    assert "was not run" in rows[0]["reason"]


def test_verdicts_and_estimates_come_from_the_results():
    res = {
        "01_benchmark_parity": {
            "verdict_C1": {"value": "partly supported", "note": "gap 5 points", "claims": ["C1"]},
            "eci_gap_points_latest": {"value": 5.25, "unit": "ECI points"},
            "eci_lag_months": {"value": 7.0, "low": 3.5, "high": 12.0, "unit": "months"},
            "verdict_C3": {"value": "bogus"},
        }
    }
    rows = scorecard.evaluate(upstream({"01_benchmark_parity": OK}, res))
    c1, c3 = rows[0], rows[2]
    assert c1["verdict"] == "partly supported" and c1["reason"] == "gap 5 points"
    assert c1["estimate"] == "eci gap points latest: 5.25 ECI points; eci lag months: 7 months (3.5–12)"
    assert c1["anchor"] == "claim-c1" and c1["notebook"] == "01_benchmark_parity"
    assert c3["verdict"] == "not evaluated" and "unknown verdict 'bogus'" in c3["reason"]
    assert rows[1]["verdict"] == "not evaluated" and "recorded no verdict" in rows[1]["reason"]


def test_a_failed_notebook_marks_its_claims_not_evaluated():
    res = {"02_compute_concentration": {"verdict_C5": {"value": "not supported"}}}
    st = {"01_benchmark_parity": {"status": "failed"}, "02_compute_concentration": OK}
    rows = scorecard.evaluate(upstream(st, res))
    assert [r["verdict"] for r in rows[:4]] == ["not evaluated"] * 4
    assert "failed" in rows[0]["reason"]
    assert rows[4]["verdict"] == "not supported"
    out = text.summary(rows)
    assert "1 is not supported (C5)" in out
    assert "C1, C2, C3, C4" in out and "not evaluated" in out


def test_summary_counts_agree_with_rows():
    res = {
        "03_export_controls": {
            f"verdict_C{i}": {"value": v}
            for i, v in zip(range(7, 11), ["supported", "supported", "partly supported", "not supported"])
        }
    }
    rows = scorecard.evaluate(upstream({"03_export_controls": OK}, res))
    c = scorecard.counts(rows)
    assert c["supported"] == 2 and c["partly supported"] == 1 and c["not supported"] == 1
    assert sum(c.values()) == 12
    assert text.summary(rows).startswith("Of the essay's 12 claims, 4 could be tested")


def test_dict_estimates_show_the_last_items():
    s = scorecard.format_entry("orgs", {"value": {"2021": 1, "2022": 2, "2023": 4, "2024": 9}})
    assert s == "orgs: … 2022: 2, 2023: 4, 2024: 9"


def test_reports_render_results_and_markdown():
    rows = scorecard.evaluate(upstream())
    doc = {"00_scorecard": {"scorecard": {"value": rows}, "summary": {"value": text.summary(rows)}}}
    raw = json.dumps(doc).encode()
    out = reports.render_reports(raw)
    assert json.loads(out["results.json"]) == reports.rounded(doc)
    md = out["scorecard.md"].decode()
    import re

    assert len(re.findall(r"\n\| C\d+ \|", md)) == 12 and "**context only**" in md


def test_analyze_gives_rows_status_and_the_entries_notebook_00_records():
    st = {
        "01_benchmark_parity": {"status": "failed", "error": "cell 7: ValueError"},
        "03_export_controls": OK,
    }
    res = {"03_export_controls": {"verdict_C10": {"value": "supported", "note": "delay under a year"}}}
    card = scorecard.analyze(upstream(st, res))
    assert card.rows == scorecard.evaluate(upstream(st, res)) and card.status == st
    e = card.entries()
    assert list(e) == ["scorecard", "verdict_counts", "summary"]
    assert e["scorecard"] == {"value": card.rows}
    assert e["verdict_counts"] == {"value": scorecard.counts(card.rows)}
    assert e["summary"] == {"value": text.summary(card.rows)}
    unsettled = card.unsettled()
    assert list(unsettled.columns) == ["claim", "verdict", "notebook", "reason"]
    assert "C10" not in set(unsettled["claim"]) and {"C1", "C11", "C12"} <= set(unsettled["claim"])


def test_overview_names_the_notebooks_that_did_not_finish():
    rows = scorecard.evaluate(upstream())
    assert text.overview(rows, {"01_benchmark_parity": OK}) == text.summary(rows)
    st = {
        "01_benchmark_parity": {"status": "failed", "error": "cell 7: ValueError"},
        "02_compute_concentration": OK,
    }
    out = text.overview(rows, st)
    assert out.startswith(text.summary(rows) + "\n\n**Notebooks that did not finish in this run:** ")
    assert out.endswith("`01_benchmark_parity` (cell 7: ValueError)")


def test_summary_of_no_rows_and_singular_plural():
    assert text.summary([]) == "No claim could be evaluated."
    rows = [
        {"claim": "C1", "verdict": "supported"},
        {"claim": "C2", "verdict": "not evaluated"},
        {"claim": "C3", "verdict": "not evaluated"},
    ]
    s = text.summary(rows)
    assert "1 is supported (C1)." in s and "C2, C3 were not evaluated" in s


def test_verdict_figure_states_the_tally_and_cites_its_sources():
    import matplotlib

    matplotlib.use("Agg")
    from helpers.analysis.scorecard import figures

    res = {
        "03_export_controls": {
            f"verdict_C{i}": {"value": v}
            for i, v in zip(
                range(7, 11), ["supported", "partly supported", "partly supported", "not supported"]
            )
        }
    }
    card = scorecard.analyze(upstream({"03_export_controls": OK}, res))
    fig = figures.verdict_figure(card)
    ax = fig.axes[0]  # the collection theme puts titles on the left; matplotlib's default, in the centre
    titles = {ax.get_title(loc=loc) for loc in ("left", "center")} - {""}
    assert titles == {"1 of 4 tested claims hold up in full, 2 in part"}
    assert any(t.get_text() == figures.SOURCES for t in fig.texts)
    assert figures.verdict_title(scorecard.evaluate(upstream())) == "No claim could be tested in this run"
