"""Compatibility for ``bench/monte_carlo.py`` only, which imports the delay model from here: the module was
split into scenario, delay, rules, costs, us_china, arena_country, verdicts, figures and text. Delete this
file once the benchmark imports from ``helpers.analysis.export_controls.delay``."""

from .delay import DelayInputs, delay_summary, simulate_delay  # noqa: F401
