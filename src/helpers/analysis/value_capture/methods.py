"""Notebook 04's methods note: the estimators behind its intervals."""

from __future__ import annotations

from helpers.analysis.value_capture.prices import PRICE_LEVEL
from helpers.core import methods as m


def note(P) -> str:
    """Markdown: the fixed-capability fits, the pooled fit, the flagship fit and what the margins are."""
    return m.note(
        [
            m.ols_interval(
                "Price at fixed capability, per benchmark and threshold (C12a)",
                "log10 price on time in years, over the models that were the cheapest so far",
                level=PRICE_LEVEL,
                caveat="The factor per year is 10 to the power of minus the slope, and its interval the same "
                "transformation of the slope's. Epoch AI's published fits carry intervals of the same level.",
            ),
            m.ols_interval(
                "Pooled price at fixed capability",
                "log10 price on years since each threshold's start, with a level per threshold",
                level=PRICE_LEVEL,
            ),
            m.ols_interval(
                "Flagship list prices (C12b)",
                "log10 list price on time, with a level per provider",
                level=PRICE_LEVEL,
                caveat=(
                    "Flagship prices count as falling when the whole interval of the change per year lies below 1."
                    if P.frontier_rule == "interval"
                    else "Flagship prices count as falling when the point estimate of the change per year is below 1."
                ),
            ),
            "- **Operating margins (C6)** are reported figures (segment operating income over segment revenue), "
            "not estimates: their uncertainty is in the segment definitions and restatements, which the margins "
            "section keeps apart, and in the grade of each row's source.",
        ]
    )
