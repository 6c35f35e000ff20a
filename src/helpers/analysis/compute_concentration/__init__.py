"""Notebook 02: how concentrated each layer of the AI compute stack is, and whether five companies
control it (C5).

``inputs = load_inputs(P)`` loads the tables and picks each layer's latest period; the sections are
``trends.shares_over_time``, ``layers.concentration``, ``layers.hhi_over_time``,
``companies.named_companies`` and ``clusters.clusters``; ``judge`` decides C5 with the pure rules
of ``verdicts``; ``analyze(P)`` runs them all without a kernel (``sections.py``). ``figures`` draws, ``text`` writes.

Modules: ``measures`` (CR-n, HHI and bounds, bands, Lorenz/Gini), ``periods``, ``owners`` (Epoch's
ownership table and its Monte Carlo), ``params``.
"""

from helpers.core.lazy import lazy_exports

__getattr__, __dir__, __all__ = lazy_exports(
    __name__,
    submodules=(
        "alternatives",
        "answers",
        "clusters",
        "companies",
        "figures",
        "inputs",
        "layers",
        "measures",
        "methods",
        "owners",
        "params",
        "periods",
        "replication",
        "sections",
        "text",
        "trends",
        "verdicts",
    ),
    entry_points={
        "Analysis": "sections",
        "analyze": "sections",
        "judge": "sections",
        "Inputs": "inputs",
        "load_inputs": "inputs",
    },
)
