"""``data download`` against a local HTTP server on 127.0.0.1 that serves fixtures."""

from __future__ import annotations

import functools
import http.server
import io
import threading
import zipfile

import pytest

from helpers.data import RawFile
from helpers.data.download import download_files

GOOD = "model,score\na,1\nb,2\nc,3\n"


@pytest.fixture()
def server(tmp_path):
    root = tmp_path / "www"
    root.mkdir()
    (root / "good.csv").write_text(GOOD)
    (root / "corrupt.csv").write_bytes(b'model,score\na,1\nb,"2\nc,3\n')  # cut inside a quoted field
    (root / "nocol.csv").write_text("name,value\na,1\n")
    (root / "short.csv").write_text("model,score\na,1\n")
    (root / "empty.csv").write_text("")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("inner/good.csv", GOOD)
    (root / "arch.csv").write_bytes(buf.getvalue())

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    handler = functools.partial(Quiet, directory=str(root))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    t = threading.Thread(target=httpd.serve_forever, daemon=True)
    t.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def rf(path, **kw):
    return RawFile(
        path=path,
        url="https://publisher.example/" + path,
        required_columns=("model", "score"),
        min_rows=2,
        **kw,
    )


def test_good_files_replace_the_raw_copies(server, tmp_path, capsys):
    dest = tmp_path / "raw"
    assert download_files([rf("good.csv"), rf("arch.csv", member="inner/good.csv")], server, dest) == 0
    assert (dest / "good.csv").read_text() == GOOD
    assert (dest / "arch.csv").read_text() == GOOD
    assert "#" in capsys.readouterr().err  # a progress bar was drawn


@pytest.mark.parametrize(
    "name, message",
    [
        ("corrupt.csv", "does not parse as CSV"),
        ("nocol.csv", "required column(s) missing: model, score"),
        ("short.csv", "1 rows, expected at least 2 (truncated?)"),
        ("empty.csv", "the download is empty"),
        ("missing.csv", "download from"),
    ],
)
def test_a_bad_file_is_rejected_and_nothing_is_replaced(server, tmp_path, capsys, name, message):
    dest = tmp_path / "raw"
    dest.mkdir()
    (dest / "good.csv").write_text("old\n")
    code = download_files([rf("good.csv"), rf(name)], server, dest)
    err = capsys.readouterr().err
    assert code == 2
    assert f"data/raw/{name}" in err and message in err
    assert "nothing was changed" in err
    assert (dest / "good.csv").read_text() == "old\n"
    assert not (dest / name).exists()


def test_no_network_is_one_line_and_exit_2(tmp_path, capsys):
    dest = tmp_path / "raw"
    code = download_files([rf("good.csv")], "http://127.0.0.1:9", dest)  # discard port: refused
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 2 and len(err) == 1 and err[0].startswith("error: no network")
    assert not dest.exists()
