"""Conventions notebook 01 shares across its sections: months, win probabilities, who counts as open.

- a *lag* is counted in months of 30.4375 days (``DAYS_PER_MONTH``);
- the *win probability* of A over B with Elo-scale ratings is 1 / (1 + 10 ** ((R_B - R_A) / 400));
- *open* follows Epoch's accessibility classes under one of two definitions (``openness``).
"""

from __future__ import annotations

import math

import pandas as pd

DAYS_PER_MONTH = 365.25 / 12


def months_between(start, end) -> float:
    """Months (30.44 days) from ``start`` to ``end`` (negative when end is earlier)."""
    return (pd.Timestamp(end) - pd.Timestamp(start)).days / DAYS_PER_MONTH


def win_probability(r_a: float, r_b: float) -> float:
    """Probability that A beats B under the Elo / Bradley-Terry model with ratings on the 400 scale."""
    return 1.0 / (1.0 + 10.0 ** ((r_b - r_a) / 400.0))


def openness(df: pd.DataFrame, definition: str = "any_open_weights") -> pd.Series:
    """Open flag under a definition: 'any_open_weights' (Epoch's open-weights classes, any licence) or
    'unrestricted_only' (only 'Open weights (unrestricted)'; restricted and non-commercial count as closed).

    Needs columns open_weights and (for 'unrestricted_only') accessibility_detail."""
    ow = df["open_weights"].astype("boolean")
    if definition == "any_open_weights":
        return ow
    if definition == "unrestricted_only":
        unrestricted = (
            df["accessibility_detail"].astype("string").eq("Open weights (unrestricted)").fillna(False)
        )
        out = ow.copy()
        out[ow.fillna(False).to_numpy() & ~unrestricted.to_numpy()] = False
        return out
    raise ValueError(f"open definition {definition!r}: allowed 'any_open_weights', 'unrestricted_only'")


def latest_full_year(as_of) -> int:
    """The last calendar year that ended on or before ``as_of``."""
    t = pd.Timestamp(as_of)
    return t.year if (t.month, t.day) == (12, 31) else t.year - 1


def finite(x) -> bool:
    """True for a number that is neither missing nor infinite."""
    return x is not None and not (isinstance(x, float) and not math.isfinite(x))


def or_none(x) -> float | None:
    """``x`` as a float for ``record``, or None when it is missing or infinite (JSON has neither)."""
    return float(x) if finite(x) else None
