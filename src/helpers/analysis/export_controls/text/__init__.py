"""The prose of notebook 03, written from the analysis results: ``sections`` (one function per section and
the formatters other modules share) and ``limitations``. ``ec.text.<name>`` reaches both."""

from __future__ import annotations

from helpers.analysis.export_controls.text.limitations import limitations
from helpers.analysis.export_controls.text.sections import *  # noqa: F403
from helpers.analysis.export_controls.text.sections import __all__ as _sections

__all__ = [*_sections, "limitations"]
