"""Command line: ``python -m helpers run|params|data|reports|seminar|sweep ...`` (see ``--help``)."""

from __future__ import annotations

import sys

from helpers.runner.cli import main

if __name__ == "__main__":
    sys.exit(main())
