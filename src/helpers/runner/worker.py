"""What runs in a worker process: one notebook executed with papermill, then rendered and its results
collected, all inside the worker's run folder (a cache work folder).

The parent (``runner.execute``) only hands out notebooks and moves finished folders into place; papermill
and nbconvert therefore load only here, never in the process that validates parameters.
"""

from __future__ import annotations

import json
import logging
import os
import sys
import time
from pathlib import Path

from helpers.core import paths
from helpers.core.results import collect

KERNEL_NAME = "helpers-python"
_EXTRA_ENV: set[str] = set()  # in a worker: the variables an earlier notebook's stage set


def ensure_kernelspec() -> Path:
    """A kernelspec that runs this very interpreter, so papermill never hits NoSuchKernel in a venv."""
    folder = paths.BUILD / "jupyter" / "kernels" / KERNEL_NAME
    spec = {
        "argv": [
            sys.executable,
            "-m",
            "ipykernel_launcher",
            "-f",
            "{connection_file}",
            "--IPKernelApp.log_level=CRITICAL",
        ],
        "display_name": "Python (helpers)",
        "language": "python",
        # PYTHONSAFEPATH: the kernel runs in notebooks/; a stray inspect.py there must not shadow the stdlib
        "env": {"MPLBACKEND": "Agg", "PYDEVD_DISABLE_FILE_VALIDATION": "1", "PYTHONSAFEPATH": "1"},
    }
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / "kernel.json"
    text = json.dumps(spec, indent=1)
    if not target.is_file() or target.read_text() != text:
        target.write_text(text)
    return folder.parent.parent


def _first_lines(src: str, n: int = 3) -> str:
    lines = [ln for ln in src.splitlines() if ln.strip()][:n]
    return " | ".join(ln.strip()[:80] for ln in lines)


def execute(
    stem: str, nb_path: str, params: dict, workdir: str, jupyter_path: str, timeout: int, extra_env: dict
) -> dict:
    """Run in a worker process: execute one notebook into ``workdir`` (figures land there too), then render
    both HTML editions and collect its recorded results there, so renders run in parallel with the other
    notebooks instead of one after another in the parent."""
    r = _papermill(stem, nb_path, params, workdir, jupyter_path, timeout, extra_env)
    failed_inputs = read_failed_inputs(Path(workdir))
    if failed_inputs:
        r["failed_inputs"] = failed_inputs
        if r["ok"]:  # the notebook caught the error and went on without the table: still a failure
            names = ", ".join(sorted(failed_inputs))
            first = next(iter(failed_inputs.values()))[0] if failed_inputs else ""
            r = {**r, "ok": False, "error": f"input table(s) {names} failed validation: {first}"}
    out = Path(workdir) / f"{stem}.ipynb"
    if out.is_file():  # a failed notebook is rendered too: the partial notebook is for reading
        t0 = time.perf_counter()
        try:
            render_html(out, Path(workdir))
            if r["ok"]:
                results = collect(json.loads(out.read_text()))
                (Path(workdir) / "results.json").write_text(json.dumps(results, sort_keys=True))
        except Exception as e:  # a notebook that cannot be rendered is a failure of that notebook
            r = {**r, "ok": False, "error": r.get("error") or f"rendering failed: {type(e).__name__}: {e}"}
        r["render_seconds"] = time.perf_counter() - t0
    return r


def read_failed_inputs(workdir: Path) -> dict:
    """Tables the notebook's kernel could not load (``data.store`` writes them; name -> problems)."""
    try:
        doc = json.loads((workdir / paths.FAILED_INPUTS).read_text())
    except (OSError, ValueError):
        return {}
    return doc if isinstance(doc, dict) else {}


def _papermill(
    stem: str, nb_path: str, params: dict, workdir: str, jupyter_path: str, timeout: int, extra_env: dict
) -> dict:
    # papermill (about 2 s of imports) loads only in the worker processes: the parent validates parameters,
    # serves cache hits and rejects a bad run without it.
    import papermill as pm
    from papermill.exceptions import PapermillExecutionError

    from helpers.runner import engine

    logging.getLogger("papermill").setLevel(logging.WARNING)
    # the kernel inherits this environment; a worker runs several notebooks, so nothing accumulates
    os.environ["HELPERS_RUN_DIR"] = workdir
    if jupyter_path not in os.environ.get("JUPYTER_PATH", "").split(os.pathsep):
        os.environ["JUPYTER_PATH"] = jupyter_path + os.pathsep + os.environ.get("JUPYTER_PATH", "")
    os.environ["MPLBACKEND"] = "Agg"
    for key in _EXTRA_ENV - set(extra_env):
        os.environ.pop(key, None)
    os.environ.update(extra_env)
    _EXTRA_ENV.update(extra_env)
    out = Path(workdir) / f"{stem}.ipynb"
    start = time.perf_counter()
    attempts = 0
    while True:
        attempts += 1
        try:
            pm.execute_notebook(
                nb_path,
                str(out),
                parameters=params,
                kernel_name=KERNEL_NAME,
                engine_name=engine.NAME,
                # every output is written by the time the last cell ends: ending the kernel at once instead of
                # asking it to shut down and polling until it has saves 0.3-0.9 s per notebook
                shutdown_kernel="immediate",
                cwd=str(paths.NOTEBOOKS),
                progress_bar=False,
                log_output=False,
                execution_timeout=timeout,
                report_mode=False,
            )
            return {"ok": True, "seconds": time.perf_counter() - start}
        except PapermillExecutionError as e:
            return {
                "ok": False,
                "seconds": time.perf_counter() - start,
                "error": f"cell index {e.cell_index} ({_first_lines(e.source)}): {e.ename}: "
                f"{str(e.evalue).splitlines()[0] if str(e.evalue) else ''}".rstrip(),
            }
        except Exception as e:  # kernel start problems (port collisions) get one retry
            started = out.is_file() and any(
                c.get("outputs") for c in json.loads(out.read_text()).get("cells", [])
            )
            if attempts == 1 and not started:
                time.sleep(1.0)
                continue
            return {
                "ok": False,
                "seconds": time.perf_counter() - start,
                "error": f"{type(e).__name__}: {str(e).splitlines()[0] if str(e) else ''}",
            }


def render_html(nb_file: Path, folder: Path) -> None:
    """``<stem>.html`` (with code) and ``<stem>.report.html`` (for readers) beside the notebook."""
    # nbconvert (about 1.5 s of imports) loads in the workers and, for an old cache entry without
    # renders, in the parent: a warm run only copies cached renders and never loads it.
    from helpers.publish.render import render_editions

    render_editions(nb_file, folder / f"{nb_file.stem}.html", folder / f"{nb_file.stem}.report.html")
