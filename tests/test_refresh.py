"""``data refresh``: a new vintage from a local mirror with one changed input is reported (inputs, table
rows, verdicts) and leaves data/ untouched until ``--accept``, which installs it and re-pins the input."""

from __future__ import annotations

import functools
import hashlib
import http.server
import shutil
import threading
from types import SimpleNamespace

import pytest
import yaml

from helpers.core import paths
from helpers.core.errors import UserError
from helpers.runner import refresh as rf

OLD = "model,score\na,1\nb,2\n"
NEW = "model,score\na,1\nb,3\nc,4\n"
SNAP = "model,score\ns,9\n"


def sha(t: str) -> str:
    return hashlib.sha256(t.encode()).hexdigest()


@pytest.fixture()
def project(tmp_path, monkeypatch):
    root = tmp_path / "proj"
    for d in ("src", "notebooks", "data/metadata", "data/raw", "reports"):
        (root / d).mkdir(parents=True)
    (root / "pyproject.toml").write_text("")
    (root / "data" / "raw" / "a.csv").write_text(OLD)
    (root / "data" / "raw" / "s.csv").write_text(SNAP)
    (root / "data" / "t.csv").write_text(OLD)
    (root / "data" / "metadata" / "t.yaml").write_text("sha256: old\n")
    pins = {
        "a.csv": {
            "url": "https://publisher.example/a.csv",
            "sha256": sha(OLD),
            "size": len(OLD),
            "pinned": "unversioned",
            "taken": "2026-01-01",
            "note": "n",
        },
        "s.csv": {
            "url": "https://github.com/x/y",
            "sha256": sha(SNAP),
            "size": len(SNAP),
            "pinned": "snapshot",
            "taken": "2026-01-01",
            "note": "stacked",
        },
    }
    (root / "data" / "raw_inputs.yaml").write_text("# pins\n" + yaml.safe_dump(pins))
    for name, sub in (
        ("ROOT", ""),
        ("DATA", "data"),
        ("RAW", "data/raw"),
        ("METADATA", "data/metadata"),
        ("BUILD", "build"),
        ("RUNS", "build/runs"),
        ("REPORTS", "reports"),
    ):
        monkeypatch.setattr(paths, name, root / sub if sub else root)
    monkeypatch.setattr(rf, "registry", lambda: {"t": SimpleNamespace(key=("model",))})
    www = tmp_path / "www"
    www.mkdir()
    (www / "a.csv").write_text(NEW)

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *a):
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(www)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield root, f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def fake_build(root):
    """The candidate's 'data build': table t is raw a.csv."""
    shutil.copyfile(root / "data" / "raw" / "a.csv", root / "data" / "t.csv")
    (root / "data" / "metadata" / "t.yaml").write_text(
        f"sha256: {sha((root / 'data' / 't.csv').read_text())}\n"
    )


def fake_run(root, vintage, jobs):
    return (
        True,
        [{"notebook": "01_x", "key": "verdict_C1", "before": "partly supported", "after": "supported"}],
        "",
    )


def test_refresh_reports_and_changes_nothing_until_accept(project, capsys):
    root, mirror = project
    before = {p: p.read_bytes() for p in (root / "data").rglob("*") if p.is_file()}
    # the snapshot is not on the mirror: refresh keeps the collection's copy and says so
    code = rf.refresh("v1", mirror=mirror, build=lambda r: fake_build(r) or None, execute=fake_run)
    assert code == 0
    report = (root / "build" / "refresh" / "v1" / "report.md").read_text()
    assert (
        "1 of 2 raw inputs changed upstream; 1 tables differ; 1 verdicts and 0 other results move" in report
    )
    assert "| a.csv | changed |" in report and "| s.csv | unreachable |" in report
    assert "| t | 1 | 0 | 1 |" in report  # c added, b changed
    assert "| 01_x | verdict_C1 | partly supported | supported |" in report
    after = {p: p.read_bytes() for p in (root / "data").rglob("*") if p.is_file() and "v1" not in p.parts}
    assert after == before, "refresh changed data/ before --accept"
    assert (root / "data" / "raw" / "v1" / "a.csv").read_text() == NEW

    assert rf.accept("v1") == 0
    assert (root / "data" / "t.csv").read_text() == NEW and (
        root / "data" / "raw" / "a.csv"
    ).read_text() == NEW
    pins = yaml.safe_load((root / "data" / "raw_inputs.yaml").read_text())
    assert pins["a.csv"]["sha256"] == sha(NEW) and pins["a.csv"]["taken"] == "v1"
    assert pins["s.csv"]["sha256"] == sha(SNAP)
    assert (root / "data" / "raw_inputs.yaml").read_text().startswith("# pins\n")


def test_accept_of_an_unknown_vintage_is_one_clear_error(project):
    with pytest.raises(UserError, match="no refreshed vintage of that name"):
        rf.accept("nope")


def test_result_changes_lists_verdicts_first():
    old = {"01": {"verdict_C1": {"value": "partly supported"}, "a": {"value": 1}, "b": {"value": 2}}}
    new = {"01": {"verdict_C1": {"value": "supported"}, "a": {"value": 1}, "b": {"value": 3}}}
    assert [r["key"] for r in rf.result_changes(old, new)] == ["verdict_C1", "b"]
