"""Notebook 04: who captures the value? Cloud operating margins (C6) and API prices (C12).

``inputs = load_inputs(P)`` loads the three market tables; the sections are ``margins.margins`` (C6),
``prices.fixed_capability`` (Epoch AI's method redone and compared with its 21 fits), ``prices.frontier``
(flagship list prices per provider, ``flagships`` names them) and ``prices.cuts``; ``judge`` decides C6
and C12 with the pure rules of ``verdicts``; ``published`` lines our numbers up with the published ones;
``analyze(P)`` runs them all without a kernel (``sections.py``). ``figures`` draws, ``text`` writes.
"""

from helpers.core.lazy import lazy_exports

__getattr__, __dir__, __all__ = lazy_exports(
    __name__,
    submodules=(
        "alternatives",
        "figures",
        "flagships",
        "inputs",
        "margins",
        "methods",
        "params",
        "prices",
        "published",
        "sections",
        "text",
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
