"""Every section of notebook 01 at once, with the verdicts: what ``analyze`` returns."""

from __future__ import annotations

from dataclasses import dataclass

from helpers.analysis.benchmark_parity import arena, diffusion, frontier, pairs, replication, verdicts
from helpers.analysis.benchmark_parity.inputs import Inputs, load_inputs
from helpers.analysis.benchmark_parity.params import Params
from helpers.core import replication as rep
from helpers.core.verdicts import Verdict


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
    figures: list[rep.Figure]  # the published figures, reproduced (``replication.figures``)

    def entries(self) -> dict:
        """Every recorded result of notebook 01 (the verdicts included), keyed as in results.json."""
        out = {}
        for section in (self.eci, self.arena, self.llama4, self.deepseek_v4, self.diffusion):
            out.update(section.entries())
        for v in self.verdicts:
            out[v.key] = {"value": v.value, "claims": [v.claim], "note": v.reason}
        out[rep.KEY] = rep.entry(self.figures)
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
        figures=replication.figures(inputs, e, a, d, P),
    )
