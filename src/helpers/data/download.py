"""``python -m helpers data download``: fetch the raw inputs and check them against their pins.

``data/raw_inputs.yaml`` pins every raw input: its URL (commit-pinned where the publisher allows, else the
publisher's unversioned URL backed by commit-pinned mirrors of the same bytes), the member of a zip, and
the sha256 and size of the collection's copy. Download fetches each distinct URL once into a staging folder,
extracts members, and accepts a file only when its sha256 matches the pin (a file without a pin only when it
parses with the required columns). Then, per file, it says one of:

- verified (from the pinned URL or a mirror) — installed;
- changed upstream (the new sha256): the publisher's file is not the collection's version; nothing of it
  is installed (``data refresh`` builds a new vintage from it instead);
- unreachable, or rejected (empty, truncated, not the expected zip member, not CSV), with a one-line fix;
- a snapshot that cannot be downloaded as is (assembled from many versions or an API): where to get it.

Nothing in ``data/raw/`` is replaced unless every file that could be fetched verified (a vintage stays
one consistent set); a snapshot already in place with the pinned hash counts as verified. Without a
network the command says so in one line and exits 2.
"""

from __future__ import annotations

import hashlib
import io
import shutil
import socket
import sys
import tempfile
import urllib.error
import urllib.parse
import urllib.request
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import yaml

from helpers.core import paths
from helpers.data import RawFile, registry

PINS_FILE = "raw_inputs.yaml"
PIN_KINDS = ("commit", "unversioned", "snapshot")


@dataclass(frozen=True)
class Pin:
    path: str  # relative to data/raw/
    url: str
    sha256: str
    size: int
    pinned: str  # commit | unversioned | snapshot
    taken: str = ""
    member: str | None = None
    mirrors: tuple[str, ...] = ()
    note: str = ""
    latest: str = ""  # where the newest version is published (a branch URL for a commit-pinned input)

    def newest_url(self) -> str | None:
        """Where ``data refresh`` looks for a newer version (None: a snapshot, refreshed by hand)."""
        if self.pinned == "snapshot":
            return None
        return self.latest or self.url


class PinError(ValueError):
    pass


def load_pins(file: Path | None = None) -> dict[str, Pin]:
    """The pins of ``data/raw_inputs.yaml``; a malformed entry is an error naming the file and entry."""
    file = file or paths.DATA / PINS_FILE
    if not file.is_file():
        return {}
    where = file.name
    try:
        doc = yaml.safe_load(file.read_text(encoding="utf-8")) or {}
    except (yaml.YAMLError, UnicodeDecodeError) as e:
        raise PinError(f"{where}: not readable YAML ({str(e).splitlines()[0]})") from None
    if not isinstance(doc, dict):
        raise PinError(f"{where}: expected a mapping of raw paths to pins")
    pins = {}
    for path, e in doc.items():
        if not isinstance(e, dict):
            raise PinError(f"{where}: {path}: expected a mapping with url, sha256, size and pinned")
        missing = [k for k in ("url", "sha256", "size", "pinned") if k not in e]
        if missing:
            raise PinError(f"{where}: {path}: missing {', '.join(missing)}")
        if e["pinned"] not in PIN_KINDS:
            raise PinError(
                f"{where}: {path}: pinned must be one of {', '.join(PIN_KINDS)} (got {e['pinned']!r})"
            )
        sha = str(e["sha256"])
        if len(sha) != 64 or any(c not in "0123456789abcdef" for c in sha):
            raise PinError(f"{where}: {path}: sha256 must be 64 lowercase hex digits")
        pins[str(path)] = Pin(
            path=str(path),
            url=str(e["url"]),
            sha256=sha,
            size=int(e["size"]),
            pinned=e["pinned"],
            taken=str(e.get("taken", "")),
            member=e.get("member"),
            mirrors=tuple(e.get("mirrors", ())),
            note=str(e.get("note", "")),
            latest=str(e.get("latest", "")),
        )
    return pins


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _progress(name: str, done: int, total: int | None, out) -> None:
    if total:
        width = 30
        filled = int(width * done / total)
        out.write(f"\r  {name[:40]:<40} [{'#' * filled}{'.' * (width - filled)}] {done / 1e6:6.1f} MB")
    else:
        out.write(f"\r  {name[:40]:<40} {done / 1e6:6.1f} MB")
    out.flush()


def fetch(url: str, dest: Path, name: str, timeout: float = 30.0, out=None) -> None:
    """Fetch ``url`` into ``dest``; a response shorter than its Content-Length is an error (truncated)."""
    out = out or sys.stderr
    req = urllib.request.Request(url, headers={"User-Agent": "helpers-data-download/2"})
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
    if total is not None and done < total:
        raise OSError(f"truncated: {done:,} of {total:,} bytes")


def extract(data: bytes, member: str) -> bytes:
    """``member`` of a zip archive (matched by its path, or by its file name when the archive has folders)."""
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        names = z.namelist()
        if member in names:
            return z.read(member)
        same = [n for n in names if n.rsplit("/", 1)[-1] == member.rsplit("/", 1)[-1]]
        if len(same) == 1:
            return z.read(same[0])
        raise KeyError(f"no member {member!r} (the archive holds {len(names)} files)")


def check_content(rf: RawFile, data: bytes) -> list[str]:
    """Problems with a raw file's bytes (empty list: accepted): empty, not CSV, columns, too few rows."""
    where = f"data/raw/{rf.path}"
    if not data:
        return [f"{where}: the download is empty"]
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


def check_file(rf: RawFile, path: Path) -> list[str]:
    """Problems with a downloaded raw file (the zip member when ``rf.member`` is set)."""
    data = path.read_bytes()
    if rf.member and data:
        try:
            data = extract(data, rf.member)
        except (zipfile.BadZipFile, KeyError) as e:
            return [f"data/raw/{rf.path}: not a zip archive holding {rf.member} ({e})"]
    return check_content(rf, data)


def _host(url: str) -> tuple[str | None, int]:
    u = urllib.parse.urlparse(url)
    return u.hostname, u.port or (443 if u.scheme == "https" else 80)


def _reachable(url: str, timeout: float = 5.0) -> str | None:
    host, port = _host(url)
    if not host:
        return f"{url} (not an http(s) URL: give --mirror as http://HOST:PORT/path)"
    try:
        socket.create_connection((host, port), timeout=timeout).close()
        return None
    except OSError as e:
        return f"{host}:{port} ({e.strerror or e})"


@dataclass
class Outcome:
    rf: RawFile
    status: str  # verified | changed | failed | snapshot
    message: str
    data: bytes | None = None


class Fetcher:
    """Fetches each distinct URL once per download (the Epoch zip serves seven inputs)."""

    def __init__(self, staging: Path, out):
        self.staging, self.out = staging, out
        self.got: dict[str, bytes | Exception] = {}

    def get(self, url: str, name: str) -> bytes:
        if url not in self.got:
            target = self.staging / f"{len(self.got):03d}"
            try:
                fetch(url, target, name, out=self.out)
                self.got[url] = target.read_bytes()
            except (urllib.error.URLError, OSError, TimeoutError, ValueError) as e:
                self.got[url] = e
        got = self.got[url]
        if isinstance(got, Exception):
            raise got
        return got


def _one(rf: RawFile, pin: Pin | None, mirror: str | None, fetcher: Fetcher, dest: Path) -> Outcome:
    where = f"data/raw/{rf.path}"
    present = dest / rf.path
    if pin is not None and present.is_file() and sha256_of(present.read_bytes()) == pin.sha256:
        return Outcome(rf, "verified", f"{where}: verified (already in place)")
    if mirror:  # a mirror of the raw folder: every input by its path, members already extracted
        member = (pin.member if pin else None) or rf.member
        candidates = [(mirror.rstrip("/") + "/" + urllib.parse.quote(rf.path), member, "the mirror")]
    elif pin is not None and pin.pinned == "snapshot":
        return Outcome(
            rf,
            "snapshot",
            f"{where}: a snapshot that cannot be downloaded as is ({pin.note}); place it at {where} "
            f"(sha256 {pin.sha256[:12]}…) or use --mirror",
        )
    else:
        url = pin.url if pin else rf.url
        member = pin.member if pin else rf.member
        candidates = [(url, member, "the pinned URL" if pin and pin.pinned == "commit" else "the publisher")]
        candidates += [(m, None, "a pinned mirror") for m in (pin.mirrors if pin else ())]
    changed, errors = None, []
    for url, member, label in candidates:
        try:
            data = fetcher.get(url, rf.path)
        except Exception as e:
            errors.append(f"download from {url} failed ({getattr(e, 'reason', None) or e})")
            continue
        if member and (data[:4] == b"PK\x03\x04" or label != "the mirror"):  # a mirror may hold it extracted
            try:
                data = extract(data, member) if data else data
            except (zipfile.BadZipFile, KeyError) as e:
                errors.append(f"{url} is not a zip archive holding {member} ({e})")
                continue
        if pin is None:
            bad = check_content(rf, data)
            if bad:
                errors.extend(b.removeprefix(where + ": ") for b in bad)
                continue
            return Outcome(rf, "verified", f"{where}: accepted from {label} (no pinned sha256)", data)
        digest = sha256_of(data)
        if digest == pin.sha256:
            return Outcome(rf, "verified", f"{where}: verified from {label}", data)
        bad = check_content(rf, data)
        if bad:
            errors.extend(f"{b.removeprefix(where + ': ')} (from {url})" for b in bad)
        elif changed is None:
            changed = (url, digest, len(data))
    if changed is not None:
        url, digest, size = changed
        return Outcome(
            rf,
            "changed",
            f"{where}: changed upstream at {url} (sha256 {digest[:12]}…, {size:,} bytes; pinned "
            f"{pin.sha256[:12]}…, {pin.size:,} bytes): not installed; 'data refresh' builds a new vintage from it",
        )
    fix = (
        "check the network or pass --mirror URL"
        if any("Errno" in e or "refused" in e for e in errors)
        else ""
    )
    return Outcome(rf, "failed", f"{where}: {'; '.join(errors)}" + (f" ({fix})" if fix else ""))


def download_files(
    files: list[RawFile],
    mirror: str | None = None,
    dest: Path | None = None,
    out=None,
    pins: dict[str, Pin] | None = None,
) -> int:
    """Fetch, verify and (only when nothing failed) install ``files``. Exit code: 0 every file verified,
    1 verified files installed but snapshots still to be placed by hand, 2 nothing replaced."""
    out = out or sys.stderr
    dest = dest or paths.RAW
    pins = load_pins() if pins is None else pins
    if not files:
        print("nothing to download", file=out)
        return 0
    probe = [f for f in files if not (pins.get(f.path) and pins[f.path].pinned == "snapshot")] or files
    first = (
        mirror.rstrip("/") + "/"
        if mirror
        else (pins[probe[0].path].url if probe[0].path in pins else probe[0].url)
    )
    unreachable = _reachable(first)
    if unreachable:
        print(f"error: no network: cannot reach {unreachable}; nothing was changed in data/raw/", file=out)
        return 2
    with tempfile.TemporaryDirectory(prefix="helpers-download-") as tmp:
        fetcher = Fetcher(Path(tmp), out)
        outcomes = [_one(rf, pins.get(rf.path), mirror, fetcher, dest) for rf in files]
        bad = [o for o in outcomes if o.status in ("failed", "changed")]
        for o in outcomes:
            print(
                ("ok: " if o.status == "verified" else "note: " if o.status == "snapshot" else "error: ")
                + o.message,
                file=out,
            )
        if bad:
            print(
                f"error: {len(bad)} of {len(files)} file(s) did not verify: nothing was changed in data/raw/",
                file=out,
            )
            return 2
        installed = 0
        for o in outcomes:
            if o.data is None:
                continue
            final = dest / o.rf.path
            final.parent.mkdir(parents=True, exist_ok=True)
            part = final.with_name(final.name + ".part")
            part.write_bytes(o.data)
            part.replace(final)
            installed += 1
    snaps = [o for o in outcomes if o.status == "snapshot"]
    print(
        f"downloaded {installed} file(s) into {dest}; {len(outcomes) - len(snaps)} of {len(outcomes)} verified"
        + (f"; {len(snaps)} snapshot(s) to place by hand (see the notes above)" if snaps else ""),
        file=out,
    )
    return 1 if snaps else 0


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
    try:
        pins = load_pins()
    except PinError as e:
        print(f"error: data/{e}", file=sys.stderr)
        return 2
    return download_files(files, mirror, pins=pins)


def copy_tree_atomic(src: Path, dst: Path) -> None:
    """Replace ``dst`` with a copy of ``src`` in one rename (used by ``data refresh --accept``)."""
    tmp = dst.with_name(f".{dst.name}.incoming")
    if tmp.exists():
        shutil.rmtree(tmp)
    shutil.copytree(src, tmp)
    old = dst.with_name(f".{dst.name}.old")
    if dst.exists():
        dst.rename(old)
    tmp.rename(dst)
    if old.exists():
        shutil.rmtree(old)
