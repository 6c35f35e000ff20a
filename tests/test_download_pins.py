"""``data download`` with pins (data/raw_inputs.yaml): every file checked by sha256, each URL fetched once,
a changed upstream reported and not installed, mirrors as fallback, truncated and unreachable downloads
refused, snapshots named; and every raw input of the registry pinned."""

from __future__ import annotations

import functools
import hashlib
import http.server
import io
import threading
import zipfile

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from helpers.data import RawFile, registry
from helpers.data.download import Pin, PinError, download_files, load_pins

A = "model,score\na,1\nb,2\n"
B = "model,score\nx,5\ny,6\n"


def sha(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


@pytest.fixture()
def server(tmp_path):
    root = tmp_path / "www"
    (root / "pinned").mkdir(parents=True)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("bundle/a.csv", A)
        z.writestr("bundle/b.csv", B)
    (root / "bundle.zip").write_bytes(buf.getvalue())
    (root / "latest.csv").write_text(B)  # the publisher's unversioned file moved on
    (root / "pinned" / "a.csv").write_text(A)  # a commit-pinned mirror holds the collection's bytes
    hits: dict[str, int] = {}

    class Handler(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def do_GET(self):
            hits[self.path] = hits.get(self.path, 0) + 1
            if self.path == "/truncated.csv":  # promises more bytes than it sends
                self.send_response(200)
                self.send_header("Content-Length", "1000")
                self.end_headers()
                self.wfile.write(A.encode())
                return
            super().do_GET()

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=str(root)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}", hits
    httpd.shutdown()


def rf(path):
    return RawFile(path=path, url="https://publisher.example/" + path, required_columns=("model", "score"))


def pin(path, url, text, **kw):
    return Pin(path=path, url=url, sha256=sha(text), size=len(text), pinned=kw.pop("pinned", "commit"), **kw)


def test_zip_members_verify_and_the_zip_is_fetched_once(server, tmp_path, capsys):
    base, hits = server
    pins = {
        "a.csv": pin("a.csv", f"{base}/bundle.zip", A, member="a.csv", pinned="unversioned"),
        "b.csv": pin("b.csv", f"{base}/bundle.zip", B, member="b.csv", pinned="unversioned"),
    }
    dest = tmp_path / "raw"
    assert download_files([rf("a.csv"), rf("b.csv")], dest=dest, pins=pins) == 0
    assert (dest / "a.csv").read_text() == A and (dest / "b.csv").read_text() == B
    assert hits["/bundle.zip"] == 1
    err = capsys.readouterr().err
    assert "ok: data/raw/a.csv: verified from the publisher" in err and "2 of 2 verified" in err


def test_a_changed_upstream_is_reported_with_its_hash_and_not_installed(server, tmp_path, capsys):
    base, _ = server
    dest = tmp_path / "raw"
    dest.mkdir()
    (dest / "a.csv").write_text("old\n")
    pins = {"a.csv": pin("a.csv", f"{base}/latest.csv", A, pinned="unversioned")}
    assert download_files([rf("a.csv")], dest=dest, pins=pins) == 2
    err = capsys.readouterr().err
    assert "changed upstream" in err and sha(B)[:12] in err and sha(A)[:12] in err and "data refresh" in err
    assert (dest / "a.csv").read_text() == "old\n"


def test_a_pinned_mirror_gives_the_collections_version_when_the_publisher_moved_on(server, tmp_path, capsys):
    base, _ = server
    pins = {
        "a.csv": pin(
            "a.csv", f"{base}/latest.csv", A, pinned="unversioned", mirrors=(f"{base}/pinned/a.csv",)
        )
    }
    dest = tmp_path / "raw"
    assert download_files([rf("a.csv")], dest=dest, pins=pins) == 0
    assert (dest / "a.csv").read_text() == A
    assert "verified from a pinned mirror" in capsys.readouterr().err


@pytest.mark.parametrize(
    "url, message",
    [("/truncated.csv", "truncated: 20 of 1,000 bytes"), ("/gone.csv", "gone.csv failed (File not found)")],
)
def test_truncated_and_missing_downloads_change_nothing(server, tmp_path, capsys, url, message):
    base, _ = server
    pins = {"a.csv": pin("a.csv", base + url, A)}
    dest = tmp_path / "raw"
    assert download_files([rf("a.csv")], dest=dest, pins=pins) == 2
    err = capsys.readouterr().err
    assert message in err and "nothing was changed" in err and not dest.exists()


def test_a_snapshot_is_named_with_where_to_get_it_and_verified_when_in_place(server, tmp_path, capsys):
    base, _ = server
    pins = {
        "a.csv": pin("a.csv", f"{base}/pinned/a.csv", A),
        "s.csv": pin(
            "s.csv", "https://github.com/x/y", B, pinned="snapshot", note="stacked from git versions"
        ),
    }
    dest = tmp_path / "raw"
    assert download_files([rf("a.csv"), rf("s.csv")], dest=dest, pins=pins) == 1
    err = capsys.readouterr().err
    assert "a snapshot that cannot be downloaded as is (stacked from git versions)" in err
    assert (dest / "a.csv").read_text() == A
    (dest / "s.csv").write_text(B)
    assert download_files([rf("a.csv"), rf("s.csv")], dest=dest, pins=pins) == 0
    assert "data/raw/s.csv: verified (already in place)" in capsys.readouterr().err


def test_every_raw_input_of_the_registry_is_pinned():
    pins = load_pins()
    raw = {f.path for ds in registry().values() for f in ds.raw}
    assert raw and raw <= set(pins), sorted(raw - set(pins))
    for p in pins.values():
        assert p.pinned in ("commit", "unversioned", "snapshot") and p.size > 0 and p.taken
        if p.pinned == "commit":
            assert "raw.githubusercontent.com" in p.url and any(len(part) == 40 for part in p.url.split("/"))
        else:
            assert p.note, f"{p.path}: an input that is not commit-pinned says why"
        for m in p.mirrors:
            assert any(len(part) == 40 for part in m.split("/")), f"{p.path}: mirror {m} is not commit-pinned"


@pytest.mark.parametrize(
    "text, message",
    [
        ("- a\n- b\n", "expected a mapping"),
        ("a.csv: {url: u, sha256: abc, size: 1, pinned: commit}\n", "64 lowercase hex"),
        ("a.csv: {url: u, size: 1}\n", "missing sha256, pinned"),
        (f"a.csv: {{url: u, sha256: {'0' * 64}, size: 1, pinned: branch}}\n", "pinned must be one of"),
        ("a: [\n", "not readable YAML"),
    ],
)
def test_a_malformed_pins_file_is_one_clear_error(tmp_path, text, message):
    f = tmp_path / "raw_inputs.yaml"
    f.write_text(text)
    with pytest.raises(PinError, match=message):
        load_pins(f)


def test_a_parquet_file_is_fetched_verified_by_sha256_and_installed_as_is(server, tmp_path, capsys):
    """A parquet input (as the Hugging Face leaderboard-dataset publishes) is pinned by the sha256 of its
    bytes: download verifies bytes, not format, so the file installed is the served file byte for byte and
    reads back as the same table (pyarrow, a dependency of the project, writes and reads it here); a parquet
    file whose bytes moved on is reported as changed and not installed."""
    base, hits = server
    root = tmp_path / "www"
    table = pa.table({"model": ["a", "b"], "score": [1, 2]})
    pq.write_table(table, root / "leaderboard.parquet")
    pq.write_table(pa.table({"model": ["a", "b"], "score": [1, 3]}), root / "moved.parquet")
    data = (root / "leaderboard.parquet").read_bytes()
    assert data[:4] == b"PAR1"
    digest = hashlib.sha256(data).hexdigest()
    path = "hf/leaderboard.parquet"
    file = RawFile(path=path, url="https://huggingface.example/" + path)
    pins = {
        path: Pin(
            path=path, url=f"{base}/leaderboard.parquet", sha256=digest, size=len(data), pinned="commit"
        )
    }
    dest = tmp_path / "raw"
    assert download_files([file], dest=dest, pins=pins) == 0
    assert (dest / path).read_bytes() == data and hits["/leaderboard.parquet"] == 1
    assert pq.read_table(dest / path).equals(table)
    assert f"ok: data/raw/{path}: verified from the pinned URL" in capsys.readouterr().err

    moved = {
        path: Pin(path=path, url=f"{base}/moved.parquet", sha256=digest, size=len(data), pinned="commit")
    }
    other = tmp_path / "raw2"
    assert download_files([file], dest=other, pins=moved) == 2
    err = capsys.readouterr().err
    moved_digest = hashlib.sha256((root / "moved.parquet").read_bytes()).hexdigest()
    assert "changed upstream" in err and moved_digest[:12] in err and not (other / path).exists()
