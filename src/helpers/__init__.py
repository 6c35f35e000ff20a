"""Shared helpers for the notebook collection.

One direction of dependence: notebooks -> helpers -> data. Nothing here imports a notebook,
and the analysis modules (parity, concentration, efficiency) never import the runner.
"""

__version__ = "0.1.0"


class UserError(Exception):
    """A mistake in what a user asked for (a parameter, a file, a row), reported without a traceback."""
