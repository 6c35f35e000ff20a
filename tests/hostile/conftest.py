"""The hostile suite (issue 16): bad input, signals and broken files thrown at the runner and the data
layer, each expected to end in one clear line with the documented exit code and nothing lost.

Run it alone with ``pytest tests/hostile`` (``-m "not kernel"`` for the cases that start no kernel).
Exit codes: 2 a user mistake (parameter, file, name, a run of that name already going), 1 a failed
notebook, a failed input table or a machine problem (read-only or full disk), 130 interrupted (SIGINT
or SIGTERM).
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parents[1]
for p in (TESTS, TESTS / "fixtures"):
    if str(p) not in sys.path:
        sys.path.insert(0, str(p))

from test_runner import helpers, make_root  # the runner tests: throw-away project root

__all__ = ["helpers", "make_root", "one_line"]


@pytest.fixture()
def root(tmp_path):
    """A project root holding only the fixture notebooks 01_good, 02_typed and 03_failing."""
    return make_root(tmp_path)


def one_line(p, code: int, *needles: str) -> str:
    """Assert a CLI call ended with ``code`` and a single error line holding every needle."""
    err = p.stderr.strip()
    assert p.returncode == code, (p.returncode, p.stdout[-2000:], err[-2000:])
    assert "Traceback" not in p.stdout + p.stderr, err[-3000:]
    lines = [ln for ln in err.splitlines() if ln.startswith("error:")]
    assert len(lines) == 1, err
    for n in needles:
        assert n in lines[0], (n, lines[0])
    assert len(lines[0]) < 400, lines[0]
    return lines[0]
