"""Notebook 01: open versus closed models on benchmarks and the Arena (C1-C4).

``inputs = load_inputs(P)`` loads and cuts the tables once; each section is a function of (inputs, P)
returning a result with ``entries()`` for ``record_all``:

- ``frontier.eci``: the ECI frontiers, the Kaplan-Meier lag and the gap trend (C1);
- ``arena.arena``: best open against best closed on the Arena, and the AI Index check (C1);
- ``pairs.llama4`` and ``pairs.deepseek_v4``: measure-by-measure comparisons (C2, C3);
- ``diffusion.diffusion``: organizations above a compute threshold, delays to match a reference model and
  the open-weights share (C4, C1);
- ``verdicts.decide``: the four verdicts from those results (the rules are pure functions of numbers).

``figures`` draws each result, ``text`` writes its prose; ``analyze`` runs every section at once.
"""

from __future__ import annotations

from dataclasses import dataclass

from helpers.analysis.benchmark_parity import (
    arena,
    diffusion,
    figures,
    frontier,
    measures,
    pairs,
    text,
    verdicts,
)
from helpers.analysis.benchmark_parity.inputs import Inputs, caps_as_of, load_inputs
from helpers.analysis.benchmark_parity.params import Params
from helpers.core.verdicts import Verdict

__all__ = [
    "Analysis",
    "Inputs",
    "Params",
    "analyze",
    "arena",
    "caps_as_of",
    "diffusion",
    "figures",
    "frontier",
    "load_inputs",
    "measures",
    "pairs",
    "text",
    "verdicts",
]


@dataclass(frozen=True, eq=False)
class Analysis:
    """Every section's result and the verdicts, as the notebook computes them."""

    inputs: Inputs
    eci: frontier.Eci
    arena: arena.Arena
    llama4: pairs.Llama4
    deepseek_v4: pairs.DeepSeekV4
    diffusion: diffusion.Diffusion
    verdicts: list[Verdict]

    def entries(self) -> dict:
        """Every recorded result of notebook 01 (the verdicts included), keyed as in results.json."""
        out = {}
        for section in (self.eci, self.arena, self.llama4, self.deepseek_v4, self.diffusion):
            out.update(section.entries())
        for v in self.verdicts:
            out[v.key] = {"value": v.value, "claims": [v.claim], "note": v.reason}
        return out


def analyze(P: Params, inputs: Inputs | None = None) -> Analysis:
    """Notebook 01 without a kernel: every section and the verdicts for parameters ``P``."""
    inputs = inputs if inputs is not None else load_inputs(P)
    e, a = frontier.eci(inputs, P), arena.arena(inputs, P)
    c2, c3, d = pairs.llama4(inputs, P), pairs.deepseek_v4(inputs, P), diffusion.diffusion(inputs, P)
    return Analysis(
        inputs=inputs,
        eci=e,
        arena=a,
        llama4=c2,
        deepseek_v4=c3,
        diffusion=d,
        verdicts=verdicts.decide(e, a, c2, c3, d, P),
    )
