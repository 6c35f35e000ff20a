"""What a notebook's output depends on, as hashes: its source, its parameters, the data files, the helper
package's code and the installed package versions (and, for the scorecard, the results it reads).

``cache_key`` combines them into the key of a cache entry (``runner.cache``); the same hashes go into
each run's ``manifest.json`` so a reader can tell what produced it.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from importlib import metadata
from pathlib import Path

from helpers.core import paths

DATA_SUFFIXES = {".csv", ".yaml", ".yml", ".json"}
HELPER_SUFFIXES = {".py", ".yaml", ".html", ".css", ".tpl", ".j2"}
PACKAGES = (
    "numpy",
    "pandas",
    "scipy",
    "seaborn",
    "matplotlib",
    "statsmodels",
    "papermill",
    "nbclient",
    "nbformat",
    "ipykernel",
    "nbconvert",
    "pandera",
    "pydantic",
    "PyYAML",
)


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def data_hashes() -> dict:
    """sha256 of every processed data file (``data/raw/`` and caches excluded), by path from the root."""
    out = {}
    for p in sorted(paths.DATA.rglob("*")):
        if (
            p.is_file()
            and "raw" not in p.relative_to(paths.DATA).parts[:1]
            and ".cache" not in p.parts
            and p.suffix in DATA_SUFFIXES
        ):
            out[str(p.relative_to(paths.ROOT))] = sha(p.read_bytes())
    return out


def input_problems(data_h: dict) -> list[str]:
    """Every processed table whose metadata is broken or whose file is missing or differs from the sha256
    its metadata records, one line each (read without pandas: the run's parent process never loads the
    data layer). A table that fails here fails the run, named, instead of being dropped by a notebook
    that catches the error."""
    import yaml  # deferred: only runs read metadata

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    problems = []
    folder = paths.DATA / "metadata"
    for meta_path in sorted(folder.glob("*.yaml")) if folder.is_dir() else []:
        rel_meta = str(meta_path.relative_to(paths.ROOT))
        try:
            meta = yaml.load(meta_path.read_text(encoding="utf-8"), Loader=loader)  # a safe loader
        except (OSError, UnicodeDecodeError, yaml.YAMLError, RecursionError) as e:
            first = (str(e).splitlines() or [type(e).__name__])[0]
            problems.append(f"{rel_meta}: the table's metadata cannot be read ({first[:120]})")
            continue
        if not isinstance(meta, dict):
            problems.append(f"{rel_meta}: the table's metadata must be a mapping, not {type(meta).__name__}")
            continue
        rel = str(meta.get("file") or f"data/{meta_path.stem}.csv")
        if rel not in data_h:
            problems.append(f"{rel}: the table is missing (its metadata is {rel_meta})")
        elif data_h[rel] != meta.get("sha256"):
            problems.append(
                f"{rel}: sha256 {data_h[rel][:12]}... differs from {rel_meta} "
                f"({str(meta.get('sha256'))[:12]}...): the file was changed or truncated; restore it with "
                f"'git checkout -- {rel}' (see 'python -m helpers data validate {meta_path.stem}')"
            )
    return problems


def _helper_files() -> list[Path]:
    """The helper package's files, following symlinks (a test project or a checkout may link
    ``src/helpers``; ``Path.rglob`` before Python 3.13 does not enter a linked folder, so the hash would
    cover no file and the cache would never see a change to the code)."""
    out = []
    for folder, dirs, files in os.walk(paths.SRC, followlinks=True):
        dirs[:] = [d for d in dirs if d != "__pycache__"]
        out += [Path(folder) / f for f in files if Path(f).suffix in HELPER_SUFFIXES]
    return sorted(out)


def helper_hash() -> str:
    """One sha256 over the helper package's source files (names and contents)."""
    h = hashlib.sha256()
    for p in _helper_files():
        h.update(str(p.relative_to(paths.SRC)).encode())
        h.update(p.read_bytes())
    return h.hexdigest()


def package_versions() -> dict:
    out = {"python": sys.version.split()[0]}
    for name in PACKAGES:
        try:
            out[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            pass
    return out


def cache_key(
    nb_path: Path, full_params: dict, data_h: dict, helpers_h: str, versions: dict, upstream: str = ""
) -> str:
    payload = json.dumps(
        {
            "notebook": sha(nb_path.read_bytes()),
            "params": full_params,
            "data": data_h,
            "helpers": helpers_h,
            "versions": versions,
            "upstream": upstream,
        },
        sort_keys=True,
    )
    return sha(payload.encode())[:24]


def git_commit() -> str | None:
    """The checked-out commit, read from ``.git`` directly (no git binary needed); None outside git."""
    head = paths.ROOT / ".git" / "HEAD"
    try:
        ref = head.read_text().strip()
        if ref.startswith("ref: "):
            p = paths.ROOT / ".git" / ref[5:]
            if p.is_file():
                return p.read_text().strip()
            packed = paths.ROOT / ".git" / "packed-refs"
            for line in packed.read_text().splitlines() if packed.is_file() else []:
                if line.endswith(ref[5:]):
                    return line.split()[0]
            return None
        return ref
    except OSError:
        return None
