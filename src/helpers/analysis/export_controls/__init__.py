"""Notebook 03: export controls, effective compute and the delay they impose (C7-C10).

    inputs = ec.load_inputs(P)                       # the tables, cut at the record's end date
    rl = ec.chips_against_rules(inputs)              # chips against the rules          (rules.py)
    sc = ec.essay_scenario(inputs, P)                # compute ratio and offset, C9     (scenario.py)
    rg = ec.restricted_growth(inputs, P)             # the restricted side's growth     (growth.py)
    dl = ec.delay_model(sc.ratio, P, rg)             # delay, Monte Carlo, tornado, C10 (delay.py)
    cr = ec.compute_record(inputs, P)                # largest runs and trends, C8      (us_china.py)
    cg = ec.capability_gap(inputs, P)                # ECI lag, C8                      (us_china.py)
    ag = ec.arena_gap(inputs, P)                     # Arena by country, C8             (arena_country.py)
    co = ec.training_costs(inputs, P)                # training costs, C7               (costs.py)
    vs = ec.judge_claims(sc, dl, cr, cg, co, P)      # [C7, C8, C9, C10]: claims.py -> the pure rules of verdicts.py
    figs = ec.published_figures(inputs, cg, co)      # published figures, reproduced    (published.py)
    res = ec.analyze(P)                              # all of the above at once, without a kernel (claims.py)

Each result has ``entries()`` for ``record_all``; ``ec.figures`` draws them and ``ec.text`` writes their prose.

The submodules and entry points load on first use (``helpers.core.lazy``): the runner imports
``export_controls.params`` to validate parameters before any kernel starts, and importing this package
must not load matplotlib, scipy and statsmodels into it (about 3 s per command).
"""

from __future__ import annotations

from helpers.core.lazy import lazy_exports

_ENTRY_POINTS = {
    "load_inputs": "inputs",
    "Inputs": "inputs",
    "chips_against_rules": "rules",
    "essay_scenario": "scenario",
    "delay_model": "delay",
    "restricted_growth": "growth",
    "published_figures": "published",
    "compute_record": "us_china",
    "capability_gap": "us_china",
    "arena_gap": "arena_country",
    "training_costs": "costs",
    "judge_claims": "claims",
    "analyze": "claims",
    "Analysis": "claims",
}
_SUBMODULES = (
    "answers",
    "inputs",
    "rules",
    "scenario",
    "delay",
    "growth",
    "us_china",
    "arena_country",
    "costs",
    "published",
    "verdicts",
    "claims",
    "specs",
    "alternatives",
    "figures",
    "text",
    "tables",
    "methods",
    "params",
)

__getattr__, __dir__, __all__ = lazy_exports(__name__, _SUBMODULES, _ENTRY_POINTS)
