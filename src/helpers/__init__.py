"""Shared helpers for the notebook collection.

Layers, imports one way only: runner -> publish -> analysis -> data -> core (see docs/architecture.md).
Nothing here imports a notebook, and analysis never imports the runner or publish.
"""

__version__ = "0.1.0"
