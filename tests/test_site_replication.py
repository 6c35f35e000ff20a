"""The site's Replication page: one table per notebook from its recorded ``replication`` rows, escaped."""

from __future__ import annotations

from helpers.core.replication import Figure, entry
from helpers.publish import replication
from helpers.publish.site import CSS, esc


def results() -> dict:
    figs = [
        Figure(
            "Arena gap",
            "Stanford HAI, AI Index 2025",
            "2025-02",
            "best closed minus best open",
            "%",
            1.7,
            1.7,
        ),
        Figure(
            "ECI lag <script>alert(1)</script>",
            "Epoch AI",
            "2025-10",
            "time-averaged horizontal distance",
            "months",
            3.5,
            6.0,
            theirs_low=1.1,
            theirs_high=5.3,
            note="ours counts <b>later</b> releases",
            url="https://epoch.ai/x",
        ),
    ]
    return {"01_benchmark_parity": {"replication": entry(figs)}, "02_x": {"other": {"value": 1}}}


def test_rows_and_tally_come_from_the_recorded_entries():
    rows = replication.replication_rows(results())
    assert list(rows) == ["01_benchmark_parity"]
    assert [r["status"] for r in rows["01_benchmark_parity"]] == ["reproduced", "differs"]
    assert replication.tally(rows) == (1, 2)


def test_the_page_escapes_every_data_string_and_shows_intervals(tmp_path):
    name = replication.write_page(tmp_path, results(), {"01_benchmark_parity": "Parity"}, CSS, esc, "default")
    page = (tmp_path / name).read_text()
    assert "<script>alert" not in page and "&lt;script&gt;" in page and "<b>later</b>" not in page
    assert "1 of 2 published figures are reproduced" in page
    assert "1.1 to 5.3" in page and "<h2 id='01_benchmark_parity'>Parity</h2>" in page
    assert "href='https://epoch.ai/x'" in page


def test_no_rows_no_page(tmp_path):
    assert replication.write_page(tmp_path, {"a": {}}, {}, CSS, esc, "default") is None
    assert not (tmp_path / replication.PAGE).exists()
