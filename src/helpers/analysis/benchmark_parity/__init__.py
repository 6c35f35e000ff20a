"""Notebook 01: open versus closed models on benchmarks and the Arena (C1-C4).

``inputs = load_inputs(P)`` loads and cuts the tables once; each section is a function of (inputs, P)
returning a result with ``entries()`` for ``record_all``:

- ``frontier.eci``: the ECI frontiers, the Kaplan-Meier lag and the gap trend (C1);
- ``arena.arena``: best open against best closed on the Arena, and the AI Index check (C1);
- ``pairs.llama4`` and ``pairs.deepseek_v4``: measure-by-measure comparisons (C2, C3);
- ``diffusion.diffusion``: organizations above a compute threshold, delays to match a reference model and
  the open-weights share (C4, C1);
- ``replication.figures``: the published figures reproduced with their publishers' definitions;
- ``verdicts.decide``: the four verdicts from those results (the rules are pure functions of numbers);
- ``alternatives``: the analyst choices of C1-C4 with their alternatives, and the verdicts of any
  specification of them (``grid_numbers`` memoizes the numbers) for the specification grid.

``figures`` draws each result, ``text`` writes its prose; ``analyze`` (``sections.py``) runs every section at once;
``answers`` holds the exercises' keys that are reruns.
Submodules load on first use (``helpers.core.lazy``), so validating parameters stays fast.
"""

from helpers.core.lazy import lazy_exports

__getattr__, __dir__, __all__ = lazy_exports(
    __name__,
    submodules=(
        "alternatives",
        "answers",
        "arena",
        "avg_lag",
        "basics",
        "diffusion",
        "figures",
        "frontier",
        "grid_numbers",
        "inputs",
        "labels",
        "measures",
        "methods",
        "pairs",
        "params",
        "replication",
        "sections",
        "text",
        "verdicts",
    ),
    entry_points={
        "Analysis": "sections",
        "analyze": "sections",
        "Inputs": "inputs",
        "caps_as_of": "inputs",
        "load_inputs": "inputs",
        "Params": "params",
    },
)
