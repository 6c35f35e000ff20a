"""Answer keys of notebook 02's exercises that compare guideline bands, computed by the analysis itself so
that a key never disagrees with a rerun under the exercise's parameters (a test reruns each).

    cc.answers.bands_2023_vs_2010(conc)   # exercise 1: each layer's band by both guidelines, from both bounds

A layer's band comes from its whole HHI range (lower and upper bound), as the notebook's verdict reads it,
and the 2023 and 2010 columns use the guidelines' own thresholds, whatever the run's parameters are.
"""

from __future__ import annotations

import pandas as pd

from helpers.analysis.compute_concentration.measures import GUIDELINES, band_range

__all__ = ["bands_2023_vs_2010"]


def bands_2023_vs_2010(conc) -> pd.DataFrame:
    """Layer, HHI range, its band by the 2023 and by the 2010 merger guidelines, and whether it changes."""
    t = conc.hhi_table.copy()
    for year in ("2023", "2010"):
        moderate, high = GUIDELINES[year]
        t[f"band ({year} guidelines)"] = [
            band_range(lo, hi, moderate, high) for lo, hi in zip(t["hhi_low"], t["hhi_high"])
        ]
    t["changes"] = (t["band (2023 guidelines)"] != t["band (2010 guidelines)"]).map(
        {True: "yes", False: "no"}
    )
    return t.rename(columns={"layer": "Layer", "hhi_low": "HHI, low", "hhi_high": "HHI, high"})
