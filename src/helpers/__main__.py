"""Command line: ``python -m helpers run|params|data|reports|seminar|sweep ...`` (see ``--help``)."""

from __future__ import annotations

import sys


def main(argv=None) -> int:
    from helpers.runner.cli import main as _main
    return _main(argv)


if __name__ == "__main__":
    sys.exit(main())
