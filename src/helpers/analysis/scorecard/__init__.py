"""Notebook 00: the verdict table read from the other notebooks' results (C1-C12).

``card = analyze(load_upstream(P.results_file))`` reads the runner's upstream document (or a results.json)
and returns a ``table.Scorecard``: the rows, the notebooks' status and ``entries()`` to record. ``claims``
holds what each claim says and where its evidence is; ``figures`` draws, ``text`` writes.
"""

from __future__ import annotations

from helpers.analysis.scorecard import claims, figures, table, text
from helpers.analysis.scorecard.table import Scorecard, analyze, load_upstream

__all__ = ["Scorecard", "analyze", "claims", "figures", "load_upstream", "table", "text"]
