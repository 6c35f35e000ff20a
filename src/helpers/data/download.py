"""``python -m helpers data download``: fetch raw files from the publishers' official URLs.

Every file is fetched into a staging folder and checked (non-empty, parses as CSV, required columns,
minimum rows) before anything under ``data/raw/`` is replaced; one bad file means nothing is replaced.
Without a network the command says so in one line and exits 2.
"""

from __future__ import annotations

import io
import shutil
import socket
import sys
import tempfile
import urllib.error
import urllib.parse
import urllib.request
import zipfile
from pathlib import Path

import pandas as pd

from helpers.core import paths
from helpers.data import RawFile, registry


def _url(rf: RawFile, mirror: str | None) -> str:
    if mirror:
        return mirror.rstrip("/") + "/" + urllib.parse.quote(rf.path)
    return rf.url


def _progress(name: str, done: int, total: int | None, out) -> None:
    if total:
        width = 30
        filled = int(width * done / total)
        out.write(f"\r  {name[:40]:<40} [{'#' * filled}{'.' * (width - filled)}] {done / 1e6:6.1f} MB")
    else:
        out.write(f"\r  {name[:40]:<40} {done / 1e6:6.1f} MB")
    out.flush()


def fetch(url: str, dest: Path, name: str, timeout: float = 30.0, out=None) -> None:
    out = out or sys.stderr
    req = urllib.request.Request(url, headers={"User-Agent": "helpers-data-download/1"})
    with urllib.request.urlopen(req, timeout=timeout) as resp, open(dest, "wb") as f:
        total = resp.headers.get("Content-Length")
        total = int(total) if total and total.isdigit() else None
        done = 0
        while True:
            chunk = resp.read(1 << 16)
            if not chunk:
                break
            f.write(chunk)
            done += len(chunk)
            _progress(name, done, total, out)
    out.write("\n")


def check_file(rf: RawFile, path: Path) -> list[str]:
    """Problems with a downloaded raw file (empty list: accepted)."""
    where = f"data/raw/{rf.path}"
    if path.stat().st_size == 0:
        return [f"{where}: the download is empty"]
    data = path.read_bytes()
    if rf.member:
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as z:
                data = z.read(rf.member)
        except (zipfile.BadZipFile, KeyError) as e:
            return [f"{where}: not a zip archive holding {rf.member} ({e})"]
    if not rf.path.endswith(".csv"):
        return []
    try:
        df = pd.read_csv(io.BytesIO(data), encoding=rf.encoding, low_memory=False)
    except Exception as e:
        return [f"{where}: does not parse as CSV ({type(e).__name__}: {str(e).splitlines()[0]})"]
    problems = []
    missing = [c for c in rf.required_columns if c not in df.columns]
    if missing:
        problems.append(f"{where}: required column(s) missing: {', '.join(missing)}")
    if len(df) < rf.min_rows:
        problems.append(f"{where}: {len(df)} rows, expected at least {rf.min_rows} (truncated?)")
    return problems


def _reachable(url: str, timeout: float = 5.0) -> str | None:
    u = urllib.parse.urlparse(url)
    host, port = u.hostname, u.port or (443 if u.scheme == "https" else 80)
    try:
        socket.create_connection((host, port), timeout=timeout).close()
        return None
    except OSError as e:
        return f"{host}:{port} ({e.strerror or e})"


def download_files(
    files: list[RawFile], mirror: str | None = None, dest: Path | None = None, out=None
) -> int:
    out = out or sys.stderr
    dest = dest or paths.RAW
    if not files:
        print("nothing to download", file=out)
        return 0
    first = _url(files[0], mirror)
    unreachable = _reachable(first)
    if unreachable:
        print(f"error: no network: cannot reach {unreachable}; nothing was changed in data/raw/", file=out)
        return 2
    problems = []
    with tempfile.TemporaryDirectory(prefix="helpers-download-") as tmp:
        staged = []
        for rf in files:
            target = Path(tmp) / rf.path
            target.parent.mkdir(parents=True, exist_ok=True)
            url = _url(rf, mirror)
            try:
                fetch(url, target, rf.path, out=out)
            except (urllib.error.URLError, OSError, TimeoutError) as e:
                problems.append(f"data/raw/{rf.path}: download from {url} failed ({getattr(e, 'reason', e)})")
                continue
            bad = check_file(rf, target)
            if bad:
                problems.extend(bad)
                continue
            if rf.member:
                with zipfile.ZipFile(target) as z:
                    payload = z.read(rf.member)
                target.write_bytes(payload)
            staged.append((rf, target))
        if problems:
            for p in problems:
                print(f"error: {p}", file=out)
            print("error: nothing was changed in data/raw/", file=out)
            return 2
        for rf, target in staged:
            final = dest / rf.path
            final.parent.mkdir(parents=True, exist_ok=True)
            part = final.with_name(final.name + ".part")
            shutil.copyfile(target, part)
            part.replace(final)
    print(f"downloaded {len(staged)} file(s) into {dest}", file=out)
    return 0


def download(names=None, mirror: str | None = None) -> int:
    reg = registry()
    files, seen = [], set()
    for name in names or reg:
        if name not in reg:
            print(f"error: unknown dataset '{name}' (known: {', '.join(reg)})", file=sys.stderr)
            return 2
        for rf in reg[name].raw:
            if rf.path not in seen:
                seen.add(rf.path)
                files.append(rf)
    return download_files(files, mirror)
