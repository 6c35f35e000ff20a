"""``make lab-student`` starts JupyterLab on the student edition with the project's kernel (issue 15, item 3).

The test runs the Makefile target itself with ``LAB_ARGS`` (``--no-browser``, a free port, a token), waits
for the server, asks ``/api/kernelspecs`` for the project kernel (registered by the target, and the
default) and ``/api/contents`` for the student notebooks, then stops the server it started. JupyterLab is
the ``lab`` extra; without it the test is skipped and says so (``make lab`` installs it).
"""

from __future__ import annotations

import importlib.util
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from helpers.publish import seminar

REPO = Path(__file__).resolve().parents[1]

pytestmark = [
    pytest.mark.kernel,
    pytest.mark.skipif(
        importlib.util.find_spec("jupyterlab") is None,
        reason="jupyterlab is not installed in this environment (the 'lab' extra: `make lab` installs it, "
        "or pip install -e '.[test,lab]')",
    ),
    pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed"),
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(url: str) -> dict:
    with urllib.request.urlopen(url, timeout=5) as r:
        return json.loads(r.read())


def test_make_lab_student_serves_the_student_edition_with_the_project_kernel(tmp_path):
    port, token = free_port(), secrets.token_hex(16)
    args = f"--no-browser --ServerApp.ip=127.0.0.1 --ServerApp.port={port} --ServerApp.port_retries=0 "
    args += f"--IdentityProvider.token={token}"
    log = (tmp_path / "lab.log").open("w")
    proc = subprocess.Popen(
        ["make", "lab-student", f"LAB_ARGS={args}"],
        cwd=REPO,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,  # make and JupyterLab in one process group, ended together below
        env=dict(os.environ, JUPYTER_CONFIG_DIR=str(tmp_path / "jupyter-config")),
    )
    base = f"http://127.0.0.1:{port}/api"
    try:
        specs = None
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and proc.poll() is None:
            try:
                specs = get(f"{base}/kernelspecs?token={token}")
                break
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                time.sleep(0.5)
        assert specs is not None, (tmp_path / "lab.log").read_text()[-3000:]
        assert seminar.KERNEL in specs["kernelspecs"], sorted(specs["kernelspecs"])
        assert specs["default"] == seminar.KERNEL
        spec = specs["kernelspecs"][seminar.KERNEL]["spec"]
        assert spec["display_name"] == seminar.KERNEL_DISPLAY and spec["env"].get("MPLBACKEND") == "Agg"
        root = get(f"{base}/contents?token={token}")
        names = {c["name"] for c in root["content"]}
        student = {p.name for p in (REPO / "build" / "seminar" / "student").glob("*.ipynb")}
        assert student and student <= names, (names, student)
    finally:
        try:
            os.killpg(proc.pid, signal.SIGTERM)
            proc.wait(timeout=30)
        except ProcessLookupError:
            pass
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=10)
        log.close()
