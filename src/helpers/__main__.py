"""Command line: ``python -m helpers run|params|data|reports|seminar|sweep ...`` (see ``--help``).

``python -m`` puts the working directory first on ``sys.path``, so a stray ``inspect.py`` (or ``json.py``)
where the command is typed would shadow the standard library in the runner, its workers (they inherit
the parent's path) and the kernels. The working directory is dropped before anything else is imported,
and ``PYTHONSAFEPATH`` is set for every child process; the ``helpers`` console script is safe by itself.
"""

from __future__ import annotations

import os
import sys


def _safe_path() -> None:
    os.environ.setdefault("PYTHONSAFEPATH", "1")
    if sys.flags.safe_path or not sys.path:
        return
    first = sys.path[0]
    if first in ("", os.getcwd()) and not os.path.isdir(os.path.join(first or ".", "helpers")):
        sys.path.pop(0)


if __name__ == "__main__":
    _safe_path()
    from helpers.runner.cli import main

    sys.exit(main())
else:
    from helpers.runner.cli import main
