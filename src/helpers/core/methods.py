"""The methods note of every report: one Markdown bullet per estimator, worded once here and filled with the
values a run used (resamples, seeds, lags, levels), so a rerun with other settings rewrites the note.

Each analysis package's ``text.methods`` picks the bullets its notebook uses; the section text names the
method in a few words and points here (``LINK``)."""

from __future__ import annotations

from helpers.core.text import count, fmt_number

__all__ = [
    "LINK",
    "block_bootstrap",
    "coefficient_draws",
    "hac_trend",
    "kaplan_meier",
    "lognormal",
    "monte_carlo",
    "note",
    "ols_interval",
    "percentile_bootstrap",
    "quadrature",
    "robust_trend",
    "split_lognormal",
    "split_lognormal_percentiles",
]

LINK = "[methods note](#methods)"


def _pct(level: float) -> str:
    return f"{level * 100:.0f}%"


def _seed(seed: int) -> str:
    return f"numpy's default generator, seed {int(seed)}"


def note(bullets: list[str], intro: str = "") -> str:
    """The note: an optional intro line, then the bullets in the order the report uses them."""
    head = (
        intro or "How each interval and estimate in this report is computed, with the settings of this run."
    )
    return head + "\n\n" + "\n".join(b for b in bullets if b)


def kaplan_meier(what: str, n_boot: int, seed: int, level: float = 0.95) -> str:
    """A median of right-censored waits (statsmodels' ``SurvfuncRight``) with a percentile bootstrap."""
    return (
        f"- **Median wait with unfinished waits ({what}).** A wait that has not ended by the analysis date is "
        "right-censored: it is known only to be longer than the time elapsed. The Kaplan–Meier (product-limit) "
        "estimator, statsmodels' `SurvfuncRight`, uses such a wait only while it is known to be running; the "
        "median is the first wait at which the estimated share still waiting is one half or less, and it is "
        f"unbounded when the share never falls that far. Interval: {_pct(level)} percentile bootstrap over "
        f"{count(n_boot, 'resample')} of the (wait, censored) pairs ({_seed(seed)}); an end is unbounded when, "
        "in enough resamples, fewer than half of the waits had ended."
    )


def percentile_bootstrap(
    what: str, resampled: str, n_boot: int, seed: int, level: float, caveat: str = ""
) -> str:
    """A percentile bootstrap interval: what is resampled, how often, with which seed."""
    return (
        f"- **{what}.** {_pct(level)} percentile bootstrap: {resampled} drawn with replacement, "
        f"{count(n_boot, 'resample')} ({_seed(seed)}), the estimate recomputed on each."
        + (f" {caveat}" if caveat else "")
    )


def block_bootstrap(what: str, block: int, n_boot: int, seed: int, level: float, caveat: str = "") -> str:
    """A moving-block bootstrap of the mean of a serially correlated series."""
    return (
        f"- **{what}.** The daily values are strongly autocorrelated, so a plain bootstrap would understate the "
        f"spread: {_pct(level)} moving-block bootstrap, blocks of {fmt_number(block)} consecutive days drawn with "
        f"replacement until the series' length is filled, {count(n_boot, 'resample')} ({_seed(seed)})."
        + (f" {caveat}" if caveat else "")
    )


def hac_trend(what: str, lags: int, level: float = 0.95) -> str:
    """An OLS time trend with Newey-West (HAC) standard errors."""
    return (
        f"- **{what}.** Ordinary least squares on time in years (statsmodels), with Newey–West "
        f"(heteroskedasticity- and autocorrelation-consistent, HAC) standard errors over {count(lags, 'lag')}: "
        "a monthly series carries each month's gap into the next, and ordinary standard errors would be too "
        f"small. The {_pct(level)} interval is the estimate ± the normal quantile times that error."
    )


def robust_trend(what: str, design: str, level: float = 0.95) -> str:
    """An OLS fit with HC3 heteroskedasticity-robust errors."""
    return (
        f"- **{what}.** Ordinary least squares (statsmodels) of {design}, with HC3 heteroskedasticity-robust "
        f"standard errors (suited to few points); {_pct(level)} intervals from those errors."
    )


def ols_interval(what: str, design: str, level: float, caveat: str = "") -> str:
    """An OLS fit with its classical t interval."""
    return (
        f"- **{what}.** Ordinary least squares (statsmodels) of {design}; the {_pct(level)} interval is the "
        "classical t interval of the slope, which assumes independent errors of equal variance."
        + (f" {caveat}" if caveat else "")
    )


def coefficient_draws(what: str, n: int, seed: int, level: float = 0.95) -> str:
    """An interval of a nonlinear function of fitted coefficients from draws of their normal approximation."""
    return (
        f"- **{what}.** A ratio of fitted coefficients has no closed-form interval: {fmt_number(n)} draws of the "
        f"coefficients from their estimated normal distribution ({_seed(seed)}), the ratio computed on each, "
        f"and the central {_pct(level)} of those ratios."
    )


def split_lognormal(what: str, central: float, low: float, high: float, level: float, unit: str) -> str:
    """A two-piece lognormal fitted to a published median and interval."""
    return (
        f"- **{what}: a two-piece lognormal.** The published central value ({fmt_number(central)} {unit}) is "
        f"the median; below it the log-scale spread is set so that the {_pct(level)} interval's lower end "
        f"({fmt_number(low)} {unit}) is its quantile, above it so that the upper end ({fmt_number(high)} {unit}) "
        "is. A "
        "published interval is often asymmetric in logs, and a single lognormal would miss one of its ends."
    )


def split_lognormal_percentiles(what: str, source: str) -> str:
    """Two-piece lognormals through published 5th, 50th and 95th percentiles."""
    return (
        f"- **{what}: a two-piece lognormal** through {source}: the 50th percentile is the median, and the "
        "log-scale spread below and above it is set so that the 5th and 95th percentiles are met exactly. A "
        "quantity without published percentiles is held at its median."
    )


def lognormal(what: str, factor: float, level: float) -> str:
    """A lognormal around a central value whose interval is the value divided and multiplied by a factor."""
    return (
        f"- **{what}: a lognormal** whose median is the central value and whose {_pct(level)} interval runs from "
        f"it divided by {fmt_number(factor)} to it multiplied by {fmt_number(factor)}."
    )


def monte_carlo(what: str, n_draws: int, seed: int, caveat: str = "") -> str:
    """A Monte Carlo: how many draws, which seed, what is reported."""
    return (
        f"- **{what}.** {fmt_number(n_draws)} independent draws of every uncertain input ({_seed(seed)}); the "
        "reported values are the median and percentiles of the results." + (f" {caveat}" if caveat else "")
    )


def quadrature(what: str, level: float = 0.95) -> str:
    """An interval of a difference combined from two published intervals."""
    return (
        f"- **{what}.** The publisher's own {_pct(level)} intervals of the two ratings, their half-widths combined "
        "in quadrature (the square root of the sum of squares), as if the two were independent; the two ratings "
        "come from one set of votes, so this is an approximation."
    )
