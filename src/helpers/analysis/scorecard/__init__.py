"""Notebook 00: the verdict table read from the other notebooks' results (C1-C12).

``card = analyze(load_upstream(P.results_file))`` reads the runner's upstream document (or a results.json)
and returns a ``table.Scorecard``: the rows, the notebooks' status and ``entries()`` to record. ``claims``
holds what each claim says and where its evidence is; ``figures`` draws, ``text`` writes.
"""

from helpers.core.lazy import lazy_exports

__getattr__, __dir__, __all__ = lazy_exports(
    __name__,
    submodules=("answers", "claims", "evidence", "figures", "grid", "params", "table", "text"),
    entry_points={"Scorecard": "table", "analyze": "table", "load_upstream": "table"},
)
